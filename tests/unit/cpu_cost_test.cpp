#include "core/base/cpu_cost.hpp"
#include "core/base/thread_name.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace stagehand::core;

namespace {

// Burns about `ms` of CPU on the calling thread.
void spin(int ms) {
    const std::int64_t until = thread_cpu_ns() + static_cast<std::int64_t>(ms) * 1000000;
    volatile unsigned sink = 0;
    while (thread_cpu_ns() < until)
        for (int i = 0; i < 1000; ++i)
            sink = sink + static_cast<unsigned>(i);
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

// Only the thread's CPU time counts: a scope that sleeps costs next to nothing.
TEST(CpuCost, WaitingIsNotCharged) {
    const auto events = static_cast<std::size_t>(CostPlace::events);
    const CostTotals before = cost_totals();
    {
        const CostMeter meter(CostPlace::events);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const CostTotals after = cost_totals();
    EXPECT_EQ(after.calls[events], before.calls[events] + 1);
    EXPECT_LT(after.ns[events] - before.ns[events], 10000000);
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
