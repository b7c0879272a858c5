#include "core/code/code_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace stagehand::core::code {

namespace {

std::size_t count_lines(const std::string& text) {
    std::size_t n = 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    if (!text.empty() && text.back() == '\n')
        --n; // a final newline does not start a line worth numbering
    return n;
}

} // namespace

CodeViewResult build_code_view(const CodeView& view, text::TextEngine& engine,
                               highlight::Highlighter& highlighter, RenderList& list,
                               std::vector<std::string>& warnings) {
    CodeViewResult result;
    result.lines = count_lines(view.text);
    text::TextStyle style = view.style;
    style.wrap = false;
    if (view.theme)
        style.color = view.theme->foreground;
    const float bar_line_height = style.size_px * style.line_height;

    CodeView adjusted = view;
    if (view.window_chrome || !view.title.empty()) {
        // The title bar: as tall as a line and a half, dots like a desktop window, the title
        // centred and a little quieter than the code.
        const float bar = std::round(bar_line_height * 1.5f);
        float x = view.box.x;
        if (view.window_chrome) {
            const float r = std::round(style.size_px * 0.3f);
            const Color dots[3] = {Color{1.0f, 0.37f, 0.34f, 1}, Color{1.0f, 0.74f, 0.18f, 1},
                                   Color{0.16f, 0.79f, 0.25f, 1}};
            for (int i = 0; i < 3; ++i) {
                list.shapes.push_back(ShapeQuad{Rect{x, view.box.y + bar * 0.5f - r, 2 * r, 2 * r},
                                                r, 1.0f, dots[i], dots[i]});
                x += 2 * r + r;
            }
        }
        if (!view.title.empty()) {
            text::TextStyle title_style = style;
            title_style.align = text::Align::Center;
            title_style.overflow = text::Overflow::Ellipsis;
            title_style.size_px = std::round(style.size_px * 0.85f);
            title_style.color = view.theme ? view.theme->line_number : style.color;
            const float side = x - view.box.x + style.size_px;
            text::TextLayout title =
                engine.layout(view.title, title_style, view.box.w - 2 * side, 0);
            append_layout(title, view.box.x + side, view.box.y + (bar - title.height) * 0.5f, list);
        }
        adjusted.box.y += bar;
        adjusted.box.h -= bar;
        if (adjusted.box.h <= 0)
            return result;
    }
    if (view.fit && result.lines > 0) {
        // The size at which every line fits: lines stack to the box height, the widest line
        // (plus a gutter of its digits) to the box width. The engine's shrink-to-fit finds it.
        text::TextStyle probe = style;
        probe.min_size_px = std::min(view.min_fit_size_px, style.size_px);
        probe.wrap = view.wrap;
        const float gutter_share = view.line_numbers ? style.size_px * 3.0f : 0.0f;
        const text::TextLayout fitted =
            engine.layout(view.text, probe, adjusted.box.w - gutter_share, adjusted.box.h);
        style.size_px = fitted.size_px;
    }
    const float line_height = style.size_px * style.line_height;
    const CodeView& v = adjusted;

    // Language: the setting, else a guess from the text; unknown means plain text, said once.
    const highlight::LanguageInfo* language = nullptr;
    if (view.language.empty() || view.language == "auto") {
        language = highlighter.detect(view.text);
    } else {
        language = highlight::find_language(view.language);
        if (!language)
            warnings.push_back("language \"" + view.language +
                               "\" is not one Stagehand highlights; showing plain text");
    }
    std::vector<highlight::Token> tokens;
    if (language && view.theme) {
        highlight::HighlightResult h = highlighter.highlight(*language, view.text);
        if (!h.error.empty())
            warnings.push_back("highlighting " + std::string(language->name) +
                               " failed: " + h.error);
        tokens = std::move(h.tokens);
        result.language = language;
    }

    // Focus: the current step's lines, else the focus setting.
    const LineSet* focus = nullptr;
    if (!view.steps.empty())
        focus = &view.steps[std::min(view.step, view.steps.size() - 1)];
    else if (!view.focus.empty())
        focus = &view.focus;

    // Only the lines that fit are shaped: scroll so the focus is in view, then cut the window.
    const std::size_t fit =
        line_height > 0
            ? std::max<std::size_t>(1, static_cast<std::size_t>((v.box.h + 0.5f) / line_height))
            : result.lines;
    std::size_t first = 1;
    if (focus && focus->last() > fit) {
        const std::size_t span = focus->last() - focus->first() + 1;
        first = span >= fit ? focus->first()
                            : focus->first() - std::min(focus->first() - 1, (fit - span) / 2);
    }
    first = std::min(first, result.lines > fit ? result.lines - fit + 1 : std::size_t{1});
    std::size_t last = std::min(result.lines, first + fit - 1);

    std::vector<std::size_t> line_start{0};
    for (std::size_t i = 0; i < view.text.size(); ++i)
        if (view.text[i] == '\n')
            line_start.push_back(i + 1);
    line_start.push_back(view.text.size() + 1);

    // Gutter: the line numbers, right-aligned, in the same font so their baselines line up.
    float code_x = v.box.x;
    float code_w = v.box.w;
    // Room for the diff signs left of the line numbers, when there are any.
    const float diff_space =
        view.added.empty() && view.removed.empty() ? 0.0f : std::ceil(style.size_px * 0.9f);
    text::TextStyle gutter_style = style;
    gutter_style.align = text::Align::Right;
    gutter_style.ligatures = false;
    gutter_style.color = view.theme ? view.theme->line_number : style.color;
    if (view.line_numbers) {
        const std::string widest(std::to_string(result.lines).size(), '0');
        const float digits = engine.layout(widest, gutter_style, 0, 0).width;
        result.gutter_width = std::ceil(diff_space + digits + style.size_px * 1.2f);
    } else {
        result.gutter_width = diff_space;
    }
    code_x += result.gutter_width;
    code_w -= result.gutter_width;
    if (code_w <= 0)
        return result;

    // Lays out source lines [a, b] (1-based) with their highlight spans, at most `rows` rows.
    auto layout_lines = [&](std::size_t a, std::size_t b, float height) {
        const std::size_t begin = line_start[a - 1];
        const std::size_t end = std::min(view.text.size(), line_start[b] - 1);
        const std::string window = view.text.substr(begin, end > begin ? end - begin : 0);
        std::vector<text::TextSpan> spans;
        for (const highlight::Token& t : tokens) {
            if (t.end <= begin || t.begin >= end)
                continue;
            const highlight::TokenStyle ts = view.theme->style_for(t.capture);
            text::TextSpan span;
            span.begin = static_cast<std::uint32_t>(std::max<std::size_t>(t.begin, begin) - begin);
            span.end = static_cast<std::uint32_t>(std::min<std::size_t>(t.end, end) - begin);
            span.color = ts.color;
            if (ts.bold)
                span.weight = 700;
            if (ts.italic)
                span.italic = true;
            spans.push_back(span);
        }
        return engine.layout(window, style, code_w, height, spans);
    };
    style.wrap = view.wrap;
    style.hanging_indent = true;
    style.overflow = text::Overflow::Clip;
    text::TextLayout layout = layout_lines(first, last, 0.0f);
    if (view.wrap && layout.lines.size() > fit) {
        // Wrapped lines take several rows, so fewer lines fit than the box has rows. Rows of
        // each line, then the first line that keeps the whole focus (or as much as fits from
        // its start) in view; the last line may show only its first rows.
        std::vector<std::size_t> row_end(last - first + 1, 0);
        for (const text::LayoutLine& l : layout.lines)
            if (l.paragraph < row_end.size())
                ++row_end[l.paragraph];
        for (std::size_t i = 1; i < row_end.size(); ++i)
            row_end[i] += row_end[i - 1];
        auto rows_from = [&](std::size_t a, std::size_t b) { // lines a..b, 1-based
            return row_end[b - first] - (a > first ? row_end[a - 1 - first] : 0);
        };
        if (focus && focus->first() <= last) {
            const std::size_t f0 = std::max(focus->first(), first);
            const std::size_t f1 = std::clamp(focus->last(), f0, last);
            std::size_t top = first;
            while (top < f0 && rows_from(top, f1) > fit)
                ++top;
            first = top;
        }
        std::size_t bottom = first;
        while (bottom < last && rows_from(first, bottom + 1) <= fit)
            ++bottom;
        last = std::min(last, bottom + 1); // one more, cut to the rows that fit
        layout = layout_lines(first, last, static_cast<float>(fit) * line_height);
        if (!layout.lines.empty())
            last = first + layout.lines.back().paragraph;
    }
    result.first_visible_line = first;
    // The window onto the file, for transitions: stepping to a far focus scrolls.
    list.scroll_area = Rect{v.box.x, v.box.y, v.box.w, static_cast<float>(fit) * line_height};
    list.scroll_y = static_cast<float>(first - 1) * line_height;
    result.visible_lines = last >= first ? last - first + 1 : 0;
    result.rows = layout.lines.size();
    result.font_size = layout.size_px;

    text::TextLayout gutter;
    if (view.line_numbers) {
        // One row per code row: the number on a line's first row, nothing on its wrapped rows.
        std::string numbers;
        for (std::size_t i = 0; i < layout.lines.size(); ++i) {
            if (i > 0)
                numbers += '\n';
            if (!layout.lines[i].continuation)
                numbers += std::to_string(first + layout.lines[i].paragraph);
        }
        text::TextStyle numbers_style = gutter_style;
        numbers_style.wrap = false;
        gutter = engine.layout(numbers, numbers_style,
                               result.gutter_width - diff_space - style.size_px * 0.8f, 0);
    }
    if (view.min_legible_px > 0.0f && result.font_size * view.output_scale < view.min_legible_px) {
        char message[200];
        std::snprintf(message, sizeof message,
                      "code text is %.0f px at the output; viewers on phones need about %.0f px "
                      "(a larger font, fewer lines or a larger source)",
                      static_cast<double>(result.font_size * view.output_scale),
                      static_cast<double>(view.min_legible_px));
        warnings.push_back(message);
    }
    for (const std::string& w : layout.warnings)
        if (std::find(warnings.begin(), warnings.end(), w) == warnings.end())
            warnings.push_back(w);

    // For a line's first row: how many rows the line has on screen; 0 for its wrapped rows.
    auto rows_of_line = [&](std::size_t row) -> std::size_t {
        if (layout.lines[row].continuation)
            return 0;
        std::size_t n = 1;
        while (row + n < layout.lines.size() && layout.lines[row + n].continuation)
            ++n;
        return n;
    };
    if (focus) {
        // Bars behind the focused lines, under the text; the rest is dimmed.
        const Color bar = view.theme ? view.theme->focus_background : Color{1, 1, 1, 0.08f};
        const Color active = view.theme ? view.theme->line_number_active : style.color;
        // One bar per run of focused rows (a focused range is one bar, which then slides and
        // resizes as a whole when the step changes).
        std::size_t run_start = 0, run_rows = 0;
        auto flush_bar = [&] {
            if (run_rows > 0)
                list.shapes.push_back(
                    ShapeQuad{Rect{v.box.x, v.box.y + line_height * static_cast<float>(run_start),
                                   v.box.w, line_height * static_cast<float>(run_rows)},
                              4.0f, 1.0f, bar, bar});
            run_rows = 0;
        };
        for (std::size_t i = 0; i < layout.lines.size(); ++i) {
            const std::size_t line = first + layout.lines[i].paragraph;
            const bool focused = focus->contains(line);
            if (focused) {
                if (run_rows == 0)
                    run_start = i;
                ++run_rows;
            } else {
                flush_bar();
            }
            const text::LayoutLine& l = layout.lines[i];
            for (std::uint32_t k = 0; k < l.glyph_count; ++k) {
                text::PositionedGlyph& g = layout.glyphs[l.first_glyph + k];
                if (!focused)
                    g.color.a *= view.dim_opacity;
            }
            if (i < gutter.lines.size()) {
                const text::LayoutLine& gl = gutter.lines[i];
                for (std::uint32_t k = 0; k < gl.glyph_count; ++k) {
                    text::PositionedGlyph& g = gutter.glyphs[gl.first_glyph + k];
                    if (focused)
                        g.color = active;
                    else
                        g.color.a *= view.dim_opacity;
                }
            }
        }
        flush_bar();
    }
    // Diff tints and marks: full-width tints under the text, a sign at the gutter's left edge
    // for added and removed lines, a short accent bar for marked ones.
    const Color added_tint{0.22f, 0.75f, 0.35f, 0.16f};
    const Color removed_tint{0.90f, 0.27f, 0.27f, 0.16f};
    const Color accent = view.theme ? view.theme->style_for("keyword").color : style.color;
    for (std::size_t i = 0; i < layout.lines.size(); ++i) {
        const std::size_t rows = rows_of_line(i);
        if (rows == 0)
            continue; // a wrapped row: its line's first row drew the marks for all of them
        const std::size_t line = first + layout.lines[i].paragraph;
        const float y = v.box.y + line_height * static_cast<float>(i);
        const float h = line_height * static_cast<float>(rows);
        const bool add = view.added.contains(line), remove = view.removed.contains(line);
        if (add || remove) {
            const Color tint = add ? added_tint : removed_tint;
            list.shapes.push_back(ShapeQuad{Rect{v.box.x, y, v.box.w, h}, 0.0f, 1.0f, tint, tint});
            const float bar = std::max(2.0f, std::round(style.size_px * 0.5f));
            const float cx = v.box.x + diff_space * 0.5f;
            const float cy = y + line_height * 0.5f;
            const Color sign{tint.r, tint.g, tint.b, 1.0f};
            const float thick = std::max(2.0f, std::round(style.size_px * 0.09f));
            list.shapes.push_back(ShapeQuad{Rect{cx - bar * 0.5f, cy - thick * 0.5f, bar, thick},
                                            0.0f, 1.0f, sign, sign}); // the minus stroke
            if (add)
                list.shapes.push_back(
                    ShapeQuad{Rect{cx - thick * 0.5f, cy - bar * 0.5f, thick, bar}, 0.0f, 1.0f,
                              sign, sign}); // the plus upright
        }
        if (view.marked.contains(line)) {
            const float w = std::max(3.0f, std::round(style.size_px * 0.15f));
            list.shapes.push_back(ShapeQuad{Rect{code_x - w * 2.0f, y + 2.0f, w, h - 4.0f},
                                            w * 0.5f, 1.0f, accent, accent});
        }
    }
    append_layout(gutter, v.box.x + diff_space, v.box.y, list);
    append_layout(layout, code_x, v.box.y, list);
    return result;
}

} // namespace stagehand::core::code
