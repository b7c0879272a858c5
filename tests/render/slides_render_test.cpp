// Render tests of the slide progress source: each look against a golden, and the overlay
// following the deck's position.
#include "control/controller.hpp"

#include "golden.hpp"
#include "obs/obs_code_sources.hpp"
#include "render_env.hpp"
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>
#include <obs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

// The render tests' shared harness (render_env.hpp, golden.hpp, image.hpp).
using namespace stagehand::test;

namespace {

struct SlidesCase {
    const char* golden;
    const char* look;
    int slide;
    bool overtime;
};

std::string write_talk_file() {
    const std::string path = std::string(STAGEHAND_RENDER_OUT_DIR) + "/render-talk.json";
    std::filesystem::create_directories(STAGEHAND_RENDER_OUT_DIR);
    std::ofstream(path) << R"({"format": "stagehand.talk", "version": 1, "title": "Shipping TS",
      "slides": 40, "minutes": 40, "sections": [
      {"title": "Why", "first_slide": 1, "minutes": 5},
      {"title": "The parser", "first_slide": 6, "minutes": 15},
      {"title": "Deploying", "first_slide": 21, "minutes": 15},
      {"title": "Q&A", "first_slide": 36, "minutes": 5}]})";
    return path;
}

} // namespace

class SlidesGoldenTest : public RenderTest, public ::testing::WithParamInterface<SlidesCase> {};

// Each look of the slide progress overlay, and the timer past its plan (overtime, in red).
TEST_P(SlidesGoldenTest, LookMatchesGolden) {
    const SlidesCase& c = GetParam();
    ASSERT_EQ(stagehand_request("talk_load", {{"file", write_talk_file()}}).value("ok", false),
              true);
    stagehand_request("timer_reset", {{"_", 0}});
    ASSERT_EQ(stagehand_request("slides_goto", {{"slide", c.slide}}).value("ok", false), true);
    if (c.overtime) {
        // A plan of one second, a timer run past it and paused: "0:01 / 0:01 · overtime".
        stagehand_request("timer_add", {{"seconds", -40 * 60 + 1}});
        stagehand_request("timer_start", {{"_", 0}});
        // Paused between 1.15 and 2 s: the clock reads 0:01 with most of a second to spare.
        std::this_thread::sleep_for(std::chrono::milliseconds(1150));
        stagehand_request("timer_pause", {{"_", 0}});
    }
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 900);
    obs_data_set_int(settings.get(), "height", 72);
    obs_data_set_int(settings.get(), "transition_ms", 0);
    obs_data_set_string(settings.get(), "look", c.look);
    obs_data_set_bool(settings.get(), "show_next", true);
    DataPtr font(obs_data_create());
    obs_data_set_string(font.get(), "face", "DejaVu Sans");
    obs_data_set_int(font.get(), "size", 18);
    obs_data_set_obj(settings.get(), "slides_font", font.get());
    SourcePtr source = make_source("stagehand_slides", c.golden, settings.get());
    Image image;
    for (int i = 0; i < 200; ++i) {
        image = g_obs->render(source.get(), 900, 72);
        if (coverage(image) > 2000 && i > 5)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    image = g_obs->render(source.get(), 900, 72);
    const std::string mismatch = stagehand::test::check_golden(c.golden, image);
    EXPECT_TRUE(mismatch.empty()) << mismatch;
    stagehand_request("timer_reset", {{"_", 0}});
}

INSTANTIATE_TEST_SUITE_P(Looks, SlidesGoldenTest,
                         ::testing::Values(SlidesCase{"slides_sections", "sections", 24, false},
                                           SlidesCase{"slides_bar", "bar", 12, false},
                                           SlidesCase{"slides_dots", "dots", 30, false},
                                           SlidesCase{"slides_overtime", "sections", 38, true}),
                         [](const auto& param_info) {
                             return std::string(param_info.param.golden);
                         });

// Moving a slide redraws the overlay: the bar's filled part grows.
TEST_F(RenderTest, TheSlideOverlayFollowsThePosition) {
    ASSERT_EQ(stagehand_request("talk_load", {{"file", write_talk_file()}}).value("ok", false),
              true);
    stagehand_request("timer_reset", {{"_", 0}});
    stagehand_request("slides_goto", {{"slide", 1}});
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 600);
    obs_data_set_int(settings.get(), "height", 64);
    obs_data_set_int(settings.get(), "transition_ms", 0);
    obs_data_set_string(settings.get(), "look", "bar");
    obs_data_set_bool(settings.get(), "show_timer", false);
    SourcePtr source = make_source("stagehand_slides", "slides_follow", settings.get());
    auto blue_pixels = [](const Image& image) {
        std::size_t n = 0;
        for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4)
            n += image.rgba[i + 2] > 180 && image.rgba[i] < 140; // the bar's blue
        return n;
    };
    Image first = render_until(
        source.get(), 600, 64, [](const Image& i) { return coverage(i) >= 1000; }, 100);
    const std::size_t at_start = blue_pixels(first);
    stagehand_request("slides_goto", {{"slide", 30}});
    const Image later = render_until(
        source.get(), 600, 64, [&](const Image& i) { return blue_pixels(i) > at_start * 4; }, 100);
    EXPECT_GT(blue_pixels(later), at_start * 4) << "the bar did not grow with the position";
}

// While the talk timer runs the overlay is prepared again each second, and the talk is looked
// at about then: not on every one of OBS's ticks in between.
TEST_F(RenderTest, TheTimersOverlayIsLookedAtOnceASecond) {
    ASSERT_EQ(stagehand_request("talk_load", {{"file", write_talk_file()}}).value("ok", false),
              true);
    stagehand_request("timer_reset", {{"_", 0}});
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 600);
    obs_data_set_int(settings.get(), "height", 64);
    obs_data_set_int(settings.get(), "transition_ms", 0);
    obs_data_set_string(settings.get(), "look", "bar");
    obs_data_set_bool(settings.get(), "show_timer", true);
    SourcePtr source = make_source("stagehand_slides", "slides_clock", settings.get());
    Image first = render_until(
        source.get(), 600, 64, [](const Image& i) { return coverage(i) >= 1000; }, 100);
    ASSERT_GT(coverage(first), 1000u);
    ASSERT_EQ(stagehand_request("timer_start", {{"_", 0}}).value("ok", false), true);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    first = g_obs->render(source.get(), 600, 64);
    const long long before = source_stat(source.get(), "outside_checks");
    // Two and a half seconds: 75 ticks at OBS's 30 frames a second here.
    Image later = first;
    bool moved = false;
    for (int i = 0; i < 50; ++i) {
        later = g_obs->render(source.get(), 600, 64);
        moved = moved || compare(later, first, 0).pixels_over_tolerance > 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const long long checks = source_stat(source.get(), "outside_checks") - before;
    stagehand_request("timer_pause", {{"_", 0}});
    stagehand_request("timer_reset", {{"_", 0}});
    EXPECT_TRUE(moved) << "the clock on the overlay did not move while the timer ran";
    EXPECT_GE(checks, 2) << "the seconds were not looked for";
    EXPECT_LE(checks, 12) << "looked at the talk on most ticks, not once a second";
}

} // namespace
