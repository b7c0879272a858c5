#pragma once

#include "core/code/line_ranges.hpp"
#include "core/draw/render_list.hpp"
#include "core/highlight/highlighter.hpp"
#include "core/highlight/theme.hpp"
#include "core/text/text_layout.hpp"

#include <optional>
#include <string>
#include <vector>

namespace stagehand::core::code {

// What the code overlay shows, as plain values: the model is pure, so tests build it without
// OBS and the source builds it on its worker thread.
struct CodeView {
    std::string text;
    std::string language = "auto"; // a language id or alias, or "auto" (detect from the text)
    std::optional<highlight::Theme> theme; // none: plain text in style.color
    text::TextStyle style;
    bool line_numbers = true;
    Rect box; // where the code (and its gutter) goes, in source pixels
    // Lines to focus: shown on a highlight bar, the others dimmed. With steps, the current
    // step's lines are the focus. Lines outside the box scroll into view.
    LineSet focus;
    std::vector<LineSet> steps;
    std::size_t step = 0;
    float dim_opacity = 0.35f;
    // Diff and attention marks, independent of focus: added lines get a green tint and a "+"
    // in the gutter, removed lines red and "-", marked lines an accent bar at the gutter edge.
    LineSet added;
    LineSet removed;
    LineSet marked;
    // A window title bar across the top of the box: three window dots and the title (the
    // file name, usually). Empty title and no chrome: no bar.
    bool window_chrome = false;
    std::string title;
    // Long lines wrap onto more rows (numbered once, marked as one line) instead of being
    // clipped at the right edge.
    bool wrap = false;
    // Shrink the font (not below min_fit_size_px) until every line fits the box.
    bool fit = false;
    float min_fit_size_px = 10.0f;
    // Output pixels per source pixel (the canvas-to-output scale), and the smallest text size
    // viewers can read at the output; smaller text earns a warning. 0 disables the check.
    float output_scale = 1.0f;
    float min_legible_px = 0.0f;
};

struct CodeViewResult {
    const highlight::LanguageInfo* language = nullptr; // what was used (nullptr: plain text)
    std::size_t lines = 0;
    std::size_t first_visible_line = 1; // 1-based, after scrolling to the focus
    std::size_t visible_lines = 0;      // lines on screen (with wrap, the last may be partial)
    std::size_t rows = 0;               // rows drawn: visible_lines plus the wrapped rows
    float gutter_width = 0.0f;
    float font_size = 0.0f; // after shrink-to-fit, if the style asked for it
};

// Highlights and lays out the code into `list` (glyphs; span decorations as shapes).
// Problems (unknown language, a highlighting failure, a missing font) go to `warnings`; the
// code is then shown as plain text, never dropped.
CodeViewResult build_code_view(const CodeView& view, text::TextEngine& engine,
                               highlight::Highlighter& highlighter, RenderList& list,
                               std::vector<std::string>& warnings);

} // namespace stagehand::core::code
