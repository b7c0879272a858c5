// A source's card is drawn once into a picture and reused (plugin/render/layer_cache.cpp): the
// picture must look exactly like the card drawn directly, at whatever scale the scene shows it.
#include "golden.hpp"
#include "render_env.hpp"

#include "core/draw/render_list.hpp"
#include "obs/obs_handles.hpp"
#include "obs/snapshot.hpp"
#include "render/layer_cache.hpp"
#include "render/quad_batch.hpp"
#include "render/shape_effect.hpp"

#include <gtest/gtest.h>
#include <obs.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>

namespace {

using stagehand::test::g_obs;
using stagehand::test::Image;

class CardLayerTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!g_obs)
            GTEST_SKIP() << "libobs did not start (see the environment failure above)";
    }
};

// A card with rounded corners, a border and a soft shadow, every length times `k`; with
// `text`, a highlighted snippet on it (a colour emoji too); with `focus` (lines, "2"), the
// window's dots in its title bar and a band behind the focused lines.
stagehand::obs::SourceRef card(const char* name, int k, const char* text = "",
                               const char* focus = "") {
    stagehand::obs::Data s(obs_data_create());
    obs_data_set_int(s.get(), "width", 300 * k);
    obs_data_set_int(s.get(), "height", 160 * k);
    obs_data_set_double(s.get(), "corner_radius", 24.0 * k);
    obs_data_set_double(s.get(), "border_width", 2.0 * k);
    obs_data_set_int(s.get(), "border_color", 0xFFFFFFFF);
    obs_data_set_int(s.get(), "background_color", 0xFF30A040);
    obs_data_set_double(s.get(), "shadow_blur", 16.0 * k);
    obs_data_set_double(s.get(), "shadow_offset", 4.0 * k);
    obs_data_set_int(s.get(), "shadow_color", 0x80000000);
    obs_data_set_string(s.get(), "text", text);
    obs_data_set_string(s.get(), "language", "rust");
    obs_data_set_string(s.get(), "title", "main.rs");
    if (*focus) {
        obs_data_set_bool(s.get(), "window_chrome", true);
        obs_data_set_string(s.get(), "focus", focus);
    }
    return stagehand::obs::SourceRef(obs_source_create_private("stagehand_code", name, s.get()));
}

constexpr double kScales[] = {1.0, 2.0, 0.5, 1.5};

constexpr const char* kSnippet = "fn 🎉() {}\nlet answer = 42;\n";

std::string reference_path(const std::string& folder, const char* what, double scale) {
    return folder + "/" + what + "-direct-" + std::to_string(static_cast<int>(scale * 100)) +
           ".png";
}

// One answer of a source's `stagehand_layer_stats`: `pictures`, `whole_pictures`,
// `texture_bytes` (the textures Stagehand holds, what a GPU keeps in video memory and llvmpipe in
// the process) or `picture_bytes` (this source's own pictures).
long long layer_stat(obs_source_t* asked, const char* name) {
    calldata_t cd = {};
    proc_handler_call(obs_source_get_proc_handler(asked), "stagehand_layer_stats", &cd);
    const long long value = calldata_int(&cd, name);
    calldata_free(&cd);
    return value;
}

// A card's picture counts while the source lives.
long long texture_bytes(obs_source_t* asked) {
    return layer_stat(asked, "texture_bytes");
}

TEST_F(CardLayerTest, ACardsPictureCountsAsTextureMemoryWhileTheSourceLives) {
    auto probe = card("texture probe", 1);
    ASSERT_TRUE(stagehand::wait_for_size(probe.get()));
    stagehand::settled([&] { return stagehand::capture_source(probe.get()); });
    const long long before = texture_bytes(probe.get());
    {
        auto big = card("texture big", 2); // 600 x 320, no text: no glyph pages
        ASSERT_TRUE(stagehand::wait_for_size(big.get()));
        stagehand::settled([&] { return stagehand::capture_source(big.get()); });
        const long long with = texture_bytes(probe.get());
        EXPECT_GE(with - before, 4LL * 600 * 320) << "its picture, RGBA";
        EXPECT_LE(with - before, 3 * 4LL * 600 * 320) << "a picture, the whole one and a spare";
    }
    // OBS destroys a released source on a task thread of its own: wait for it.
    for (int wait = 0; wait < 200 && texture_bytes(probe.get()) != before; ++wait)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    EXPECT_EQ(texture_bytes(probe.get()), before) << "freed with the source";
}

long long whole_pictures(obs_source_t* shown) {
    return layer_stat(shown, "whole_pictures");
}

