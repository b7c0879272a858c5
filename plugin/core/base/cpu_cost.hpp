#pragma once

#include <array>
#include <cstdint>

namespace stagehand::core {

// What the plugin costs on threads that are not its own: OBS's graphics thread (drawing the
// overlays, with the driver work a draw call does there), its video thread (ticks), its UI
// thread (the dock) and wherever an event is handed to obs-websocket. Measured with the calling
// thread's CPU clock, so time the thread spent waiting is not counted. Stagehand's own threads
// are named "stagehand-..." and measured from outside (bench/soak.sh).
// Where Stagehand runs on OBS's threads: drawing and ticking its sources, the dock, handing
// events to obs-websocket, and answering requests (obs-websocket's and scripts').
enum class CostPlace : int { draw, tick, dock, events, requests };
inline constexpr int kCostPlaces = 5;

const char* cost_place_name(CostPlace place) noexcept;

// CPU time the calling thread has used, in nanoseconds; -1 where the platform cannot say.
std::int64_t thread_cpu_ns() noexcept;

// The places OBS calls every frame for every source (draw, tick) are timed one call in this
// many, and the time found scaled up: timing a call costs two system calls (reading the
// thread's CPU clock, some 0.7 µs on a virtual machine), as much as a still source's whole tick.
// Timing one call in eight, the meter was still an eighth of what Stagehand spent outside the
// driver on the graphics thread; a show's 60 frames a second of five sources time some 2,000
// calls a minute at one in 32. The dock, obs-websocket events and requests are timed at every
// call.
inline constexpr std::int64_t kCostSampleEvery = 32;
bool cost_place_is_sampled(CostPlace place) noexcept;

// Adds the CPU time of its scope on the calling thread to `place` and counts the call (for a
// sampled place, one call in kCostSampleEvery is timed and counts for that many); nothing on
// Stagehand's own threads (core::this_thread_is_own), which are measured whole.
class CostMeter {
public:
    explicit CostMeter(CostPlace place) noexcept;
    ~CostMeter();
    CostMeter(const CostMeter&) = delete;
    CostMeter& operator=(const CostMeter&) = delete;

private:
    CostPlace place_;
    std::int64_t start_;
};

struct CostTotals {
    // CPU time, in nanoseconds; for the sampled places, estimated from the calls timed.
    std::array<std::int64_t, kCostPlaces> ns{};
    std::array<std::uint64_t, kCostPlaces> calls{};
};

// Everything measured since the module loaded. Safe from any thread.
CostTotals cost_totals() noexcept;

// Bytes of the textures Stagehand holds now (glyph-atlas pages, the cards' pictures): video
// memory on a GPU; under a software renderer (Mesa's llvmpipe) the process's own memory, inside
// its PSS. Kept by the render layer as it makes and frees them. Safe from any thread.
void add_texture_bytes(std::int64_t delta) noexcept;
std::int64_t texture_bytes() noexcept;

} // namespace stagehand::core
