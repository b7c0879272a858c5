#pragma once

#include <nlohmann/json.hpp>

namespace stagehand::core::preset {

// The JSON Schema (2020-12) of a preset of the current version, made from the same field table
// the loader reads: data/schema/preset.schema.json is this, written out (a test compares them;
// `stagehand-cli preset schema` prints it). What a schema cannot say, the loader adds: a key one
// or two letters off a known one is refused as a likely typo.
nlohmann::json schema();

} // namespace stagehand::core::preset
