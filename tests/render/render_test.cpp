// Render tests: each Stagehand source and OBS's own text source drawn by real libobs on the
// OpenGL module, read back and checked both against facts (colours at known places) and against
// reviewed golden images.
#include "control/controller.hpp"

#include "golden.hpp"
#include "obs/obs_code_sources.hpp"
#include "obs/thumbnails.hpp"
#include "render_env.hpp"
#include <callback/calldata.h>
#include <callback/proc.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>
#include <obs.h>
#include <util/base.h>

#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace stagehand::test {

HeadlessObs* g_obs = nullptr;

nlohmann::json stagehand_request(const char* request, const nlohmann::json& data) {
    calldata_t cd;
    calldata_init(&cd);
    calldata_set_string(&cd, "request", request);
    calldata_set_string(&cd, "data", data.dump().c_str());
    nlohmann::json answer;
    if (proc_handler_call(obs_get_proc_handler(), "stagehand_request", &cd))
        answer = nlohmann::json::parse(calldata_string(&cd, "response"));
    calldata_free(&cd);
    return answer;
}

} // namespace stagehand::test

namespace {

// The render tests' shared harness (render_env.hpp, golden.hpp, image.hpp).
using namespace stagehand::test;

class ObsEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        obs_ = std::make_unique<HeadlessObs>();
        std::string error;
        HeadlessObs::Options options;
        if (!obs_->start(options, error))
            FAIL() << "headless libobs did not start: " << error;
        g_obs = obs_.get();
    }
    void TearDown() override {
        // This binary's own copy of the thumbnail maker (linked in with stagehand-obs-control)
        // ran module code on its thread: it must end before libobs unloads the module.
        stagehand::stop_thumbnails();
        g_obs = nullptr;
        obs_.reset();
    }

private:
    std::unique_ptr<HeadlessObs> obs_;
};

TEST_F(RenderTest, ModuleRegistersTheThreeSourcesWithLocalizedNames) {
    EXPECT_STREQ(obs_source_get_display_name("stagehand_code"), "Code Snippet (Stagehand)");
    EXPECT_STREQ(obs_source_get_display_name("stagehand_slides"), "Slide Progress (Stagehand)");
    EXPECT_STREQ(obs_source_get_display_name("stagehand_question"), "Live Question (Stagehand)");
}

// The code source's pickers list what is installed: every language with a grammar and every
// theme file in the module's data folder, plus "auto" and "custom".
TEST_F(RenderTest, CodePropertiesListLanguagesAndThemeFiles) {
    obs_properties_t* props = obs_get_source_properties("stagehand_code");
    ASSERT_NE(props, nullptr);
    obs_property_t* language = obs_properties_get(props, "language");
    obs_property_t* theme = obs_properties_get(props, "theme");
    ASSERT_NE(language, nullptr);
    ASSERT_NE(theme, nullptr);
    EXPECT_EQ(obs_property_list_item_count(language), 22u);
    ASSERT_EQ(obs_property_list_item_count(theme), 11u);
    bool dark_plus = false;
    for (size_t i = 0; i < obs_property_list_item_count(theme); ++i)
        dark_plus =
            dark_plus || std::string(obs_property_list_item_string(theme, i)) == "dark-plus";
    EXPECT_TRUE(dark_plus);
    obs_properties_destroy(props);
}

namespace {

// Every settings key a properties view shows, groups included; buttons hold no setting.
void property_keys(obs_properties_t* props, std::vector<std::string>& keys) {
    for (obs_property_t* p = obs_properties_first(props); p; obs_property_next(&p)) {
        const obs_property_type type = obs_property_get_type(p);
        if (type == OBS_PROPERTY_GROUP) {
            if (obs_property_group_type(p) == OBS_GROUP_CHECKABLE)
                keys.emplace_back(obs_property_name(p));
            property_keys(obs_property_group_content(p), keys);
        } else if (type != OBS_PROPERTY_BUTTON) {
            keys.emplace_back(obs_property_name(p));
        }
    }
}

} // namespace

// A key misspelt in the properties ("shadow_blu") while the defaults and update use the right
// one gives a control that changes nothing: every key shown must be one the source has a
// default for, which is what its update reads.
TEST_F(RenderTest, EveryPropertyIsASettingTheSourceReads) {
    for (const char* id : {"stagehand_code", "stagehand_slides", "stagehand_question"}) {
        obs_properties_t* props = obs_get_source_properties(id);
        ASSERT_NE(props, nullptr) << id;
        std::vector<std::string> keys;
        property_keys(props, keys);
        obs_properties_destroy(props);
        EXPECT_GT(keys.size(), 10u) << id;
        obs_data_t* defaults = obs_get_source_defaults(id);
        ASSERT_NE(defaults, nullptr) << id;
        for (const std::string& key : keys)
            EXPECT_TRUE(obs_data_has_default_value(defaults, key.c_str()))
                << id << ": property \"" << key << "\" has no default, so nothing reads it";
        obs_data_release(defaults);
    }
}

