#pragma once

#include "image.hpp"

#include <obs.h>

#include <chrono>
#include <functional>
#include <string>

namespace stagehand::test {

// Graphics context required. Clears `target` to transparent, sets a pixel projection and
// premultiplied blending, and runs `draw` into it, as OBS draws a source into a scene.
bool draw_into(gs_texrender_t* target, std::uint32_t width, std::uint32_t height,
               const std::function<void()>& draw);

// A libobs instance without a frontend, as the render tests and the benchmark need it.
// Requires an X display (run under xvfb-run).
class HeadlessObs {
public:
    struct Options {
        std::uint32_t width = 640;
        std::uint32_t height = 360;
        bool load_stagehand = true;
        bool load_text_freetype2 = true;
    };

    HeadlessObs() = default;
    ~HeadlessObs();
    HeadlessObs(const HeadlessObs&) = delete;
    HeadlessObs& operator=(const HeadlessObs&) = delete;

    // Starts libobs and loads the requested modules. On failure returns false with a reason.
    bool start(const Options& options, std::string& error);

    // Renders `source` alone into a transparent width x height target and reads it back.
    Image render(obs_source_t* source, std::uint32_t width, std::uint32_t height);

    // Renders until the source has drawn something or `timeout` passes: settings reach a video
    // source on libobs' next video tick, so a new source is blank for a frame or two.
    Image render_when_ready(obs_source_t* source, std::uint32_t width, std::uint32_t height,
                            std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

    // Waits until the source reports a non-zero size that holds for several frames. Text
    // sources size themselves on a tick, and OBS's text_ft2_source sets its height in two steps
    // (the tallest glyph, then the laid-out text): a size read between them is too short.
    bool wait_for_size(obs_source_t* source,
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

private:
    bool open_module(const std::string& path, const std::string& data, std::string& error);

    void* display_ = nullptr;
    bool started_ = false;
    std::string config_dir_;
};

} // namespace stagehand::test
