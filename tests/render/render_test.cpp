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

using stagehand::test::g_obs;
using stagehand::test::HeadlessObs;
using stagehand::test::Image;
using stagehand::test::stagehand_request;

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

struct DataDeleter {
    void operator()(obs_data_t* d) const { obs_data_release(d); }
};
struct SourceDeleter {
    void operator()(obs_source_t* s) const { obs_source_release(s); }
};
using DataPtr = std::unique_ptr<obs_data_t, DataDeleter>;
using SourcePtr = std::unique_ptr<obs_source_t, SourceDeleter>;

SourcePtr make_source(const char* id, const char* name, obs_data_t* settings) {
    return SourcePtr(obs_source_create_private(id, name, settings));
}

// OBS colour settings are 0xAABBGGRR.
constexpr long long kOpaqueGreen = 0xFF00C000;

void expect_pixel(const Image& image, std::uint32_t x, std::uint32_t y, int r, int g, int b, int a,
                  int tolerance = 2) {
    const std::uint8_t* p = image.pixel(x, y);
    EXPECT_NEAR(p[0], r, tolerance) << "red at " << x << "," << y;
    EXPECT_NEAR(p[1], g, tolerance) << "green at " << x << "," << y;
    EXPECT_NEAR(p[2], b, tolerance) << "blue at " << x << "," << y;
    EXPECT_NEAR(p[3], a, tolerance) << "alpha at " << x << "," << y;
}

class RenderTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!g_obs)
            GTEST_SKIP() << "libobs did not start (see the environment failure above)";
    }
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

void set_font(obs_data_t* settings, const char* face, int size) {
    DataPtr font(obs_data_create());
    obs_data_set_string(font.get(), "face", face);
    obs_data_set_string(font.get(), "style", "Regular");
    obs_data_set_int(font.get(), "size", size);
    obs_data_set_obj(settings, "font", font.get());
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

struct CodeCase {
    const char* name;
    const char* language;
    const char* theme;
    const char* file;
};

class CodeGoldenTest : public RenderTest, public ::testing::WithParamInterface<CodeCase> {};

// The code overlay as a viewer sees it: highlighted by tree-sitter in a theme, line numbers in
// the gutter, on the theme's background.
TEST_P(CodeGoldenTest, HighlightedSnippetMatchesGolden) {
    const CodeCase& c = GetParam();
    std::ifstream in(std::string(STAGEHAND_UNIT_DATA_DIR) + "/highlight/" + c.file);
    std::stringstream code;
    code << in.rdbuf();
    ASSERT_FALSE(code.str().empty()) << c.file;
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 720);
    obs_data_set_int(settings.get(), "height", 400);
    obs_data_set_int(settings.get(), "shadow_color", 0);
    obs_data_set_string(settings.get(), "text", code.str().c_str());
    obs_data_set_string(settings.get(), "language", c.language);
    obs_data_set_string(settings.get(), "theme", c.theme);
    obs_data_set_string(settings.get(), "title", c.file);
    obs_data_set_double(settings.get(), "padding", 16.0);
    set_font(settings.get(), "JetBrains Mono", 18);
    SourcePtr source = make_source("stagehand_code", c.name, settings.get());
    Image image = g_obs->render_when_ready(source.get(), 720, 400);
    ASSERT_TRUE(image.any_coverage());
    const std::string mismatch = stagehand::test::check_golden(c.name, image);
    EXPECT_TRUE(mismatch.empty()) << mismatch;
}

