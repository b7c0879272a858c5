#include "core/preset/preset.hpp"

#include "core/base/json_fields.hpp"

#include <algorithm>
#include <cmath>

namespace stagehand::core::preset {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxNameBytes = 100;
constexpr std::size_t kMaxDescriptionBytes = 2000;

std::string escape(std::string_view key) { // a key inside a JSON pointer
    std::string out;
    for (const char c : key)
        out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
}

std::string range(double min, double max, bool integer) {
    auto show = [&](double v) {
        if (integer || v == std::floor(v))
            return std::to_string(static_cast<long long>(v));
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        return s;
    };
    return std::string(integer ? "an integer" : "a number") + " from " + show(min) + " to " +
           show(max);
}

bool has_control_characters(const std::string& text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// What JSON Schema's maxLength counts.
std::size_t code_points(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// One or two letters off: the edit distance, stopped early past 2.
bool near(std::string_view a, std::string_view b) {
    if (a == b || a.size() < 4 || b.size() < 4)
        return false;
    if (a.size() > b.size() + 2 || b.size() > a.size() + 2)
        return false;
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()] <= 2;
}

// Reads values against the field table, collecting every problem.
class Reader {
public:
    explicit Reader(std::vector<Problem>& errors)
        : errors_(errors) {}

    void error(std::string pointer, std::string reason) {
        errors_.push_back({std::move(pointer), std::move(reason)});
    }

    // An unknown key: kept, unless it looks like a misspelling of one of `known`.
    void unknown(const std::string& pointer, const std::string& key,
                 const std::vector<std::string>& known) {
        for (const auto& k : known)
            if (near(key, k)) {
                error(pointer, "unknown key \"" + key + "\": did you mean \"" + k + "\"?");
                return;
            }
    }

    std::optional<Value> value(const Field& field, const json& v, const std::string& pointer) {
        switch (field.kind) {
        case Kind::boolean:
            if (v.is_boolean())
                return Value(v.get<bool>());
            error(pointer, "expected true or false, " + got(v));
            return std::nullopt;
        case Kind::integer: {
            const bool integral =
                v.is_number_integer() || (v.is_number_float() && std::isfinite(v.get<double>()) &&
                                          v.get<double>() == std::floor(v.get<double>()));
            if (integral && v.get<double>() >= field.min && v.get<double>() <= field.max)
                return Value(static_cast<long long>(v.get<double>()));
            error(pointer, "expected " + range(field.min, field.max, true) + ", " + got(v));
            return std::nullopt;
        }
        case Kind::number:
            if (v.is_number() && std::isfinite(v.get<double>()) && v.get<double>() >= field.min &&
                v.get<double>() <= field.max)
                return Value(v.get<double>());
            error(pointer, "expected " + range(field.min, field.max, false) + ", " + got(v));
            return std::nullopt;
        case Kind::text:
            if (v.is_string() && code_points(v.get<std::string>()) <= field.max_length &&
                !has_control_characters(v.get<std::string>()))
                return Value(v.get<std::string>());
            error(pointer, "expected a line of text of at most " +
                               std::to_string(field.max_length) + " characters, " + got(v));
            return std::nullopt;
        case Kind::color: {
            std::string why;
            if (v.is_string())
                if (auto color = parse_hex_color(v.get<std::string>(), &why))
                    return Value(*color);
            error(pointer, "expected a colour like \"#1E1E1E\" or \"#1E1E1ECC\", " + got(v));
            return std::nullopt;
        }
        case Kind::choice: {
            if (v.is_string() && std::find(field.choices.begin(), field.choices.end(),
                                           v.get<std::string>()) != field.choices.end())
                return Value(v.get<std::string>());
            std::string list;
            for (std::size_t i = 0; i < field.choices.size(); ++i)
                list += (i == 0                          ? ""
                         : i + 1 == field.choices.size() ? " or "
                                                         : ", ") +
                        ("\"" + field.choices[i] + "\"");
            error(pointer, "expected " + list + ", " + got(v));
            return std::nullopt;
        }
        }
        return std::nullopt;
    }

    // An overlay's object: every key a field, a group of fields, or unknown.
    void look(Overlay overlay, const json& object, const std::string& pointer,
              const std::string& prefix, std::map<std::string, Value>& out) {
        if (!object.is_object()) {
            error(pointer, "expected an object, " + got(object));
            return;
        }
        std::vector<std::string> known; // the names at this level
        for (const auto& f : fields()) {
            if (f.overlay != overlay || !f.path.starts_with(prefix))
                continue;
            const std::string rest = f.path.substr(prefix.size());
            const std::string name = rest.substr(0, rest.find('/'));
            if (std::find(known.begin(), known.end(), name) == known.end())
                known.push_back(name);
        }
        for (const auto& [key, v] : object.items()) {
            const std::string at = pointer + "/" + escape(key);
            if (const Field* field = find_field(overlay, prefix + key)) {
                if (auto parsed = value(*field, v, at))
                    out[field->path] = std::move(*parsed);
            } else if (std::find(known.begin(), known.end(), key) != known.end()) {
                look(overlay, v, at, prefix + key + "/", out); // a group: card, font
            } else {
                unknown(at, key, known);
            }
        }
    }

    std::optional<Placement> placement(const json& v, const std::string& pointer) {
        if (!v.is_object()) {
            error(pointer, "expected an object with x, y, width and height, " + got(v));
            return std::nullopt;
        }
        Placement p;
        bool ok = true;
        auto read = [&](const char* key, int min, int max, int& out) {
            const auto it = v.find(key);
            if (it == v.end()) {
                error(pointer, std::string("missing \"") + key + "\"");
                ok = false;
            } else if (!it->is_number_integer() || it->get<long long>() < min ||
                       it->get<long long>() > max) {
                error(pointer + "/" + key, "expected " + range(min, max, true) + ", " + got(*it));
                ok = false;
            } else {
                out = static_cast<int>(it->get<long long>());
            }
        };
        read("x", -1920, 3840, p.x);
        read("y", -1080, 2160, p.y);
        read("width", 16, 3840, p.width);
        read("height", 16, 2160, p.height);
        for (const auto& [key, value] : v.items())
            unknown(pointer + "/" + escape(key), key, {"x", "y", "width", "height"});
        if (!ok)
            return std::nullopt;
        return p;
    }

private:
    std::vector<Problem>& errors_;
};

std::optional<Overlay> overlay_named(std::string_view name) {
    for (const Overlay o : kOverlays)
        if (name == to_string(o))
            return o;
    return std::nullopt;
}

json value_json(const Value& value) {
    return std::visit(
        [](const auto& v) -> json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Color>) {
                const std::string hex = to_hex(v); // "#RRGGBBAA"
                return v.a >= 1.0f ? hex.substr(0, 7) : hex;
            } else {
                return v;
            }
        },
        value);
}

