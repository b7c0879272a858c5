// Render tests of the code snippet source: highlighted snippets against goldens, steps, the
// dock's control of real sources, followed files, transitions and Magic-Move on the GPU.
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
    const Image image = render_until(
        code.get(), 960, 540, [](const Image& i) { return count_bright(i) > 0; }, 150,
        std::chrono::milliseconds(20));
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
    Image first = render_until(
        source.get(), 300, 120, [](const Image& i) { return count_bright(i) > 0; }, 150,
        std::chrono::milliseconds(20));
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

} // namespace
