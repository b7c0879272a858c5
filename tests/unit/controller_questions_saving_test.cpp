// The question queue's saving through the controller: when a save happens (a decision at once,
// chat at the interval's time, closing never waiting), what the file and its journal hold, and
// what a restart (or a crash) finds. The rest of the question domain:
// controller_questions_test.cpp.
#include "control/controller.hpp"
#include "core/questions/queue_journal.hpp"

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

namespace {

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// What the queue's file in `folder` holds now (empty when there is none).
std::string queue_file(const std::filesystem::path& folder) {
    return file_text(folder / "questions.json");
}

// The queue OBS would start with from `folder` now: the file with its journal's records applied
// (empty when there is no file).
std::string saved_queue(const std::filesystem::path& folder) {
    const std::string text = queue_file(folder);
    if (text.empty())
        return text;
    json doc = json::parse(text);
    stagehand::core::questions::apply_journal(doc, file_text(folder / "questions.journal"));
    return doc.dump();
}

} // namespace

TEST(ControllerQuestions, TheQueueSurvivesARestartAndABrokenFileIsSetAside) {
    const auto folder = fresh_folder("restart");
    {
        Rig rig(folder);
        rig.controller->on_chat(message("m1", "ann", "one?"));
        rig.controller->on_chat(message("m2", "bob", "two?"));
        core::chat::ChatMessage vote = message("r1", "cy", "+1");
        vote.reply_to = "m2";
        rig.controller->on_chat(vote);
        rig.controller->execute(control::QuestionApprove{2});
        rig.controller->execute(control::QuestionFeature{2});
        rig.controller->execute(control::QuestionPin{1, true});
        rig.controller->flush();
    }
    {
        Rig again(folder);
        const json list = again.call("questions_list");
        ASSERT_EQ(list["questions"].size(), 2u);
        EXPECT_EQ(list["featured"], 2);
        EXPECT_EQ(list["questions"][0]["pinned"], true);
        EXPECT_EQ(list["questions"][1]["votes"], 1);
        ASSERT_TRUE(again.controller->featured_question()->question);
        EXPECT_EQ(again.controller->featured_question()->question->id, 2);
    }
    // A queue file that is JSON but not a queue: set aside, never overwritten by the next save.
    {
        std::ofstream(folder / "questions.json")
            << R"({"format":"stagehand.questions","version":1,"questions":[{"id":"x"}]})";
    }
    Rig broken(folder);
    EXPECT_EQ(broken.call("questions_list")["questions"].size(), 0u);
    int aside = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        aside += entry.path().filename().string().starts_with("questions.json.corrupt-");
    EXPECT_EQ(aside, 1);
    std::filesystem::remove_all(folder);
}

// A file whose record number is past any Stagehand writes is set aside like any broken file, and
// its number is not carried on: the next file written loads.
TEST(ControllerQuestions, ARecordNumberPastTheBoundIsNotCarriedIntoTheNextFile) {
    const auto folder = fresh_folder("journal-bound");
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "questions.json")
        << R"({"format":"stagehand.questions","version":1,"journal":1125899906842624,)"
        << R"("questions":[]})";
    {
        Rig rig(folder);
        rig.controller->on_chat(message("m1", "ann", "how do closures capture?"));
        rig.controller->flush();
        const json file = json::parse(queue_file(folder));
        EXPECT_LE(file.value("journal", std::uint64_t{0}), std::uint64_t{1} << 40) << file.dump();
    }
    Rig again(folder);
    EXPECT_EQ(again.call("questions_list")["questions"].size(), 1u)
        << "the file written after the broken one did not load";
    std::filesystem::remove_all(folder);
}

// A save copies unchanged lines from the file the last save wrote. A presenter who edits that
// file while OBS runs gets the queue written whole by the next save, not their edit stitched in.
TEST(ControllerQuestions, ASaveAfterTheFileWasEditedByHandWritesTheWholeQueue) {
    const auto folder = fresh_folder("edited");
    const auto read = [&] {
        return queue_file(folder);
    };
    Rig rig(folder);
    rig.controller->on_chat(message("m1", "ann", "how do closures capture?"));
    rig.controller->on_chat(message("m2", "bob", "why async over threads?"));
    rig.controller->flush();
    std::string text = read();
    const auto at = text.find("closures");
    ASSERT_NE(at, std::string::npos) << text;
    text.replace(at, 8, "CLOSURES");
    std::ofstream(folder / "questions.json", std::ios::binary) << text;
    rig.controller->on_chat(message("m3", "cy", "a third one, then?"));
    rig.controller->flush();
    const json saved = json::parse(read());
    ASSERT_EQ(saved["questions"].size(), 3u);
    EXPECT_EQ(saved["questions"][0]["text"], "how do closures capture?");
    EXPECT_EQ(saved["questions"][2]["text"], "a third one, then?");
    std::filesystem::remove_all(folder);
}

