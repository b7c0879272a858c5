#include "control/controller.hpp"
#include "control/requests.hpp"

#include "fake_look_sources.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

using namespace stagehand;
using core::preset::Overlay;
using nlohmann::json;
using stagehand::testing::FakeLookSources;
namespace fs = std::filesystem;

namespace {

const fs::path kPresets = fs::path(STAGEHAND_DATA_DIR) / "presets";

std::string read(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

struct Rig {
    fs::path folder;
    std::shared_ptr<FakeLookSources> looks = std::make_shared<FakeLookSources>();
    std::shared_ptr<control::Controller> controller;
    std::vector<control::Event> events;

    explicit Rig(const std::string& name)
        : folder(fs::temp_directory_path() /
                 ("stagehand-presets-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(folder);
        looks->add("Code", Overlay::code, {{"card/background", core::Color{0.1f, 0.1f, 0.1f, 1}}});
        looks->add("Progress", Overlay::slides);
        looks->add("Question", Overlay::question);
        start();
    }
    void start() {
        control::Controller::Options o;
        o.store = std::make_shared<control::Store>(folder);
        o.looks = looks;
        o.presets_folder = kPresets;
        controller = std::make_shared<control::Controller>(std::move(o));
        controller->subscribe([this](const control::Event& e) { events.push_back(e); });
    }
    ~Rig() { fs::remove_all(folder); }
    json call(const char* name, const json& params = json::object()) {
        return control::handle_request(*controller, name, params);
    }
};

} // namespace

TEST(ControllerPresets, ApplyingAPresetSetsEveryOverlaysLookAndTheyFollowIt) {
    Rig rig("apply");
    const json applied = rig.call("preset_apply", {{"name", "High Contrast"}});
    ASSERT_EQ(applied["ok"], true) << applied.dump();
    EXPECT_EQ(applied["sources"].size(), 3u);
    EXPECT_EQ(std::get<core::Color>(rig.looks->values("Code").at("card/background")),
              (core::Color{0, 0, 0, 1}));
    EXPECT_EQ(std::get<double>(rig.looks->values("Question").at("font/size")), 44.0);
    EXPECT_EQ(std::get<std::string>(rig.looks->values("Progress").at("look")), "bar");
    ASSERT_FALSE(rig.events.empty());
    EXPECT_EQ(rig.events[0].name, "preset_applied");
    const json state = control::to_json(rig.controller->state());
    EXPECT_EQ(state["preset"]["sources"]["Question"], "High Contrast");

    // One source only; then the followed presets survive a restart.
    ASSERT_EQ(rig.call("preset_apply", {{"name", "Conference Light"}, {"source", "Code"}})["ok"],
              true);
    EXPECT_EQ(std::get<core::Color>(rig.looks->values("Code").at("card/background")),
              (core::Color{1, 1, 1, 1}));
    EXPECT_EQ(std::get<double>(rig.looks->values("Question").at("font/size")), 44.0);
    rig.start();
    const json again = control::to_json(rig.controller->state());
    EXPECT_EQ(again["preset"]["sources"]["Code"], "Conference Light");
    EXPECT_EQ(again["preset"]["sources"]["Question"], "High Contrast");

    EXPECT_EQ(rig.call("preset_apply", {{"name", "Nope"}})["error"],
              "there is no preset named \"Nope\" (presets_list lists them)");
    EXPECT_EQ(rig.call("preset_apply", {{"name", "High Contrast"}, {"source", "Webcam"}})["error"],
              "there is no Stagehand overlay source named \"Webcam\"");
}

TEST(ControllerPresets, ABrokenImportChangesNoSourceAndNoFileAndListsEveryError) {
    Rig rig("import");
    ASSERT_EQ(rig.call("preset_apply", {{"name", "High Contrast"}})["ok"], true);
    ASSERT_EQ(rig.call("preset_save", {{"name", "High Contrast"}})["ok"], true);
    const fs::path mine = rig.folder / "presets" / "High Contrast.json";
    const std::string saved = read(mine);
    const auto changes = rig.looks->changes();
    const auto code = rig.looks->values("Code");

    json broken = json::parse(saved);
    broken["code"]["card"]["background"] = "#12345G";
    broken["question"]["font"]["size"] = "big";
    const fs::path file = rig.folder / "broken.json";
    std::ofstream(file) << broken.dump(2);
    const json refused = rig.call("preset_import", {{"file", file.string()}});
    EXPECT_EQ(refused["ok"], false);
    ASSERT_EQ(refused["errors"].size(), 2u) << refused.dump();
    EXPECT_EQ(refused["errors"][0]["pointer"], "/code/card/background");
    EXPECT_EQ(refused["errors"][1]["text"],
              "/question/font/size: expected a number from 6 to 400, got \"big\"");
    EXPECT_EQ(rig.looks->changes(), changes) << "no source touched";
    EXPECT_EQ(rig.looks->values("Code"), code);
    EXPECT_EQ(read(mine), saved) << "no file touched";

    // The same file fixed: imported, and the sources that follow it show it at once.
    broken["code"]["card"]["background"] = "#123456";
    broken["question"]["font"]["size"] = 50;
    std::ofstream(file) << broken.dump(2);
    const json imported = rig.call("preset_import", {{"file", file.string()}});
    ASSERT_EQ(imported["ok"], true) << imported.dump();
    EXPECT_EQ(imported["applied_to"].size(), 3u);
    EXPECT_EQ(std::get<double>(rig.looks->values("Question").at("font/size")), 50.0);
    EXPECT_EQ(rig.call("preset_import", {{"file", "relative.json"}})["ok"], false);
}

TEST(ControllerPresets, SavingKeepsTheCurrentLookAsANewRevisionAndExportStaysInItsFolder) {
    Rig rig("save");
    const json first = rig.call("preset_save", {{"name", "Mine"}});
    ASSERT_EQ(first["ok"], true) << first.dump();
    EXPECT_EQ(first["revision"], 1);
    const json second = rig.call("preset_save", {{"name", "Mine"}});
    EXPECT_EQ(second["revision"], 2);
    const json saved = json::parse(read(first["file"].get<std::string>()));
    EXPECT_EQ(saved["code"]["card"]["background"], "#1A1A1A");
    EXPECT_EQ(rig.call("preset_save", {{"name", "../../evil"}})["ok"], false);
    EXPECT_FALSE(fs::exists(rig.folder / "evil.json"));

    bool listed = false;
    const json presets = rig.call("presets_list");
    for (const auto& p : presets["presets"])
        listed = listed || (p["name"] == "Mine" && p["builtin"] == false && p["ok"] == true);
    EXPECT_TRUE(listed);

    const json exported = rig.call("preset_export", {{"name", "Mine"}, {"file", "mine.json"}});
    ASSERT_EQ(exported["ok"], true) << exported.dump();
    EXPECT_EQ(fs::path(exported["file"].get<std::string>()).parent_path(), rig.folder / "exports");
    EXPECT_EQ(rig.call("preset_export", {{"name", "Mine"}, {"file", "../mine.json"}})["ok"], false);
}

// Rename: the file and its metadata take the new name and the sources that followed the old
// name follow the new one (and that survives a restart); a built-in or a taken name is refused
// with nothing changed.
TEST(ControllerPresets, RenamingAUserPresetMovesItsFileAndItsFollowers) {
    Rig rig("rename");
    ASSERT_EQ(rig.call("preset_save", {{"name", "Mine"}})["ok"], true);
    ASSERT_EQ(rig.call("preset_apply", {{"name", "Mine"}, {"source", "Code"}})["ok"], true);
    const fs::path user = rig.folder / "presets";

    const json refused = rig.call("preset_rename", {{"name", "High Contrast"}, {"new_name", "X"}});
    EXPECT_EQ(refused["ok"], false);
    EXPECT_NE(refused["error"].get<std::string>().find("built in"), std::string::npos);
    const json taken =
        rig.call("preset_rename", {{"name", "Mine"}, {"new_name", "Conference Dark"}});
    EXPECT_EQ(taken["ok"], false);
    EXPECT_NE(taken["error"].get<std::string>().find("exists already"), std::string::npos);
    EXPECT_EQ(rig.call("preset_rename", {{"name", "Mine"}, {"new_name", "../up"}})["ok"], false);
    EXPECT_TRUE(fs::exists(user / "Mine.json"));

    rig.events.clear();
    const json renamed = rig.call("preset_rename", {{"name", "Mine"}, {"new_name", "Meetup"}});
    ASSERT_EQ(renamed["ok"], true) << renamed.dump();
    EXPECT_FALSE(fs::exists(user / "Mine.json"));
    ASSERT_TRUE(fs::exists(user / "Meetup.json"));
    EXPECT_EQ(json::parse(read(user / "Meetup.json"))["metadata"]["name"], "Meetup");
    EXPECT_EQ(renamed["followed_by"], json::array({{{"name", "Code"}}}));
    EXPECT_FALSE(rig.events.empty());
    rig.start();
    EXPECT_EQ(control::to_json(rig.controller->state())["preset"]["sources"]["Code"], "Meetup");
}

// Duplicate copies a built-in as a user preset that can then be changed; delete removes only
// user presets, and the sources that followed keep their look but follow nothing.
TEST(ControllerPresets, DuplicateCopiesABuiltInAndDeleteRemovesOnlyUserPresets) {
    Rig rig("duplicate");
    const json copy =
        rig.call("preset_duplicate", {{"name", "High Contrast"}, {"new_name", "HC Mine"}});
    ASSERT_EQ(copy["ok"], true) << copy.dump();
    const fs::path file = rig.folder / "presets" / "HC Mine.json";
    ASSERT_TRUE(fs::exists(file));
    const json saved = json::parse(read(file));
    const json original = json::parse(read(kPresets / "High Contrast.json"));
    EXPECT_EQ(saved["metadata"]["name"], "HC Mine");
    EXPECT_EQ(saved["code"], original["code"]);
    EXPECT_EQ(saved["stage"], original["stage"]);
    EXPECT_EQ(
        rig.call("preset_duplicate", {{"name", "High Contrast"}, {"new_name", "HC Mine"}})["ok"],
        false);

    EXPECT_EQ(rig.call("preset_delete", {{"name", "High Contrast"}})["ok"], false);
    EXPECT_TRUE(fs::exists(kPresets / "High Contrast.json"));
    ASSERT_EQ(rig.call("preset_apply", {{"name", "HC Mine"}})["ok"], true);
    const auto look_before = rig.looks->values("Code");
    const json deleted = rig.call("preset_delete", {{"name", "HC Mine"}});
    ASSERT_EQ(deleted["ok"], true) << deleted.dump();
    EXPECT_FALSE(fs::exists(file));
    EXPECT_EQ(deleted["released"].size(), 3u);
    EXPECT_EQ(rig.looks->values("Code"), look_before);
    EXPECT_TRUE(control::to_json(rig.controller->state())["preset"]["sources"].empty());
    EXPECT_EQ(rig.call("preset_delete", {{"name", "HC Mine"}})["ok"], false);
}

// A user preset with a built-in's name replaces it; deleting it brings the built-in back, and
// the sources following that name follow the built-in again.
TEST(ControllerPresets, DeletingAUserCopyOfABuiltInBringsTheBuiltInBack) {
    Rig rig("shadow");
    ASSERT_EQ(rig.call("preset_save", {{"name", "Conference Dark"}})["ok"], true);
    ASSERT_EQ(rig.call("preset_apply", {{"name", "Conference Dark"}})["ok"], true);
    const json deleted = rig.call("preset_delete", {{"name", "Conference Dark"}});
    ASSERT_EQ(deleted["ok"], true) << deleted.dump();
    EXPECT_EQ(deleted["builtin_back"], true);
    EXPECT_TRUE(deleted["released"].empty());
    EXPECT_EQ(control::to_json(rig.controller->state())["preset"]["sources"]["Code"],
              "Conference Dark");
}
