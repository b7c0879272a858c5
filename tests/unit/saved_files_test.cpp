// Every file the control layer saves is outside input when it is read back: a hand edit, a file
// from an older version or a sync tool's merge. These tests take files the controller wrote
// itself and break them one value at a time, at every key, with every wrong type; each broken
// file must be set aside and the controller must start from defaults, never throw.
#include "control/controller.hpp"
#include "control/requests.hpp"
#include "control/status_board.hpp"

#include "chat_messages.hpp"
#include "fake_chat_hub.hpp"
#include "fake_code_sources.hpp"
#include "fake_look_sources.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <system_error>

#include <csignal>

#include <unistd.h>
#if !defined(_WIN32)
#include <sys/resource.h>
#endif

using namespace stagehand;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) {
    auto folder =
        fs::temp_directory_path() / ("stagehand-saved-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

json read_json(const fs::path& path) {
    return json::parse(read_text(path));
}

void write_json(const fs::path& path, const json& value) {
    std::ofstream(path) << value.dump(2);
}

core::chat::ChatMessage message(std::string id, const std::string& author, std::string text) {
    return stagehand::testing::twitch_message(std::move(id), author, std::move(text));
}

struct Rig {
    std::shared_ptr<stagehand::testing::FakeChatHub> hub =
        std::make_shared<stagehand::testing::FakeChatHub>();
    std::shared_ptr<stagehand::testing::FakeCodeSources> code =
        std::make_shared<stagehand::testing::FakeCodeSources>();
    std::shared_ptr<stagehand::testing::FakeLookSources> looks =
        std::make_shared<stagehand::testing::FakeLookSources>();
    std::shared_ptr<control::Store> store;
    std::unique_ptr<control::Controller> controller;
    explicit Rig(const fs::path& folder) {
        code->add({"Snippet", "", "int x;", "", "c", "", "", 1, true});
        looks->add("Card", core::preset::Overlay::question);
        store = std::make_shared<control::Store>(folder);
        control::Controller::Options options;
        options.code = code;
        options.store = store;
        options.chat = hub;
        options.looks = looks;
        options.presets_folder = fs::path(STAGEHAND_DATA_DIR) / "presets";
        options.now_ms = [] {
            return std::int64_t{1000};
        };
        options.wall_ms = [] {
            return std::int64_t{1'700'000'000'000};
        };
        controller = std::make_unique<control::Controller>(std::move(options));
    }
    json call(const char* name, const json& params = json::object()) {
        return control::handle_request(*controller, name, params);
    }
};

// The folder valid_state() made, removed when the test program ends (one per program: ctest runs
// each test in a program of its own).
struct MadeFolder {
    fs::path path;
    ~MadeFolder() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

// A state folder as a presenter's session leaves it: every file, every list non-empty.
fs::path valid_state() {
    static const MadeFolder state{[] {
        const fs::path folder = fresh_folder("valid");
        Rig rig(folder);
        const fs::path talk = folder / "talk-file.json";
        std::ofstream(talk) << R"({"format":"stagehand.talk","version":1,"title":"Talk",
            "slides":20,"minutes":30,"sections":[{"title":"Intro","first_slide":1,"minutes":5},
            {"title":"Demo","first_slide":6,"minutes":25}]})";
        EXPECT_EQ(rig.call("talk_load", {{"file", talk.string()}})["ok"], true);
        EXPECT_EQ(rig.call("slides_goto", {{"slide", 7}})["ok"], true);
        EXPECT_EQ(rig.call("timer_start", {{"x", 1}})["ok"], true);
        EXPECT_EQ(rig.call("questions_settings", {{"platforms", "twitch, youtube"},
                                                  {"roles", "subscriber"},
                                                  {"blocklist", "crypto"},
                                                  {"auto_hide_seconds", 30}})["ok"],
                  true);
        EXPECT_EQ(rig.call("questions_settings", {{"roles", ""}})["ok"], true);
        rig.controller->on_chat(message("m1", "ann", "how does the cache work?"));
        rig.controller->on_chat(message("m2", "bob", "why not use a map here?"));
        core::chat::ChatMessage vote = message("r1", "cy", "+1");
        vote.reply_to = "m2";
        rig.controller->on_chat(vote);
        EXPECT_TRUE(rig.controller->execute(control::QuestionApprove{2}).ok);
        EXPECT_TRUE(rig.controller->execute(control::QuestionFeature{2}).ok);
        EXPECT_EQ(rig.call("chat_connect", {{"platform", "twitch"}, {"channel", "talks"}})["ok"],
                  true);
        EXPECT_EQ(rig.call("chat_connect",
                           {{"platform", "youtube"}, {"video", "dQw4w9WgXcQ"}, {"key", "K-123"}})
                      .at("ok"),
                  true);
        EXPECT_TRUE(rig.controller->execute(control::ChooseCodeSource{"Snippet"}).ok);
        EXPECT_EQ(rig.call("preset_apply", {{"name", "High Contrast"}})["ok"], true);
        rig.controller->flush();
        fs::remove(talk);
        // The lists a session may leave empty get an element, so that it is broken too.
        json queue = read_json(folder / "questions.json");
        for (auto& q : queue["questions"])
            if (q["merged_ids"].empty())
                q["merged_ids"] = json::array({"m0"});
        write_json(folder / "questions.json", queue);
        return folder;
    }()};
    return state.path;
}

// The files the controller keeps, and how a test tells that it started from defaults for one.
struct SavedFile {
    std::string name;
    std::function<bool(Rig&)> loaded; // true when the file's content was taken up
    bool secret = false;              // removed when broken, never set aside
};

bool resumed(Rig& rig, const std::string& platform, const std::string& key = {}) {
    rig.hub->connected.clear();
    rig.controller->resume_chat();
    for (const auto& c : rig.hub->connected)
        if (c.platform == platform && (key.empty() || c.param("key") == key))
            return true;
    return false;
}

const std::vector<SavedFile>& saved_files() {
    static const std::vector<SavedFile> files = {
        {"questions",
         [](Rig& rig) {
             return rig.controller->state().questions_total > 0;
         }},
        {"slides",
         [](Rig& rig) {
             return rig.controller->state().slides > 0;
         }},
        {"control",
         [](Rig& rig) {
             return !rig.controller->state().chosen_code_source.empty();
         }},
        {"chat",
         [](Rig& rig) {
             return resumed(rig, "twitch");
         }},
        {"secrets", [](Rig& rig) { return resumed(rig, "youtube", "K-123"); }, true},
        {"presets",
         [](Rig& rig) {
             return !rig.controller->state().preset["sources"].empty();
         }},
    };
    return files;
}

// Every value in a document, by JSON pointer ("" is the whole document).
void pointers(const json& value, const std::string& at, std::vector<std::string>& out) {
    out.push_back(at);
    if (value.is_object())
        for (const auto& [key, child] : value.items())
            pointers(child, at + "/" + key, out);
    else if (value.is_array())
        for (std::size_t i = 0; i < value.size(); ++i)
            pointers(value[i], at + "/" + std::to_string(i), out);
}

enum class Kind { null, boolean, integer, real, string, list, object };

Kind kind_of(const json& value) {
    switch (value.type()) {
    case json::value_t::null:
        return Kind::null;
    case json::value_t::boolean:
        return Kind::boolean;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return Kind::integer;
    case json::value_t::number_float:
        return Kind::real;
    case json::value_t::string:
        return Kind::string;
    case json::value_t::array:
        return Kind::list;
    default:
        return Kind::object;
    }
}

// One value of each kind; an integer where a real number was is not a wrong type.
const std::vector<json>& wrong_values() {
    static const std::vector<json> values = {
        nullptr, true, 7, -3000000000, 2.5, "oops", json::array({1, "a"}), json{{"k", "v"}}};
    return values;
}

bool wrong_for(const json& original, const json& replacement) {
    const Kind was = kind_of(original);
    const Kind now = kind_of(replacement);
    if (was == Kind::real && now == Kind::integer)
        return false;
    return was != now;
}

void copy_state(const fs::path& from, const fs::path& to) {
    fs::remove_all(to);
    fs::create_directories(to);
    for (const char* name : {"questions", "slides", "control", "chat", "secrets", "presets"})
        fs::copy_file(from / (std::string(name) + ".json"), to / (std::string(name) + ".json"));
}

int set_aside_copies(const fs::path& folder, const std::string& name) {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(folder))
        count += entry.path().filename().string().starts_with(name + ".json.corrupt-");
    return count;
}

} // namespace