long long picture_bytes(obs_source_t* asked) {
    return layer_stat(asked, "picture_bytes");
}

// A snippet that changed (a step, an edit) is drawn over its card's picture while its text
// moves; once still, it is drawn whole from one picture, made by drawing the text onto the
// card's picture: the source then holds one texture of its size, not the card's and the whole
// one's.
TEST_F(CardLayerTest, AStillSnippetHoldsOnePictureOfItsSize) {
    auto coded = card("one picture", 2, kSnippet);
    ASSERT_TRUE(stagehand::wait_for_size(coded.get()));
    const auto draw = [&] {
        return stagehand::capture_source(coded.get());
    };
    const Image before = stagehand::settled(draw);
    const long long one =
        4LL * obs_source_get_width(coded.get()) * obs_source_get_height(coded.get());
    EXPECT_EQ(picture_bytes(coded.get()), one);

    stagehand::obs::Data edit(obs_data_create());
    obs_data_set_string(edit.get(), "text", "fn 🎉() {}\nlet answer = 43;\n");
    obs_source_update(coded.get(), edit.get());
    const auto differs = [&](const Image& image) {
        return stagehand::test::compare(image, before, 0).pixels_over_tolerance > 0;
    };
    Image changed = draw();
    for (int frame = 0; frame < 300 && !differs(changed); ++frame)
        changed = draw();
    ASSERT_TRUE(differs(changed)) << "the edit never showed";
    const long long whole_before = whole_pictures(coded.get());
    stagehand::settled(draw);
    for (int frame = 0; frame < 5; ++frame) // past the frames a source waits before it is still
        draw();
    EXPECT_GT(whole_pictures(coded.get()), whole_before) << "drawn whole once still";
    EXPECT_EQ(picture_bytes(coded.get()), one);
}

// A source whose whole picture would take more than a MiB (a code card of a 1080p scene) is not
// drawn whole: its card's picture keeps one column for each run of columns that are alike (the
// card between its rounded ends), and one row for each run of rows, and its text is drawn over
// it every frame.
TEST_F(CardLayerTest, ALargeCardsPictureKeepsOnlyTheTexelsThatDiffer) {
    auto large = card("large card", 4, kSnippet); // 1200 x 640: 3 MiB whole
    ASSERT_TRUE(stagehand::wait_for_size(large.get()));
    const long long whole_before = whole_pictures(large.get());
    stagehand::settled([&] { return stagehand::capture_source(large.get()); });
    for (int frame = 0; frame < 5; ++frame) // past the frames a source waits before it is still
        stagehand::capture_source(large.get());
    const long long whole = 4LL * 1200 * 640;
    EXPECT_GT(layer_stat(large.get(), "pictures"), 0) << "its card has a picture";
    EXPECT_GT(picture_bytes(large.get()), 0);
    EXPECT_LT(picture_bytes(large.get()), whole / 8)
        << "the card's picture keeps its edges' columns and rows, not 1200 x 640";
    EXPECT_EQ(whole_pictures(large.get()), whole_before) << "not drawn whole";
}

// A large card at rest draws its content's shapes (the window's dots, the focus band) from its
// card's picture, made without their repeated texels too; a step that moves the band makes that
// picture again once the card is still, and the picture of the step before is given back.
// (TheCardFromItsPictureIsTheCardDrawnDirectlyAtEveryScale checks its pixels.)
TEST_F(CardLayerTest, ALargeCardAtRestHasItsContentsShapesInItsPicture) {
    auto large = card("large focused card", 4, kSnippet, "1");
    ASSERT_TRUE(stagehand::wait_for_size(large.get()));
    const auto still = [&] {
        stagehand::settled([&] { return stagehand::capture_source(large.get()); });
        for (int frame = 0; frame < 5; ++frame) // past the frames a source waits to be still
            stagehand::capture_source(large.get());
    };
    still();
    const long long first = layer_stat(large.get(), "content_pictures");
    EXPECT_GE(first, 1) << "its card and content's shapes in one picture";
    EXPECT_LT(picture_bytes(large.get()), 4LL * 1200 * 640 / 8) << "without their repeated texels";
    stagehand::obs::Data step(obs_data_create());
    obs_data_set_string(step.get(), "focus", "2");
    obs_source_update(large.get(), step.get());
    still();
    EXPECT_GT(layer_stat(large.get(), "content_pictures"), first) << "made again for the step";
    EXPECT_LT(picture_bytes(large.get()), 4LL * 1200 * 640 / 8) << "the step before's given back";
    EXPECT_EQ(whole_pictures(large.get()), 0) << "never drawn whole";
}

