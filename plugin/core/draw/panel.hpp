#pragma once

#include "core/base/color.hpp"
#include "core/draw/render_list.hpp"

#include <cstdint>

namespace stagehand::core {

// The card every Stagehand overlay sits on: a rounded background, an optional border and an
// optional soft drop shadow. The shadow is drawn inside the source's bounds (the card is inset
// to leave room for it) so OBS's bounding box matches what viewers see.
struct PanelStyle {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    Color background;
    float corner_radius = 0.0f;
    Color border{0, 0, 0, 0};
    float border_width = 0.0f;
    Color shadow{0, 0, 0, 0};
    float shadow_blur = 0.0f;
    float shadow_offset_y = 0.0f;
    // No card at all (an overlay with nothing to show, like no featured question).
    bool hidden = false;
};

// Where the card itself sits inside the source, after leaving room for the shadow.
Rect panel_card_rect(const PanelStyle& style);

// Appends the panel's shapes (shadow, border, background) to `list`.
void build_panel(const PanelStyle& style, RenderList& list);

} // namespace stagehand::core