// Chat's changes are saved at the next save's time (once a save interval, longer in a flood);
// what a person decided is saved at once, and closing OBS saves what waits without waiting for
// that time. The interval here is a thousand days: only those two can have written the file, and
// the first save, which has no earlier one to wait for, is made at once however long the machine
// has been up (the steady clock counts from boot: a first save once waited for the interval on a
// machine up for less than it).
TEST(ControllerQuestions, ADecisionIsSavedAtOnceAndClosingDoesNotWaitForTheInterval) {
    const auto folder = fresh_folder("save-time");
    const auto saved = [&] {
        return saved_queue(folder);
    };
    const auto wait_for_file = [&](const std::string& part) {
        for (int i = 0; i < 1000 && saved().find(part) == std::string::npos; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return saved().find(part) != std::string::npos;
    };
    Rig rig(folder, std::chrono::hours(24 * 1000));
    rig.controller->on_chat(message("m1", "ann", "how do closures capture?"));
    // The first save has no earlier one to wait for.
    ASSERT_TRUE(wait_for_file("closures")) << saved();
    rig.controller->on_chat(message("m2", "bob", "why async over threads?"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(saved().find("async"), std::string::npos) << "chat's change did not wait";
    rig.controller->execute(control::QuestionApprove{1});
    EXPECT_TRUE(wait_for_file("\"approved\""))
        << "the approval waits for the interval: " << saved();
    EXPECT_NE(saved().find("async"), std::string::npos); // the whole queue, as it is now
    rig.controller->on_chat(message("m3", "cy", "a third one, then?"));
    // On a thread of its own: were flush to wait for the interval, the test fails, not hangs.
    auto closed = std::make_shared<std::atomic<bool>>(false);
    std::thread closing([&rig, closed] {
        rig.controller->flush();
        *closed = true;
    });
    for (int i = 0; i < 1000 && !*closed; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_TRUE(*closed) << "closing waited for the save interval";
    closing.join();
    EXPECT_NE(saved().find("a third one"), std::string::npos);
    std::filesystem::remove_all(folder);
}

// Decisions that follow each other closely (a button that adds a question and features it, a
// moderator going down the list) are saved together, once: each save writes the whole queue.
// The gather here is two seconds, so that the second decision, made 50 ms after the first,
// lands in its window however slow the machine.
TEST(ControllerQuestions, DecisionsMadeTogetherAreSavedOnce) {
    const auto folder = fresh_folder("save-gather");
    // Released before its folder is removed: its last save would make the folder again.
    auto rig = std::make_unique<Rig>(folder, std::chrono::minutes(10), std::chrono::seconds(2));
    // A save writes the file whole or appends a record to its journal.
    auto saves = std::make_shared<std::atomic<int>>(0);
    rig->store->before_rename = [saves](const std::filesystem::path&) {
        ++*saves;
    };
    rig->store->before_append = [saves](const std::string&, std::string_view) {
        ++*saves;
    };
    rig->controller->on_chat(message("m1", "ann", "how do closures capture?"));
    rig->controller->on_chat(message("m2", "bob", "why async over threads?"));
    rig->controller->flush();
    // Chat's two messages: one save, or two where the first save began before the second
    // message came (it has no earlier save to wait for), as the threads' timing falls.
    const int chat_saves = *saves;
    ASSERT_GE(chat_saves, 1);
    const auto start = std::chrono::steady_clock::now();
    rig->controller->execute(control::QuestionApprove{1});
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    rig->controller->execute(control::QuestionFeature{1});
    const auto saved = [&] {
        return saved_queue(folder);
    };
    for (int i = 0; i < 1000 && *saves < chat_saves + 1; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const auto took = std::chrono::steady_clock::now() - start;
    ASSERT_EQ(*saves, chat_saves + 1) << saved();
    EXPECT_GE(took, std::chrono::seconds(2)) << "the first decision was saved without waiting";
    // The hooks run before the rename or the append: the save is on disk a moment later (under
    // Wine, many moments). A save without the feature in it would need a second save, which
    // the count below would show.
    const auto featured = [&] {
        const std::string text = saved();
        return !text.empty() && json::parse(text).value("featured", 0) == 1;
    };
    for (int i = 0; i < 1000 && !featured(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const json file = json::parse(saved());
    EXPECT_EQ(file["featured"], 1) << "the second decision was not in the save";
    EXPECT_EQ(file["questions"][0]["state"], "featured");
    // Nothing else follows: the feature's own save job found nothing new to wait for.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(*saves, chat_saves + 1);
    rig.reset();
    std::filesystem::remove_all(folder);
}

// After the file is written whole, a decision is a record appended to the journal beside it, not
// the file written again. OBS killed then (its files copied as they are) starts with the decision;
// that start writes the file whole with it and empties the journal.
TEST(ControllerQuestions, ADecisionIsARecordInTheJournalAndSurvivesACrash) {
    namespace fs = std::filesystem;
    const auto folder = fresh_folder("journal");
    const auto crashed = fresh_folder("journal-crashed");
    {
        Rig rig(folder, std::chrono::minutes(10));
        rig.controller->on_chat(message("m1", "ann", "how do closures capture?"));
        rig.controller->on_chat(message("m2", "bob", "why async over threads?"));
        rig.controller->flush();
        const std::string whole = queue_file(folder);
        ASSERT_NE(whole.find("closures"), std::string::npos);
        rig.controller->execute(control::QuestionApprove{2});
        rig.controller->execute(control::QuestionFeature{2});
        for (int i = 0;
             i < 1000 &&
             file_text(folder / "questions.journal").find("\"featured\":2") == std::string::npos;
             ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        const std::string journal = file_text(folder / "questions.journal");
        ASSERT_NE(journal.find("\"featured\":2"), std::string::npos) << journal;
        EXPECT_EQ(std::count(journal.begin(), journal.end(), '\n'), 1) << journal;
        EXPECT_EQ(journal.find("closures"), std::string::npos)
            << "an unchanged question was written again: " << journal;
        EXPECT_EQ(queue_file(folder), whole) << "the file was written again for a decision";
        // The kill: the files as they are now.
        fs::create_directories(crashed);
        for (const auto& entry : fs::directory_iterator(folder))
            fs::copy_file(entry.path(), crashed / entry.path().filename(),
                          fs::copy_options::overwrite_existing);
    }
    {
        Rig again(crashed, std::chrono::minutes(10));
        const json list = again.call("questions_list");
        ASSERT_EQ(list["questions"].size(), 2u) << list.dump();
        EXPECT_EQ(list["featured"], 2);
        ASSERT_TRUE(again.controller->featured_question()->question);
        EXPECT_EQ(again.controller->featured_question()->question->id, 2);
        for (int i = 0; i < 1000 && fs::exists(crashed / "questions.journal"); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        EXPECT_FALSE(fs::exists(crashed / "questions.journal"));
        const json file = json::parse(queue_file(crashed));
        EXPECT_EQ(file["featured"], 2);
        EXPECT_EQ(file["journal"], 1) << "the file does not say which record it holds";
    }
    // A journal whose records do not make a queue with the file is copied aside and said; the
    // file's queue stands.
    {
        std::ofstream(crashed / "questions.journal", std::ios::binary)
            << "{\"seq\":2,\"questions\":[{\"id\":1,\"state\":\"sideways\"}]}\n";
        Rig broken(crashed, std::chrono::minutes(10));
        EXPECT_EQ(broken.call("questions_list")["questions"].size(), 2u);
        int aside = 0;
        for (const auto& entry : fs::directory_iterator(crashed))
            aside += entry.path().filename().string().starts_with("questions.journal.corrupt-");
        EXPECT_EQ(aside, 1);
    }
    fs::remove_all(folder);
    fs::remove_all(crashed);
}

// Closing without a flush (a controller released on an error path, a test) does not wait for a
// save's time either: the save under way finishes at once.
TEST(ControllerQuestions, ReleasingTheControllerDoesNotWaitForTheInterval) {
    const auto folder = fresh_folder("release");
    auto rig = std::make_shared<Rig>(folder, std::chrono::minutes(10));
    rig->controller->on_chat(message("m1", "ann", "how do closures capture?"));
    rig->controller->flush();
    rig->controller->on_chat(message("m2", "bob", "why async over threads?"));
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // the save starts its wait
    auto released = std::make_shared<std::atomic<bool>>(false);
    // On a thread of its own: were the release to wait for the interval, the test fails.
    std::thread releasing([rig = std::move(rig), released]() mutable {
        rig.reset();
        *released = true;
    });
    for (int i = 0; i < 1000 && !*released; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_TRUE(*released) << "releasing the controller waited for the save interval";
    releasing.join();
    std::filesystem::remove_all(folder);
}
