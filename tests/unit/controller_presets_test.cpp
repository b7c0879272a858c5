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
