#pragma once

#include "core/base/color.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// A preset: the look of the three overlays (and, optionally, where they sit on a 1920x1080
// stage) as one versioned JSON file that presenters export, share and import.
//
//   {"format": "stagehand.preset", "version": 1,
//    "metadata": {"name", "author", "description", "revision"},
//    "code": {...}, "slides": {...}, "question": {...}, "stage": {...}}
//
// Every look setting is described once in a table (fields()): its place in the file, its type
// and range, and the source setting it stands for. The loader, the writer, the JSON Schema
// (data/schema/preset.schema.json, generated from the same table and compared by a test) and the
// code that applies a preset to a source all read that table. A preset may leave out anything:
// the source keeps its own value.
namespace stagehand::core::preset {

inline constexpr const char* kFormat = "stagehand.preset";
inline constexpr int kVersion = 1;
// A preset is a page of settings: far below this.
inline constexpr std::size_t kMaxBytes = 256 * 1024;

enum class Overlay { code, slides, question };
inline constexpr Overlay kOverlays[] = {Overlay::code, Overlay::slides, Overlay::question};
const char* to_string(Overlay overlay); // "code", "slides", "question"

enum class Kind { boolean, integer, number, text, color, choice };

// One look setting of one overlay.
struct Field {
    Overlay overlay;
    std::string path; // inside the overlay's object: "card/background", "font/size"
    Kind kind;
    double min = 0; // integer and number
    double max = 0;
    std::vector<std::string> choices = {}; // choice
    std::size_t max_length = 0;            // text
    std::string setting = {};              // the source's setting: "background_color", "font.size"
    std::string description = {};
};
const std::vector<Field>& fields();
const Field* find_field(Overlay overlay, std::string_view path);

using Value = std::variant<bool, long long, double, std::string, Color>;

// Where an overlay sits on the stage (1920x1080 canvas pixels).
struct Placement {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    friend bool operator==(const Placement&, const Placement&) = default;
};

struct Metadata {
    std::string name;
    std::string author;
    std::string description;
    long long revision = 1;
};

struct Preset {
    Metadata metadata;
    // The look values the preset sets, per overlay, by field path.
    std::map<Overlay, std::map<std::string, Value>> looks;
    std::map<Overlay, Placement> stage;
    // The document as read: keys this version does not know are written back untouched.
    nlohmann::json document = nlohmann::json::object();
};

// One problem in a preset: where (a JSON pointer) and why.
struct Problem {
    std::string pointer;
    std::string reason;
    std::string text() const {
        return (pointer.empty() ? std::string("/") : pointer) + ": " + reason;
    }
};

struct LoadResult {
    std::optional<Preset> preset; // nothing when there is an error
    std::vector<Problem> errors;  // every error of the file, not only the first
};

// Reads a preset. An older version is migrated (migrate()); a newer one is refused with what to
// do. Unknown keys are kept, except one that looks like a misspelt known key (one or two
// letters off), which is an error naming the key it resembles: a typo must not pass silently.
LoadResult load(std::string_view text);
LoadResult load_document(const nlohmann::json& document);

// Brings a document of an older version to kVersion, in place; false with `why` when it cannot.
// Version 0 (the format before it was versioned, a flat "look" object per overlay) is the
// example the path is tested with.
bool migrate(nlohmann::json& document, std::string& why);

// The preset as a document of kVersion: its document with every known value written over it.
nlohmann::json to_json(const Preset& preset);

// A preset name as a file name: letters, digits, '-', '_', '.', ' '; not empty, no leading dot.
bool is_preset_name(std::string_view name);

} // namespace stagehand::core::preset
