#include "obs/snapshot.hpp"

#include <cmath>
#include <cstring>
#include <thread>
#include <utility>

namespace stagehand {

bool Snapshot::any_coverage() const {
    for (std::size_t i = 3; i < rgba.size(); i += 4)
        if (rgba[i] != 0)
            return true;
    return false;
}

bool draw_into(gs_texrender_t* target, std::uint32_t width, std::uint32_t height,
               const std::function<void()>& draw) {
    gs_texrender_reset(target);
    if (!gs_texrender_begin(target, width, height))
        return false;
    vec4 clear;
    vec4_zero(&clear);
    gs_clear(GS_CLEAR_COLOR, &clear, 0.0f, 0);
    gs_ortho(0.0f, float(width), 0.0f, float(height), -100.0f, 100.0f);
    gs_blend_state_push();
    gs_blend_function(GS_BLEND_ONE, GS_BLEND_INVSRCALPHA);
    draw();
    gs_blend_state_pop();
    gs_texrender_end(target);
    return true;
}

Snapshot capture(std::uint32_t width, std::uint32_t height, const std::function<void()>& draw) {
    Snapshot image;
    if (width == 0 || height == 0)
        return image;
    obs_enter_graphics();
    gs_texrender_t* target = gs_texrender_create(GS_RGBA, GS_ZS_NONE);
    gs_stagesurf_t* stage = gs_stagesurface_create(width, height, GS_RGBA);
    if (target && stage && draw_into(target, width, height, draw)) {
        gs_stage_texture(stage, gs_texrender_get_texture(target));
        uint8_t* data = nullptr;
        uint32_t linesize = 0;
        if (gs_stagesurface_map(stage, &data, &linesize)) {
            image.width = width;
            image.height = height;
            image.rgba.resize(static_cast<std::size_t>(width) * height * 4);
            for (std::uint32_t y = 0; y < height; ++y)
                std::memcpy(image.rgba.data() + static_cast<std::size_t>(y) * width * 4,
                            data + static_cast<std::size_t>(y) * linesize, width * 4);
            gs_stagesurface_unmap(stage);
        }
    }
    if (stage)
        gs_stagesurface_destroy(stage);
    if (target)
        gs_texrender_destroy(target);
    obs_leave_graphics();
    return image;
}

Snapshot capture_source(obs_source_t* source, double scale) {
    const auto width =
        static_cast<std::uint32_t>(std::lround(obs_source_get_width(source) * scale));
    const auto height =
        static_cast<std::uint32_t>(std::lround(obs_source_get_height(source) * scale));
    return capture(width, height, [&] {
        gs_matrix_push();
        gs_matrix_scale3f(static_cast<float>(scale), static_cast<float>(scale), 1.0f);
        obs_source_video_render(source);
        gs_matrix_pop();
    });
}

Snapshot settled(const std::function<Snapshot()>& draw, std::chrono::milliseconds timeout,
                 const std::atomic<bool>* cancel) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    Snapshot last = draw();
    int same = 0;
    while (std::chrono::steady_clock::now() < deadline && !(cancel && cancel->load())) {
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
        Snapshot next = draw();
        same = next.any_coverage() && next.rgba == last.rgba ? same + 1 : 0;
        last = std::move(next);
        if (same >= 3)
            break;
    }
    return last;
}

bool wait_for_size(obs_source_t* source, std::chrono::milliseconds timeout,
                   const std::atomic<bool>* cancel) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const auto size = [source] {
        return std::pair(obs_source_get_width(source), obs_source_get_height(source));
    };
    auto seen = size();
    int unchanged = 0; // polls in a row with the same non-zero size; 6 x 20 ms spans 3+ frames
    while (seen.first == 0 || seen.second == 0 || unchanged < 6) {
        if (std::chrono::steady_clock::now() >= deadline || (cancel && cancel->load()))
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const auto now = size();
        unchanged = now == seen ? unchanged + 1 : 0;
        seen = now;
    }
    return true;
}

} // namespace stagehand
