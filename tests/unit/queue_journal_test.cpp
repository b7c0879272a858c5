// The question queue's journal (core/questions/queue_journal.hpp): records of what changed since
// questions.json was written whole, appended by the saving worker and applied at start. What the
// file and the journal hold together must read back as the queue, and a journal is outside input
// like any file: a damaged or unfinished line stops the reading there, never anything worse.
#include "core/questions/question_queue.hpp"
#include "core/questions/queue_journal.hpp"
#include "core/questions/saved_queue.hpp"

#include "chat_messages.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>

using namespace stagehand::core;
using namespace stagehand::core::questions;

namespace {

chat::ChatMessage msg(std::string id, const std::string& author, std::string text) {
    return stagehand::testing::twitch_message(std::move(id), author, std::move(text));
}

std::filesystem::path scratch_file(const std::string& name) {
    const auto folder =
        std::filesystem::temp_directory_path() /
        ("stagehand-queue-journal-" + name + "-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(folder);
    return folder / "questions.json";
}

// The saving worker's two ways to save, on strings: the file written whole (holding `seq`, the
// last record it takes the place of) and a record appended to the journal.
struct Disk {
    explicit Disk(std::filesystem::path at)
        : file(std::move(at)) {}
    std::filesystem::path file;
    SavedQueue saved;
    QueueJournal journal;
    std::string text;    // questions.json
    std::string records; // questions.json's journal
    std::uint64_t seq = 0;

    void whole(const QuestionQueue& queue) {
        saved.update(queue, seq);
        std::string written;
        ASSERT_TRUE(saved.write(file, [&](std::string_view piece) { written += piece; }));
        std::ofstream(file, std::ios::binary) << written;
        saved.written(true);
        text = written;
        records.clear();
        journal.rebase(saved);
    }
    // False when nothing had changed.
    bool append(const QuestionQueue& queue) {
        const std::string line = journal.record(queue, seq + 1);
        if (line.empty())
            return false;
        records += line;
        journal.committed();
        ++seq;
        return true;
    }
    // The queue OBS would start with: the file, then the journal's records.
    nlohmann::json loaded(JournalReplay* replay = nullptr) const {
        nlohmann::json doc = nlohmann::json::parse(text);
        const JournalReplay r = apply_journal(doc, records);
        if (replay)
            *replay = r;
        QuestionQueue again;
        std::string error;
        EXPECT_TRUE(again.from_json(doc, error)) << error;
        return again.to_json();
    }
};

void decide(const std::function<std::string(Change&)>& step) {
    Change change;
    ASSERT_EQ(step(change), "");
}

} // namespace

// Every kind of change, each saved as a record after the file was written whole once: the file
// with its journal reads back as the queue after each one.
TEST(QueueJournal, TheFileAndItsRecordsAreTheQueueAfterEveryKindOfChange) {
    QuestionQueue queue;
    Disk disk(scratch_file("kinds"));
    const char* const asked[] = {"how do closures capture?", "why async over threads?",
                                 "is rust faster than go?", "what is a monad, really?"};
    for (int i = 1; i <= 4; ++i)
        queue.on_chat(msg("m" + std::to_string(i), "viewer" + std::to_string(i), asked[i - 1]));
    disk.whole(queue);
    const auto same = [&](const char* after) {
        ASSERT_TRUE(disk.append(queue)) << after << ": nothing recorded";
        EXPECT_EQ(disk.loaded(), queue.to_json()) << after << "\n" << disk.records;
    };
    queue.on_chat(msg("m5", "eve", "tabs or spaces here?"));
    same("a new question");
    auto vote = msg("r1", "cy", "+1");
    vote.reply_to = "m2";
    queue.on_chat(vote);
    same("a vote");
    decide([&](Change& c) { return queue.approve(2, c); });
    decide([&](Change& c) { return queue.feature(2, c); });
    same("approved and featured");
    decide([&](Change& c) { return queue.pin(4, true, c); });
    decide([&](Change& c) { return queue.dismiss(1, c); });
    same("pinned and dismissed");
    QueueSettings settings = queue.settings();
    settings.blocklist = {"spoiler"};
    queue.set_settings(settings);
    same("new settings");
    decide([&](Change& c) { return queue.hide(c); });
    same("hidden");
    // A typo'd repeat of question 3 by its own author is merged into it (found by the
    // near-duplicate search; no vote, which would mark the question changed on its own).
    queue.on_chat(msg("m6", "viewer3", "is rust fastr than go?"));
    ASSERT_EQ(queue.find(3)->merged_ids().size(), 1u);
    same("a near-duplicate merged");
    // What moderators do in the chat withdraws questions: a deleted message, a ban, a clear.
    queue.on_chat(chat::ChatDelete{"twitch", "m4"});
    same("a deleted message");
    queue.on_chat(chat::ChatBan{"twitch", "eve", std::nullopt});
    same("a ban");
    queue.on_chat(msg("m7", "gus", "which editor is that?"));
    disk.append(queue);
    queue.on_chat(chat::ChatClear{"twitch"});
    same("a cleared chat");
    EXPECT_FALSE(disk.append(queue)) << "a record although nothing changed";
    // Past the cap the oldest closed questions leave: their ids are recorded as removed.
    for (int i = 0; i < static_cast<int>(QuestionQueue::kMaxQuestions) + 5; ++i)
        queue.on_chat(msg("f" + std::to_string(i), "v" + std::to_string(i % 50),
                          std::to_string(std::hash<int>{}(i)*2654435761u) + "?"));
    ASSERT_GT(queue.dropped(), 0u);
    same("a flood past the cap");
    EXPECT_NE(disk.records.find("\"removed\":[1"), std::string::npos)
        << "the dismissed question was not recorded as removed";
    // Written whole again: the journal empties, the file says which record it holds.
    disk.whole(queue);
    EXPECT_NE(disk.text.find("\"journal\":" + std::to_string(disk.seq)), std::string::npos);
    EXPECT_EQ(disk.loaded(), queue.to_json());
    decide([&](Change& c) { return queue.approve(queue.next_id() - 1, c); });
    same("a decision after the file was written whole");
    std::filesystem::remove_all(disk.file.parent_path());
}

// A record only holds what changed: a decision in a queue of thousands is a line, not the queue.
TEST(QueueJournal, ARecordHoldsWhatChangedOnly) {
    QuestionQueue queue;
    for (int i = 0; i < 3000; ++i)
        queue.on_chat(msg("q" + std::to_string(i), "v" + std::to_string(i),
                          "question number " + std::to_string(i * 7919) + "?"));
    Disk disk(scratch_file("small"));
    disk.whole(queue);
    decide([&](Change& c) { return queue.approve(1500, c); });
    ASSERT_TRUE(disk.append(queue));
    EXPECT_LT(disk.records.size(), 1024u) << disk.records.size() << " bytes for one approval";
    EXPECT_GT(disk.text.size(), 300000u);
    EXPECT_EQ(disk.loaded(), queue.to_json());
    // After the first record (which compares every question with the file once), a record
    // looks again only at the questions changed since the one before: a vote and a new one.
    EXPECT_EQ(disk.journal.fingerprinted(), queue.by_id().size());
    auto vote = msg("r1", "someone", "+1");
    vote.reply_to = "q10";
    queue.on_chat(vote);
    queue.on_chat(msg("q3000", "late", "one more question?"));
    ASSERT_TRUE(disk.append(queue));
    EXPECT_EQ(disk.journal.fingerprinted(), 2u);
    EXPECT_EQ(disk.loaded(), queue.to_json());
    std::filesystem::remove_all(disk.file.parent_path());
}

// A crash while a record was written leaves its line unfinished: the records before it stand.
// Records the file already holds (a crash after the file was written whole, before the journal
// was emptied) are not applied again.
TEST(QueueJournal, AnUnfinishedLastLineAndOlderRecordsAreLeftOut) {
    QuestionQueue queue;
    queue.on_chat(msg("m1", "ann", "how do closures capture?"));
    queue.on_chat(msg("m2", "bob", "why async over threads?"));
    Disk disk(scratch_file("torn"));
    disk.whole(queue);
    decide([&](Change& c) { return queue.approve(1, c); });
    ASSERT_TRUE(disk.append(queue));
    const nlohmann::json after_first = queue.to_json();
    decide([&](Change& c) { return queue.approve(2, c); });
    ASSERT_TRUE(disk.append(queue));
    const std::string whole_journal = disk.records;
    // The second record cut short.
    disk.records = whole_journal.substr(0, whole_journal.size() - 20);
    JournalReplay replay;
    EXPECT_EQ(disk.loaded(&replay), after_first);
    EXPECT_TRUE(replay.unfinished);
    EXPECT_EQ(replay.applied, 1u);
    EXPECT_EQ(replay.problem, "");
    // Written whole with both records in; the old journal left behind by a crash.
    disk.whole(queue);
    disk.records = whole_journal;
    EXPECT_EQ(disk.loaded(&replay), queue.to_json());
    EXPECT_EQ(replay.applied, 0u);
    EXPECT_EQ(replay.skipped, 2u);
    std::filesystem::remove_all(disk.file.parent_path());
}

// A damaged line (a hand edit, a disk error) stops the reading there, says where and why, and
// keeps what came before; so does a record out of order.
TEST(QueueJournal, ADamagedLineStopsTheReadingAndSaysWhere) {
    QuestionQueue queue;
    queue.on_chat(msg("m1", "ann", "how do closures capture?"));
    Disk disk(scratch_file("damaged"));
    disk.whole(queue);
    decide([&](Change& c) { return queue.approve(1, c); });
    ASSERT_TRUE(disk.append(queue));
    const nlohmann::json approved = queue.to_json();
    const std::string good = disk.records;
    const std::pair<const char*, const char*> cases[] = {
        {"{not json\n", "line 2: not a JSON object"},
        {"[1,2]\n", "line 2: not a JSON object"},
        {"{\"seq\":\"2\"}\n", "line 2: expected a record number \"seq\" from 1"},
        // Past the bound, the next questions.json would name it and not load.
        {"{\"seq\":1099511627777}\n", "line 2: expected a record number \"seq\" from 1 to"},
        {"{\"seq\":1,\"featured\":1}\n", "line 2: record 1 after record 1"},
        {"{\"seq\":2,\"featured\":\"one\"}\n", "line 2: \"next_id\" and \"featured\""},
        {"{\"seq\":2,\"questions\":{}}\n", "line 2: \"questions\" must be a list"},
        {"{\"seq\":2,\"questions\":[{\"id\":\"x\"}]}\n", "line 2: each of \"questions\""},
        {"{\"seq\":2,\"removed\":[\"1\"]}\n", "line 2: each of \"removed\""},
        {"{\"seq\":2,\"settings\":[]}\n", "line 2: \"settings\" must be an object"},
    };
    for (const auto& [line, problem] : cases) {
        // A good record after the damaged one is not applied either.
        disk.records = good + line + "{\"seq\":3,\"featured\":0}\n";
        JournalReplay replay;
        EXPECT_EQ(disk.loaded(&replay), approved) << line;
        EXPECT_EQ(replay.applied, 1u) << line;
        EXPECT_EQ(replay.problem.rfind(problem, 0), 0u) << line << " -> " << replay.problem;
    }
    std::filesystem::remove_all(disk.file.parent_path());
}

// The file's own record number is checked like the rest of it: a wrong type sets it aside.
TEST(QueueJournal, TheFilesRecordNumberIsChecked) {
    QuestionQueue queue;
    queue.on_chat(msg("m1", "ann", "how do closures capture?"));
    nlohmann::json doc = queue.to_json();
    std::string error;
    doc["journal"] = 7;
    QuestionQueue again;
    EXPECT_TRUE(again.from_json(doc, error)) << error;
    for (const nlohmann::json& wrong :
         {nlohmann::json("7"), nlohmann::json(-1), nlohmann::json(1.5)}) {
        doc["journal"] = wrong;
        error.clear();
        EXPECT_FALSE(again.from_json(doc, error)) << wrong;
        EXPECT_NE(error.find("/journal"), std::string::npos) << error;
    }
}
