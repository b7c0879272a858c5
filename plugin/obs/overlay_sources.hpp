#pragma once

#include "obs/panel_source.hpp"

#include <vector>

namespace stagehand {

// The Stagehand source types, each defined in its own file; overlays.cpp lists them, one line
// each, and the module registers every one.
const OverlayKind& code_source_kind();
const OverlayKind& slides_source_kind();
const OverlayKind& question_source_kind();
const std::vector<const OverlayKind*>& overlay_kinds();

} // namespace stagehand