INSTANTIATE_TEST_SUITE_P(
    Themes, CodeGoldenTest,
    ::testing::Values(
        CodeCase{"code_csharp_dark_plus", "c_sharp", "dark-plus", "sample.cs"},
        CodeCase{"code_typescript_github_light", "typescript", "github-light", "sample.ts"},
        CodeCase{"code_python_dracula", "python", "dracula", "sample.py"},
        CodeCase{"code_java_light_plus", "java", "light-plus", "sample.java"},
        CodeCase{"code_go_github_dark", "go", "github-dark", "sample.go"},
        CodeCase{"code_rust_one_dark", "rust", "one-dark", "sample.rs"},
        CodeCase{"code_sql_solarized_dark", "sql", "solarized-dark", "sample.sql"},
        CodeCase{"code_yaml_solarized_light", "yaml", "solarized-light", "sample.yaml"},
        CodeCase{"code_ruby_monokai", "ruby", "monokai", "sample.rb"},
        CodeCase{"code_bash_high_contrast", "bash", "high-contrast", "sample.sh"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

// Long lines wrapped in a narrow box: numbered once, the focus bar over all rows of its line.
TEST_F(RenderTest, WrappedCodeMatchesGolden) {
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 520);
    obs_data_set_int(settings.get(), "height", 372);
    obs_data_set_int(settings.get(), "shadow_color", 0);
    obs_data_set_string(settings.get(), "text",
                        "// Orders paid this month, with shipping and tax\n"
                        "if (month.IsOpen) {\n"
                        "    var total = orders.Where(o => o.Paid && o.Month == month)"
                        ".Sum(o => o.Amount + o.Shipping + o.Tax);\n"
                        "    Console.WriteLine($\"Total: {total:C}\");\n"
                        "}\n");
    obs_data_set_string(settings.get(), "language", "c_sharp");
    obs_data_set_string(settings.get(), "theme", "dark-plus");
    obs_data_set_string(settings.get(), "focus", "3");
    obs_data_set_bool(settings.get(), "wrap", true);
    obs_data_set_double(settings.get(), "padding", 16.0);
    set_font(settings.get(), "JetBrains Mono", 20);
    SourcePtr source = make_source("stagehand_code", "wrapped", settings.get());
    Image image = g_obs->render_when_ready(source.get(), 520, 372);
    ASSERT_TRUE(image.any_coverage());
    const std::string mismatch = stagehand::test::check_golden("code_wrapped", image);
    EXPECT_TRUE(mismatch.empty()) << mismatch;
}

// The Next/Previous step hotkeys move the source's step within its step list, and stop at
// either end.
TEST_F(RenderTest, StepHotkeysWalkTheStepList) {
    DataPtr settings(obs_data_create());
    obs_data_set_string(settings.get(), "text", "a\nb\nc\nd\n");
    obs_data_set_string(settings.get(), "steps", "1 | 2-3 | 4");
    // A public source: libobs gives private sources no hotkeys.
    SourcePtr source(obs_source_create("stagehand_code", "stepper", settings.get(), nullptr));
    ASSERT_NE(source, nullptr);

    struct Found {
        obs_source_t* source;
        obs_hotkey_id next = OBS_INVALID_HOTKEY_ID;
        obs_hotkey_id previous = OBS_INVALID_HOTKEY_ID;
    } found{source.get()};
    obs_enum_hotkeys(
        [](void* data, obs_hotkey_id id, obs_hotkey_t* key) {
            auto* f = static_cast<Found*>(data);
            if (obs_hotkey_get_registerer_type(key) != OBS_HOTKEY_REGISTERER_SOURCE)
                return true;
            obs_weak_source_t* weak =
                static_cast<obs_weak_source_t*>(obs_hotkey_get_registerer(key));
            if (!obs_weak_source_references_source(weak, f->source))
                return true;
            const std::string name = obs_hotkey_get_name(key);
            if (name == "stagehand.code.next_step")
                f->next = id;
            if (name == "stagehand.code.previous_step")
                f->previous = id;
            return true;
        },
        &found);
    ASSERT_NE(found.next, OBS_INVALID_HOTKEY_ID);
    ASSERT_NE(found.previous, OBS_INVALID_HOTKEY_ID);

    // The step is the control layer's (get_state), not a setting; the source draws from it.
    auto step = [&] {
        const nlohmann::json state = stagehand_request("get_state", nlohmann::json::object());
        for (const auto& code : state["code"])
            if (code["name"] == "stepper")
                return code["step"].get<long long>();
        return -1LL;
    };
    obs_data_t* current = obs_source_get_settings(source.get());
    const std::string settings_before = obs_data_get_json(current);
    obs_data_release(current);
    const Image first = g_obs->render_when_ready(source.get(), 400, 200);
    obs_hotkey_enable_callback_rerouting(true);
    EXPECT_EQ(step(), 1);
    for (int i = 0; i < 5; ++i)
        obs_hotkey_trigger_routed_callback(found.next, true);
    EXPECT_EQ(step(), 3); // stops at the last step
    obs_hotkey_trigger_routed_callback(found.previous, true);
    EXPECT_EQ(step(), 2);
    obs_hotkey_enable_callback_rerouting(false);
    Image now = first;
    for (int i = 0; i < 400 && now.rgba == first.rgba; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        now = g_obs->render(source.get(), 400, 200);
    }
    EXPECT_NE(now.rgba, first.rgba) << "the source redraws from the published step";
    current = obs_source_get_settings(source.get());
    EXPECT_EQ(obs_data_get_json(current), settings_before) << "a step writes no setting";
    obs_data_release(current);
}

// Pixels brighter than the dark panels: where text is drawn.
std::size_t count_bright(const Image& image) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4)
        n += image.rgba[i] > 120 || image.rgba[i + 1] > 120 || image.rgba[i + 2] > 120;
    return n;
}

