#include "core/code/code_view.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

using namespace stagehand::core;
using namespace stagehand::core::code;

namespace {

highlight::Theme dark_plus() {
    std::string error;
    auto t =
        highlight::load_theme_file(STAGEHAND_DATA_DIR "/themes/dark-plus.json", "dark-plus", error);
    EXPECT_TRUE(t) << error;
    return *t;
}

CodeView view_of(const std::string& text, const char* language = "c_sharp") {
    CodeView v;
    v.text = text;
    v.language = language;
    v.theme = dark_plus();
    v.style.family = "JetBrains Mono";
    v.style.size_px = 20;
    v.box = Rect{10, 10, 800, 300};
    return v;
}

struct Built {
    RenderList list;
    std::vector<std::string> warnings;
    CodeViewResult result;
};

Built build(const CodeView& v) {
    static text::TextEngine engine;
    static highlight::Highlighter highlighter;
    Built b;
    b.result = build_code_view(v, engine, highlighter, b.list, b.warnings);
    return b;
}

// Glyphs whose cluster maps to a byte of `text` inside [begin, end) are the code's own (the
// gutter's glyphs sit left of the code box).
std::vector<text::PositionedGlyph> code_glyphs(const Built& b) {
    std::vector<text::PositionedGlyph> out;
    for (const auto& g : b.list.glyphs)
        if (g.x >= 10 + b.result.gutter_width - 0.5f)
            out.push_back(g);
    return out;
}

} // namespace

TEST(CodeView, KeywordsTakeTheThemesColour) {
    const Built b = build(view_of("public class A { }"));
    EXPECT_TRUE(b.warnings.empty());
    ASSERT_NE(b.result.language, nullptr);
    const auto glyphs = code_glyphs(b);
    ASSERT_FALSE(glyphs.empty());
    EXPECT_EQ(glyphs.front().color, *parse_hex_color("#569CD6")); // 'p' of public
}

TEST(CodeView, LineNumbersAreRightAlignedInTheGutter) {
    std::string text;
    for (int i = 0; i < 12; ++i)
        text += "x;\n";
    const Built b = build(view_of(text));
    ASSERT_GT(b.result.gutter_width, 0.0f);
    // The gutter glyphs: left of the code. "9" and the "0" of "10" end at the same x.
    std::vector<text::PositionedGlyph> gutter;
    for (const auto& g : b.list.glyphs)
        if (g.x < 10 + b.result.gutter_width - 0.5f)
            gutter.push_back(g);
    ASSERT_EQ(gutter.size(), 9u + 3u * 2u); // 1..9, 10..12
    EXPECT_NEAR(gutter[8].x, gutter[10].x, 0.5f);
}

TEST(CodeView, FocusDimsTheOtherLinesAndPutsABarBehindTheFocusedOnes) {
    CodeView v = view_of("int a;\nint b;\nint c;\n");
    std::string error;
    v.focus = *parse_line_set("2", error);
    const Built b = build(v);
    ASSERT_EQ(b.list.shapes.size(), 1u);
    const auto glyphs = code_glyphs(b);
    for (const auto& g : glyphs) {
        const bool on_line_2 = g.y > b.list.shapes[0].rect.y &&
                               g.y < b.list.shapes[0].rect.y + b.list.shapes[0].rect.h;
        EXPECT_NEAR(g.color.a, on_line_2 ? 1.0f : 0.35f, 0.01f);
    }
}

TEST(CodeView, StepsPickTheFocusAndFarStepsScrollIntoView) {
    std::string text;
    for (int i = 1; i <= 5000; ++i)
        text += "var line" + std::to_string(i) + " = " + std::to_string(i) + ";\n";
    CodeView v = view_of(text);
    std::string error;
    v.steps = *parse_steps("1-2 | 4000-4002", error);
    v.step = 1;
    const auto t0 = std::chrono::steady_clock::now();
    const Built b = build(v);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(b.result.lines, 5000u);
    EXPECT_LE(b.result.first_visible_line, 4000u);
    EXPECT_GE(b.result.first_visible_line + b.result.visible_lines - 1, 4002u);
    EXPECT_LT(b.result.visible_lines, 20u) << "only what fits is laid out";
    EXPECT_LT(b.list.glyphs.size(), 20u * 40u);
    // The list says where the window is, so stepping there scrolls (see the morph tests).
    const float line_height = v.style.size_px * v.style.line_height;
    EXPECT_NEAR(b.list.scroll_y, static_cast<float>(b.result.first_visible_line - 1) * line_height,
                0.01f);
    EXPECT_GT(b.list.scroll_area.h, 0.0f);
    EXPECT_LE(b.list.scroll_area.y + b.list.scroll_area.h, v.box.y + v.box.h + 0.5f);
    RecordProperty("ms_5000_lines", std::to_string(ms));
}

TEST(CodeView, UnknownLanguageIsPlainTextWithAWarning) {
    const Built b = build(view_of("some text", "klingon"));
    ASSERT_EQ(b.warnings.size(), 1u);
    EXPECT_NE(b.warnings[0].find("\"klingon\" is not one Stagehand highlights"), std::string::npos);
    EXPECT_EQ(b.result.language, nullptr);
    EXPECT_FALSE(code_glyphs(b).empty());
}

