// Presets drawn by the real sources: every built-in preset's whole stage against a reviewed
// golden (the README shows these pictures), stagehand-cli render against the code source as it
// is on stream, and preset values reaching a source's settings without losing the rest of its
// font.
#include "golden.hpp"
#include "render_env.hpp"

#include "core/preset/library.hpp"
#include "obs/look_settings.hpp"
#include "obs/obs_handles.hpp"
#include "obs/obs_look_sources.hpp"
#include "offscreen/preset_render.hpp"

#include <gtest/gtest.h>
#include <obs.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <string>
#include <thread>

namespace {

using stagehand::test::g_obs;
using stagehand::test::Image;
using stagehand::test::stagehand_request;
namespace preset = stagehand::core::preset;
namespace fs = std::filesystem;

const fs::path kData = STAGEHAND_RENDER_DATA_DIR;

class PresetRenderTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!g_obs)
            GTEST_SKIP() << "libobs did not start (see the environment failure above)";
    }
};

std::string golden_name(const std::string& preset_name) {
    std::string out = "preset_";
    for (const char c : preset_name)
        out += std::isalnum(static_cast<unsigned char>(c))
                   ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                   : '_';
    return out;
}

std::string font_face(obs_source_t* source) {
    stagehand::obs::Data settings(obs_source_get_settings(source));
    stagehand::obs::Data font(obs_data_get_obj(settings.get(), "font"));
    return font ? obs_data_get_string(font.get(), "face") : "";
}

// A preset that sets only the font's size keeps the face the source had: the font is one object
// in OBS's settings, and a source that never had its font changed holds only defaults in it.
TEST_F(PresetRenderTest, ASizeFromAPresetKeepsTheSourcesFontFace) {
    stagehand::obs::SourceRef source(
        obs_source_create("stagehand_code", "preset font keeper", nullptr, nullptr));
    ASSERT_NE(source, nullptr);
    const auto looks = stagehand::make_obs_look_sources();
    ASSERT_TRUE(looks->apply("preset font keeper", {{"font/size", 30.0}}));
    EXPECT_EQ(font_face(source.get()), "JetBrains Mono");
    stagehand::obs::Data settings(obs_source_get_settings(source.get()));
    stagehand::obs::Data font(obs_data_get_obj(settings.get(), "font"));
    EXPECT_EQ(obs_data_get_int(font.get(), "size"), 30);

    // And a new source made from a look (Create stage, stagehand-cli render) starts from the
    // source's default font.
    const auto fresh = stagehand::look_settings(preset::Overlay::code, {{"font/size", 22.0}});
    stagehand::obs::Data fresh_font(obs_data_get_obj(fresh.get(), "font"));
    ASSERT_NE(fresh_font, nullptr);
    EXPECT_STREQ(obs_data_get_string(fresh_font.get(), "face"), "JetBrains Mono");
    EXPECT_EQ(obs_data_get_int(fresh_font.get(), "size"), 22);
    obs_source_remove(source.get());
}

// Each built-in preset as its whole stage (code, slide bar and a featured question where its
// stage places them), at half size: the pictures in the README.
TEST_F(PresetRenderTest, EveryBuiltInPresetsStageMatchesItsGolden) {
    const auto entries = preset::list(fs::path(STAGEHAND_DATA_PATH) / "presets", {});
    ASSERT_GE(entries.size(), 13u);
    stagehand::offscreen::Content content;
    content.code_file = (kData / "stage_sample.ts").string();
    content.question = "How do you pick the delay for the first retry?";
    content.author = "ada_codes";
    content.slide = 12;
    content.total = 30;
    content.talk_file = (kData / "stage_talk.json").string();
    for (const auto& entry : entries) {
        SCOPED_TRACE(entry.name);
        ASSERT_TRUE(entry.preset.has_value());
        ASSERT_EQ(stagehand_request("timer_reset", {{"_", 0}}).value("ok", false), true);
        preset::Preset p = *entry.preset;
        p.looks[preset::Overlay::question]["show_number"] = false; // depends on earlier tests
        std::string error;
        const Image stage = stagehand::offscreen::render_stage(*g_obs, p, content, 0.5, error);
        ASSERT_TRUE(error.empty()) << error;
        ASSERT_EQ(stage.width, 960u);
        ASSERT_EQ(stage.height, 540u);
        // Every placed overlay drew at its place: the middle of each placement is covered.
        for (const auto& [overlay, place] : p.stage) {
            const auto x = static_cast<std::uint32_t>((place.x + place.width / 2) / 2);
            const auto y = static_cast<std::uint32_t>((place.y + place.height / 2) / 2);
            EXPECT_GT(stage.pixel(x, y)[3], 100) << "nothing drawn at " << x << "," << y;
        }
        const std::string mismatch = stagehand::test::check_golden(golden_name(entry.name), stage);
        EXPECT_TRUE(mismatch.empty()) << mismatch;
    }
}