// An edit glides (or fades) from what was shown to the new text: the glide's glyphs and what fades
// out have vertex buffers of their own while it runs, given back once it ends, so a source that
// changed once does not keep two more copies of its content for good.
TEST_F(CardLayerTest, AnEditedSnippetGivesBackWhatItsTransitionHeld) {
    auto coded = card("transition buffers", 1, kSnippet);
    ASSERT_TRUE(stagehand::wait_for_size(coded.get()));
    const auto draw = [&] {
        return stagehand::capture_source(coded.get());
    };
    const Image before = stagehand::settled(draw);
    // A long transition, so that frames drawn on a busy machine still fall inside it.
    stagehand::obs::Data edit(obs_data_create());
    obs_data_set_int(edit.get(), "transition_ms", 2000);
    obs_data_set_string(edit.get(), "text", "fn 🎉() {}\nlet answer = 43;\nlet more = 1;\n");
    obs_source_update(coded.get(), edit.get());
    long long most = 0;
    const auto frame = [&] {
        Image image = draw();
        most = std::max(most, layer_stat(coded.get(), "transition_vertices"));
        return image;
    };
    Image changed = frame();
    for (int n = 0;
         n < 300 && stagehand::test::compare(changed, before, 0).pixels_over_tolerance == 0; ++n)
        changed = frame();
    for (int n = 0; n < 5; ++n) // into the transition
        frame();
    EXPECT_GT(most, 0) << "the transition held no buffer of its own";
    // Drawn on past the transition's end (its last frames may look alike, so not until settled).
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(6);
    while (layer_stat(coded.get(), "transition_vertices") != 0 &&
           std::chrono::steady_clock::now() < until)
        draw();
    EXPECT_EQ(layer_stat(coded.get(), "transition_vertices"), 0)
        << "a finished transition still holds its buffers";
}

// The card from its picture is the card drawn directly, shape by shape, at every scale a scene
// shows it at (a picture made at 1x and stretched would be blocky at 2x and lose pixels at
// 0.5x). The direct drawing comes from this same binary run again with the cache turned off
// (STAGEHAND_LAYER_CACHE=0: a process-wide switch), which writes its pictures for this run to
// compare with.
TEST_F(CardLayerTest, TheCardFromItsPictureIsTheCardDrawnDirectlyAtEveryScale) {
    auto source = card("card layer", 1);
    auto coded = card("card layer with code", 1, kSnippet);
    // Past a MiB whole at every scale but 0.5: its card's picture without its repeated columns,
    // at rest with its window's dots and focus band in it.
    auto large = card("large card layer", 3, kSnippet, "2");
    ASSERT_TRUE(stagehand::wait_for_size(source.get()));
    ASSERT_TRUE(stagehand::wait_for_size(coded.get()));
    ASSERT_TRUE(stagehand::wait_for_size(large.get()));
    if (const char* out = std::getenv("STAGEHAND_CARD_REFERENCE_OUT")) {
        // The child run: the direct drawings.
        for (const double scale : kScales) {
            ASSERT_TRUE(stagehand::test::save_png(
                stagehand::settled([&] { return stagehand::capture_source(source.get(), scale); }),
                reference_path(out, "card", scale)));
            ASSERT_TRUE(stagehand::test::save_png(
                stagehand::settled([&] { return stagehand::capture_source(coded.get(), scale); }),
                reference_path(out, "code", scale)));
            ASSERT_TRUE(stagehand::test::save_png(
                stagehand::settled([&] { return stagehand::capture_source(large.get(), scale); }),
                reference_path(out, "large", scale)));
        }
        return;
    }
    const std::string folder = std::string(STAGEHAND_RENDER_OUT_DIR) + "/card-layer";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const std::string command = "STAGEHAND_LAYER_CACHE=0 STAGEHAND_CARD_REFERENCE_OUT='" + folder +
                                "' /proc/" + std::to_string(::getpid()) +
                                "/exe --gtest_filter=CardLayerTest.TheCardFromItsPicture* > '" +
                                folder + "/direct.log' 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0)
        << "the direct run failed: see " << folder << "/direct.log";
    // A still source is drawn whole from one picture, its text included: that picture too must
    // be what drawing it directly gives.
    const long long whole_before = whole_pictures(coded.get());
    for (const double scale : kScales) {
        for (const auto& [what, shown] :
             {std::pair{"card", source.get()}, std::pair{"code", coded.get()},
              std::pair{"large", large.get()}}) {
            SCOPED_TRACE(std::string(what) + " at scale " + std::to_string(scale));
            const long long large_whole = whole_pictures(large.get());
            const Image cached =
                stagehand::settled([&] { return stagehand::capture_source(shown, scale); });
            Image direct;
            ASSERT_TRUE(stagehand::test::load_png(reference_path(folder, what, scale), direct));
            ASSERT_EQ(cached.width, direct.width);
            ASSERT_TRUE(direct.any_coverage());
            const auto diff = stagehand::test::compare(cached, direct, 2);
            EXPECT_LT(diff.fraction_over_tolerance, 0.001)
                << diff.pixels_over_tolerance << " pixels differ, worst by "
                << diff.max_channel_delta;
            if (shown == large.get() && scale >= 1.0) {
                EXPECT_EQ(whole_pictures(shown), large_whole)
                    << "past a MiB, drawn over its card's picture, not whole";
            }
        }
    }
    EXPECT_GE(whole_pictures(coded.get()), whole_before + 4)
        << "the still code card was drawn from a whole picture at each scale";
    // The fill is the card's colour.
    const Image one = stagehand::settled([&] { return stagehand::capture_source(source.get()); });
    const std::uint8_t* middle = one.pixel(150, 80);
    EXPECT_NEAR(middle[0], 0x40, 2);
    EXPECT_NEAR(middle[1], 0xA0, 2);
    EXPECT_NEAR(middle[2], 0x30, 2);
    EXPECT_EQ(middle[3], 255);
}

