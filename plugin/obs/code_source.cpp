#include "obs/overlay_sources.hpp"

namespace stagehand {

// The code snippet overlay (stagehand_code). Its panel is an editor-like dark card; the
// highlighted code itself arrives with the text engine and the snippet model.
const OverlayKind& code_source_kind() {
    static const OverlayKind kind{
        "stagehand_code",
        "Source.Code",
        core::PanelStyle{
            .width = 960,
            .height = 540,
            .background = core::Color{0.118f, 0.118f, 0.118f, 1.0f},
            .corner_radius = 16.0f,
            .border = core::Color{1.0f, 1.0f, 1.0f, 0.08f},
            .border_width = 1.0f,
            .shadow = core::Color{0.0f, 0.0f, 0.0f, 0.45f},
            .shadow_blur = 32.0f,
            .shadow_offset_y = 8.0f,
        },
    };
    return kind;
}

} // namespace stagehand