// stagehand-cli render draws what the stream shows: the CLI (its own process, its own libobs)
// against a code source that follows the same file with the preset applied from the dock's
// path, in this process.
TEST_F(PresetRenderTest, CliRenderMatchesTheCodeSourceOnStream) {
    const fs::path out = fs::path(STAGEHAND_RENDER_OUT_DIR) / "cli-render.png";
    fs::create_directories(out.parent_path());
    fs::remove(out);
    const fs::path file = kData / "stage_sample.ts";
    // The module and data this test loads, not an installed copy.
    const std::string command = std::string("STAGEHAND_MODULE_PATH='") + STAGEHAND_MODULE_PATH +
                                "' STAGEHAND_DATA_DIR='" + STAGEHAND_DATA_PATH + "' \"" +
                                STAGEHAND_CLI + "\" render --preset " +
                                "'Conference Light' --code '" + file.string() +
                                "' --size 900x560 --out '" + out.string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    Image cli;
    ASSERT_TRUE(stagehand::test::load_png(out.string(), cli));
    ASSERT_EQ(cli.width, 900u);
    ASSERT_EQ(cli.height, 560u);

    const auto entries = preset::list(fs::path(STAGEHAND_DATA_PATH) / "presets", {});
    const auto light = preset::find(entries, "Conference Light");
    ASSERT_TRUE(light && light->preset);
    stagehand::obs::Data settings(obs_data_create());
    obs_data_set_string(settings.get(), "file", file.string().c_str());
    obs_data_set_int(settings.get(), "transition_ms", 0);
    stagehand::obs::SourceRef source(
        obs_source_create("stagehand_code", "cli twin", settings.get(), nullptr));
    auto look = light->preset->looks.at(preset::Overlay::code);
    look["card/width"] = 900LL;
    look["card/height"] = 560LL;
    ASSERT_TRUE(stagehand::make_obs_look_sources()->apply("cli twin", look));
    // The followed file arrives from the file watcher's thread: wait for the text, then settle.
    Image live;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        live = g_obs->render(source.get(), 900, 560);
        if (!live.empty() && stagehand::test::compare(cli, live, stagehand::test::kChannelTolerance)
                                     .fraction_over_tolerance < 0.001)
            break;
    }
    const auto diff = stagehand::test::compare(cli, live, stagehand::test::kChannelTolerance);
    EXPECT_TRUE(diff.same_size);
    EXPECT_LT(diff.fraction_over_tolerance, 0.001) << "the CLI's PNG and the live source differ in "
                                                   << diff.pixels_over_tolerance << " pixels";
    if (diff.fraction_over_tolerance >= 0.001)
        stagehand::test::save_png(live, (out.parent_path() / "cli-render.live.png").string());
    obs_source_remove(source.get());
}

// The dock's thumbnails come from the real code source, drawn on the maker's own thread: High
// Contrast's is its black card with light code on it, 192 px wide.
TEST_F(PresetRenderTest, ThumbnailsAreDrawnByTheCodeSourceOffTheCallersThread) {
    const auto entries = preset::list(fs::path(STAGEHAND_DATA_PATH) / "presets", {});
    const auto high = preset::find(entries, "High Contrast");
    ASSERT_TRUE(high && high->preset);
    std::promise<stagehand::control::Thumbnail> drawn;
    const auto caller = std::this_thread::get_id();
    std::thread::id drawer;
    stagehand::make_obs_look_sources()->thumbnail(*high->preset, 192,
                                                  [&](stagehand::control::Thumbnail t) {
                                                      drawer = std::this_thread::get_id();
                                                      drawn.set_value(std::move(t));
                                                  });
    auto future = drawn.get_future();
    ASSERT_EQ(future.wait_for(std::chrono::seconds(15)), std::future_status::ready);
    const auto picture = future.get();
    EXPECT_NE(drawer, caller);
    ASSERT_EQ(picture.width, 192u);
    ASSERT_EQ(picture.height, 120u);
    Image image;
    image.width = picture.width;
    image.height = picture.height;
    image.rgba = picture.rgba;
    // The card's inside is black; some of it is light text.
    const std::uint8_t* inside = image.pixel(8, 110);
    EXPECT_LT(inside[0], 10);
    EXPECT_GT(inside[3], 240);
    std::size_t light = 0;
    for (std::uint32_t y = 0; y < image.height; ++y)
        for (std::uint32_t x = 0; x < image.width; ++x)
            light += image.pixel(x, y)[0] > 160 && image.pixel(x, y)[1] > 160;
    EXPECT_GT(light, 100u) << "no text on the thumbnail";
    stagehand::test::save_png(
        image, (fs::path(STAGEHAND_RENDER_OUT_DIR) / "thumbnail-high-contrast.png").string());
}

} // namespace