// The dock's control over real sources: it finds code sources by name (and nothing else),
// reads their step, moves it like the hotkeys do, and replaces a followed file with typed text.
TEST_F(RenderTest, DockControlDrivesRealCodeSources) {
    DataPtr settings(obs_data_create());
    obs_data_set_string(settings.get(), "text", "a\nb\nc\n");
    obs_data_set_string(settings.get(), "file", "/nonexistent/stagehand/main.py");
    obs_data_set_string(settings.get(), "steps", "1 | 2 | 3");
    obs_data_set_bool(settings.get(), "window_chrome", false); // its dots are bright too
    obs_data_set_int(settings.get(), "transition_ms", 0);
    SourcePtr code(obs_source_create("stagehand_code", "Dock code", settings.get(), nullptr));
    SourcePtr other(obs_source_create("stagehand_slides", "Dock slides", nullptr, nullptr));
    ASSERT_NE(code, nullptr);
    ASSERT_NE(other, nullptr);
    namespace control = stagehand::control;
    control::Controller::Options options;
    options.code = stagehand::make_obs_code_sources();
    control::Controller controller(std::move(options));
    auto find = [&](const std::string& name) -> std::optional<control::CodeSourceState> {
        for (const auto& s : controller.state().code)
            if (s.name == name)
                return s;
        return std::nullopt;
    };

    EXPECT_TRUE(find("Dock code"));
    EXPECT_FALSE(find("Dock slides")) << "only code sources are listed";
    EXPECT_EQ(controller.execute(control::CodeStep{{"Dock slides"}, std::nullopt, 1}).error,
              "source \"Dock slides\" is not a code snippet (it is a stagehand_slides)");
    EXPECT_FALSE(controller.execute(control::CodeShow{{"No such source"}, "x", ""}).ok);

    auto state = find("Dock code");
    ASSERT_TRUE(state);
    EXPECT_EQ(state->steps, 3u);
    EXPECT_EQ(state->step, 1u);
    EXPECT_EQ(state->file, "/nonexistent/stagehand/main.py");
    EXPECT_FALSE(state->on_program) << "in no scene, so not on the program output";
    EXPECT_TRUE(controller.execute(control::CodeStep{{"Dock code"}, std::nullopt, 5}).ok);
    EXPECT_EQ(find("Dock code")->step, 3u); // clamped to the list
    EXPECT_TRUE(controller.execute(control::CodeStep{{"Dock code"}, std::nullopt, -1}).ok);
    EXPECT_EQ(find("Dock code")->step, 2u);

    {
        DataPtr marks(obs_data_create());
        obs_data_set_string(marks.get(), "added_lines", "2");
        obs_data_set_string(marks.get(), "focus", "1");
        obs_source_update(code.get(), marks.get());
    }
    EXPECT_TRUE(
        controller.execute(control::CodeShow{{"Dock code"}, "x = 1\nprint('from the dock')\n", ""})
            .ok);
    state = find("Dock code");
    EXPECT_EQ(state->text, "x = 1\nprint('from the dock')\n");
    EXPECT_TRUE(state->file.empty());
    // New text: the old snippet's steps, focus and marks are gone from the source's settings.
    EXPECT_EQ(state->steps, 0u);
    {
        DataPtr shown(obs_source_get_settings(code.get()));
        EXPECT_STREQ(obs_data_get_string(shown.get(), "steps"), "");
        EXPECT_STREQ(obs_data_get_string(shown.get(), "focus"), "");
        EXPECT_STREQ(obs_data_get_string(shown.get(), "added_lines"), "");
        EXPECT_EQ(obs_data_get_int(shown.get(), "step"), 1);
    }
    EXPECT_TRUE(
        controller
            .execute(control::CodeShow{{"Dock code"}, "x = 1\nprint('from the dock')\n", "python"})
            .ok);
    DataPtr now(obs_source_get_settings(code.get()));
    EXPECT_STREQ(obs_data_get_string(now.get(), "language"), "python");
    // And the source draws the new text (the missing file showed only the panel), undimmed:
    // it has no steps now.
    Image image;
    for (int i = 0; i < 150 && count_bright(image) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        image = g_obs->render(code.get(), 960, 540);
    }
    EXPECT_GT(count_bright(image), 0u) << "the text from the dock never appeared";
}

