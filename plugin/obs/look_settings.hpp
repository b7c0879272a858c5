#pragma once

#include "control/look_sources.hpp"
#include "obs/obs_handles.hpp"

namespace stagehand {

// The source id of an overlay ("stagehand_code", ...).
const char* overlay_source_id(core::preset::Overlay overlay);

// A look as a source's settings: every value at its setting, font fields inside their font
// object (taken from `current` where it has one, so a font field changes only its part). For a
// new source (stagehand-cli render, thumbnails) and for obs_source_update.
obs::Data look_settings(core::preset::Overlay overlay, const control::LookValues& values,
                        obs_data_t* current = nullptr);

} // namespace stagehand
