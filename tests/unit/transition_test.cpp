#include "core/draw/transition.hpp"

#include <gtest/gtest.h>

using namespace stagehand::core;

TEST(Transition, PreviousContentFadesFromFullToNothingOverTheDuration) {
    const std::uint64_t ms = 1000000;
    EXPECT_FLOAT_EQ(previous_content_opacity(0, 250 * ms), 1.0f);
    EXPECT_NEAR(previous_content_opacity(125 * ms, 250 * ms), 0.5f, 1e-6);
    EXPECT_FLOAT_EQ(previous_content_opacity(250 * ms, 250 * ms), 0.0f);
    EXPECT_FLOAT_EQ(previous_content_opacity(900 * ms, 250 * ms), 0.0f);
    EXPECT_FLOAT_EQ(previous_content_opacity(5 * ms, 0), 0.0f) << "duration 0: no transition";
}

TEST(Transition, EasingIsMonotonicAndGentleAtBothEnds) {
    float last = 0.0f;
    for (int i = 1; i <= 100; ++i) {
        const float v = ease_in_out(static_cast<float>(i) / 100.0f);
        EXPECT_GE(v, last);
        last = v;
    }
    EXPECT_LT(ease_in_out(0.05f), 0.05f); // slow start
    EXPECT_GT(ease_in_out(0.95f), 0.95f); // slow end
}
