#include "obs/overlay_sources.hpp"

namespace stagehand {

// The overlays, one line each.
const std::vector<const OverlayKind*>& overlay_kinds() {
    static const std::vector<const OverlayKind*> all = {
        &code_source_kind(),
        &slides_source_kind(),
        &question_source_kind(),
    };
    return all;
}

} // namespace stagehand
