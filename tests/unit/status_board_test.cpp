#include "control/status_board.hpp"

#include <gtest/gtest.h>

using stagehand::control::Severity;
using stagehand::control::StatusBoard;

TEST(StatusBoard, KeepsEachAreaAndSourcesMessagesAndReplacesThemWhole) {
    StatusBoard board;
    board.set("sources", "A", Severity::warning, {"one", "two"});
    board.set("sources", "B", Severity::warning, {"three"});
    board.set("chat", "A", Severity::error, {"disconnected"});
    auto s = board.snapshot();
    ASSERT_EQ(s.entries.size(), 4u);
    board.set("sources", "A", Severity::warning, {"four"});
    s = board.snapshot();
    ASSERT_EQ(s.entries.size(), 3u);
    EXPECT_EQ(s.entries[0].source, "B");
    EXPECT_EQ(s.entries[1].area, "chat") << "another area's entry about A is kept";
    EXPECT_EQ(s.entries[1].severity, Severity::error);
    EXPECT_EQ(s.entries[2].message, "four");
    board.set("sources", "B", Severity::warning, {});
    EXPECT_EQ(board.snapshot().entries.size(), 2u);
}

TEST(StatusBoard, RevisionMovesOnlyWhenSomethingChanged) {
    StatusBoard board;
    board.set("sources", "A", Severity::warning, {"x"});
    const auto r = board.revision();
    board.set("sources", "A", Severity::warning, {"x"});
    EXPECT_EQ(board.revision(), r);
    board.set("sources", "A", Severity::error, {"x"});
    EXPECT_GT(board.revision(), r) << "a change of severity is a change";
}
