#pragma once

#include "control/look_sources.hpp"

#include <memory>

namespace stagehand {

// The overlay sources' looks over libobs' public API, for presets: every Stagehand source by its
// id, its look settings read (with their defaults) and merged (OBS applies them on its next
// tick). Font fields change only their part of the font object.
std::shared_ptr<control::LookSources> make_obs_look_sources();

} // namespace stagehand
