#pragma once

#include "control/code_sources.hpp"

#include <memory>

namespace stagehand {

// The control layer's view of code snippet sources, over libobs' public API: found by name or
// UUID among OBS's sources, changed by merging settings (OBS applies them on its next tick).
std::shared_ptr<control::CodeSources> make_obs_code_sources();

} // namespace stagehand