TEST(CodeView, WindowChromeAddsDotsAndATitleAndPushesTheCodeDown) {
    CodeView plain = view_of("int a;");
    CodeView chrome = plain;
    chrome.window_chrome = true;
    chrome.title = "Program.cs";
    const Built a = build(plain);
    const Built b = build(chrome);
    EXPECT_EQ(b.list.shapes.size(), a.list.shapes.size() + 3); // three window dots
    EXPECT_EQ(b.list.glyphs.size(), a.list.glyphs.size() + std::string("Program.cs").size());
    // The code's first glyph sits a title bar lower.
    EXPECT_GT(b.list.glyphs.back().y, a.list.glyphs.back().y + 20.0f);
}

TEST(CodeView, FitShrinksTheFontUntilEveryLineFits) {
    std::string text;
    for (int i = 0; i < 20; ++i) // 20 lines of 20 px need 500 px; the box has 300
        text += "int value" + std::to_string(i) + " = 0;\n";
    CodeView v = view_of(text);
    v.fit = true;
    const Built b = build(v);
    EXPECT_LT(b.result.font_size, 20.0f);
    EXPECT_GE(b.result.font_size, 10.0f);
    EXPECT_EQ(b.result.visible_lines, 20u);
}

TEST(CodeView, WarnsWhenTextIsTooSmallAtTheOutput) {
    CodeView v = view_of("int a;");
    v.min_legible_px = 16.0f;
    v.output_scale = 1.0f;
    EXPECT_TRUE(build(v).warnings.empty()); // 20 px
    v.output_scale = 0.6667f;               // 1080p canvas, 720p output: 13 px
    const Built b = build(v);
    ASSERT_EQ(b.warnings.size(), 1u);
    EXPECT_NE(b.warnings[0].find("code text is 13 px at the output"), std::string::npos)
        << b.warnings[0];
}

TEST(CodeView, DiffLinesGetTintsAndSignsAndMarkedLinesAnAccent) {
    CodeView v = view_of("int a;\nint b;\nint c;\nint d;\n");
    std::string error;
    v.added = *parse_line_set("1", error);
    v.removed = *parse_line_set("2", error);
    v.marked = *parse_line_set("4", error);
    const Built b = build(v);
    // Added: tint + two strokes; removed: tint + one stroke; marked: one accent bar.
    ASSERT_EQ(b.list.shapes.size(), 3u + 2u + 1u);
    EXPECT_NEAR(b.list.shapes[0].top.g, 0.75f, 0.01f); // green tint on line 1
    EXPECT_NEAR(b.list.shapes[3].top.r, 0.90f, 0.01f); // red tint on line 2
    EXPECT_GT(b.list.shapes[3].rect.y, b.list.shapes[0].rect.y);
    EXPECT_EQ(b.list.shapes[5].top, *parse_hex_color("#569CD6")); // theme's keyword accent
}

namespace {

// Distinct baselines of a set of glyphs, top to bottom.
std::vector<float> rows_of(const std::vector<text::PositionedGlyph>& glyphs) {
    std::vector<float> ys;
    for (const auto& g : glyphs)
        if (std::find(ys.begin(), ys.end(), g.y) == ys.end())
            ys.push_back(g.y);
    std::sort(ys.begin(), ys.end());
    return ys;
}

std::vector<text::PositionedGlyph> gutter_glyphs(const Built& b) {
    std::vector<text::PositionedGlyph> out;
    for (const auto& g : b.list.glyphs)
        if (g.x < 10 + b.result.gutter_width - 0.5f)
            out.push_back(g);
    return out;
}

const std::string kLongLine =
    "var total = orders.Where(o => o.Paid).Select(o => o.Amount).Sum() + shipping + tax;";

} // namespace

TEST(CodeView, WrapPutsALongLineOnSeveralRowsNumberedOnce) {
    CodeView v = view_of(kLongLine + "\nint b;\n");
    v.box = Rect{10, 10, 420, 300};
    const Built clipped = build(v);
    v.wrap = true;
    const Built wrapped = build(v);

    // Clipped: two rows, and the long line loses its end.
    EXPECT_EQ(rows_of(code_glyphs(clipped)).size(), 2u);
    EXPECT_EQ(clipped.result.rows, 2u);
    // Wrapped: the long line takes several rows, every glyph inside the box, nothing lost
    // (each non-space character of the source is drawn).
    const auto glyphs = code_glyphs(wrapped);
    EXPECT_GE(rows_of(glyphs).size(), 3u);
    EXPECT_EQ(wrapped.result.rows, rows_of(glyphs).size());
    EXPECT_EQ(wrapped.result.visible_lines, 2u);
    for (const auto& g : glyphs)
        EXPECT_LT(g.x, 10.0f + 420.0f - 5.0f);
    EXPECT_GT(glyphs.size(), code_glyphs(clipped).size());
    // The gutter shows "1" and "2" once each, "2" on the row after the long line's last.
    const auto numbers = gutter_glyphs(wrapped);
    ASSERT_EQ(numbers.size(), 2u);
    const auto code_rows = rows_of(glyphs);
    EXPECT_EQ(numbers[0].y, code_rows.front());
    EXPECT_EQ(numbers[1].y, code_rows.back());
}

