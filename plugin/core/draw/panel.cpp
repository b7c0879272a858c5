#include "core/draw/panel.hpp"

#include <algorithm>

namespace stagehand::core {

namespace {
bool visible(const Color& c) {
    return c.a > 0.0f;
}
} // namespace

Rect panel_card_rect(const PanelStyle& style) {
    const float w = static_cast<float>(style.width);
    const float h = static_cast<float>(style.height);
    if (!visible(style.shadow) || style.shadow_blur <= 0.0f)
        return Rect{0.0f, 0.0f, w, h};
    // The blur spreads half its width outside the shadow's outline; the offset pushes it down.
    const float spread = style.shadow_blur * 0.5f;
    const float top = spread;
    const float bottom = spread + std::max(style.shadow_offset_y, 0.0f);
    Rect r{spread, top, w - 2.0f * spread, h - top - bottom};
    r.w = std::max(r.w, 0.0f);
    r.h = std::max(r.h, 0.0f);
    return r;
}

void build_panel(const PanelStyle& style, RenderList& list) {
    const Rect card = panel_card_rect(style);
    if (card.w <= 0.0f || card.h <= 0.0f)
        return;
    const float radius = std::clamp(style.corner_radius, 0.0f, std::min(card.w, card.h) * 0.5f);

    if (visible(style.shadow) && style.shadow_blur > 0.0f) {
        Rect shadow = card;
        shadow.y += style.shadow_offset_y;
        list.shapes.push_back(
            ShapeQuad{shadow, radius, style.shadow_blur, style.shadow, style.shadow});
    }

    Rect inner = card;
    float inner_radius = radius;
    if (visible(style.border) && style.border_width > 0.0f) {
        list.shapes.push_back(ShapeQuad{card, radius, 1.0f, style.border, style.border});
        const float bw = std::min(style.border_width, std::min(card.w, card.h) * 0.5f);
        inner = Rect{card.x + bw, card.y + bw, card.w - 2.0f * bw, card.h - 2.0f * bw};
        inner_radius = std::max(radius - bw, 0.0f);
    }
    if (visible(style.background) && inner.w > 0.0f && inner.h > 0.0f)
        list.shapes.push_back(
            ShapeQuad{inner, inner_radius, 1.0f, style.background, style.background});
}

} // namespace stagehand::core