// Line-range settings a presenter mistyped are reported (dock and log) by the setting's name,
// and the code still shows. Read from the log: the module's status board is its own.
TEST_F(RenderTest, MistypedLineRangesAreReportedByName) {
    struct Capture {
        log_handler_t previous = nullptr;
        void* previous_param = nullptr;
        std::mutex mutex;
        std::vector<std::string> lines;
    } capture;
    base_get_log_handler(&capture.previous, &capture.previous_param);
    base_set_log_handler(
        [](int level, const char* format, va_list args, void* param) {
            auto* c = static_cast<Capture*>(param);
            va_list copy;
            va_copy(copy, args);
            char line[1024];
            std::vsnprintf(line, sizeof line, format, copy);
            va_end(copy);
            {
                std::lock_guard lock(c->mutex);
                c->lines.emplace_back(line);
            }
            c->previous(level, format, args, c->previous_param);
        },
        &capture);
    DataPtr settings(obs_data_create());
    obs_data_set_string(settings.get(), "text", "a\nb\nc\n");
    obs_data_set_string(settings.get(), "focus", "2-x");
    obs_data_set_string(settings.get(), "steps", "1 | | 3");
    obs_data_set_string(settings.get(), "marked_lines", "0");
    SourcePtr source = make_source("stagehand_code", "typo ranges", settings.get());
    EXPECT_TRUE(g_obs->render_when_ready(source.get(), 960, 540).any_coverage());
    std::string report;
    for (int i = 0; i < 150 && report.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::lock_guard lock(capture.mutex);
        for (const std::string& line : capture.lines)
            if (line.find("typo ranges: ") != std::string::npos)
                report = line;
    }
    base_set_log_handler(capture.previous, capture.previous_param);
    EXPECT_NE(report.find("typo ranges: focus "), std::string::npos) << report;
    EXPECT_NE(report.find("; steps: "), std::string::npos) << report;
    EXPECT_NE(report.find("; marked_lines "), std::string::npos) << report;
}

// A source that follows a file shows each save within about a second, and a missing file
// still leaves its panel on screen.
TEST_F(RenderTest, FollowsAFileAsItIsSaved) {
    char dir_template[] = "/tmp/stagehand-follow-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    const std::string path = std::string(dir_template) + "/demo.py";
    auto save = [&](const std::string& content) {
        std::ofstream(path + ".tmp") << content;
        std::rename((path + ".tmp").c_str(), path.c_str());
    };
    save("x = 1\n");
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 300);
    obs_data_set_int(settings.get(), "height", 120);
    obs_data_set_int(settings.get(), "shadow_color", 0);
    obs_data_set_string(settings.get(), "file", path.c_str());
    obs_data_set_int(settings.get(), "transition_ms", 0); // cut, so frames are final at once
    SourcePtr source = make_source("stagehand_code", "follower", settings.get());
    // Wait for the first content (text pixels are brighter than the dark panel).
    Image first;
    for (int i = 0; i < 150 && count_bright(first) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        first = g_obs->render(source.get(), 300, 120);
    }
    ASSERT_GT(count_bright(first), 0u) << "the file's text never appeared";

    save("total_votes = 1 + 2\n"); // a longer first line: more bright pixels
    Image second = first;
    const auto saved = std::chrono::steady_clock::now();
    while (count_bright(second) <= count_bright(first) &&
           std::chrono::steady_clock::now() - saved < std::chrono::seconds(3)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        second = g_obs->render(source.get(), 300, 120);
    }
    EXPECT_GT(count_bright(second), count_bright(first)) << "the save never showed up";

    std::filesystem::remove_all(dir_template);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const Image after = g_obs->render(source.get(), 300, 120);
    EXPECT_EQ(count_bright(after), count_bright(second)) << "a missing file keeps its last content";
}