TEST(SavedFiles, EachFileAsWrittenIsTakenUpWhole) {
    const fs::path folder = fresh_folder("untouched");
    copy_state(valid_state(), folder);
    Rig rig(folder);
    for (const SavedFile& file : saved_files()) {
        EXPECT_TRUE(file.loaded(rig)) << file.name << ".json was not taken up";
        EXPECT_EQ(set_aside_copies(folder, file.name), 0) << file.name;
    }
    fs::remove_all(folder);
}

TEST(SavedFiles, AnyValueOfTheWrongTypeSetsTheFileAsideAndStartsFromDefaults) {
    const fs::path folder = fresh_folder("wrong-type");
    int cases = 0;
    for (const SavedFile& file : saved_files()) {
        const json valid = read_json(valid_state() / (file.name + ".json"));
        std::vector<std::string> all;
        pointers(valid, "", all);
        for (const std::string& pointer : all) {
            const json::json_pointer at(pointer);
            for (const json& replacement : wrong_values()) {
                if (!wrong_for(valid.at(at), replacement))
                    continue;
                json broken = valid;
                broken[at] = replacement;
                copy_state(valid_state(), folder);
                write_json(folder / (file.name + ".json"), broken);
                const std::string what = file.name + ".json" + pointer + " = " + replacement.dump();
                std::unique_ptr<Rig> rig;
                ASSERT_NO_THROW(rig = std::make_unique<Rig>(folder)) << what;
                bool loaded = true;
                ASSERT_NO_THROW(loaded = file.loaded(*rig)) << what;
                EXPECT_FALSE(loaded) << what << ": taken up, not set aside";
                EXPECT_FALSE(fs::exists(folder / (file.name + ".json"))) << what;
                EXPECT_EQ(set_aside_copies(folder, file.name), file.secret ? 0 : 1) << what;
                // The other files are untouched by one file's fault.
                for (const SavedFile& other : saved_files()) {
                    // A broken chat.json takes the YouTube connection with it, key and all.
                    const bool depends = other.name == "secrets" && file.name == "chat";
                    if (other.name != file.name && !depends) {
                        EXPECT_TRUE(other.loaded(*rig)) << what << " lost " << other.name;
                    }
                }
                // And the controller still works: it answers and saves anew.
                EXPECT_EQ(rig->call("get_state", {{"x", 1}})["ok"], true) << what;
                ++cases;
            }
        }
    }
    // Every file has many values: a generator that found none would prove nothing.
    EXPECT_GT(cases, 200);
    fs::remove_all(folder);
}

