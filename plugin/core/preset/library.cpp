#include "core/preset/library.hpp"

#include "core/base/bounded_file.hpp"

#include <algorithm>
#include <system_error>

namespace stagehand::core::preset {

namespace fs = std::filesystem;

LoadResult load_file(const fs::path& file) {
    const FileRead read = read_bounded_file(file, kMaxBytes);
    if (!read.text) {
        LoadResult failed;
        failed.errors.push_back({"", read.error});
        return failed;
    }
    return load(*read.text);
}

namespace {

void read_folder(const fs::path& folder, bool builtin, std::vector<Entry>& out) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".json")
            files.push_back(it->path());
    // A folder of presets is a handful of files; past a few hundred something else lives there.
    if (files.size() > 500)
        files.resize(500);
    std::vector<Entry> found;
    for (const auto& file : files) {
        Entry entry;
        entry.file = file;
        entry.builtin = builtin;
        LoadResult loaded = load_file(file);
        entry.errors = std::move(loaded.errors);
        entry.preset = std::move(loaded.preset);
        entry.name = entry.preset ? entry.preset->metadata.name : file.stem().string();
        found.push_back(std::move(entry));
    }
    std::sort(found.begin(), found.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    out.insert(out.end(), std::make_move_iterator(found.begin()),
               std::make_move_iterator(found.end()));
}

} // namespace

std::vector<Entry> list(const fs::path& builtin_folder, const fs::path& user_folder) {
    std::vector<Entry> entries;
    if (!builtin_folder.empty())
        read_folder(builtin_folder, true, entries);
    if (!user_folder.empty())
        read_folder(user_folder, false, entries);
    return entries;
}

std::optional<Entry> find(const std::vector<Entry>& entries, const std::string& name) {
    for (auto it = entries.rbegin(); it != entries.rend(); ++it)
        if (it->name == name)
            return *it;
    return std::nullopt;
}

} // namespace stagehand::core::preset
