#pragma once

#include "core/base/color.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace stagehand::core::highlight {

struct TokenStyle {
    Color color;
    bool bold = false;
    bool italic = false;
};

// A code theme (data/themes/*.json): editor colours and a style per capture name. Capture
// lookups fall back along the dots: "function.method.builtin" -> "function.method" ->
// "function" -> the foreground.
struct Theme {
    std::string id;
    std::string name;
    bool dark = true;
    Color background;
    Color foreground;
    Color line_number;
    Color line_number_active;
    Color focus_background; // behind focused lines
    std::unordered_map<std::string, TokenStyle> captures;

    TokenStyle style_for(std::string_view capture) const;
};

// Parses a theme. On bad input returns nullopt and says where and what was expected, by JSON
// pointer: "/captures/keyword: expected a colour like #RRGGBB, got \"blue\"".
std::optional<Theme> parse_theme(std::string_view json, std::string_view id, std::string& error);

// The themes in a folder (every *.json that parses), by name: what the theme picker offers,
// so a theme file dropped into the folder appears without a code change.
struct ThemeEntry {
    std::string id; // the file name without .json
    std::string name;
};
std::vector<ThemeEntry> list_themes(const std::string& folder);
// A theme id names a file in a theme folder and nothing else: letters, digits, '-' and '_',
// at most 64 ("dark-plus"); never a path ("../../x").
bool is_theme_id(std::string_view id);

// Reads and parses a theme file; errors name the file.
std::optional<Theme> load_theme_file(const std::string& path, std::string_view id,
                                     std::string& error);

// Theme files read once and kept: a code source applies its theme on every step and every
// save of a followed file, and re-parsing the JSON each time is wasted work on its worker. A
// file edited on disk (its size or time changed) is read again. Thread-safe.
class ThemeCache {
public:
    static ThemeCache& global();
    // The parsed theme, or null with `error` naming the file and what is wrong.
    std::shared_ptr<const Theme> load(const std::string& path, std::string_view id,
                                      std::string& error);
    // How many times a file was actually read and parsed (tests).
    std::size_t reads() const;

private:
    struct Entry {
        std::uintmax_t size = 0;
        std::int64_t mtime = 0;
        std::string id;
        std::shared_ptr<const Theme> theme;
    };
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::size_t reads_ = 0;
};

} // namespace stagehand::core::highlight
