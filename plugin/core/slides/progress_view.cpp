#include "core/slides/progress_view.hpp"

#include <algorithm>

namespace stagehand::core::slides {

namespace {

ShapeQuad bar_quad(Rect r, Color color) {
    return ShapeQuad{r, r.h / 2, 1.0f, color, color};
}

std::string timer_text(const TalkStatus& s) {
    std::string text = clock_text(s.elapsed_ms);
    if (s.planned_ms > 0)
        text += " / " + clock_text(s.planned_ms);
    if (s.overtime)
        text += " · overtime";
    else if (s.planned_ms > 0 && (s.running || s.elapsed_ms > 0))
        text += " · " + pace_words(s.pace_ms);
    if (!s.running && s.elapsed_ms > 0)
        text += " · paused";
    return text;
}

} // namespace

std::vector<std::string> progress_texts(const TalkStatus& s, const ProgressStyle& style) {
    std::vector<std::string> texts;
    if (style.counter && s.total > 0)
        texts.push_back(std::to_string(s.current) + " / " + std::to_string(s.total));
    if (style.section && s.section_index >= 0)
        texts.push_back("Section " + std::to_string(s.section_index + 1) + " of " +
                        std::to_string(s.sections) + ": " + s.section);
    if (style.next_up && !s.next_section.empty())
        texts.push_back("Next: " + s.next_section);
    if (style.timer)
        texts.push_back(timer_text(s));
    return texts;
}

std::vector<std::string> build_progress_view(const Talk& talk, const TalkStatus& s,
                                             const ProgressStyle& style, const Rect& card,
                                             text::TextEngine& engine, RenderList& list) {
    std::vector<std::string> warnings;
    // The bar hugs one edge; the text row takes the rest of the card's height, its size capped
    // so that it always fits (a slim 64 px strip still shows its text).
    const float pad = std::max(8.0f, style.text_px * 0.6f);
    const float bar_h = style.look == ProgressStyle::Look::none ? 0.0f : style.bar_px;
    const float gap = std::clamp(card.h * 0.14f, 4.0f, 14.0f);
    const Rect bar_box{card.x + pad,
                       style.bar_at_top ? card.y + gap : card.y + card.h - gap - bar_h,
                       std::max(1.0f, card.w - 2 * pad), bar_h};
    const float progress = static_cast<float>(std::clamp(s.progress, 0.0, 1.0));

    switch (style.look) {
    case ProgressStyle::Look::bar:
        list.shapes.push_back(bar_quad(bar_box, style.track));
        list.shapes.push_back(bar_quad(
            Rect{bar_box.x, bar_box.y, std::max(bar_h, bar_box.w * progress), bar_h}, style.bar));
        break;
    case ProgressStyle::Look::sections: {
        // One segment per section, in proportion to its slides; done ones filled, the current
        // one filled up to the current slide.
        if (s.total <= 0 || s.sections == 0) {
            list.shapes.push_back(bar_quad(bar_box, style.track));
            list.shapes.push_back(
                bar_quad(Rect{bar_box.x, bar_box.y, std::max(bar_h, bar_box.w * progress), bar_h},
                         style.bar));
            break;
        }
        const float between = std::min(6.0f, bar_box.w / static_cast<float>(4 * s.sections));
        const float usable = bar_box.w - between * static_cast<float>(s.sections - 1);
        float x = bar_box.x;
        for (std::size_t i = 0; i < talk.sections.size(); ++i) {
            const int first = talk.sections[i].first_slide;
            const int end =
                i + 1 < talk.sections.size() ? talk.sections[i + 1].first_slide : s.total + 1;
            const int count = std::max(1, end - first);
            const float w = usable * static_cast<float>(count) / static_cast<float>(s.total);
            const Rect segment{x, bar_box.y, std::max(1.0f, w), bar_h};
            list.shapes.push_back(bar_quad(segment, style.track));
            const float done = s.current >= end    ? 1.0f
                               : s.current < first ? 0.0f
                                                   : static_cast<float>(s.current - first + 1) /
                                                         static_cast<float>(count);
            if (done > 0)
                list.shapes.push_back(
                    bar_quad(Rect{segment.x, segment.y, std::max(bar_h, segment.w * done), bar_h},
                             style.bar));
            x += w + between;
        }
        break;
    }
    case ProgressStyle::Look::dots: {
        const int count = std::max(1, s.total);
        const float step = bar_box.w / static_cast<float>(count);
        const float d = std::min(bar_h * 1.4f, step * 0.7f);
        for (int i = 1; i <= count; ++i) {
            const float cx = bar_box.x + step * (static_cast<float>(i) - 0.5f);
            Color c = i <= s.current ? style.bar : style.track;
            list.shapes.push_back(ShapeQuad{Rect{cx - d / 2, bar_box.y + bar_h / 2 - d / 2, d, d},
                                            d / 2, 1.0f, c, c});
        }
        break;
    }
    case ProgressStyle::Look::none:
        break;
    }

    // The text row: where the talk is on the left, the timer on the right.
    ProgressStyle without_timer = style;
    without_timer.timer = false;
    const std::vector<std::string> left = progress_texts(s, without_timer);
    std::string left_text;
    for (const std::string& t : left)
        left_text += (left_text.empty() ? "" : "   ") + t;
    const float row_top = style.bar_at_top ? bar_box.y + bar_h + gap * 0.5f : card.y + gap * 0.5f;
    const float row_bottom =
        style.bar_at_top ? card.y + card.h - gap * 0.5f : bar_box.y - gap * 0.5f;
    const float row_h = std::max(1.0f, row_bottom - row_top);
    text::TextStyle look;
    look.family = style.family;
    look.size_px = std::min(style.text_px, std::max(9.0f, row_h / 1.3f));
    look.color = style.text;
    look.wrap = false;
    look.overflow = text::Overflow::Ellipsis;
    float timer_w = 0;
    if (style.timer) {
        text::TextStyle timer_look = look;
        timer_look.weight = 600;
        timer_look.color = s.overtime ? style.overtime : s.warning ? style.warning : style.text;
        const text::TextLayout timer = engine.layout(timer_text(s), timer_look, 0, 0);
        warnings.insert(warnings.end(), timer.warnings.begin(), timer.warnings.end());
        timer_w = timer.width;
        append_layout(timer, card.x + card.w - pad - timer.width,
                      row_top + (row_h - timer.height) / 2, list);
    }
    if (!left_text.empty()) {
        const float width = std::max(1.0f, card.w - 2 * pad - timer_w - (timer_w > 0 ? pad : 0));
        const text::TextLayout where = engine.layout(left_text, look, width, 0);
        warnings.insert(warnings.end(), where.warnings.begin(), where.warnings.end());
        append_layout(where, card.x + pad, row_top + (row_h - where.height) / 2, list);
    }
    return warnings;
}

} // namespace stagehand::core::slides