// Changing content (here the code step) cross-fades over the panel's transition time; with a
// time of 0 it cuts.
TEST_F(RenderTest, ContentChangesCrossFadeOrCut) {
    auto run = [&](int transition_ms, bool morph, Image& first_changed, Image& settled) {
        DataPtr settings(obs_data_create());
        obs_data_set_int(settings.get(), "width", 300);
        obs_data_set_int(settings.get(), "height", 160);
        obs_data_set_int(settings.get(), "shadow_color", 0);
        obs_data_set_int(settings.get(), "transition_ms", transition_ms);
        obs_data_set_bool(settings.get(), "morph", morph);
        obs_data_set_string(settings.get(), "text", "int a;\nint b;\nint c;\n");
        obs_data_set_string(settings.get(), "language", "c");
        obs_data_set_string(settings.get(), "steps", "1 | 3");
        SourcePtr source = make_source("stagehand_code", "fader", settings.get());
        g_obs->render_when_ready(source.get(), 300, 160);
        std::this_thread::sleep_for(std::chrono::milliseconds(transition_ms + 300));
        const Image before = g_obs->render(source.get(), 300, 160);
        obs_data_set_int(settings.get(), "step", 2);
        obs_source_update(source.get(), settings.get());
        first_changed = before;
        for (int i = 0; i < 300 && first_changed.rgba == before.rgba; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            first_changed = g_obs->render(source.get(), 300, 160);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(transition_ms + 300));
        settled = g_obs->render(source.get(), 300, 160);
    };
    Image faded, fade_end, morphed, morph_end, cut, cut_end;
    run(1500, false, faded, fade_end);
    run(1500, true, morphed, morph_end);
    run(0, true, cut, cut_end);
    EXPECT_NE(faded.rgba, fade_end.rgba) << "a 1.5 s dissolve is still under way when it starts";
    EXPECT_NE(morphed.rgba, morph_end.rgba) << "a 1.5 s morph is still under way when it starts";
    EXPECT_EQ(morph_end.rgba, cut_end.rgba) << "the morph ends on the same picture";
    EXPECT_EQ(cut.rgba, cut_end.rgba) << "with no transition the first changed frame is final";
    EXPECT_EQ(fade_end.rgba, cut_end.rgba) << "both end on the same picture";
}

// A colour emoji must come out in colour: some pixel where red, green and blue differ a lot.
// A Magic-Move transition is drawn by the GPU from streams uploaded once: at its start the
// picture is still the old one (lines not yet moved), with every glyph drawn, and it ends on
// the new one.
TEST_F(RenderTest, MorphGlyphsAreMovedOnTheGpu) {
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 300);
    obs_data_set_int(settings.get(), "height", 140);
    obs_data_set_int(settings.get(), "shadow_color", 0);
    obs_data_set_bool(settings.get(), "window_chrome", false);
    obs_data_set_int(settings.get(), "transition_ms", 0);
    obs_data_set_string(settings.get(), "language", "c");
    obs_data_set_string(settings.get(), "text", "int alpha; // 🎉\nint beta;\n");
    SourcePtr source = make_source("stagehand_code", "mover", settings.get());
    g_obs->render_when_ready(source.get(), 300, 140);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const Image before = g_obs->render(source.get(), 300, 140);
    ASSERT_GT(count_bright(before), 0u);

    // Swap the lines with a two-minute transition: eased, its first few hundred milliseconds
    // move nothing by as much as a hundredth of a pixel.
    obs_data_set_int(settings.get(), "transition_ms", 120000);
    obs_data_set_string(settings.get(), "text", "int beta;\nint alpha; // 🎉\n");
    obs_source_update(source.get(), settings.get());
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    const Image early = g_obs->render(source.get(), 300, 140);
    const auto same = stagehand::test::compare(early, before, 24);
    EXPECT_LT(same.fraction_over_tolerance, 0.002) << "the morph starts from the old picture";
    EXPECT_GE(count_bright(early) * 10, count_bright(before) * 9) << "every glyph is drawn";

    // Cut to the end (a new update supersedes the morph) and compare with a cut-only source.
    obs_data_set_int(settings.get(), "transition_ms", 0);
    obs_source_update(source.get(), settings.get());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const Image end = g_obs->render(source.get(), 300, 140);
    EXPECT_GT(stagehand::test::compare(end, before, 24).fraction_over_tolerance, 0.002)
        << "the lines changed places";
}

