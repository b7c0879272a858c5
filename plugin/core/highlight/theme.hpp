#pragma once

#include "core/color.hpp"

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

// Reads and parses a theme file; errors name the file.
std::optional<Theme> load_theme_file(const std::string& path, std::string_view id,
                                     std::string& error);

} // namespace stagehand::core::highlight
