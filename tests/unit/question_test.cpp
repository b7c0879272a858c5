// A question as the queue keeps it: its texts in one block.
#include "core/questions/question_queue.hpp"

#include <gtest/gtest.h>

#include <string>
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

    q.add_voter("viewer7");
    q.add_merged_id("m2");
    Question copy = q;
    q.set_text("changed");
    q.add_voter("viewer8");
    EXPECT_EQ(copy.text(), "How does the borrow checker see closures? (edited)");
    EXPECT_EQ(copy.voters(), (std::vector<std::string>{"viewer7"}));
    EXPECT_EQ(copy.merged_ids(), (std::vector<std::string>{"m2"}));
    EXPECT_EQ(q.voters(), (std::vector<std::string>{"viewer7", "viewer8"}));
    copy = q;
    EXPECT_EQ(copy.text(), "changed");
    EXPECT_EQ(copy.author_id(), "UCx9-abc");
    // What a flood's thousands of questions cost in place (five strings and two vectors took 248).
    EXPECT_LE(sizeof(Question), 72u);
}
