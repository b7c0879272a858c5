#pragma once

#include "obs/panel_source.hpp"

namespace stagehand {

// The three Stagehand source types, each defined in its own file.
const OverlayKind& code_source_kind();
const OverlayKind& slides_source_kind();
const OverlayKind& question_source_kind();

} // namespace stagehand
