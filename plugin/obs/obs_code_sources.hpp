#pragma once

#include "control/code_sources.hpp"

#include <memory>
#include <string>
#include <string_view>

struct obs_source;
typedef struct obs_source obs_source_t;

namespace stagehand {

// The control layer's view of code snippet sources, over libobs' public API: found by name or
// UUID among OBS's sources, changed by merging settings (OBS applies them on its next tick).
std::shared_ptr<control::CodeSources> make_obs_code_sources();

// How the control layer's live state names this source (control::code_source_key), without a
// copy: valid while the source keeps its name (and UUID).
std::string_view code_source_key_view(obs_source_t* source);

} // namespace stagehand
