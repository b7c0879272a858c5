#include "obs/overlay_sources.hpp"

namespace stagehand {

// The slide progress overlay (stagehand_slides): a slim bar along an edge of the canvas.
const OverlayKind& slides_source_kind() {
    static const OverlayKind kind{
        "stagehand_slides",
        "Source.Slides",
        core::PanelStyle{
            .width = 1280,
            .height = 64,
            .background = core::Color{0.09f, 0.10f, 0.13f, 0.92f},
            .corner_radius = 12.0f,
            .shadow = core::Color{0.0f, 0.0f, 0.0f, 0.35f},
            .shadow_blur = 16.0f,
            .shadow_offset_y = 4.0f,
        },
    };
    return kind;
}

} // namespace stagehand
