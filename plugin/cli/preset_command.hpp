#pragma once

#include <QStringList>

#include <string>

namespace stagehand::cli {

// `stagehand-cli preset check FILE...`: every error of each file as "FILE: /pointer: reason"
// (exit 1 when any file has one), and the accessibility warnings as "FILE: warning: /pointer:
// problem; suggestion" (they do not fail the check).
// `stagehand-cli preset list`: the built-in and the user's presets, one name a line.
// `stagehand-cli preset schema`: the JSON Schema of a preset (data/schema/preset.schema.json).
// Exit 2 for a bad command line.
int run_preset(const QStringList& arguments);

// Where the plugin keeps presets: data/presets (STAGEHAND_DATA_DIR, else the source tree's) and
// the user's folder in OBS's plugin configuration (STAGEHAND_CONFIG_DIR overrides it).
std::string data_folder();
std::string builtin_folder();
std::string user_folder();

} // namespace stagehand::cli