// Whether `written` already says `value` (so a round trip keeps "#fff" and 30, not "#FFFFFFFF"
// and 30.0).
bool says(const json& written, const Value& value) {
    if (const auto* color = std::get_if<Color>(&value))
        return written.is_string() && parse_hex_color(written.get<std::string>()) == *color;
    if (const auto* number = std::get_if<double>(&value))
        return written.is_number() && written.get<double>() == *number;
    if (const auto* integer = std::get_if<long long>(&value))
        return written.is_number() && written.get<double>() == static_cast<double>(*integer);
    return written == value_json(value);
}

} // namespace

bool is_preset_name(std::string_view name) {
    if (name.empty() || name.size() > kMaxNameBytes || name.front() == '.' || name.front() == ' ' ||
        name.back() == ' ')
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == ' ';
    });
}

bool migrate(json& document, std::string& why) {
    const auto version = document.find("version");
    if (version == document.end() || !version->is_number_integer()) {
        why = "expected an integer version";
        return false;
    }
    const long long from = version->get<long long>();
    if (from > kVersion) {
        why = "version " + std::to_string(from) +
              " needs a newer Stagehand (this one reads up to " + std::to_string(kVersion) +
              "); update Stagehand to use this preset";
        return false;
    }
    if (from < 0) {
        why = "version " + std::to_string(from) + ": expected 0 to " + std::to_string(kVersion);
        return false;
    }
    if (from == 0) {
        // Version 0 had the name and author at the top and each overlay's look flat, by the
        // source's setting names ("background_color", "font_size"): each moves to its place.
        json metadata = json::object();
        for (const char* key : {"name", "author", "description"})
            if (document.contains(key)) {
                metadata[key] = document[key];
                document.erase(key);
            }
        document["metadata"] = std::move(metadata);
        for (const Overlay o : kOverlays) {
            const auto overlay = document.find(to_string(o));
            if (overlay == document.end() || !overlay->is_object())
                continue;
            json moved = json::object();
            for (const auto& [key, value] : overlay->items()) {
                const Field* field = nullptr;
                for (const auto& f : fields()) {
                    std::string flat = f.setting;
                    std::replace(flat.begin(), flat.end(), '.', '_');
                    if (f.overlay == o && (flat == key || f.setting == key))
                        field = &f;
                }
                moved[json::json_pointer("/" + (field ? field->path : escape(key)))] = value;
            }
            *overlay = std::move(moved);
        }
        document["version"] = 1;
    }
    return true;
}

LoadResult load(std::string_view text) {
    LoadResult result;
    if (text.size() > kMaxBytes) {
        result.errors.push_back({"", "a preset is at most " + std::to_string(kMaxBytes / 1024) +
                                         " KB; this one is " + std::to_string(text.size() / 1024) +
                                         " KB"});
        return result;
    }
    json document;
    try {
        document = json::parse(text);
    } catch (const json::exception& e) {
        // "[json.exception.parse_error.101] parse error at line 3, column 5: ...": the place
        // and the reason, without the library's tag. (A number past a double's range is an
        // out_of_range, not a parse_error: the fuzzer found one.)
        std::string why = e.what();
        if (const auto tag = why.find("] ");
            why.starts_with("[json.exception") && tag != std::string::npos)
            why = why.substr(tag + 2);
        result.errors.push_back({"", "not JSON: " + why});
        return result;
    }
    return load_document(document);
}