// Next pressed twice in quick succession: the second glide starts from the picture on screen,
// not from where the first one was heading.
TEST_F(RenderTest, ASecondStepDuringAGlideStartsFromThePictureOnScreen) {
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 300);
    obs_data_set_int(settings.get(), "height", 200);
    obs_data_set_int(settings.get(), "shadow_color", 0);
    obs_data_set_bool(settings.get(), "window_chrome", false);
    obs_data_set_int(settings.get(), "transition_ms", 0);
    obs_data_set_string(settings.get(), "language", "c");
    obs_data_set_string(settings.get(), "text", "int a;\nint b;\nint c;\nint d;\n");
    obs_data_set_string(settings.get(), "steps", "1 | 2 | 3");
    SourcePtr source = make_source("stagehand_code", "stepper2", settings.get());
    g_obs->render_when_ready(source.get(), 300, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const Image step1 = g_obs->render(source.get(), 300, 200);

    // Two-minute glides: the first has barely begun when the second step comes.
    obs_data_set_int(settings.get(), "transition_ms", 120000);
    obs_data_set_int(settings.get(), "step", 2);
    obs_source_update(source.get(), settings.get());
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    obs_data_set_int(settings.get(), "step", 3);
    obs_source_update(source.get(), settings.get());
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    const Image now = g_obs->render(source.get(), 300, 200);
    EXPECT_LT(stagehand::test::compare(now, step1, 24).fraction_over_tolerance, 0.002)
        << "the screen still shows (nearly) step 1, not a jump to step 2";

    obs_data_set_int(settings.get(), "transition_ms", 0);
    obs_source_update(source.get(), settings.get());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_GT(stagehand::test::compare(g_obs->render(source.get(), 300, 200), step1, 24)
                  .fraction_over_tolerance,
              0.002)
        << "and it does reach step 3";
}

// Pixels in strong colour (the emoji; code text in these themes is pastel at most).
std::size_t count_saturated(const Image& image) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
        const int hi = std::max({image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]});
        const int lo = std::min({image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]});
        n += hi - lo > 120;
    }
    return n;
}