TEST(SavedFiles, AMissingKeyNeverThrowsAndLeavesAWorkingController) {
    const fs::path folder = fresh_folder("missing-key");
    for (const SavedFile& file : saved_files()) {
        const json valid = read_json(valid_state() / (file.name + ".json"));
        std::vector<std::string> all;
        pointers(valid, "", all);
        for (const std::string& pointer : all) {
            if (pointer.empty())
                continue;
            const json::json_pointer at(pointer);
            json broken = valid;
            json& parent = broken[at.parent_pointer()];
            if (parent.is_object())
                parent.erase(at.back());
            else
                parent.erase(static_cast<std::size_t>(std::stoul(at.back())));
            copy_state(valid_state(), folder);
            write_json(folder / (file.name + ".json"), broken);
            const std::string what = file.name + ".json without " + pointer;
            std::unique_ptr<Rig> rig;
            ASSERT_NO_THROW(rig = std::make_unique<Rig>(folder)) << what;
            ASSERT_NO_THROW(file.loaded(*rig)) << what;
            EXPECT_EQ(rig->call("get_state", {{"x", 1}})["ok"], true) << what;
        }
    }
    fs::remove_all(folder);
}

TEST(SavedFiles, ASetAsideFileIsSaidInTheDocksStatus) {
    const fs::path folder = fresh_folder("status");
    copy_state(valid_state(), folder);
    json broken = read_json(folder / "slides.json");
    broken["current"] = "seven";
    write_json(folder / "slides.json", broken);
    Rig rig(folder);
    bool said = false;
    for (const auto& entry : control::StatusBoard::global().snapshot().entries) {
        if (entry.area != "store" || entry.source != "slides.json")
            continue;
        said = true;
        EXPECT_NE(entry.message.find("/current: expected an integer from 1 to 10000, got "
                                     "\"seven\""),
                  std::string::npos)
            << entry.message;
        EXPECT_NE(entry.message.find("moved aside to slides.json.corrupt-"), std::string::npos)
            << entry.message;
    }
    EXPECT_TRUE(said);
    fs::remove_all(folder);
}

