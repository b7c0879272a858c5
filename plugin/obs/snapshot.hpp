#pragma once

#include <obs.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

namespace stagehand {

// An RGBA8 picture with premultiplied alpha, as read back from a libobs render target.
struct Snapshot {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<std::uint8_t> rgba;

    const std::uint8_t* pixel(std::uint32_t x, std::uint32_t y) const {
        return rgba.data() + (static_cast<std::size_t>(y) * width + x) * 4;
    }
    bool empty() const { return width == 0 || height == 0; }
    // True when any pixel has non-zero alpha.
    bool any_coverage() const;
};

// Graphics context required. Clears `target` to transparent, sets a pixel projection and
// premultiplied blending, and runs `draw` into it, as OBS draws a source into a scene.
bool draw_into(gs_texrender_t* target, std::uint32_t width, std::uint32_t height,
               const std::function<void()>& draw);

// Draws with `draw` into a transparent width x height target and reads it back. Takes the
// graphics context for the drawing and the read-back (a few milliseconds for a thumbnail); never
// call it from OBS's graphics thread.
Snapshot capture(std::uint32_t width, std::uint32_t height, const std::function<void()>& draw);

// `source` drawn at `scale` of its own size.
Snapshot capture_source(obs_source_t* source, double scale = 1.0);

// Draws until three drawings in a row are the same and not empty, or `timeout` passes, or
// `cancel` is set: a new source takes a video tick for its settings and its worker's first
// picture, a featured question arrives a little later. The last drawing.
Snapshot settled(const std::function<Snapshot()>& draw,
                 std::chrono::milliseconds timeout = std::chrono::seconds(6),
                 const std::atomic<bool>* cancel = nullptr);

// Waits until the source reports a non-zero size that holds for several frames (text sources
// size themselves on a tick, some in two steps). False after `timeout` or on `cancel`.
bool wait_for_size(obs_source_t* source,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(3000),
                   const std::atomic<bool>* cancel = nullptr);

} // namespace stagehand
