#include "core/code/line_ranges.hpp"

#include <gtest/gtest.h>

using namespace stagehand::core::code;

TEST(LineRanges, ParsesSinglesRangesAndSpaces) {
    std::string error;
    auto set = parse_line_set(" 3-5, 9 ,12-11", error);
    ASSERT_TRUE(set) << error;
    for (std::size_t line : {3, 4, 5, 9, 11, 12})
        EXPECT_TRUE(set->contains(line)) << line;
    for (std::size_t line : {1, 2, 6, 8, 10, 13})
        EXPECT_FALSE(set->contains(line)) << line;
    EXPECT_EQ(set->first(), 3u);
    EXPECT_EQ(set->last(), 12u);
}

TEST(LineRanges, EmptyMeansNoLines) {
    std::string error;
    auto set = parse_line_set("  ", error);
    ASSERT_TRUE(set);
    EXPECT_TRUE(set->empty());
}

TEST(LineRanges, RejectsWhatIsNotALineWithTheItemAndTheExpectedForm) {
    std::string error;
    EXPECT_FALSE(parse_line_set("3-x", error));
    EXPECT_EQ(error, "\"3-x\": expected a line number or a range like 3-5");
    EXPECT_FALSE(parse_line_set("0", error));
    EXPECT_FALSE(parse_line_set("1,,2", error));
    EXPECT_EQ(error, "\"\": expected a line number or a range like 3-5");
}

TEST(LineRanges, StepsAreSeparatedByBars) {
    std::string error;
    auto steps = parse_steps("1-3 | 4-6 | 8", error);
    ASSERT_TRUE(steps) << error;
    ASSERT_EQ(steps->size(), 3u);
    EXPECT_TRUE((*steps)[1].contains(5));
    EXPECT_TRUE((*steps)[2].contains(8));
    EXPECT_FALSE((*steps)[2].contains(7));
    EXPECT_FALSE(parse_steps("1-3 || 8", error));
    EXPECT_EQ(error, "step 2: is empty (expected lines like 1-3)");
    EXPECT_FALSE(parse_steps("1-3 | a", error));
    EXPECT_EQ(error, "step 2: \"a\": expected a line number or a range like 3-5");
}