// Every atlas page of a transition is drawn with the transition's values: libobs forgets
// effect parameters after each technique, so the second page (colour emoji) once drew with
// none and vanished for the whole morph, and a dissolve faded only its shapes.
TEST_F(RenderTest, EveryAtlasPageOfATransitionDrawsWithItsValues) {
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 600);
    obs_data_set_int(settings.get(), "height", 320);
    obs_data_set_int(settings.get(), "shadow_color", 0);
    obs_data_set_bool(settings.get(), "window_chrome", false);
    obs_data_set_int(settings.get(), "transition_ms", 120000);
    obs_data_set_string(settings.get(), "language", "typescript");
    obs_data_set_string(settings.get(), "text", "// shaped text 🎉\nlet a = 1;\n");
    SourcePtr source = make_source("stagehand_code", "pages", settings.get());
    g_obs->render_when_ready(source.get(), 600, 320);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const Image before = g_obs->render(source.get(), 600, 320);
    const std::size_t emoji = count_saturated(before);
    ASSERT_GT(emoji, 20u);

    // A morph (the second line changes): the emoji, on the glyph atlas's colour page, stays.
    obs_data_set_string(settings.get(), "text", "// shaped text 🎉\nlet a = 2;\n");
    obs_source_update(source.get(), settings.get());
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    EXPECT_GE(count_saturated(g_obs->render(source.get(), 600, 320)) * 10, emoji * 9);

    // A dissolve to nothing, from a settled picture: halfway, the emoji is fading, neither at
    // full strength nor gone.
    obs_data_set_int(settings.get(), "transition_ms", 0);
    obs_source_update(source.get(), settings.get());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto dissolve_to_nothing = [&] {
        obs_data_set_bool(settings.get(), "morph", false);
        obs_data_set_int(settings.get(), "transition_ms", 3000);
        obs_data_set_string(settings.get(), "text", "");
        obs_source_update(source.get(), settings.get());
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        return count_saturated(g_obs->render(source.get(), 600, 320));
    };
    std::size_t halfway = dissolve_to_nothing();
    EXPECT_LT(halfway, emoji) << "the old emoji fades with the rest";
    EXPECT_GT(halfway, 0u) << "the old emoji fades, it does not vanish";

    // The same while a morph is under way: the frame on screen fades out.
    obs_data_set_int(settings.get(), "transition_ms", 0);
    obs_data_set_string(settings.get(), "text", "// shaped text 🎉\nlet a = 1;\n");
    obs_source_update(source.get(), settings.get());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    obs_data_set_bool(settings.get(), "morph", true);
    obs_data_set_int(settings.get(), "transition_ms", 120000);
    obs_data_set_string(settings.get(), "text", "// shaped text 🎉\nlet a = 3;\n");
    obs_source_update(source.get(), settings.get());
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    ASSERT_GT(count_saturated(g_obs->render(source.get(), 600, 320)), 0u);
    halfway = dissolve_to_nothing();
    EXPECT_GT(halfway, 0u) << "a morph cut short by a dissolve fades out, it does not vanish";
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

// ---- The live question source, driven through the module's own control layer ----------------

namespace {

int feature_typed_question(const std::string& text, const std::string& label) {
    const auto added = stagehand_request("question_add", {{"text", text}, {"label", label}});
    EXPECT_EQ(added.value("ok", false), true) << added.dump();
    const int id = added.value("id", 0);
    const auto featured = stagehand_request("question_feature", {{"id", id}});
    EXPECT_EQ(featured.value("ok", false), true) << featured.dump();
    return id;
}

std::size_t coverage(const Image& image) {
    std::size_t n = 0;
    for (std::size_t i = 3; i < image.rgba.size(); i += 4)
        n += image.rgba[i] > 16;
    return n;
}

struct QuestionCase {
    const char* golden;
    const char* text;
    const char* label;
};

} // namespace

// Nothing featured: the source draws nothing at all, not even its card.
TEST_F(RenderTest, QuestionSourceIsEmptyUntilAQuestionIsFeatured) {
    ASSERT_EQ(stagehand_request("question_hide", {{"_", 0}}).value("ok", false), true);
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 400);
    obs_data_set_int(settings.get(), "height", 120);
    SourcePtr source = make_source("stagehand_question", "question_empty", settings.get());
    for (int i = 0; i < 10; ++i)
        g_obs->render(source.get(), 400, 120);
    EXPECT_EQ(coverage(g_obs->render(source.get(), 400, 120)), 0u);
}

class QuestionGoldenTest : public RenderTest, public ::testing::WithParamInterface<QuestionCase> {};

