#pragma once

#include "core/preset/preset.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace stagehand::core::preset {

// A preset file as the library found it.
struct Entry {
    std::string name; // its metadata's name (else the file's stem)
    std::filesystem::path file;
    bool builtin = false;         // shipped in data/presets (read-only)
    std::optional<Preset> preset; // nothing when it does not load
    std::vector<Problem> errors;
};

// Reads one preset file (a regular file of at most kMaxBytes; never blocks on a FIFO). Errors
// are the loader's, or why the file could not be read (pointer "").
LoadResult load_file(const std::filesystem::path& file);

// The presets in the built-in folder, then the user's folder (either may be missing), sorted by
// name within each; a user preset with a built-in's name comes after it and wins in find().
std::vector<Entry> list(const std::filesystem::path& builtin_folder,
                        const std::filesystem::path& user_folder);

// A preset by name, or a path to a file: the user's copy first, then the built-in one.
std::optional<Entry> find(const std::vector<Entry>& entries, const std::string& name);

} // namespace stagehand::core::preset
