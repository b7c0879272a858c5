#pragma once

#include <QStringList>

namespace stagehand::cli {

// `stagehand-cli preset check FILE...`: every error of each file as "FILE: /pointer: reason"
// (exit 1 when any file has one), and the accessibility warnings as "FILE: warning: /pointer:
// problem; suggestion" (they do not fail the check).
// `stagehand-cli preset list`: the built-in and the user's presets, one name a line.
// `stagehand-cli preset schema`: the JSON Schema of a preset (data/schema/preset.schema.json).
// Exit 2 for a bad command line.
int run_preset(const QStringList& arguments);

} // namespace stagehand::cli
