#pragma once

#include "core/code/code_control.hpp"

#include <memory>

struct obs_source;

namespace stagehand {

// Moves a code snippet source's step by `delta` within its step list, clamped; false when it
// has no steps. Used by the Next/Previous step hotkeys, the dock and remote control.
bool code_step_by(struct obs_source* source, int delta);

// The dock's CodeControl over libobs: sources found by name among OBS's public sources.
std::unique_ptr<core::code::CodeControl> make_obs_code_control();

} // namespace stagehand