// A featured question as viewers see it: author label, platform mark, number, and the text in
// any script, wrapped and shrunk to fit.
TEST_P(QuestionGoldenTest, FeaturedQuestionMatchesGolden) {
    const QuestionCase& c = GetParam();
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 640);
    obs_data_set_int(settings.get(), "height", 200);
    obs_data_set_int(settings.get(), "transition_ms", 0);
    DataPtr font(obs_data_create());
    obs_data_set_string(font.get(), "face", "DejaVu Sans");
    obs_data_set_int(font.get(), "size", 34);
    obs_data_set_obj(settings.get(), "question_font", font.get());
    // Numbers depend on which tests ran before; the golden leaves them out.
    obs_data_set_bool(settings.get(), "show_number", false);
    SourcePtr source = make_source("stagehand_question", c.golden, settings.get());
    feature_typed_question(c.text, c.label);
    Image image;
    for (int i = 0; i < 200; ++i) {
        image = g_obs->render(source.get(), 640, 200);
        if (coverage(image) > 0 && i > 5)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_GT(coverage(image), 0u) << "the featured question never appeared";
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // glyphs staged, settled
    image = g_obs->render(source.get(), 640, 200);
    const std::string mismatch = stagehand::test::check_golden(c.golden, image);
    EXPECT_TRUE(mismatch.empty()) << mismatch;
    stagehand_request("question_hide", {{"_", 0}});
}

INSTANTIATE_TEST_SUITE_P(
    Questions, QuestionGoldenTest,
    ::testing::Values(
        QuestionCase{"question_short", "How does this scale?", "from the room"},
        QuestionCase{"question_long",
                     "Could you walk us through how the incremental parser recovers when the "
                     "file being followed is saved half-way through a large refactor, and "
                     "whether the highlighting ever shows a broken state on stream while the "
                     "editor is still writing, because that happened to me last week?",
                     "Hall B"},
        QuestionCase{"question_rtl", "هل يعمل هذا على ويندوز أيضا؟", "سؤال من القاعة"},
        QuestionCase{"question_emoji", "Will the slides be shared? 🙏🎉 👍🏽",
                     "from the room"}),
    [](const auto& param_info) { return std::string(param_info.param.golden); });

// The entrance is a function of time: with a two-minute transition the question has barely
// begun to appear a moment after it was featured; with none it is there at once. Hiding it
// with a transition lets it slide out; hiding it at once leaves nothing.
TEST_F(RenderTest, AFeaturedQuestionSlidesInAndOut) {
    // One settings object each: libobs keeps a reference to the object a source is made with.
    auto settings_with = [](long long transition_ms) {
        DataPtr settings(obs_data_create());
        obs_data_set_int(settings.get(), "width", 400);
        obs_data_set_int(settings.get(), "height", 120);
        obs_data_set_int(settings.get(), "transition_ms", transition_ms);
        return settings;
    };
    DataPtr slow_settings = settings_with(120000);
    DataPtr cut_settings = settings_with(0);
    SourcePtr slow = make_source("stagehand_question", "question_slow", slow_settings.get());
    SourcePtr cut = make_source("stagehand_question", "question_cut", cut_settings.get());
    for (int i = 0; i < 5; ++i) {
        g_obs->render(slow.get(), 400, 120);
        g_obs->render(cut.get(), 400, 120);
    }
    feature_typed_question("Does it work on Wayland?", "from the room");
    Image full;
    for (int i = 0; i < 200 && coverage(full) < 1000; ++i) {
        full = g_obs->render(cut.get(), 400, 120);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_GT(coverage(full), 1000u);
    const Image arriving = g_obs->render(slow.get(), 400, 120);
    // Nearly transparent at the start of a two-minute entrance.
    std::size_t strong = 0;
    for (std::size_t i = 3; i < arriving.rgba.size(); i += 4)
        strong += arriving.rgba[i] > 128;
    EXPECT_LT(strong, 50u) << "the entrance did not start from nothing";
    stagehand_request("question_hide", {{"_", 0}});
    Image gone = full;
    for (int i = 0; i < 200 && coverage(gone) > 0; ++i) {
        gone = g_obs->render(cut.get(), 400, 120);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(coverage(gone), 0u) << "with no transition, hiding leaves nothing";
}

// ---- The slide progress source ---------------------------------------------------------------

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
    Image first;
    for (int i = 0; i < 100 && coverage(first) < 1000; ++i) {
        first = g_obs->render(source.get(), 600, 64);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const std::size_t at_start = blue_pixels(first);
    stagehand_request("slides_goto", {{"slide", 30}});
    Image later = first;
    for (int i = 0; i < 100 && blue_pixels(later) <= at_start * 4; ++i) {
        later = g_obs->render(source.get(), 600, 64);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_GT(blue_pixels(later), at_start * 4) << "the bar did not grow with the position";
}
