#include "core/preset/schema.hpp"

#include "core/preset/preset.hpp"

namespace stagehand::core::preset {

namespace {

using nlohmann::json;

constexpr const char* kNoControlCharacters = "^[^\\u0000-\\u001f\\u007f]*$";

json field_schema(const Field& f) {
    json s;
    switch (f.kind) {
    case Kind::boolean:
        s = {{"type", "boolean"}};
        break;
    case Kind::integer:
        s = {{"type", "integer"}, {"minimum", f.min}, {"maximum", f.max}};
        break;
    case Kind::number:
        s = {{"type", "number"}, {"minimum", f.min}, {"maximum", f.max}};
        break;
    case Kind::text:
        s = {{"type", "string"}, {"maxLength", f.max_length}, {"pattern", kNoControlCharacters}};
        break;
    case Kind::color:
        s = {{"type", "string"}, {"pattern", "^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$"}};
        break;
    case Kind::choice:
        s = {{"enum", f.choices}};
        break;
    }
    s["description"] = f.description;
    return s;
}

json object_schema() {
    return {{"type", "object"}, {"properties", json::object()}};
}

json placement_schema() {
    auto integer = [](int min, int max) {
        return json{{"type", "integer"}, {"minimum", min}, {"maximum", max}};
    };
    return {{"type", "object"},
            {"required", {"x", "y", "width", "height"}},
            {"properties",
             {{"x", integer(-1920, 3840)},
              {"y", integer(-1080, 2160)},
              {"width", integer(16, 3840)},
              {"height", integer(16, 2160)}}}};
}

} // namespace

nlohmann::json schema() {
    json properties = {{"format", {{"const", kFormat}}},
                       {"version", {{"const", kVersion}}},
                       {"metadata",
                        {{"type", "object"},
                         {"required", {"name"}},
                         {"properties",
                          {{"name",
                            {{"type", "string"},
                             {"pattern", "^(?![. ])[A-Za-z0-9 _.-]{0,99}[A-Za-z0-9_.-]$"},
                             {"description", "the preset's name; it becomes a file name"}}},
                           {"author", {{"type", "string"}, {"maxLength", 100}}},
                           {"description", {{"type", "string"}, {"maxLength", 2000}}},
                           {"revision", {{"type", "integer"}, {"minimum", 1}}}}}}}};
    json stage = object_schema();
    for (const Overlay o : kOverlays) {
        json overlay = object_schema();
        for (const auto& f : fields()) {
            if (f.overlay != o)
                continue;
            // "card/background": the property "background" of the object "card".
            json* at = &overlay;
            std::string rest = f.path;
            for (auto slash = rest.find('/'); slash != std::string::npos; slash = rest.find('/')) {
                json& group = (*at)["properties"][rest.substr(0, slash)];
                if (group.is_null())
                    group = object_schema();
                at = &group;
                rest = rest.substr(slash + 1);
            }
            (*at)["properties"][rest] = field_schema(f);
        }
        properties[to_string(o)] = std::move(overlay);
        stage["properties"][to_string(o)] = placement_schema();
    }
    properties["stage"] = std::move(stage);
    return {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
            {"$id", "urn:stagehand:preset:1"},
            {"title", "Stagehand preset"},
            {"description",
             "The look of Stagehand's overlays, and where they sit on a 1920x1080 stage. Any "
             "setting may be left out: the source keeps its own. Keys this version does not "
             "know are kept."},
            {"type", "object"},
            {"required", {"format", "version", "metadata"}},
            {"properties", std::move(properties)}};
}

} // namespace stagehand::core::preset
