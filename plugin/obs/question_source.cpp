#include "obs/overlay_sources.hpp"

namespace stagehand {

// The live question overlay (stagehand_question): a lower-third card for the featured question.
const OverlayKind& question_source_kind() {
    static const OverlayKind kind{
        "stagehand_question",
        "Source.Question",
        core::PanelStyle{
            .width = 800,
            .height = 200,
            .background = core::Color{0.16f, 0.17f, 0.27f, 0.96f},
            .corner_radius = 20.0f,
            .border = core::Color{0.39f, 0.55f, 1.0f, 1.0f},
            .border_width = 3.0f,
            .shadow = core::Color{0.0f, 0.0f, 0.0f, 0.4f},
            .shadow_blur = 24.0f,
            .shadow_offset_y = 6.0f,
        },
    };
    return kind;
}

} // namespace stagehand