TEST_F(RenderTest, PanelColourAndCornerRadiusComeFromSettings) {
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 200);
    obs_data_set_int(settings.get(), "height", 100);
    obs_data_set_int(settings.get(), "background_color", kOpaqueGreen);
    obs_data_set_double(settings.get(), "corner_radius", 0.0);
    obs_data_set_int(settings.get(), "border_color", 0);
    obs_data_set_int(settings.get(), "shadow_color", 0);
    SourcePtr source = make_source("stagehand_code", "square", settings.get());
    ASSERT_NE(source, nullptr);
    EXPECT_EQ(obs_source_get_width(source.get()), 200u);
    EXPECT_EQ(obs_source_get_height(source.get()), 100u);

    Image square = g_obs->render_when_ready(source.get(), 200, 100);
    ASSERT_TRUE(square.any_coverage()) << "the source drew nothing";
    expect_pixel(square, 100, 50, 0, 192, 0, 255);
    expect_pixel(square, 0, 0, 0, 192, 0, 255);
    expect_pixel(square, 199, 99, 0, 192, 0, 255);

    // A 40 px radius must cut the corner away but leave the middle of each edge.
    obs_data_set_double(settings.get(), "corner_radius", 40.0);
    obs_source_update(source.get(), settings.get());
    // The new settings reach the source on a later video tick; give the video thread time
    // (a tight render loop would keep the graphics lock it needs).
    Image rounded = square;
    for (int frame = 0; frame < 150 && rounded.pixel(0, 0)[3] != 0; ++frame) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        rounded = g_obs->render(source.get(), 200, 100);
    }
    expect_pixel(rounded, 0, 0, 0, 0, 0, 0);
    expect_pixel(rounded, 4, 4, 0, 0, 0, 0);
    expect_pixel(rounded, 100, 0, 0, 192, 0, 255, 40); // the edge pixel is partly covered
    expect_pixel(rounded, 100, 50, 0, 192, 0, 255);
}

struct GoldenCase {
    const char* id;
    const char* golden;
    std::uint32_t width;
    std::uint32_t height;
};

class PanelGoldenTest : public RenderTest, public ::testing::WithParamInterface<GoldenCase> {};

// Each source with its own default look, at a reduced size to keep goldens small.
TEST_P(PanelGoldenTest, DefaultPanelMatchesGolden) {
    const GoldenCase& c = GetParam();
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", c.width);
    obs_data_set_int(settings.get(), "height", c.height);
    if (std::string(c.id) == "stagehand_slides") {
        // Only the card: what the talk shows depends on the module's state (tested below).
        obs_data_set_string(settings.get(), "look", "none");
        for (const char* key : {"show_counter", "show_section", "show_next", "show_timer"})
            obs_data_set_bool(settings.get(), key, false);
    }
    SourcePtr source = make_source(c.id, c.golden, settings.get());
    ASSERT_NE(source, nullptr);
    Image image = g_obs->render_when_ready(source.get(), c.width, c.height);
    ASSERT_TRUE(image.any_coverage()) << c.id << " drew nothing";
    // The middle of every default panel is its opaque-ish card, the corner is shadow or empty.
    EXPECT_GT(image.pixel(c.width / 2, c.height / 2)[3], 200);
    EXPECT_LT(image.pixel(0, 0)[3], 40);
    const std::string mismatch = stagehand::test::check_golden(c.golden, image);
    EXPECT_TRUE(mismatch.empty()) << mismatch;
}

INSTANTIATE_TEST_SUITE_P(Sources, PanelGoldenTest,
                         ::testing::Values(GoldenCase{"stagehand_code", "code_panel", 480, 270},
                                           GoldenCase{"stagehand_slides", "slides_panel", 640, 64}),
                         [](const auto& param_info) {
                             return std::string(param_info.param.golden);
                         });