LoadResult load_document(const json& input) {
    LoadResult result;
    Reader reader(result.errors);
    if (!input.is_object()) {
        reader.error("", "expected a preset object, " + got(input));
        return result;
    }
    json document = input;
    const auto format = document.find("format");
    if (format == document.end() || *format != kFormat) {
        reader.error("/format", std::string("expected \"") + kFormat + "\", " +
                                    (format == document.end() ? "got nothing" : got(*format)));
        return result;
    }
    std::string why;
    if (!migrate(document, why)) {
        reader.error("/version", why);
        return result;
    }
    Preset preset;
    const auto metadata = document.find("metadata");
    if (metadata == document.end() || !metadata->is_object()) {
        reader.error("/metadata", "expected an object with at least a name, " +
                                      (metadata == document.end() ? std::string("got nothing")
                                                                  : got(*metadata)));
    } else {
        auto text = [&](const char* key, std::size_t max, bool required) {
            const auto it = metadata->find(key);
            if (it == metadata->end()) {
                if (required)
                    reader.error("/metadata", std::string("missing \"") + key + "\"");
                return std::string();
            }
            if (!it->is_string() || code_points(it->get<std::string>()) > max) {
                reader.error(std::string("/metadata/") + key, "expected text of at most " +
                                                                  std::to_string(max) +
                                                                  " characters, " + got(*it));
                return std::string();
            }
            return it->get<std::string>();
        };
        preset.metadata.name = text("name", kMaxNameBytes, true);
        if (metadata->contains("name") && !preset.metadata.name.empty() &&
            !is_preset_name(preset.metadata.name))
            reader.error("/metadata/name", "expected a name of letters, digits, spaces, '-', "
                                           "'_' or '.' (it becomes a file name), " +
                                               got((*metadata)["name"]));
        preset.metadata.author = text("author", kMaxNameBytes, false);
        preset.metadata.description = text("description", kMaxDescriptionBytes, false);
        if (const auto revision = metadata->find("revision"); revision != metadata->end()) {
            if (revision->is_number_integer() && revision->get<long long>() >= 1)
                preset.metadata.revision = revision->get<long long>();
            else
                reader.error("/metadata/revision", "expected an integer from 1, " + got(*revision));
        }
        for (const auto& [key, v] : metadata->items())
            reader.unknown("/metadata/" + escape(key), key,
                           {"name", "author", "description", "revision"});
    }
    for (const Overlay o : kOverlays)
        if (const auto look = document.find(to_string(o)); look != document.end())
            reader.look(o, *look, std::string("/") + to_string(o), "", preset.looks[o]);
    if (const auto stage = document.find("stage"); stage != document.end()) {
        if (!stage->is_object()) {
            reader.error("/stage", "expected an object, " + got(*stage));
        } else {
            for (const auto& [key, v] : stage->items()) {
                const auto overlay = overlay_named(key);
                if (!overlay) {
                    reader.unknown("/stage/" + escape(key), key, {"code", "slides", "question"});
                    continue;
                }
                if (auto p = reader.placement(v, "/stage/" + escape(key)))
                    preset.stage[*overlay] = *p;
            }
        }
    }
    for (const auto& [key, v] : document.items())
        reader.unknown("/" + escape(key), key,
                       {"format", "version", "metadata", "code", "slides", "question", "stage"});
    if (!result.errors.empty())
        return result;
    std::erase_if(preset.looks, [](const auto& entry) { return entry.second.empty(); });
    preset.document = std::move(document);
    result.preset = std::move(preset);
    return result;
}

nlohmann::json to_json(const Preset& preset) {
    json out = preset.document.is_object() ? preset.document : json::object();
    out["format"] = kFormat;
    out["version"] = kVersion;
    json& metadata = out["metadata"];
    if (!metadata.is_object())
        metadata = json::object();
    metadata["name"] = preset.metadata.name;
    if (metadata.contains("revision") || preset.metadata.revision != 1)
        metadata["revision"] = preset.metadata.revision;
    if (!preset.metadata.author.empty())
        metadata["author"] = preset.metadata.author;
    if (!preset.metadata.description.empty())
        metadata["description"] = preset.metadata.description;
    for (const auto& [overlay, values] : preset.looks)
        for (const auto& [path, value] : values) {
            const json::json_pointer at(std::string("/") + to_string(overlay) + "/" + path);
            if (!out.contains(at) || !says(out[at], value))
                out[at] = value_json(value);
        }
    for (const auto& [overlay, p] : preset.stage)
        out["stage"][to_string(overlay)] = {
            {"x", p.x}, {"y", p.y}, {"width", p.width}, {"height", p.height}};
    return out;
}

} // namespace stagehand::core::preset
