#include "core/status_board.hpp"

#include <gtest/gtest.h>

using stagehand::core::StatusBoard;

TEST(StatusBoard, KeepsEachSourcesMessagesAndReplacesThemWhole) {
    StatusBoard board;
    board.set("A", {"one", "two"});
    board.set("B", {"three"});
    auto s = board.snapshot();
    ASSERT_EQ(s.entries.size(), 3u);
    board.set("A", {"four"});
    s = board.snapshot();
    ASSERT_EQ(s.entries.size(), 2u);
    EXPECT_EQ(s.entries[0].source, "B");
    EXPECT_EQ(s.entries[1].message, "four");
    board.set("B", {});
    EXPECT_EQ(board.snapshot().entries.size(), 1u);
}

TEST(StatusBoard, RevisionMovesOnlyWhenSomethingChanged) {
    StatusBoard board;
    board.set("A", {"x"});
    const auto r = board.revision();
    board.set("A", {"x"});
    EXPECT_EQ(board.revision(), r);
    board.set("A", {"y"});
    EXPECT_GT(board.revision(), r);
}
