// The head of the question queue as the dock asks for it: the fingerprint it compares before
// asking for rows, and the rows that come with it only when it moved.
#include "core/questions/question_queue.hpp"

#include "chat_messages.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using namespace stagehand::core::questions;
using stagehand::testing::twitch_message;

namespace {

stagehand::core::chat::ChatMessage message(std::string id, const std::string& author,
                                           std::string text) {
    return twitch_message(std::move(id), author, std::move(text));
}

} // namespace

// The dock compares the head's fingerprint before asking for its rows: it must move with every
// change a shown row makes, and stay when only questions behind the head come and go.
TEST(QuestionQueue, HeadFingerprintMovesWithTheHeadOnly) {
    QuestionQueue queue;
    const char* texts[] = {"how do you test the render path?", "which OBS version is this?",
                           "can the dock run on a second screen?", "is Wayland supported yet?",
                           "where do the themes come from?"};
    for (int i = 1; i <= 5; ++i)
        queue.on_chat(message("m" + std::to_string(i), "viewer" + std::to_string(i), texts[i - 1]));
    std::size_t total = 0;
    const std::uint64_t start = queue.head_fingerprint(3, &total);
    EXPECT_EQ(total, 5u);

    queue.on_chat(message("m6", "late", "a late question about something else entirely?"));
    EXPECT_EQ(queue.head_fingerprint(3, &total), start) << "a new question behind the head";
    EXPECT_EQ(total, 6u);

    queue.on_chat(message("r1", "cy", "!up 6")); // question 6 climbs to the top
    const std::uint64_t voted = queue.head_fingerprint(3);
    EXPECT_NE(voted, start) << "a vote brought a question into the head";
    EXPECT_EQ(queue.list(std::nullopt, 1)[0].id, 6);

    queue.on_chat(message("r2", "dee", "!up 5")); // 5 climbs from behind the head too
    const std::uint64_t tied = queue.head_fingerprint(3);
    EXPECT_NE(tied, voted);

    Change change;
    ASSERT_EQ(queue.approve(1, change), "");
    const std::uint64_t approved = queue.head_fingerprint(3);
    EXPECT_NE(approved, tied) << "a shown question's state changed";
    ASSERT_EQ(queue.approve(2, change), "");
    EXPECT_EQ(queue.head_fingerprint(2), queue.head_fingerprint(2)) << "the same queue, the same";
    EXPECT_NE(queue.head_fingerprint(4), queue.head_fingerprint(3));
    ASSERT_EQ(queue.feature(2, change), "");
    EXPECT_NE(queue.head_fingerprint(3), approved) << "a question went on screen";
}

// The dock's one pass: the head's fingerprint with its rows, which are left alone when the
// fingerprint is the one the dock already shows.
TEST(QuestionQueue, HeadRowsComeWithTheirFingerprintAndOnlyWhenChanged) {
    QuestionQueue queue;
    const char* texts[] = {"how is the render path tested?", "does this build on Windows too?",
                           "can I follow a file over SSH?", "what font is the editor using?"};
    for (int i = 1; i <= 4; ++i)
        queue.on_chat(message("m" + std::to_string(i), "viewer" + std::to_string(i), texts[i - 1]));
    queue.on_chat(message("r1", "cy", "!up 3"));
    std::uint64_t print = 0;
    std::size_t total = 0;
    std::vector<Question> rows;
    ASSERT_TRUE(queue.head_rows(3, std::nullopt, print, total, rows));
    EXPECT_EQ(print, queue.head_fingerprint(3));
    EXPECT_EQ(total, 4u);
    const auto listed = queue.list(std::nullopt, 3);
    ASSERT_EQ(rows.size(), listed.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].id, listed[i].id);
        EXPECT_EQ(rows[i].text(), listed[i].text());
        EXPECT_EQ(rows[i].votes, listed[i].votes);
    }
    EXPECT_EQ(rows[0].id, 3) << "the voted question leads";

    rows.clear();
    std::uint64_t again = 0;
    EXPECT_FALSE(queue.head_rows(3, print, again, total, rows)) << "nothing shown changed";
    EXPECT_EQ(again, print);
    EXPECT_TRUE(rows.empty()) << "no copies when the caller's rows are current";

    queue.on_chat(message("r2", "dee", "!up 4"));
    ASSERT_TRUE(queue.head_rows(3, print, again, total, rows));
    EXPECT_NE(again, print);
    EXPECT_EQ(rows.size(), 3u);
}
