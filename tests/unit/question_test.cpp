// A question as the queue keeps it: its texts in one block.
#include "core/questions/question_queue.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace stagehand::core::questions;

TEST(Question, KeepsItsTextsInOneBlockWhateverOrderTheyAreSetIn) {
    Question q;
    EXPECT_EQ(q.text(), "");
    EXPECT_EQ(q.heap_bytes(), 0u) << "an empty question holds nothing";
    q.set_text("How does the borrow checker see closures?");
    q.set_platform("youtube");
    q.set_message_id("LCC.EhwKGkNKbV9fX19fX19fX19fX19fX19fX19fX18");
    q.set_author("Ada");
    q.set_author_id("UCx9-abc");
    q.set_text("How does the borrow checker see closures? (edited)");
    EXPECT_EQ(q.text(), "How does the borrow checker see closures? (edited)");
    EXPECT_EQ(q.platform(), "youtube");
    EXPECT_EQ(q.message_id(), "LCC.EhwKGkNKbV9fX19fX19fX19fX19fX19fX19fX18");
    EXPECT_EQ(q.author(), "Ada");
    EXPECT_EQ(q.author_id(), "UCx9-abc");
    q.set_author("");
    EXPECT_EQ(q.author(), "");
    EXPECT_EQ(q.author_id(), "UCx9-abc");
    EXPECT_EQ(q.heap_bytes(),
              q.text().size() + q.platform().size() + q.message_id().size() + q.author_id().size())
        << "one block of the texts' bytes; no merged ids or voters kept for a question without";
    EXPECT_TRUE(q.merged_ids().empty());
    EXPECT_TRUE(q.voters().empty());

    const std::size_t texts = q.heap_bytes();
    q.add_voter("viewer7");
    // A flood's question has one voter ("+1"): its id and a few bytes of counts, no vector.
    EXPECT_LE(q.heap_bytes(), texts + std::string_view("viewer7").size() + 20);
    q.add_merged_id("m2");
    Question copy = q;
    q.set_text("changed");
    q.add_voter("viewer8");
    EXPECT_EQ(copy.text(), "How does the borrow checker see closures? (edited)");
    EXPECT_EQ(copy.voters().to_vector(), (std::vector<std::string>{"viewer7"}));
    EXPECT_EQ(copy.merged_ids().to_vector(), (std::vector<std::string>{"m2"}));
    EXPECT_EQ(q.voters().to_vector(), (std::vector<std::string>{"viewer7", "viewer8"}));
    EXPECT_EQ(q.merged_ids().to_vector(), (std::vector<std::string>{"m2"}))
        << "a voter added after a merged id leaves the merged ids as they were";
    // The two lists kept apart whatever order they grow in, empty texts included.
    q.add_merged_id("");
    q.add_merged_id("m4");
    q.add_voter("viewer9");
    EXPECT_EQ(q.merged_ids().to_vector(), (std::vector<std::string>{"m2", "", "m4"}));
    EXPECT_EQ(q.voters().to_vector(), (std::vector<std::string>{"viewer7", "viewer8", "viewer9"}));
    EXPECT_TRUE(q.voters().contains("viewer8"));
    EXPECT_FALSE(q.voters().contains("m4"));
    EXPECT_TRUE(q.merged_ids().contains(""));
    q.set_voters({});
    EXPECT_TRUE(q.voters().empty());
    EXPECT_EQ(q.merged_ids().size(), 3u);
    q.set_merged_ids({});
    EXPECT_EQ(q.heap_bytes(), std::string_view("changed").size() + q.platform().size() +
                                  q.message_id().size() + q.author_id().size())
        << "no block once both lists are empty";
    copy = q;
    EXPECT_EQ(copy.text(), "changed");
    EXPECT_EQ(copy.author_id(), "UCx9-abc");
    // What a flood's thousands of questions cost in place (five strings and two vectors took 248).
    EXPECT_LE(sizeof(Question), 72u);
}

// A popular question collects thousands of votes, and a merged message can come between them:
// votes are appended in place in a block that grows by doubling (each vote copying the whole list
// cost a flood of "+1"s on one question time proportional to its votes), and every list stays
// whole and in order.
TEST(Question, ManyVotesGrowTheListsBlockByDoublingAndKeepEveryText) {
    Question q;
    q.set_text("Which editor is that?");
    const std::size_t texts = q.heap_bytes();
    std::vector<std::string> voters;
    std::size_t packed = 0;
    for (int i = 0; i < 5000; ++i) {
        voters.push_back("viewer" + std::to_string(i));
        q.add_voter(voters.back());
        packed += 4 + voters.back().size();
        if (i == 2500)
            q.add_merged_id("m-late");
    }
    q.add_merged_id("m-last");
    packed += 4 + 6 + 4 + 6;
    EXPECT_EQ(q.voters().to_vector(), voters);
    EXPECT_EQ(q.merged_ids().to_vector(), (std::vector<std::string>{"m-late", "m-last"}));
    const std::size_t held = q.heap_bytes() - texts;
    EXPECT_GT(held, packed + 16) << "no room kept: each vote would copy the list again";
    EXPECT_LE(held, 2 * (packed + 16)) << "grown by more than doubling";
    // A copy holds what is in use, no room to grow, and reads the same.
    const Question copy = q;
    EXPECT_EQ(copy.heap_bytes() - texts, packed + 16);
    EXPECT_EQ(copy.voters().to_vector(), voters);
    EXPECT_TRUE(copy.merged_ids().contains("m-last"));
}
