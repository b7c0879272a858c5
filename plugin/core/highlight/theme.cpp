#include "core/highlight/theme.hpp"

#include "core/base/bounded_file.hpp"
#include "core/base/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace stagehand::core::highlight {

namespace {

using nlohmann::json;

struct ThemeError {
    std::string message;
};

Color colour_at(const json& j, const std::string& pointer) {
    if (!j.is_string())
        throw ThemeError{pointer + ": expected a colour like #RRGGBB, got " + j.dump()};
    std::string why;
    auto c = parse_hex_color(j.get<std::string>(), &why);
    if (!c)
        throw ThemeError{pointer + ": " + why};
    return *c;
}

Color required_colour(const json& root, const char* key) {
    if (!root.contains(key))
        throw ThemeError{std::string("/") + key + ": missing (expected a colour like #RRGGBB)"};
    return colour_at(root.at(key), std::string("/") + key);
}

Color optional_colour(const json& root, const char* key, Color fallback) {
    return root.contains(key) ? colour_at(root.at(key), std::string("/") + key) : fallback;
}

} // namespace

TokenStyle Theme::style_for(std::string_view capture) const {
    std::string key(capture);
    for (;;) {
        if (auto it = captures.find(key); it != captures.end())
            return it->second;
        const std::size_t dot = key.rfind('.');
        if (dot == std::string::npos)
            return TokenStyle{foreground, false, false};
        key.resize(dot);
    }
}

std::optional<Theme> parse_theme(std::string_view text, std::string_view id, std::string& error) {
    try {
        const json root = json::parse(text);
        if (!root.is_object())
            throw ThemeError{"/: expected an object"};
        const Fields fields(root);
        fields.expect_string("format", "stagehand.theme");
        if (!root.contains("version") || !root.at("version").is_number_integer() ||
            root.at("version").get<int>() != 1)
            throw ThemeError{"/version: expected 1 (this Stagehand reads theme format 1)"};
        Theme theme;
        theme.id = std::string(id);
        theme.name = fields.string("name", std::string(id));
        theme.dark = fields.boolean("dark", true);
        theme.background = required_colour(root, "background");
        theme.foreground = required_colour(root, "foreground");
        theme.line_number = optional_colour(root, "line_number", theme.foreground);
        theme.line_number_active = optional_colour(root, "line_number_active", theme.foreground);
        theme.focus_background = optional_colour(root, "focus_background", Color{1, 1, 1, 0.06f});
        if (root.contains("captures")) {
            const json& captures = root.at("captures");
            if (!captures.is_object())
                throw ThemeError{"/captures: expected an object of capture name to style"};
            for (const auto& [name, value] : captures.items()) {
                const std::string pointer = "/captures/" + name;
                TokenStyle style{theme.foreground, false, false};
                if (value.is_string()) {
                    style.color = colour_at(value, pointer);
                } else if (value.is_object()) {
                    if (value.contains("color"))
                        style.color = colour_at(value.at("color"), pointer + "/color");
                    const Fields style_fields(value, pointer);
                    style.bold = style_fields.boolean("bold", false);
                    style.italic = style_fields.boolean("italic", false);
                } else {
                    throw ThemeError{pointer +
                                     ": expected a colour or {\"color\", \"bold\", \"italic\"}"};
                }
                theme.captures[name] = style;
            }
        }
        return theme;
    } catch (const ThemeError& e) {
        error = e.message;
    } catch (const ShapeError& e) {
        error = e.what();
    } catch (const json::exception& e) {
        error = std::string("not valid JSON: ") + e.what();
    }
    return std::nullopt;
}

std::vector<ThemeEntry> list_themes(const std::string& folder) {
    std::vector<ThemeEntry> themes;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        if (entry.path().extension() != ".json")
            continue;
        const std::string id = entry.path().stem().string();
        if (!is_theme_id(id))
            continue; // could not be chosen back by its id
        std::string error;
        if (auto theme = load_theme_file(entry.path().string(), id, error))
            themes.push_back(ThemeEntry{id, theme->name});
    }
    std::sort(themes.begin(), themes.end(),
              [](const ThemeEntry& a, const ThemeEntry& b) { return a.name < b.name; });
    return themes;
}

bool is_theme_id(std::string_view id) {
    if (id.empty() || id.size() > 64)
        return false;
    for (const char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    return true;
}

std::optional<Theme> load_theme_file(const std::string& path, std::string_view id,
                                     std::string& error) {
    // A theme is a page of colours: a megabyte is far past any.
    FileRead read = read_bounded_file(path, 1024 * 1024);
    if (!read.text) {
        error = path + ": " + read.error;
        return std::nullopt;
    }
    auto theme = parse_theme(*read.text, id, error);
    if (!theme)
        error = path + ": " + error;
    return theme;
}

ThemeCache& ThemeCache::global() {
    static ThemeCache cache;
    return cache;
}

std::shared_ptr<const Theme> ThemeCache::load(const std::string& path, std::string_view id,
                                              std::string& error) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    const auto time =
        ec ? std::filesystem::file_time_type{} : std::filesystem::last_write_time(path, ec);
    if (ec) {
        error = path + ": cannot be read";
        return nullptr;
    }
    const std::int64_t mtime = time.time_since_epoch().count();
    {
        std::lock_guard lock(mutex_);
        const auto it = entries_.find(path);
        if (it != entries_.end() && it->second.size == size && it->second.mtime == mtime &&
            it->second.id == id)
            return it->second.theme;
    }
    // Parsed outside the lock: another source's worker may want a cached theme meanwhile.
    auto parsed = load_theme_file(path, id, error);
    if (!parsed)
        return nullptr;
    auto theme = std::make_shared<const Theme>(std::move(*parsed));
    std::lock_guard lock(mutex_);
    ++reads_;
    entries_[path] = Entry{size, mtime, std::string(id), theme};
    return theme;
}

std::size_t ThemeCache::reads() const {
    std::lock_guard lock(mutex_);
    return reads_;
}

} // namespace stagehand::core::highlight
