#include "core/base/cpu_cost.hpp"
#include "core/base/thread_name.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace stagehand::core;

namespace {

// Burns about `us` microseconds of CPU on the calling thread.
void spin_us(int us) {
    const std::int64_t until = thread_cpu_ns() + static_cast<std::int64_t>(us) * 1000;
    volatile unsigned sink = 0;
    while (thread_cpu_ns() < until)
        for (int i = 0; i < 100; ++i)
            sink = sink + static_cast<unsigned>(i);
}

void spin(int ms) {
    spin_us(ms * 1000);
}

} // namespace

TEST(CpuCost, AMeterAddsItsScopesCpuTimeToItsPlace) {
    const CostTotals before = cost_totals();
    {
        const CostMeter meter(CostPlace::dock);
        spin(20);
    }
    const CostTotals after = cost_totals();
    const auto dock = static_cast<std::size_t>(CostPlace::dock);
    EXPECT_EQ(after.calls[dock], before.calls[dock] + 1);
    EXPECT_GE(after.ns[dock] - before.ns[dock], 20000000);
    const auto draw = static_cast<std::size_t>(CostPlace::draw);
    EXPECT_EQ(after.ns[draw], before.ns[draw]) << "another place is not charged";
}

// Answering a request (obs-websocket's or a script's) is a place of its own, timed at every call.
TEST(CpuCost, RequestsAreAPlaceOfTheirOwn) {
    EXPECT_STREQ(cost_place_name(CostPlace::requests), "requests");
    ASSERT_FALSE(cost_place_is_sampled(CostPlace::requests));
    const auto requests = static_cast<std::size_t>(CostPlace::requests);
    const auto events = static_cast<std::size_t>(CostPlace::events);
    const CostTotals before = cost_totals();
    {
        const CostMeter meter(CostPlace::requests);
        spin(10);
    }
    const CostTotals after = cost_totals();
    EXPECT_EQ(after.calls[requests], before.calls[requests] + 1);
    EXPECT_GE(after.ns[requests] - before.ns[requests], 10000000);
    EXPECT_EQ(after.calls[events], before.calls[events]) << "events are not charged";
}

// Only the thread's CPU time counts: a scope that sleeps costs next to nothing. Windows counts
// a thread's time in clock ticks (10 to 15.6 ms; Wine's are 10), so a scope can be charged a
// tick it only began in: a wall clock would charge the whole 100 ms.
TEST(CpuCost, WaitingIsNotCharged) {
    const auto events = static_cast<std::size_t>(CostPlace::events);
    const CostTotals before = cost_totals();
    {
        const CostMeter meter(CostPlace::events);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const CostTotals after = cost_totals();
    EXPECT_EQ(after.calls[events], before.calls[events] + 1);
    EXPECT_LT(after.ns[events] - before.ns[events], 40000000);
}

// Draw and tick are timed one call in 32 and scaled up: over many calls the estimate must
// come out at what the calls spent, and every call is still counted.
TEST(CpuCost, PerFramePlacesAreSampledAndScaledUp) {
    ASSERT_TRUE(cost_place_is_sampled(CostPlace::tick));
    ASSERT_FALSE(cost_place_is_sampled(CostPlace::dock));
    const auto tick = static_cast<std::size_t>(CostPlace::tick);
    const CostTotals before = cost_totals();
    const std::int64_t cpu_before = thread_cpu_ns();
    constexpr int kCalls = 16000;
    for (int i = 0; i < kCalls; ++i) {
        const CostMeter meter(CostPlace::tick);
        spin_us(25);
    }
    const std::int64_t spent = thread_cpu_ns() - cpu_before;
    const CostTotals after = cost_totals();
    EXPECT_EQ(after.calls[tick], before.calls[tick] + kCalls);
    const auto estimated = static_cast<double>(after.ns[tick] - before.ns[tick]);
    EXPECT_GT(estimated, 0.75 * static_cast<double>(spent));
    EXPECT_LT(estimated, 1.25 * static_cast<double>(spent));
}

// Sources are drawn in the same order every frame: a sample of every 32nd call would time the
// same source each time when there are 32 (or 16, 8, 4 or 2). Here one call in eight is
// expensive; timing every 32nd call would find all of them or none.
TEST(CpuCost, SamplingDoesNotLockOntoTheOrderSourcesAreDrawnIn) {
    const auto draw = static_cast<std::size_t>(CostPlace::draw);
    const CostTotals before = cost_totals();
    const std::int64_t cpu_before = thread_cpu_ns();
    for (int i = 0; i < 32000; ++i) {
        const CostMeter meter(CostPlace::draw);
        if (i % 8 == 0)
            spin_us(100);
    }
    const std::int64_t spent = thread_cpu_ns() - cpu_before;
    const auto estimated = static_cast<double>(cost_totals().ns[draw] - before.ns[draw]);
    EXPECT_GT(estimated, 0.6 * static_cast<double>(spent));
    EXPECT_LT(estimated, 1.4 * static_cast<double>(spent));
}

TEST(CpuCost, EveryPlaceHasAName) {
    for (int i = 0; i < kCostPlaces; ++i)
        EXPECT_STRNE(cost_place_name(static_cast<CostPlace>(i)), "?");
}

// Stagehand's own threads are measured whole, by name: a meter there charges nothing, so an
// event handed over on the chat thread is not counted twice.
TEST(CpuCost, StagehandsOwnThreadsAreNotChargedTwice) {
    const auto events = static_cast<std::size_t>(CostPlace::events);
    const CostTotals before = cost_totals();
    std::thread own([] {
        name_this_thread("stagehand-test");
        const CostMeter meter(CostPlace::events);
        spin(5);
    });
    own.join();
    EXPECT_EQ(cost_totals().calls[events], before.calls[events]);
}

// The same for the places timed one call in 32: a source drawn on a thread of Stagehand's own
// (a picture rendered for a preset's thumbnail) charges the draw place nothing.
TEST(CpuCost, OwnThreadsAreNotChargedForSampledPlacesEither) {
    const auto draw = static_cast<std::size_t>(CostPlace::draw);
    const CostTotals before = cost_totals();
    std::thread own([] {
        name_this_thread("stagehand-test");
        for (int i = 0; i < 256; ++i) {
            const CostMeter meter(CostPlace::draw);
            spin_us(20);
        }
    });
    own.join();
    EXPECT_EQ(cost_totals().ns[draw], before.ns[draw]);
}
