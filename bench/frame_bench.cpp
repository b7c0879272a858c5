// Frame cost in headless libobs: a Stagehand source and OBS's stock text_ft2_source drawing the
// same 40 lines of code at the same size, measured alternately in one run. Prints a table with
// medians and the ratio Stagehand / text_ft2 (below 1.0 means Stagehand is cheaper).
#include "bench_text.hpp"
#include "card_bench.hpp"
#include "headless_obs.hpp"

#include <obs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

using stagehand::test::HeadlessObs;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kFontSize = 24;
constexpr const char* kFace = "JetBrains Mono";

void set_font(obs_data_t* settings) {
    obs_data_t* font = obs_data_create();
    obs_data_set_string(font, "face", kFace);
    obs_data_set_int(font, "size", kFontSize);
    obs_data_set_obj(settings, "font", font);
    obs_data_release(font);
}

obs_source_t* make_stagehand(const std::string& text, std::uint32_t w, std::uint32_t h,
                             bool panel) {
    obs_data_t* s = obs_data_create();
    obs_data_set_int(s, "width", w);
    obs_data_set_int(s, "height", h);
    if (!panel) {
        obs_data_set_int(s, "background_color", 0);
        obs_data_set_int(s, "border_color", 0);
        obs_data_set_int(s, "shadow_color", 0);
        obs_data_set_double(s, "padding", 0.0);
    }
    set_font(s);
    obs_data_set_string(s, "text", text.c_str());
    obs_data_set_int(s, "text_color", 0xFFFFFFFF);
    // The same plain text as text_ft2 draws: no highlighting colours, no line numbers.
    obs_data_set_string(s, "theme", "custom");
    obs_data_set_bool(s, "line_numbers", false);
    obs_data_set_bool(s, "window_chrome", false);
    obs_source_t* src = obs_source_create_private("stagehand_code", "bench", s);
    obs_data_release(s);
    return src;
}

obs_source_t* make_ft2(const std::string& text) {
    obs_data_t* s = obs_data_create();
    set_font(s);
    obs_data_set_string(s, "text", text.c_str());
    obs_source_t* src = obs_source_create_private("text_ft2_source", "bench ft2", s);
    obs_data_release(s);
    return src;
}

// CPU time of one video_render call: what a source costs OBS's graphics thread each frame.
double submit_ms(obs_source_t* source, gs_texrender_t* target, std::uint32_t w, std::uint32_t h) {
    double ms = 0;
    obs_enter_graphics();
    stagehand::test::draw_into(target, w, h, [&] {
        const auto t0 = Clock::now();
        obs_source_video_render(source);
        ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    });
    obs_leave_graphics();
    return ms;
}

struct Row {
    std::string what;
    double stagehand;
    double stock;
};

} // namespace

