// The chat's messages-a-minute count, per second in a ring of sixty.
#include "core/base/minute_rate.hpp"

#include <gtest/gtest.h>

using stagehand::core::MinuteRate;
using namespace std::chrono_literals;

namespace {

// A whole second well after the clock's start, so that "a minute ago" is a real time.
MinuteRate::Clock::time_point at(std::chrono::milliseconds offset) {
    return MinuteRate::Clock::time_point(std::chrono::hours(5)) + offset;
}

} // namespace

TEST(MinuteRate, CountsTheLastMinuteAndForgetsWhatIsOlder) {
    MinuteRate rate;
    EXPECT_EQ(rate.last_minute(at(0ms)), 0u);
    for (int i = 0; i < 3; ++i)
        rate.add(at(100ms));
    rate.add(at(30s));
    rate.add(at(59900ms));
    EXPECT_EQ(rate.last_minute(at(59900ms)), 5u);
    // The first second's three leave once the minute has moved past it; the others stay.
    EXPECT_EQ(rate.last_minute(at(60s + 100ms)), 2u);
    EXPECT_EQ(rate.last_minute(at(90s + 100ms)), 1u);
    EXPECT_EQ(rate.last_minute(at(120s)), 0u);
}

// A second's counter is used again a minute later: what it held then is not added to now.
TEST(MinuteRate, ASecondsCounterStartsAgainAMinuteLater) {
    MinuteRate rate;
    for (int i = 0; i < 10; ++i)
        rate.add(at(2s));
    rate.add(at(62s));
    EXPECT_EQ(rate.last_minute(at(62s)), 1u);
    rate.add(at(122s + 500ms)); // and again two minutes later, nothing left between
    EXPECT_EQ(rate.last_minute(at(123s)), 1u);
}

// A flood's 10,000 messages a minute, one every 6 ms: counted in full, by the same sixty
// counters.
TEST(MinuteRate, AFloodIsCountedInFull) {
    MinuteRate rate;
    for (int i = 0; i < 10000; ++i)
        rate.add(at(std::chrono::milliseconds(i * 6)));
    EXPECT_EQ(rate.last_minute(at(59999ms)), 10000u);
    // A second later the first second's 167 (0 to 996 ms) are gone.
    EXPECT_EQ(rate.last_minute(at(60999ms)), 10000u - 167u);
}
