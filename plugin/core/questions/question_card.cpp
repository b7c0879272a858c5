#include "core/questions/question_card.hpp"

#include <algorithm>

namespace stagehand::core::questions {

std::vector<std::string> build_question_card(const Question& question, std::size_t waiting,
                                             const QuestionCardStyle& style, const Rect& card,
                                             text::TextEngine& engine, RenderList& list) {
    std::vector<std::string> warnings;
    auto keep = [&](const text::TextLayout& layout) {
        warnings.insert(warnings.end(), layout.warnings.begin(), layout.warnings.end());
    };
    const float x = card.x + style.padding;
    const float width = std::max(1.0f, card.w - 2 * style.padding);
    float y = card.y + style.padding * 0.8f;

    // The header: a platform pill, the author, and on the right the vote number.
    text::TextStyle small;
    small.family = style.family;
    small.size_px = style.author_px * 0.75f;
    small.weight = 700;
    small.color = Color{1.0f, 1.0f, 1.0f, 1.0f};
    small.wrap = false;
    const text::TextLayout mark = engine.layout(platform_label(question.platform()), small, 0, 0);
    keep(mark);
    const float pill_h = style.author_px * 1.2f;
    const float pill_pad = style.author_px * 0.45f;
    const Color pill = platform_color(question.platform());
    list.shapes.push_back(
        ShapeQuad{Rect{x, y, mark.width + 2 * pill_pad, pill_h}, pill_h / 2, 1.0f, pill, pill});
    append_layout(mark, x + pill_pad, y + (pill_h - mark.height) / 2, list);

    text::TextStyle author;
    author.family = style.family;
    author.size_px = style.author_px;
    author.weight = 600;
    author.color = style.author;
    author.wrap = false;
    author.overflow = text::Overflow::Ellipsis;
    std::string number;
    if (style.show_number)
        number = "#" + std::to_string(question.id);
    text::TextStyle faint = author;
    faint.weight = 400;
    faint.color = Color{style.author.r, style.author.g, style.author.b, style.author.a * 0.7f};
    const text::TextLayout number_layout = engine.layout(number, faint, 0, 0);
    const float author_x = x + mark.width + 2 * pill_pad + style.author_px * 0.5f;
    const float author_w =
        std::max(1.0f, x + width - author_x - number_layout.width - style.author_px * 0.5f);
    const text::TextLayout name = engine.layout(question.author(), author, author_w, 0);
    keep(name);
    append_layout(name, author_x, y + (pill_h - name.height) / 2, list);
    if (!number.empty())
        append_layout(number_layout, x + width - number_layout.width,
                      y + (pill_h - number_layout.height) / 2, list);
    y += pill_h + style.author_px * 0.5f;

    // The footer, when wanted: how many approved questions wait.
    float footer_h = 0.0f;
    text::TextLayout footer;
    if (style.show_waiting && waiting > 0) {
        footer = engine.layout(std::to_string(waiting) + " more waiting", faint, width, 0);
        keep(footer);
        footer_h = footer.height + style.author_px * 0.3f;
    }

    // The question: wrapped, shrunk to fit, ellipsized as a last resort.
    text::TextStyle body;
    body.family = style.family;
    body.size_px = style.text_px;
    body.min_size_px = style.min_text_px;
    body.color = style.text;
    body.line_height = 1.3f;
    body.wrap = true;
    body.overflow = text::Overflow::Ellipsis;
    const float body_h = std::max(1.0f, card.y + card.h - style.padding * 0.8f - footer_h - y);
    const text::TextLayout text = engine.layout(question.text(), body, width, body_h);
    keep(text);
    append_layout(text, x, y, list);
    if (footer_h > 0)
        append_layout(footer, x + width - footer.width,
                      card.y + card.h - style.padding * 0.8f - footer.height, list);
    return warnings;
}

} // namespace stagehand::core::questions