TEST(CodeView, WrappedFocusBarCoversAllRowsOfItsLine) {
    CodeView v = view_of("int a;\n" + kLongLine + "\nint c;\n");
    v.box = Rect{10, 10, 420, 300};
    v.wrap = true;
    std::string error;
    v.focus = *parse_line_set("2", error);
    const Built b = build(v);
    ASSERT_EQ(b.list.shapes.size(), 1u);
    const Rect bar = b.list.shapes[0].rect;
    const float line_height = 20.0f * v.style.line_height;
    const std::size_t long_rows = b.result.rows - 2;
    ASSERT_GE(long_rows, 2u);
    EXPECT_NEAR(bar.h, line_height * static_cast<float>(long_rows), 0.01f);
    // Every glyph of line 2 (all its rows) is inside the bar and not dimmed; the others are.
    for (const auto& g : code_glyphs(b)) {
        const bool inside = g.y > bar.y && g.y < bar.y + bar.h;
        EXPECT_NEAR(g.color.a, inside ? 1.0f : 0.35f, 0.01f);
    }
}

TEST(CodeView, WrapScrollsSoAFocusBelowTheWrappedRowsStaysInView) {
    // Twelve long lines of three or more rows each: fewer than half of them fit in the box.
    std::string text;
    for (int i = 1; i <= 12; ++i)
        text += "// " + std::to_string(i) + " " + kLongLine + "\n";
    CodeView v = view_of(text);
    v.box = Rect{10, 10, 420, 300};
    v.wrap = true;
    std::string error;
    v.focus = *parse_line_set("7", error);
    const Built b = build(v);
    const float line_height = 20.0f * v.style.line_height;
    const auto fit = static_cast<std::size_t>((300.0f + 0.5f) / line_height);
    EXPECT_LE(b.result.rows, fit);
    EXPECT_LE(b.result.first_visible_line, 7u);
    EXPECT_GE(b.result.first_visible_line + b.result.visible_lines - 1, 7u);
    EXPECT_GT(b.result.first_visible_line, 1u) << "line 7 is below the first box of rows";
    // The focus bar is inside the box.
    ASSERT_EQ(b.list.shapes.size(), 1u);
    EXPECT_LE(b.list.shapes[0].rect.y + b.list.shapes[0].rect.h, 10.0f + 300.0f + 0.5f);
    // Each visible line is numbered once, on its first row.
    EXPECT_EQ(rows_of(gutter_glyphs(b)).size(), b.result.visible_lines);
    EXPECT_LT(b.result.visible_lines, b.result.rows);
}

TEST(CodeView, AFocusedRangeIsOneBarAndSeparateRangesAreSeparateBars) {
    CodeView v = view_of("int a;\nint b;\nint c;\nint d;\nint e;\n");
    std::string error;
    v.focus = *parse_line_set("1-3,5", error);
    const Built b = build(v);
    ASSERT_EQ(b.list.shapes.size(), 2u);
    const float line_height = 20.0f * v.style.line_height;
    EXPECT_NEAR(b.list.shapes[0].rect.h, 3 * line_height, 0.01f);
    EXPECT_NEAR(b.list.shapes[1].rect.h, line_height, 0.01f);
    EXPECT_NEAR(b.list.shapes[1].rect.y - b.list.shapes[0].rect.y, 4 * line_height, 0.01f);
}

TEST(CodeView, WrappedRowsStartUnderTheLinesIndentation) {
    CodeView v = view_of("class A {\n        " + kLongLine + "\n}\n");
    v.box = Rect{10, 10, 460, 300};
    v.wrap = true;
    const Built b = build(v);
    const auto glyphs = code_glyphs(b);
    const auto rows = rows_of(glyphs);
    ASSERT_GE(rows.size(), 4u); // "class A {", two or more rows of the long line, "}"
    auto first_x = [&](float y) {
        float x = 1e9f;
        for (const auto& g : glyphs)
            if (g.y == y)
                x = std::min(x, g.x);
        return x;
    };
    // Spaces are glyphs too: the row starts at the code's left edge, its text (the 'v' after
    // eight spaces, byte 10 + 8 of the laid-out window) further right.
    const float text_start = first_x(rows[1]);
    float indent_x = 1e9f;
    for (const auto& g : glyphs)
        if (g.y == rows[1] && g.cluster == 18)
            indent_x = g.x;
    ASSERT_LT(indent_x, 1e8f);
    EXPECT_GT(indent_x, text_start + 20.0f);
    for (std::size_t r = 2; r + 1 < rows.size(); ++r)
        EXPECT_NEAR(first_x(rows[r]), indent_x, 0.5f) << "row " << r;
    EXPECT_NEAR(first_x(rows.back()), text_start, 0.5f) << "the closing brace is not indented";
}
