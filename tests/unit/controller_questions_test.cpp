#include "control/actions.hpp"
#include "control/controller.hpp"
#include "control/requests.hpp"

#include "question_rig.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include <unistd.h>

using namespace stagehand;
using nlohmann::json;

using stagehand::testing::fresh_folder;
using stagehand::testing::message;
using Rig = stagehand::testing::QuestionRig;

// Approve-before-display: a pending question reaches the screen through no path.
TEST(ControllerQuestions, NothingUnapprovedReachesTheScreenThroughAnyPath) {
    Rig rig;
    rig.controller->on_chat(message("m1", "ann", "is this safe?"));
    // A remote request (Companion, a script):
    json answer = rig.call("question_feature", {{"id", 1}});
    EXPECT_EQ(answer["ok"], false);
    EXPECT_EQ(answer["error"], "question 1 is pending: only approved questions go on screen");
    answer = rig.call("question_feature");
    EXPECT_EQ(answer["ok"], false);
    // The hotkey "feature the next approved question":
    const control::Action* hotkey = control::find_action("stagehand.questions.feature_next");
    ASSERT_NE(hotkey, nullptr);
    EXPECT_FALSE(hotkey->run(*rig.controller).ok);
    // The dock's Feature button sends the same command:
    EXPECT_FALSE(rig.controller->execute(control::QuestionFeature{1}).ok);
    EXPECT_FALSE(rig.controller->featured_question()->question);
    // Once approved, each path works.
    EXPECT_EQ(rig.call("question_approve", {{"id", 1}})["ok"], true);
    answer = rig.call("question_feature");
    EXPECT_EQ(answer["ok"], true) << answer.dump();
    EXPECT_EQ(answer["featured"], 1);
    ASSERT_TRUE(rig.controller->featured_question()->question);
    EXPECT_EQ(rig.controller->featured_question()->question->text(), "is this safe?");
}

TEST(ControllerQuestions, EventsSayWhatChangedAndAWithdrawalIsInstant) {
    Rig rig;
    rig.controller->on_chat(message("m1", "ann", "one?"));
    EXPECT_TRUE(rig.sent("questions_changed"));
    EXPECT_FALSE(rig.sent("question_featured"));
    rig.controller->execute(control::QuestionApprove{1});
    rig.controller->execute(control::QuestionFeature{});
    ASSERT_TRUE(rig.sent("question_featured"));
    EXPECT_EQ(rig.events.back().name, "state_changed");
    const auto before = rig.controller->featured_question()->revision;
    rig.events.clear();
    rig.controller->on_chat(core::chat::ChatDelete{"twitch", "m1"});
    const auto featured = rig.controller->featured_question();
    EXPECT_FALSE(featured->question);
    EXPECT_TRUE(featured->instant) << "the source cuts, no fade";
    EXPECT_GT(featured->revision, before);
    bool saw_null = false;
    for (const auto& e : rig.events)
        saw_null = saw_null || (e.name == "question_featured" && e.data["id"].is_null());
    EXPECT_TRUE(saw_null);
    const json list = rig.call("questions_list");
    EXPECT_EQ(list["questions"][0]["state"], "withdrawn") << "withdrawn questions stay listed";
    EXPECT_TRUE(list["featured"].is_null());
}

TEST(ControllerQuestions, RequestsForEveryStepAndTheirMistakes) {
    Rig rig;
    rig.controller->on_chat(message("m1", "ann", "one?"));
    EXPECT_EQ(rig.call("question_approve", {{"id", 9}})["error"], "there is no question 9");
    EXPECT_EQ(rig.call("question_pin", {{"id", 1}})["error"],
              "missing parameter \"pinned\" (true pins it to the top, false unpins)");
    EXPECT_EQ(rig.call("question_pin", {{"id", 1}, {"pinned", "yes"}})["ok"], false);
    EXPECT_EQ(rig.call("question_pin", {{"id", 1}, {"pinned", true}})["ok"], true);
    EXPECT_EQ(rig.call("questions_list", {{"state", "nope"}})["ok"], false);
    const json added =
        rig.call("question_add", {{"text", "What about a11y?"}, {"label", "Hall B"}});
    EXPECT_EQ(added["ok"], true);
    EXPECT_EQ(added["id"], 2);
    EXPECT_EQ(rig.call("questions_list", {{"state", "approved"}})["questions"][0]["author"],
              "Hall B");
    EXPECT_EQ(rig.call("question_feature", {{"id", 2}})["ok"], true);
    EXPECT_EQ(rig.call("question_answered")["ok"], true);
    EXPECT_EQ(rig.call("question_dismiss", {{"id", 1}})["ok"], true);
    EXPECT_EQ(rig.call("question_hide")["ok"], true);
    const json state = rig.call("get_state");
    EXPECT_EQ(state["questions"]["total"], 2);
    EXPECT_TRUE(state["questions"]["featured"].is_null());
}