// OBS's own FreeType text source, drawn in the same harness: the reference the Stagehand text
// engine is compared against, and proof that the harness renders stock sources too.
TEST_F(RenderTest, StockTextSourceRendersForComparison) {
    DataPtr settings(obs_data_create());
    DataPtr font(obs_data_create());
    obs_data_set_string(font.get(), "face", "DejaVu Sans");
    obs_data_set_string(font.get(), "style", "Book");
    obs_data_set_int(font.get(), "size", 48);
    obs_data_set_obj(settings.get(), "font", font.get());
    obs_data_set_string(settings.get(), "text", "Stagehand");
    SourcePtr source = make_source("text_ft2_source", "reference text", settings.get());
    ASSERT_NE(source, nullptr) << "text_ft2_source is not registered: text-freetype2 not loaded";
    ASSERT_TRUE(g_obs->wait_for_size(source.get())) << "text_ft2_source never got a size";
    const std::uint32_t w = obs_source_get_width(source.get());
    const std::uint32_t h = obs_source_get_height(source.get());
    Image image = g_obs->render_when_ready(source.get(), w, h);
    ASSERT_TRUE(image.any_coverage());
    // All of it is OBS's drawing: no tiles of Stagehand's own to check.
    const std::string mismatch = stagehand::test::check_golden("text_ft2_reference", image, 0);
    EXPECT_TRUE(mismatch.empty()) << mismatch;
}

#if defined(__linux__)
// How many of this process's threads carry `name` (Linux keeps 15 bytes of it).
int threads_named(const std::string& name) {
    int n = 0;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream comm(task.path() / "comm");
        std::string line;
        n += std::getline(comm, line) && line == name;
    }
    return n;
}

// Every source lays its content out off OBS's threads, but not on a thread of its own: a scene
// collection holds many sources, and a thread each held a font cache, a highlighter and a heap
// arena for each. Code snippets share one thread, the other overlays another.
TEST_F(RenderTest, SourcesLayOutOnTwoSharedThreadsNotOneEach) {
    std::vector<SourcePtr> sources;
    for (int i = 0; i < 3; ++i) {
        DataPtr settings(obs_data_create());
        obs_data_set_int(settings.get(), "width", 320);
        obs_data_set_int(settings.get(), "height", 120);
        obs_data_set_string(settings.get(), "text",
                            ("int shared = " + std::to_string(i) + ";").c_str());
        sources.push_back(
            make_source("stagehand_code", ("code " + std::to_string(i)).c_str(), settings.get()));
    }
    for (int i = 0; i < 2; ++i) {
        DataPtr settings(obs_data_create());
        obs_data_set_int(settings.get(), "width", 600);
        obs_data_set_int(settings.get(), "height", 64);
        sources.push_back(make_source("stagehand_slides", ("slides " + std::to_string(i)).c_str(),
                                      settings.get()));
    }
    for (const SourcePtr& source : sources) {
        ASSERT_NE(source, nullptr);
        const std::uint32_t w = obs_source_get_width(source.get());
        const std::uint32_t h = obs_source_get_height(source.get());
        EXPECT_TRUE(g_obs->render_when_ready(source.get(), w, h).any_coverage())
            << obs_source_get_name(source.get()) << " drew nothing";
    }
    EXPECT_EQ(threads_named("stagehand-code"), 1);
    EXPECT_EQ(threads_named("stagehand-draw"), 1);
}
#endif

// Stacks images vertically (left-aligned) into one, for side-by-side goldens.
Image stack(const std::vector<Image>& parts) {
    Image out;
    for (const Image& p : parts) {
        out.width = std::max(out.width, p.width);
        out.height += p.height;
    }
    out.rgba.assign(static_cast<std::size_t>(out.width) * out.height * 4, 0);
    std::uint32_t y0 = 0;
    for (const Image& p : parts) {
        for (std::uint32_t y = 0; y < p.height; ++y)
            std::copy_n(p.rgba.data() + static_cast<std::size_t>(y) * p.width * 4, p.width * 4,
                        out.rgba.data() + (static_cast<std::size_t>(y0 + y) * out.width) * 4);
        y0 += p.height;
    }
    return out;
}

// Settings for a code source that shows only white text: invisible panel, no theme, no line
// numbers, no title bar, so the text engine is all that is compared.
DataPtr plain_text_settings(const char* face, int size, const std::string& text, std::uint32_t w,
                            std::uint32_t h, double padding) {
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", w);
    obs_data_set_int(settings.get(), "height", h);
    obs_data_set_int(settings.get(), "background_color", 0);
    obs_data_set_int(settings.get(), "border_color", 0);
    obs_data_set_int(settings.get(), "shadow_color", 0);
    obs_data_set_double(settings.get(), "padding", padding);
    obs_data_set_int(settings.get(), "text_color", 0xFFFFFFFF);
    obs_data_set_string(settings.get(), "text", text.c_str());
    obs_data_set_string(settings.get(), "theme", "custom");
    obs_data_set_bool(settings.get(), "line_numbers", false);
    obs_data_set_bool(settings.get(), "window_chrome", false);
    set_font(settings.get(), face, size);
    return settings;
}

