// The question domain under chat: connections (validated, remembered, resumed; secrets kept
// apart), batches of a flood read at once, the question card prepared only when it changes, and
// chat, moderation and saving on several threads at once.
#include "control/controller.hpp"

#include "question_rig.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace stagehand;
using nlohmann::json;
using stagehand::testing::fresh_folder;
using stagehand::testing::message;
using Rig = stagehand::testing::QuestionRig;

// The question card is prepared again only when what it shows changes: chat that only adds
// pending questions leaves the featured snapshot as it was, a vote for it or one more approved
// question waiting does not.
TEST(ControllerQuestions, TheCardIsPreparedAgainOnlyWhenWhatItShowsChanges) {
    Rig rig;
    rig.controller->on_chat(message("m1", "ann", "what does the card show?"));
    rig.controller->execute(control::QuestionApprove{1});
    rig.controller->execute(control::QuestionFeature{});
    const auto featured = rig.controller->featured_question();
    ASSERT_TRUE(featured && featured->question);
    for (int i = 0; i < 50; ++i)
        rig.controller->on_chat(message("f" + std::to_string(i), "viewer" + std::to_string(i),
                                        "flood question " + std::string(1, char('a' + i % 26)) +
                                            std::to_string(i * 7919) + " here?"));
    EXPECT_EQ(rig.controller->featured_question(), featured) << "the same snapshot, not a copy";
    core::chat::ChatMessage vote = message("v1", "cy", "+1");
    vote.reply_to = "m1";
    rig.controller->on_chat(vote);
    const auto voted = rig.controller->featured_question();
    ASSERT_NE(voted, featured);
    EXPECT_EQ(voted->question->votes, 1);
    EXPECT_GT(voted->revision, featured->revision);
    rig.controller->execute(control::QuestionApprove{2});
    const auto waiting = rig.controller->featured_question();
    ASSERT_NE(waiting, voted);
    EXPECT_EQ(waiting->waiting, voted->waiting + 1);
}

// Twenty words far enough apart that no two questions made of two of them are near-duplicates.
const char* const kWords[] = {"closures", "generics",  "pointers",  "channels",  "futures",
                              "macros",   "lambdas",   "templates", "iterators", "sockets",
                              "parsers",  "compilers", "monads",    "kernels",   "shaders",
                              "vectors",  "tensors",   "queues",    "schemas",   "drivers"};

// A read from a chat connection is handled as one batch: every message counts, and the
// announcements that only say "look again" go out once, with the latest revision, while a
// featured question's withdrawal in the same batch is still announced.
TEST(ControllerQuestions, ABatchOfChatIsAnnouncedOnce) {
    Rig rig;
    rig.controller->on_chat(message("m0", "ann", "the featured one, for now?"));
    rig.controller->execute(control::QuestionApprove{1});
    rig.controller->execute(control::QuestionFeature{});
    rig.events.clear();
    std::vector<core::chat::ChatEvent> batch;
    for (int i = 1; i <= 30; ++i)
        batch.push_back(message("m" + std::to_string(i), "viewer" + std::to_string(i),
                                std::string("how do ") + kWords[i % 20] + " and " +
                                    kWords[(i / 20) % 20] + " mix?"));
    batch.push_back(core::chat::ChatDelete{"twitch", "m0"});
    rig.controller->on_chat(batch);
    const json list = rig.call("questions_list");
    EXPECT_EQ(list["total"], 31) << "every message of the batch was read";
    int changed = 0, state = 0, featured = 0;
    for (const auto& e : rig.events) {
        changed += e.name == "questions_changed";
        state += e.name == "state_changed" && e.data["area"] == "questions";
        featured += e.name == "question_featured";
    }
    EXPECT_EQ(changed, 1);
    EXPECT_EQ(state, 1);
    EXPECT_EQ(featured, 1) << "the withdrawal of what was on screen is announced";
    const auto last_changed =
        std::find_if(rig.events.rbegin(), rig.events.rend(),
                     [](const control::Event& e) { return e.name == "questions_changed"; });
    ASSERT_NE(last_changed, rig.events.rend());
    EXPECT_EQ(last_changed->data["revision"], rig.call("get_state")["questions"]["revision"]);
    EXPECT_TRUE(rig.controller->featured_question()->instant);
}

TEST(ControllerQuestions, ChatConnectValidatesRemembersAndResumes) {
    const auto folder = fresh_folder("chat");
    {
        Rig rig(folder);
        EXPECT_EQ(rig.call("chat_connect", {{"platform", "myspace"}})["error"],
                  "platform \"myspace\": expected twitch, youtube, demo or discord");
        EXPECT_EQ(rig.call("chat_connect", {{"platform", "twitch"}})["ok"], false);
        EXPECT_EQ(rig.call("chat_connect", {{"platform", "twitch"}, {"channel", "talk"}})["ok"],
                  true);
        EXPECT_EQ(
            rig.call("chat_connect",
                     {{"platform", "youtube"}, {"video", "dQw4w9WgXcQ"}, {"key", "SECRET"}})["ok"],
            true);
        EXPECT_EQ(rig.call("chat_disconnect", {{"platform", "youtube"}})["ok"], true);
        const json status = rig.call("chat_status");
        EXPECT_EQ(status["connections"][0]["platform"], "twitch");
        EXPECT_EQ(status["connections"][0]["messages_per_minute"], 3.5);
    }
    Rig after_restart(folder);
    after_restart.controller->resume_chat();
    ASSERT_EQ(after_restart.hub->connected.size(), 1u) << "only what was connected comes back";
    EXPECT_EQ(after_restart.hub->connected[0].param("channel"), "talk");
    std::filesystem::remove_all(folder);
}

