#pragma once

#include <string>

namespace stagehand::cli {

// Where stagehand-cli finds the plugin. A CLI in the build tree uses the build tree's module and
// the source tree's data; an installed one (the .deb's /usr/bin/stagehand-cli) the installed
// ones. The environment overrides both: STAGEHAND_MODULE_PATH, STAGEHAND_DATA_DIR and, for the
// user's presets, STAGEHAND_CONFIG_DIR.
bool in_build_tree();
std::string module_path();
std::string data_folder();
std::string builtin_folder(); // data_folder()/presets
std::string user_folder();    // presets/ in OBS's plugin configuration folder

} // namespace stagehand::cli