// The text engine drawing in a Stagehand source with an invisible panel, so only text shows.
Image render_stagehand_text(const char* face, int size, const std::string& text, std::uint32_t w,
                            std::uint32_t h) {
    DataPtr settings = plain_text_settings(face, size, text, w, h, 4.0);
    SourcePtr source = make_source("stagehand_code", "text case", settings.get());
    return g_obs->render_when_ready(source.get(), w, h);
}

Image render_ft2_text(const char* face, int size, const std::string& text) {
    DataPtr settings(obs_data_create());
    set_font(settings.get(), face, size);
    obs_data_set_string(settings.get(), "text", text.c_str());
    SourcePtr source = make_source("text_ft2_source", "ft2 case", settings.get());
    if (!g_obs->wait_for_size(source.get()))
        return {};
    return g_obs->render_when_ready(source.get(), obs_source_get_width(source.get()),
                                    obs_source_get_height(source.get()));
}

struct TextCase {
    const char* name;
    const char* face;
    const char* text;
};

class TextGoldenTest : public RenderTest, public ::testing::WithParamInterface<TextCase> {};

// Stagehand's text (top) above the same string in OBS's text_ft2_source (bottom): the golden
// is what a person compared and accepted.
TEST_P(TextGoldenTest, StagehandTextAboveStockTextMatchesGolden) {
    const TextCase& c = GetParam();
    Image ours = render_stagehand_text(c.face, 40, c.text, 480, 64);
    ASSERT_TRUE(ours.any_coverage()) << c.name << ": the Stagehand source drew no text";
    Image stock = render_ft2_text(c.face, 40, c.text);
    ASSERT_FALSE(stock.empty()) << c.name << ": text_ft2_source never got a size";
    const std::string mismatch = stagehand::test::check_golden(std::string("text_") + c.name,
                                                               stack({ours, stock}), ours.height);
    EXPECT_TRUE(mismatch.empty()) << mismatch;
}

INSTANTIATE_TEST_SUITE_P(Scripts, TextGoldenTest,
                         ::testing::Values(TextCase{"latin", "DejaVu Sans", "Stagehand: live code"},
                                           TextCase{"ligatures", "JetBrains Mono", "x => y != z"},
                                           TextCase{"arabic", "DejaVu Sans", "مرحبا بالعالم"},
                                           TextCase{"hebrew", "DejaVu Sans", "שלום עולם"},
                                           TextCase{"japanese", "DejaVu Sans", "日本語のテキスト"},
                                           TextCase{"emoji", "DejaVu Sans",
                                                    "ok 👍🏽 🎉 🇯🇵"}),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

// Outline and shadow come from the glyphs themselves; the golden shows white text with a
// 2 px dark blue outline and a translucent shadow 4 px down and right.
TEST_F(RenderTest, OutlinedTextWithShadowMatchesGolden) {
    DataPtr settings = plain_text_settings("DejaVu Sans", 40, "Outlined 42", 360, 72, 8.0);
    obs_data_set_int(settings.get(), "text_outline_color", 0xFF603010);
    obs_data_set_double(settings.get(), "text_outline_width", 2.0);
    obs_data_set_int(settings.get(), "text_shadow_color", 0xA0000000);
    obs_data_set_double(settings.get(), "text_shadow_offset", 4.0);
    SourcePtr source = make_source("stagehand_code", "outlined", settings.get());
    Image image = g_obs->render_when_ready(source.get(), 360, 72);
    ASSERT_TRUE(image.any_coverage());
    const std::string mismatch = stagehand::test::check_golden("text_outline_shadow", image);
    EXPECT_TRUE(mismatch.empty()) << mismatch;
}

TEST_F(RenderTest, EmojiAreDrawnInColour) {
    Image image = render_stagehand_text("DejaVu Sans", 48, "🎉", 120, 80);
    ASSERT_TRUE(image.any_coverage());
    bool colourful = false;
    for (std::uint32_t y = 0; y < image.height && !colourful; ++y)
        for (std::uint32_t x = 0; x < image.width && !colourful; ++x) {
            const std::uint8_t* p = image.pixel(x, y);
            colourful = p[3] > 200 && (std::abs(int(p[0]) - int(p[2])) > 80 ||
                                       std::abs(int(p[1]) - int(p[2])) > 80);
        }
    EXPECT_TRUE(colourful) << "the emoji was drawn as a monochrome mask";
}

} // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new ObsEnvironment);
    return RUN_ALL_TESTS();
}