// A render list drawn with the render layer's own classes, made and released in the graphics
// context (which outlives them: members go in reverse order).
struct DrawnList {
    const stagehand::render::GraphicsScope graphics;
    stagehand::render::ShapeEffect effect;
    stagehand::render::QuadBatch batch;
    stagehand::render::LayerCache cache;
    std::string error;
    // False (with `error`) when the effect could not be loaded.
    bool upload(const stagehand::core::RenderList& list) {
        stagehand::core::VertexStreams streams;
        stagehand::core::build_vertices(list, nullptr, streams);
        if (!effect.load(STAGEHAND_EFFECT_FILE, error))
            return false;
        batch.upload(streams);
        return true;
    }
};

// A card fading (entering, or the content before a cross-fade) fades as one picture: each pixel is
// the card's pixel at full strength times the opacity, as a group's opacity is in a design tool;
// the shadow does not show through a half-transparent fill. Drawn here with the render layer's
// own classes, the card's picture against its shapes drawn directly at full opacity; at full
// strength the picture is drawn with OBS's default effect, while fading with Stagehand's own. A
// card too large to be drawn whole (past LayerCache::kMaxWholeBytes) fades the same from its
// picture without its repeated texels.
TEST_F(CardLayerTest, ACardAtPartOpacityFadesAsOnePicture) {
    using namespace stagehand;
    for (const float k : {1.0f, 4.0f}) {
        SCOPED_TRACE("card size x" + std::to_string(k));
        core::RenderList list;
        list.width = static_cast<std::uint32_t>(320 * k);
        list.height = static_cast<std::uint32_t>(180 * k);
        const core::Color shadow{0.0f, 0.0f, 0.0f, 0.5f};
        const core::Color white{1.0f, 1.0f, 1.0f, 1.0f};
        const auto rect = [k](float x, float y, float w, float h) {
            return core::Rect{x * k, y * k, w * k, h * k};
        };
        list.shapes.push_back(
            {rect(24.0f, 28.0f, 272.0f, 132.0f), 24.0f * k, 20.0f * k, shadow, shadow});
        list.shapes.push_back({rect(16.0f, 16.0f, 288.0f, 140.0f), 24.0f * k, 1.0f, white, white});
        list.shapes.push_back({rect(18.0f, 18.0f, 284.0f, 136.0f),
                               22.0f * k,
                               1.0f,
                               {0.2f, 0.6f, 0.3f, 1.0f},
                               {0.1f, 0.3f, 0.5f, 0.9f}});
        list.static_shapes = list.shapes.size();
        const auto w = list.width, h = list.height;
        DrawnList drawn;
        ASSERT_TRUE(drawn.upload(list)) << drawn.error;
        ASSERT_EQ(drawn.batch.static_vertices(), drawn.batch.vertex_count());
        const render::ShapeEffect& effect = drawn.effect;
        const render::QuadBatch& batch = drawn.batch;
        render::LayerCache& cache = drawn.cache;
        const auto no_pages = [](int) -> gs_texture_t* {
            return nullptr;
        };
        const Image full = capture(w, h, [&] { batch.draw(effect, false, 1.0f, no_pages); });
        ASSERT_TRUE(full.any_coverage());
        for (const float opacity : {1.0f, 0.5f, 0.2f}) {
            SCOPED_TRACE("opacity " + std::to_string(opacity));
            const std::uint64_t drawn_before = cache.picture_draws();
            Image faded;
            for (int frame = 0; frame < 10; ++frame) // past the frames a plan waits for
                faded =
                    capture(w, h, [&] { batch.draw(effect, false, opacity, no_pages, &cache); });
            ASSERT_GT(cache.builds(), 0u) << "a picture was made";
            // Full strength and fading draw a picture in different ways; either failing would
            // fall back to the shapes, which look the same.
            EXPECT_GE(cache.picture_draws(), drawn_before + 5) << "drawn from the picture";
            std::size_t off = 0;
            int worst = 0;
            for (std::size_t i = 0; i < full.rgba.size(); ++i) {
                const int want = static_cast<int>(std::lround(full.rgba[i] * opacity));
                const int delta = std::abs(faded.rgba[i] - want);
                worst = std::max(worst, delta);
                off += delta > 2 ? 1 : 0;
            }
            EXPECT_EQ(off, 0u) << "worst channel off by " << worst;
        }
        const long long whole = 4LL * w * h;
        if (whole > render::LayerCache::kMaxWholeBytes) {
            EXPECT_LT(cache.held_bytes(), whole / 4) << "its edges' texels only";
        }
    }
}

