// The question queue's file as the saving worker writes it (core/questions/saved_queue.hpp):
// only changed questions serialised, the other lines copied from the last file, which is outside
// input like any other.
#include "core/questions/question_queue.hpp"
#include "core/questions/saved_queue.hpp"

#include "chat_messages.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#if !defined(_WIN32)
#include <sys/stat.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace stagehand::core;
using namespace stagehand::core::questions;

namespace {

chat::ChatMessage msg(std::string id, const std::string& author, std::string text) {
    return stagehand::testing::twitch_message(std::move(id), author, std::move(text));
}

// A "+1" reply: a vote for the question asked in message `to`.
chat::ChatMessage reply(std::string id, const std::string& author, std::string text,
                        std::string to) {
    auto m = msg(std::move(id), author, std::move(text));
    m.reply_to = std::move(to);
    return m;
}

// A SavedQueue written the way the saving worker does: to a temporary file beside `file`,
// renamed over it when whole. The text written, or nothing when write() stopped.
std::optional<std::string> save(SavedQueue& saved, const QuestionQueue& queue,
                                const std::filesystem::path& file) {
    saved.update(queue);
    std::string text;
    const bool whole = saved.write(file, [&text](std::string_view piece) { text += piece; });
    if (whole) {
        std::ofstream(file.string() + ".tmp", std::ios::binary) << text;
        std::filesystem::rename(file.string() + ".tmp", file);
    }
    saved.written(whole);
    return whole ? std::optional<std::string>(text) : std::nullopt;
}

// `n` questions, each different enough from the others never to be merged as a near-duplicate.
void ask_numbered(QuestionQueue& queue, int n) {
    for (int i = 0; i < n; ++i)
        queue.on_chat(msg("q" + std::to_string(i), "v" + std::to_string(i),
                          "question number " + std::to_string(i * 7919) + "?"));
}

std::filesystem::path scratch_file(const std::string& name) {
    const auto folder =
        std::filesystem::temp_directory_path() /
        ("stagehand-saved-queue-" + name + "-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(folder);
    return folder / "questions.json";
}

} // namespace

// The saving worker writes a SavedQueue, which copies each unchanged question's line from the
// file the save before wrote: after every kind of change it must still read back as the whole
// queue.
TEST(SavedQueue, IsTheQueueAfterEveryKindOfChange) {
    QuestionQueue queue;
    SavedQueue saved;
    const auto file = scratch_file("kinds");
    const auto matches = [&](const char* after) {
        const auto text = save(saved, queue, file);
        ASSERT_TRUE(text.has_value()) << after;
        const auto parsed = nlohmann::json::parse(*text, nullptr, false);
        ASSERT_FALSE(parsed.is_discarded()) << after << ": " << *text;
        EXPECT_EQ(parsed, queue.to_json()) << after;
        QuestionQueue again;
        std::string error;
        EXPECT_TRUE(again.from_json(parsed, error)) << after << ": " << error;
    };
    matches("nothing yet");
    const char* const asked[] = {"how do closures capture?", "why async over threads?",
                                 "is rust faster than go?",  "what is a monad, really?",
                                 "tabs or spaces here?",     "when do lifetimes end?"};
    for (int i = 1; i <= 6; ++i)
        queue.on_chat(msg("m" + std::to_string(i), "viewer" + std::to_string(i), asked[i - 1]));
    ASSERT_EQ(queue.list().size(), 6u);
    matches("six questions");
    queue.on_chat(reply("r1", "cy", "+1", "m2"));
    matches("a vote");
    EXPECT_EQ(saved.copied(), 5u) << "the five questions without a vote were copied";
    queue.on_chat(msg("m7", "dee", "is rust faster than go ?"));
    matches("a duplicate merged");
    Change change;
    ASSERT_EQ(queue.approve(2, change), "");
    ASSERT_EQ(queue.feature(2, change), "");
    matches("approved and featured");
    ASSERT_EQ(queue.pin(5, true, change), "");
    ASSERT_EQ(queue.dismiss(1, change), "");
    matches("pinned and dismissed");
    queue.on_chat(msg("m8", "eve", std::string("bad \xFF byte?")));
    matches("invalid UTF-8, replaced");
    QueueSettings settings = queue.settings();
    settings.blocklist = {"spoiler"};
    queue.set_settings(settings);
    matches("new settings");
    // Asked by a distinct hash each, so none is a near-duplicate of another; saved now and then
    // on the way, as the worker does in a flood.
    for (int i = 0; i < static_cast<int>(QuestionQueue::kMaxQuestions) + 10; ++i) {
        queue.on_chat(msg("f" + std::to_string(i), "v" + std::to_string(i % 50),
                          std::to_string(std::hash<int>{}(i)*2654435761u) + "?"));
        if (i % 1500 == 0)
            matches("in a flood");
    }
    ASSERT_GT(queue.dropped(), 0u);
    matches("a flood past the cap, the oldest dropped");
    std::filesystem::remove_all(file.parent_path());
}

// The saving worker writes its new table of rows over the old one as it reads it. A queue
// loaded over the one saved last may hold a question older than the newest row that has no row
// (here 3): the table is then read from a copy, and every unchanged line is still copied from
// the last file, not serialised again.
TEST(SavedQueue, AQueueLoadedWithAQuestionInBetweenKeepsTheOthersLines) {
    QuestionQueue full;
    ask_numbered(full, 6);
    nlohmann::json without_3 = full.to_json();
    auto& questions = without_3["questions"];
    questions.erase(std::remove_if(questions.begin(), questions.end(),
                                   [](const nlohmann::json& q) { return q["id"] == 3; }),
                    questions.end());
    QuestionQueue gap;
    std::string error;
    ASSERT_TRUE(gap.from_json(without_3, error)) << error;
    SavedQueue saved;
    const auto file = scratch_file("gap");
    ASSERT_TRUE(save(saved, gap, file).has_value());
    QuestionQueue loaded;
    ASSERT_TRUE(loaded.from_json(full.to_json(), error)) << error;
    const auto text = save(saved, loaded, file);
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(nlohmann::json::parse(*text), full.to_json());
    EXPECT_EQ(saved.copied(), 5u) << "questions 1, 2, 4, 5 and 6 were in the last file";
    EXPECT_EQ(saved.fresh_bytes(), nlohmann::json(full.to_json()["questions"][2]).dump().size())
        << "question 3 alone was serialised";
    std::filesystem::remove_all(file.parent_path());
}

// In a flood a save changes a hundred lines among thousands: only those are serialised, the
// rest come from the last file, and what the saving worker holds is its table of rows, not the
// file a second time.
TEST(SavedQueue, SerialisesOnlyWhatChangedAndHoldsNoCopyOfTheFile) {
    QuestionQueue queue;
    SavedQueue saved;
    const auto file = scratch_file("flood");
    for (int i = 0; i < 3000; ++i)
        queue.on_chat(msg("q" + std::to_string(i), "v" + std::to_string(i),
                          std::to_string(std::hash<int>{}(i)*2654435761u) + " why?"));
    ASSERT_TRUE(save(saved, queue, file).has_value());
    const std::size_t first = std::filesystem::file_size(file);
    EXPECT_GE(saved.fresh_bytes(), first - 2 * 3000 - 1024)
        << "the first save serialises every line (all but the separators and the head)";
    std::mt19937 random(7);
    for (int round = 0; round < 50; ++round) {
        // A second of flood: votes on a hundred questions, a new one, one dismissed.
        for (int v = 0; v < 100; ++v) {
            const int id = 1 + static_cast<int>(random() % 3000);
            queue.on_chat(reply("r" + std::to_string(round) + "-" + std::to_string(v),
                                "voter" + std::to_string(round * 100 + v), "+1",
                                "q" + std::to_string(id - 1)));
        }
        queue.on_chat(msg("n" + std::to_string(round), "new" + std::to_string(round),
                          "round " + std::to_string(round) + " asks why?"));
        Change change;
        queue.dismiss(1 + static_cast<int>(random() % 3000), change);
        const auto text = save(saved, queue, file);
        ASSERT_TRUE(text.has_value()) << round;
        EXPECT_LE(saved.fresh_bytes(), first / 10) << round;
        EXPECT_GE(saved.copied(), 2800u) << round;
        EXPECT_LE(saved.memory(), 3050 * 32 * 9 / 8 + 3 * SavedQueue::kBlock + 1024)
            << "one table of rows with room for an eighth more, a block of new lines, the read "
               "window and the head";
    }
    EXPECT_EQ(nlohmann::json::parse(std::ifstream(file)), queue.to_json());
    std::filesystem::remove_all(file.parent_path());
}

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
// A file written whole serialises every question changed since the last whole file: in a flood
// most of a full queue, megabytes at once. Those lines are held in pages of their own, given back
// to the system once written, not in the saving thread's malloc arena, where the next small
// allocations would land between them and keep them resident.
TEST(SavedQueue, AWholeFilesLinesAreNotHeldInMallocsHeap) {
    QuestionQueue queue;
    ask_numbered(queue, 10000);
    SavedQueue saved;
    const auto file = scratch_file("pages");
    const auto in_use = [] {
        const struct mallinfo2 info = mallinfo2();
        return info.uordblks + info.hblkhd; // the arenas' chunks in use and malloc's own mmaps
    };
    const std::size_t before = in_use();
    saved.update(queue);
    const std::size_t during = in_use();
    ASSERT_GT(saved.fresh_bytes(), std::size_t{500000}) << "ten thousand lines serialised";
    EXPECT_LT(during - std::min(during, before), saved.fresh_bytes() / 2)
        << "the rows and the head only, not the serialised lines";
    std::string text;
    ASSERT_TRUE(saved.write(file, [&text](std::string_view piece) { text += piece; }));
    saved.written(true);
    EXPECT_EQ(nlohmann::json::parse(text), queue.to_json());
    std::filesystem::remove_all(file.parent_path());
}
#endif

// The last file is outside input like any other: edited by hand, cut short or gone between two
// saves, nothing of it is copied; the save stops, and the next serialises every line.
TEST(SavedQueue, NeverCopiesFromALastFileThatChanged) {
    const auto file = scratch_file("edited");
    for (const char* what : {"edited", "cut short", "gone"}) {
        QuestionQueue queue;
        SavedQueue saved;
        ask_numbered(queue, 50);
        ASSERT_TRUE(save(saved, queue, file).has_value());
        std::string bytes(static_cast<std::size_t>(std::filesystem::file_size(file)), '\0');
        std::ifstream(file, std::ios::binary)
            .read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (std::string(what) == "edited") {
            const auto at = bytes.find("question number 7919?");
            ASSERT_NE(at, std::string::npos);
            bytes.replace(at, 8, "QUESTION"); // same length, so every offset still fits
            std::ofstream(file, std::ios::binary) << bytes;
        } else if (std::string(what) == "cut short") {
            std::ofstream(file, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
        } else {
            std::filesystem::remove(file);
        }
        queue.on_chat(msg("late", "late", "one more question?"));
        EXPECT_FALSE(save(saved, queue, file).has_value()) << what;
        const auto again = save(saved, queue, file);
        ASSERT_TRUE(again.has_value()) << what;
        EXPECT_EQ(saved.copied(), 0u) << what;
        EXPECT_EQ(nlohmann::json::parse(*again), queue.to_json()) << what;
        EXPECT_EQ(again->find("QUESTION"), std::string::npos) << what;
    }
    std::filesystem::remove_all(file.parent_path());
}

// A FIFO left where the last file was is refused, not waited on: the saving worker would hang
// (holding the store's lock) until a writer came.
TEST(SavedQueue, AFifoInPlaceOfTheLastFileIsNeverWaitedOn) {
#if defined(_WIN32)
    GTEST_SKIP() << "Windows has no FIFO in the file system";
#else
    const auto file = scratch_file("fifo");
    QuestionQueue queue;
    SavedQueue saved;
    ask_numbered(queue, 10);
    ASSERT_TRUE(save(saved, queue, file).has_value());
    std::filesystem::remove(file);
    ASSERT_EQ(::mkfifo(file.c_str(), 0600), 0);
    queue.on_chat(msg("late", "late", "one more question?"));
    EXPECT_FALSE(save(saved, queue, file).has_value()) << "nothing copied from a FIFO";
    const auto again = save(saved, queue, file);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(nlohmann::json::parse(*again), queue.to_json());
    EXPECT_TRUE(std::filesystem::is_regular_file(file));
    std::filesystem::remove_all(file.parent_path());
#endif
}

// A save that did not reach the disk (a full disk) leaves the last file as it was: its new
// lines are serialised again by the next save, the others still copied from that file.
TEST(SavedQueue, AFailedSaveWritesItsNewLinesNextTime) {
    const auto file = scratch_file("failed");
    QuestionQueue queue;
    SavedQueue saved;
    ask_numbered(queue, 20);
    ASSERT_TRUE(save(saved, queue, file).has_value());
    queue.on_chat(msg("new", "ann", "asked while the disk was full?"));
    saved.update(queue);
    ASSERT_TRUE(saved.write(file, [](std::string_view) {}));
    saved.written(false);
    const auto next = save(saved, queue, file);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(saved.copied(), queue.by_id().size() - 1) << "all but the new one";
    EXPECT_EQ(nlohmann::json::parse(*next), queue.to_json());
    std::filesystem::remove_all(file.parent_path());
}
