#include "control/request_table.hpp"

namespace stagehand::control {

using nlohmann::json;

void add_preset_requests(std::vector<RequestSpec>& table) {
    const RequestParam name{"name", "string", true, "a preset's name (presets_list lists them)"};
    table.push_back({"presets_list",
                     {},
                     "the built-in and user presets: name, built-in or not, whether it loads "
                     "(else its errors), which sources follow it",
                     [](Controller& c, const json&) {
                         return c.presets();
                     }});
    table.push_back(
        {"preset_apply",
         {name,
          {"source", "string", false, "one overlay source's name or UUID; default: every one"}},
         "applies a preset's look to every Stagehand overlay source, or one; they follow it",
         [](Controller& c, const json& p) {
             return c.execute(PresetApply{string_param(p, "name"), string_param(p, "source")});
         }});
    table.push_back(
        {"preset_save",
         {{"name", "string", true, "the new preset's name (letters, digits, spaces, - _ .)"},
          {"source", "string", false,
           "take the look of this source only; default: one source of each overlay"}},
         "saves the current look as a user preset; answers its file and accessibility warnings",
         [](Controller& c, const json& p) {
             return c.execute(PresetSave{string_param(p, "name"), string_param(p, "source")});
         }});
    table.push_back({"preset_import",
                     {{"file", "string", true, "an absolute path to a preset file"}},
                     "checks a preset file and adds it to the user presets (sources following "
                     "a preset of its name show it at once); a broken file changes nothing and "
                     "the answer lists every error",
                     [](Controller& c, const json& p) {
                         return c.execute(PresetImport{string_param(p, "file")});
                     }});
    table.push_back(
        {"preset_create_stage",
         {name, {"scene", "string", false, "the new scene's name; default: \"Stage: NAME\""}},
         "makes a new scene with one source of each overlay in the preset's look, placed as "
         "its stage says (they follow the preset)",
         [](Controller& c, const json& p) {
             return c.execute(PresetCreateStage{string_param(p, "name"), string_param(p, "scene")});
         }});
    const RequestParam new_name{"new_name", "string", true,
                                "the new name (letters, digits, spaces, - _ .)"};
    table.push_back(
        {"preset_rename",
         {name, new_name},
         "renames a user preset (built-ins cannot be); the sources following it "
         "follow the new name",
         [](Controller& c, const json& p) {
             return c.execute(PresetRename{string_param(p, "name"), string_param(p, "new_name")});
         }});
    table.push_back({"preset_duplicate",
                     {name, new_name},
                     "copies a preset (a built-in too) as a new user preset",
                     [](Controller& c, const json& p) {
                         return c.execute(
                             PresetDuplicate{string_param(p, "name"), string_param(p, "new_name")});
                     }});
    table.push_back({"preset_delete",
                     {name},
                     "deletes a user preset's file (built-ins cannot be); the sources that "
                     "followed it keep their look",
                     [](Controller& c, const json& p) {
                         return c.execute(PresetDelete{string_param(p, "name")});
                     }});
    table.push_back(
        {"preset_export",
         {name, {"file", "string", true, "a file name in the export folder"}},
         "writes a preset to a file in the export folder (answers the full path)",
         [](Controller& c, const json& p) {
             return c.execute(PresetExport{string_param(p, "name"), string_param(p, "file")});
         }});
}

} // namespace stagehand::control