// A large card whose content's shapes leave little alike (a field of dots over it) is not given a
// picture of them as large as a whole one: its card keeps its stretched picture, the dots are
// drawn over it, and those shapes are not planned again at every frame while it rests.
TEST_F(CardLayerTest, ContentThatWouldNotStretchKeepsTheCardsPictureAlone) {
    using namespace stagehand;
    core::RenderList list;
    list.width = 1280;
    list.height = 720;
    const core::Color shadow{0.0f, 0.0f, 0.0f, 0.5f};
    const core::Color white{1.0f, 1.0f, 1.0f, 1.0f};
    const core::Color fill{0.2f, 0.6f, 0.3f, 1.0f};
    list.shapes.push_back({core::Rect{96, 112, 1088, 528}, 96, 80, shadow, shadow});
    list.shapes.push_back({core::Rect{64, 64, 1152, 560}, 96, 1, white, white});
    list.shapes.push_back({core::Rect{72, 72, 1136, 544}, 88, 1, fill, fill});
    list.static_shapes = list.shapes.size();
    const core::Color dot{0.9f, 0.8f, 0.1f, 1.0f};
    for (int y = 0; y < 50; ++y) // a dot every 10 pixels: no two lines alike between them
        for (int x = 0; x < 105; ++x)
            list.shapes.push_back({core::Rect{110.0f + 10.0f * static_cast<float>(x),
                                              110.0f + 10.0f * static_cast<float>(y), 6, 6},
                                   3.0f, 1.0f, dot, dot});
    const auto w = list.width, h = list.height;
    DrawnList drawn;
    ASSERT_TRUE(drawn.upload(list)) << drawn.error;
    const render::ShapeEffect& effect = drawn.effect;
    const render::QuadBatch& batch = drawn.batch;
    render::LayerCache& cache = drawn.cache;
    ASSERT_GT(batch.shape_vertices(), batch.static_vertices());
    const auto no_pages = [](int) -> gs_texture_t* {
        return nullptr;
    };
    const Image direct = capture(w, h, [&] { batch.draw(effect, false, 1.0f, no_pages); });
    Image rested;
    for (int frame = 0; frame < 10; ++frame) // settled: past the frames a plan waits for
        rested = capture(w, h, [&] { batch.draw(effect, false, 1.0f, no_pages, &cache, true); });
    EXPECT_EQ(cache.content_builds(), 0u) << "no picture of every shape";
    EXPECT_GT(cache.builds(), 0u) << "its card's picture";
    EXPECT_LT(cache.held_bytes(), render::LayerCache::kMaxWholeBytes);
    const std::uint64_t builds = cache.builds();
    const std::uint64_t draws = cache.picture_draws();
    for (int frame = 0; frame < 10; ++frame)
        rested = capture(w, h, [&] { batch.draw(effect, false, 1.0f, no_pages, &cache, true); });
    EXPECT_EQ(cache.builds(), builds) << "nothing made again while it rests";
    EXPECT_EQ(cache.picture_draws(), draws + 10) << "its card from the picture every frame";
    const auto diff = stagehand::test::compare(rested, direct, 2);
    EXPECT_LT(diff.fraction_over_tolerance, 0.001)
        << diff.pixels_over_tolerance << " pixels differ, worst by " << diff.max_channel_delta;
}

} // namespace