TEST(SavedFiles, ChatKeysLiveOnlyInAnOwnerOnlyFile) {
    const fs::path folder = fresh_folder("secrets");
    copy_state(valid_state(), folder);
#if !defined(_WIN32) // no mode bits: the profile folder's access list keeps it the user's
    const auto mode = fs::status(folder / "secrets.json").permissions();
    EXPECT_EQ(mode & (fs::perms::group_all | fs::perms::others_all), fs::perms::none)
        << "secrets.json is readable by others";
#endif
    const std::string chat_text = read_text(valid_state() / "chat.json");
    EXPECT_EQ(chat_text.find("K-123"), std::string::npos) << chat_text;

    // chat.json from an older version, with the key in it: the key moves out on the next start.
    json old = read_json(folder / "chat.json");
    old["youtube"]["key"] = "K-OLD";
    write_json(folder / "chat.json", old);
    fs::remove(folder / "secrets.json");
    {
        Rig rig(folder);
        EXPECT_TRUE(resumed(rig, "youtube", "K-OLD"));
    }
    EXPECT_FALSE(read_json(folder / "chat.json")["youtube"].contains("key"));
    EXPECT_EQ(read_json(folder / "secrets.json")["youtube"]["key"], "K-OLD");

    // A broken secrets file is removed, not set aside: no copy of a key is left behind.
    std::ofstream(folder / "secrets.json") << R"({"youtube": {"key": 42}, "x": "K-OLD"})";
    {
        Rig rig(folder);
        EXPECT_FALSE(resumed(rig, "youtube", "K-OLD"));
    }
    for (const auto& entry : fs::directory_iterator(folder)) {
        EXPECT_EQ(read_text(entry.path()).find("K-OLD"), std::string::npos) << entry.path();
    }
    fs::remove_all(folder);
}

namespace {

// The dock's status about one area ("questions", "slides"), as the presenter reads it.
std::string status_of(const std::string& area) {
    std::string said;
    for (const auto& entry : control::StatusBoard::global().snapshot().entries)
        if (entry.area == area)
            said += entry.message + "\n";
    return said;
}

} // namespace

// A full disk while saving: the presenter is told, and the file on disk is the last good one.
TEST(SavedFiles, AFullDiskKeepsTheOldFileAndSaysSo) {
#if defined(_WIN32)
    GTEST_SKIP() << "a full disk is made with a file-size limit (setrlimit), which Windows has not";
#else
    const fs::path folder = fresh_folder("full-disk");
    copy_state(valid_state(), folder);
    const std::string before = read_text(folder / "questions.json");
    {
        Rig rig(folder);
        // Files may grow to 64 bytes: every write past that fails as on a full disk (EFBIG).
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit old{};
        ::getrlimit(RLIMIT_FSIZE, &old);
        rlimit tiny = old;
        tiny.rlim_cur = 64;
        ::setrlimit(RLIMIT_FSIZE, &tiny);
        rig.controller->on_chat(message("m9", "dan", "does this survive a full disk?"));
        rig.controller->flush();
        ::setrlimit(RLIMIT_FSIZE, &old);
        EXPECT_NE(status_of("questions").find("the question queue was not saved: cannot write"),
                  std::string::npos)
            << status_of("questions");
        EXPECT_EQ(rig.controller->state().questions_total, 3u) << "the queue itself goes on";
    }
    EXPECT_EQ(read_text(folder / "questions.json"), before);
    EXPECT_FALSE(fs::exists(folder / "questions.json.tmp")) << "no half-written leftover";
    fs::remove_all(folder);
#endif
}

// The config folder cannot take a new file (read-only, or something in the way of the
// temporary file): the same, for the talk position.
TEST(SavedFiles, AFolderThatTakesNoNewFileKeepsTheOldFileAndSaysSo) {
    const fs::path folder = fresh_folder("no-write");
    copy_state(valid_state(), folder);
    const std::string before = read_text(folder / "slides.json");
    fs::create_directory(folder / "slides.json.tmp"); // as root, a read-only mode would not stop us
    {
        Rig rig(folder);
        EXPECT_EQ(rig.call("slides_goto", {{"slide", 9}})["ok"], true);
        rig.controller->flush();
        EXPECT_NE(status_of("slides").find("the talk position was not saved: cannot write"),
                  std::string::npos)
            << status_of("slides");
        EXPECT_EQ(rig.controller->state().slide, 9) << "the show goes on";
    }
    EXPECT_EQ(read_text(folder / "slides.json"), before);
    fs::remove_all(folder);
}