int main() {
    HeadlessObs obs;
    std::string error;
    HeadlessObs::Options options;
    options.width = 1920;
    options.height = 1080;
    options.load_image_source = true;
    if (!obs.start(options, error)) {
        std::fprintf(stderr, "frame bench: %s\n", error.c_str());
        return 1;
    }
    const std::string text = stagehand::bench::code_lines(40);
    obs_source_t* ft2 = make_ft2(text);
    if (!obs.wait_for_size(ft2)) {
        std::fprintf(stderr, "frame bench: text_ft2_source never got a size\n");
        return 1;
    }
    const std::uint32_t w = obs_source_get_width(ft2), h = obs_source_get_height(ft2);
    obs_source_t* ours = make_stagehand(text, w, h, false);
    obs_source_t* ours_panel = make_stagehand(text, w + 80, h + 80, true);
    // Let both settle (first ticks build atlases and buffers), and check that both draw.
    const bool ours_draws = obs.render_when_ready(ours, w, h).any_coverage();
    const bool ft2_draws = obs.render_when_ready(ft2, w, h).any_coverage();
    if (!ours_draws || !ft2_draws) {
        std::fprintf(stderr, "frame bench: %s drew nothing (%ux%u)\n",
                     ours_draws ? "text_ft2_source" : "the Stagehand source", w, h);
        obs_source_release(ours);
        obs_source_release(ours_panel);
        obs_source_release(ft2);
        return 1;
    }

    const int frames = std::getenv("STAGEHAND_BENCH_FRAMES")
                           ? std::atoi(std::getenv("STAGEHAND_BENCH_FRAMES"))
                           : 300;
    obs_enter_graphics();
    gs_texrender_t* target = gs_texrender_create(GS_RGBA, GS_ZS_NONE);
    obs_leave_graphics();

    std::vector<double> submit_ours, submit_ft2, submit_panel, full_ours, full_ft2;
    for (int i = 0; i < frames; ++i) {
        // Alternate so both see the same machine load.
        submit_ours.push_back(submit_ms(ours, target, w, h));
        submit_ft2.push_back(submit_ms(ft2, target, w, h));
        submit_panel.push_back(submit_ms(ours_panel, target, w + 80, h + 80));
    }
    obs_enter_graphics();
    gs_stagesurf_t* stage = gs_stagesurface_create(w, h, GS_RGBA);
    obs_leave_graphics();
    for (int i = 0; i < std::max(frames / 20, 5); ++i) {
        full_ours.push_back(stagehand::bench::frame_ms([&] { obs_source_video_render(ours); },
                                                       target, stage, w, h, 20));
        full_ft2.push_back(stagehand::bench::frame_ms([&] { obs_source_video_render(ft2); }, target,
                                                      stage, w, h, 20));
    }

    const char* renderer = nullptr;
    obs_enter_graphics();
    renderer = gs_get_device_name();
    gs_texrender_destroy(target);
    gs_stagesurface_destroy(stage);
    obs_leave_graphics();

    const std::vector<Row> rows = {
        {"video_render CPU time, 40 lines (median ms)", stagehand::bench::median(submit_ours),
         stagehand::bench::median(submit_ft2)},
        {"same, Stagehand with panel+shadow (median ms)", stagehand::bench::median(submit_panel),
         stagehand::bench::median(submit_ft2)},
        {"frame incl. GPU work, 20-frame batches (ms/frame)", stagehand::bench::median(full_ours),
         stagehand::bench::median(full_ft2)},
    };
    std::printf("\nFrame cost: %d lines of %s %dpx, %ux%u px, %d frames, renderer: %s\n", 40, kFace,
                kFontSize, w, h, frames, renderer ? renderer : "?");
    std::printf("| %-50s | %10s | %10s | %8s |\n", "measure", "Stagehand", "text_ft2", "ratio");
    std::printf("|%s|%s|%s|%s|\n", std::string(52, '-').c_str(), std::string(12, '-').c_str(),
                std::string(12, '-').c_str(), std::string(10, '-').c_str());
    for (const Row& r : rows)
        std::printf("| %-50s | %10.4f | %10.4f | %8.3f |\n", r.what.c_str(), r.stagehand, r.stock,
                    r.stock > 0 ? r.stagehand / r.stock : 0.0);

    obs_source_release(ours);
    obs_source_release(ours_panel);
    obs_source_release(ft2);

    std::printf("\nCards: each overlay in its default card against a color_source of its size "
                "plus a text_ft2_source with its text (ms/frame with the GPU's work)\n");
    std::printf("| %-46s | %10s | %10s | %7s | %-8s |\n", "measure", "Stagehand", "stock", "ratio",
                "goal");
    std::printf("|%s|%s|%s|%s|%s|\n", std::string(48, '-').c_str(), std::string(12, '-').c_str(),
                std::string(12, '-').c_str(), std::string(9, '-').c_str(),
                std::string(10, '-').c_str());
    stagehand::bench::card_table(obs, frames);
    return 0;
}
