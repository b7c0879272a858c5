#include "core/code/code_view.hpp"

#include <algorithm>
#include <cmath>

namespace stagehand::core::code {

namespace {

std::size_t count_lines(const std::string& text) {
    std::size_t n = 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    if (!text.empty() && text.back() == '\n')
        --n; // a final newline does not start a line worth numbering
    return n;
}

void append_offset(const text::TextLayout& layout, float dx, float dy, RenderList& list) {
    for (ShapeQuad d : layout.decorations) {
        d.rect.x += dx;
        d.rect.y += dy;
        list.shapes.push_back(d);
    }
    list.glyphs.reserve(list.glyphs.size() + layout.glyphs.size());
    for (text::PositionedGlyph g : layout.glyphs) {
        g.x += dx;
        g.y += dy;
        list.glyphs.push_back(g);
    }
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

    // Language: the setting, else a guess from the text; unknown means plain text, said once.
    const highlight::LanguageInfo* language = nullptr;
    if (view.language.empty() || view.language == "auto") {
        language = highlight::detect_language(view.text);
    } else {
        language = highlight::find_language(view.language);
        if (!language)
            warnings.push_back("language \"" + view.language +
                               "\" is not one Stagehand highlights; showing plain text");
    }

    std::vector<text::TextSpan> spans;
    if (language && view.theme) {
        const highlight::HighlightResult h = highlighter.highlight(*language, view.text);
        if (!h.error.empty())
            warnings.push_back("highlighting " + std::string(language->name) +
                               " failed: " + h.error);
        spans.reserve(h.tokens.size());
        for (const highlight::Token& t : h.tokens) {
            const highlight::TokenStyle ts = view.theme->style_for(t.capture);
            text::TextSpan span;
            span.begin = t.begin;
            span.end = t.end;
            span.color = ts.color;
            if (ts.bold)
                span.weight = 700;
            if (ts.italic)
                span.italic = true;
            spans.push_back(span);
        }
        result.language = language;
    }

    // Gutter: the line numbers, right-aligned, in the same font so their baselines line up.
    float code_x = view.box.x;
    float code_w = view.box.w;
    if (view.line_numbers) {
        std::string numbers;
        for (std::size_t i = 1; i <= result.lines; ++i)
            numbers += std::to_string(i) + (i < result.lines ? "\n" : "");
        text::TextStyle gutter_style = style;
        gutter_style.align = text::Align::Right;
        gutter_style.ligatures = false;
        gutter_style.color = view.theme ? view.theme->line_number : style.color;
        const std::string widest(std::to_string(result.lines).size(), '0');
        const float digits = engine.layout(widest, gutter_style, 0, 0).width;
        result.gutter_width = std::ceil(digits + style.size_px * 1.2f);
        text::TextLayout gutter = engine.layout(
            numbers, gutter_style, result.gutter_width - style.size_px * 0.8f, view.box.h);
        append_offset(gutter, view.box.x, view.box.y, list);
        code_x += result.gutter_width;
        code_w -= result.gutter_width;
    }
    if (code_w <= 0)
        return result;

    text::TextLayout layout = engine.layout(view.text, style, code_w, view.box.h, spans);
    result.font_size = layout.size_px;
    append_offset(layout, code_x, view.box.y, list);
    for (const std::string& w : layout.warnings)
        if (std::find(warnings.begin(), warnings.end(), w) == warnings.end())
            warnings.push_back(w);
    return result;
}

} // namespace stagehand::core::code