// A platform added through the registry (Discord) is connected, remembered and resumed like the
// others: its token is a secret (secrets.json, owner-only), never in chat.json, and a connect
// without it uses the saved one.
TEST(ControllerQuestions, DiscordConnectsThroughTheRegistryAndItsTokenStaysSecret) {
    namespace fs = std::filesystem;
    const auto folder = fresh_folder("discord");
    {
        Rig rig(folder);
        EXPECT_NE(
            rig.call("chat_connect", {{"platform", "discord"}, {"channel", "general"}})["error"]
                .get<std::string>()
                .find("channel \"general\": expected a channel id"),
            std::string::npos);
        EXPECT_NE(rig.call("chat_connect", {{"platform", "discord"}, {"channel", "555"}})["error"]
                      .get<std::string>()
                      .find("token"),
                  std::string::npos)
            << "no token given and none saved";
        EXPECT_EQ(rig.call("chat_connect",
                           {{"platform", "discord"}, {"channel", "555"}, {"token", "T0KEN"}})["ok"],
                  true);
        EXPECT_EQ(rig.call("chat_connect", {{"platform", "discord"}, {"channel", "556"}})["ok"],
                  true)
            << "the saved token is used";
        ASSERT_EQ(rig.hub->connected.size(), 2u);
        EXPECT_EQ(rig.hub->connected[1].param("token"), "T0KEN");
        EXPECT_EQ(rig.call("chat_connect", {{"platform", "demo"}, {"file", "/etc/passwd"}})["ok"],
                  false)
            << "a remote client names no file for OBS to read";
        EXPECT_EQ(rig.call("chat_connect", {{"platform", "twitch"}, {"token", "x"}})["error"],
                  "twitch: Twitch takes no \"token\" (it takes channel, server, ca_file)");
    }
    std::stringstream read;
    read << std::ifstream(folder / "chat.json").rdbuf(); // closed at once: Windows would keep
    const std::string saved = read.str();                // the folder from being removed
    EXPECT_EQ(saved.find("T0KEN"), std::string::npos);
    EXPECT_NE(saved.find("556"), std::string::npos);
#if !defined(_WIN32) // no mode bits: the profile folder's access list keeps it the user's
    EXPECT_EQ(fs::status(folder / "secrets.json").permissions() & fs::perms::group_all,
              fs::perms::none);
#endif
    Rig after_restart(folder);
    after_restart.controller->resume_chat();
    ASSERT_EQ(after_restart.hub->connected.size(), 1u);
    EXPECT_EQ(after_restart.hub->connected[0].platform, "discord");
    EXPECT_EQ(after_restart.hub->connected[0].param("token"), "T0KEN");
    fs::remove_all(folder);
}

// The chat thread, the dock (UI) and obs-websocket's pool act on the queue at once while the
// saving worker writes it: nothing is lost or doubled, and what is on disk at the end is the
// queue as it is (ThreadSanitizer runs this in the test command).
TEST(ControllerQuestions, ChatModerationRequestsAndSavingRunTogether) {
    const auto folder = fresh_folder("threads");
    std::size_t total = 0;
    {
        Rig rig(folder);
        std::atomic<bool> done{false};
        std::thread chat([&] {
            for (int i = 0; i < 400; ++i)
                // Short and distinct: only an exact repeat would merge.
                rig.controller->on_chat(message("c" + std::to_string(i), "v" + std::to_string(i),
                                                "Is " + std::to_string(i) + " ok?"));
            done = true;
        });
        std::thread remote([&] {
            while (!done) {
                for (int id = 1; id <= 400; id += 37)
                    control::handle_request(*rig.controller, "question_approve", {{"id", id}});
                control::handle_request(*rig.controller, "question_feature", {{"_", 0}});
                control::handle_request(*rig.controller, "questions_list", {{"_", 0}});
            }
        });
        std::thread dock([&] {
            while (!done) {
                rig.controller->state();
                rig.controller->featured_question();
                rig.controller->tick();
            }
        });
        chat.join();
        remote.join();
        dock.join();
        rig.controller->flush();
        total = rig.call("questions_list")["questions"].size();
        EXPECT_EQ(total, 400u);
    }
    Rig again(folder);
    EXPECT_EQ(again.call("questions_list")["questions"].size(), total);
    std::filesystem::remove_all(folder);
}