// An id is a question's number: a 64-bit value must not wrap round to one that exists
// (4294967297 is 1 as a 32-bit int).
TEST(ControllerQuestions, IdsOutsideTheQueuesRangeAreRefusedNotWrapped) {
    Rig rig;
    rig.controller->on_chat(message("m1", "ann", "one?"));
    for (const json& id : {json(4294967297LL), json(-1), json(0), json(18446744073709551615ULL)}) {
        const json answer = rig.call("question_approve", {{"id", id}});
        EXPECT_EQ(answer["ok"], false) << id;
        EXPECT_EQ(answer["error"], "\"id\" must be a question id from 1 to 2147483647, got an "
                                   "integer " +
                                       id.dump())
            << id;
    }
    EXPECT_EQ(rig.call("questions_list", {{"state", "pending"}})["questions"].size(), 1u);
    // A 64-bit step or slide is no wrap either.
    EXPECT_EQ(rig.call("slides_goto", {{"slide", 18446744073709551615ULL}})["ok"], false);
}

// The room label arrives from a remote request: it is cleaned as a chat name is.
TEST(ControllerQuestions, TheRoomLabelIsCleanedLikeAChatName) {
    Rig rig;
    const json added = rig.call(
        "question_add",
        {{"text", "Why?"}, {"label", std::string("Hall\x07 B\r\n") + std::string(300, 'x')}});
    ASSERT_EQ(added["ok"], true);
    const std::string author =
        rig.call("questions_list")["questions"][0]["author"].get<std::string>();
    EXPECT_TRUE(author.starts_with("Hall B")) << author;
    EXPECT_EQ(author.find_first_of("\x07\r\n"), std::string::npos) << author;
    EXPECT_LE(author.size(), 110u) << "a name's length, with an ellipsis";
    const json blank = rig.call("question_add", {{"text", "How?"}, {"label", " \x01 "}});
    EXPECT_EQ(rig.call("questions_list")["questions"][1]["author"], "from the room");
    // Invalid UTF-8 in the label becomes U+FFFD, never a string that breaks a JSON answer.
    rig.call("question_add", {{"text", "Who?"}, {"label", "caf\xC3"}});
    EXPECT_NO_THROW(rig.call("questions_list").dump());
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(ControllerQuestions, ExportWritesOnlyInTheExportFolder) {
    namespace fs = std::filesystem;
    const auto folder = fresh_folder("export");
    Rig rig(folder);
    rig.controller->on_chat(message("m1", "ann", "Will the slides be shared?"));
    const fs::path exports = folder / "exports";
    EXPECT_EQ(rig.call("questions_export", {{"format", "pdf"}, {"file", "talk.md"}})["ok"], false);

    const json done = rig.call("questions_export", {{"format", "markdown"}, {"file", "talk.md"}});
    ASSERT_EQ(done["ok"], true) << done.dump();
    EXPECT_EQ(done["file"], (exports / "talk.md").string());
    EXPECT_EQ(done["questions"], 1);
    EXPECT_NE(read_text(exports / "talk.md").find("Will the slides be shared?"), std::string::npos);
    // Its own file again, by name or by its full path: replaced.
    EXPECT_EQ(rig.call("questions_export", {{"format", "markdown"}, {"file", "talk.md"}})["ok"],
              true);
    EXPECT_EQ(rig.call("questions_export",
                       {{"format", "csv"}, {"file", (exports / "talk.md").string()}})["ok"],
              true);
    EXPECT_TRUE(read_text(exports / "talk.md").starts_with("id,question"));

    // Anywhere else, or through a link out, or over a file it did not write: refused, and
    // nothing outside changes.
    const fs::path outside = folder / "outside.txt";
    std::ofstream(outside) << "mine";
    std::error_code no_links; // Windows without developer mode, and Wine, make none
    fs::create_symlink(outside, exports / "link.md", no_links);
    std::ofstream(exports / "notes.md") << "the presenter's own notes";
    const auto refused = [&](const std::string& file) {
        return rig.call("questions_export", {{"format", "markdown"}, {"file", file}})["error"]
            .get<std::string>();
    };
    EXPECT_EQ(refused(outside.string()), "file \"" + outside.string() +
                                             "\": exports are written only in " + exports.string() +
                                             " (give a file name there)");
    EXPECT_EQ(refused("../outside.txt"), "file \"../outside.txt\": expected a file name, "
                                         "without folders, in " +
                                             exports.string());
    EXPECT_NE(refused((exports / ".." / "outside.txt").string()).find("exports are written only"),
              std::string::npos);
    EXPECT_NE(refused("sub/talk.md").find("without folders"), std::string::npos);
    if (!no_links) {
        EXPECT_EQ(refused("link.md"),
                  (exports / "link.md").string() + " is a link: exports never write through one");
    }
    EXPECT_EQ(refused("notes.md"), (exports / "notes.md").string() +
                                       " exists and was not written by Stagehand: choose "
                                       "another name");
    EXPECT_EQ(refused(".."), "file \"..\": expected a file name, like talk.md");
    EXPECT_EQ(read_text(outside), "mine");
    EXPECT_EQ(read_text(exports / "notes.md"), "the presenter's own notes");

    // What it wrote is remembered across a restart.
    Rig again(folder);
    EXPECT_EQ(again.call("questions_export", {{"format", "markdown"}, {"file", "talk.md"}})["ok"],
              true);
    fs::remove_all(folder);
}

TEST(ControllerQuestions, SettingsChangeDetectionAndAreSavedWithTheQueue) {
    const auto folder = fresh_folder("settings");
    {
        Rig rig(folder);
        const json refused = rig.call("questions_settings", {{"detect", "sometimes"}});
        EXPECT_EQ(refused["error"],
                  "questions settings /detect: expected question_mark, prefix or every, got "
                  "\"sometimes\"");
        const json set = rig.call("questions_settings", {{"detect", "prefix"},
                                                         {"blocklist", "crypto, followers"},
                                                         {"roles", "subscriber,member"},
                                                         {"auto_hide_seconds", 20}});
        ASSERT_EQ(set["ok"], true) << set.dump();
        EXPECT_EQ(set["settings"]["blocklist"], json({"crypto", "followers"}));
        EXPECT_EQ(set["settings"]["roles"], json({"subscriber", "member"}));
        core::chat::ChatMessage m = message("m1", "ann", "why is it fast?");
        m.roles = core::chat::kSubscriber;
        rig.controller->on_chat(m);
        EXPECT_EQ(rig.call("questions_list")["questions"].size(), 0u) << "prefix only now";
        m.id = "m2";
        m.text = "Q: why is it fast";
        rig.controller->on_chat(m);
        EXPECT_EQ(rig.call("questions_list")["questions"].size(), 1u);
        rig.controller->flush();
    }
    Rig again(folder);
    EXPECT_EQ(again.call("questions_list")["settings"]["detect"], "prefix");
    EXPECT_EQ(again.call("questions_list")["settings"]["auto_hide_seconds"], 20);
    std::filesystem::remove_all(folder);
}

TEST(ControllerQuestions, AFeaturedQuestionAutoHidesAfterItsTime) {
    std::int64_t now = 0;
    control::Controller::Options options;
    options.code = std::make_shared<stagehand::testing::FakeCodeSources>();
    options.now_ms = [&now] {
        return now;
    };
    control::Controller controller(std::move(options));
    control::handle_request(controller, "questions_settings", {{"auto_hide_seconds", 30}});
    controller.on_chat(message("m1", "ann", "one?"));
    controller.execute(control::QuestionApprove{1});
    controller.execute(control::QuestionFeature{1});
    now += 29000;
    controller.tick();
    ASSERT_TRUE(controller.featured_question()->question);
    now += 1000;
    controller.tick();
    EXPECT_FALSE(controller.featured_question()->question) << "30 s on screen: hidden";
    EXPECT_EQ(controller.questions(core::questions::State::approved).data["questions"].size(), 1u)
        << "hidden, still approved";
}

// The dock shows the head of a long queue, not all of it: questions_list's limit gives the first
// N in queue order and how many there are.
TEST(ControllerQuestions, AListLimitGivesTheHeadOfTheQueueAndTheTotal) {
    Rig rig;
    for (int i = 0; i < 30; ++i)
        rig.controller->on_chat(message("m" + std::to_string(i), "v" + std::to_string(i),
                                        "Is " + std::to_string(i) + " ok?"));
    rig.call("question_approve", {{"id", 17}});
    rig.call("question_feature", {{"id", 17}});
    rig.call("question_dismiss", {{"id", 1}}); // done with: behind every open one
    rig.call("question_pin", {{"id", 23}, {"pinned", true}});
    const json head = rig.call("questions_list", {{"limit", 3}});
    ASSERT_EQ(head["ok"], true) << head.dump();
    EXPECT_EQ(head["total"], 30);
    ASSERT_EQ(head["questions"].size(), 3u);
    EXPECT_EQ(head["questions"][0]["id"], 23) << "pinned first";
    EXPECT_EQ(head["questions"][1]["id"], 17) << "then the featured one";
    EXPECT_EQ(head["questions"][2]["id"], 2) << "then the oldest open one";
    const json all = rig.call("questions_list", {{"state", "pending"}});
    EXPECT_EQ(all["total"], 28);
    EXPECT_EQ(all["questions"].size(), 28u);
    EXPECT_EQ(rig.call("questions_list")["questions"][29]["id"], 1) << "the dismissed one last";
}
