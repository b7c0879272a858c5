#include "core/base/error_report.hpp"
#include "core/base/latest_job_worker.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using stagehand::core::RateLimiter;

TEST(RateLimiter, LetsEachMessageThroughOncePerIntervalAndCountsTheRest) {
    RateLimiter limiter(60s);
    const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
    std::size_t suppressed = 99;
    EXPECT_TRUE(limiter.allow("disk full", t0, suppressed));
    EXPECT_EQ(suppressed, 0u);
    EXPECT_FALSE(limiter.allow("disk full", t0 + 1s, suppressed));
    EXPECT_FALSE(limiter.allow("disk full", t0 + 59s, suppressed));
    EXPECT_TRUE(limiter.allow("another failure", t0 + 2s, suppressed)) << "per message";
    EXPECT_TRUE(limiter.allow("disk full", t0 + 61s, suppressed));
    EXPECT_EQ(suppressed, 2u);
}

// A job that throws on a worker thread would terminate OBS; it is reported and the worker
// goes on with the next job.
TEST(ErrorReport, AThrowingJobIsReportedAndTheWorkerKeepsWorking) {
    std::vector<std::string> reported;
    std::mutex mutex;
    stagehand::core::set_error_sink([&](const std::string& m) {
        std::lock_guard lock(mutex);
        reported.push_back(m);
    });
    bool ran_after = false;
    {
        stagehand::core::LatestJobWorker worker;
        worker.submit([] { throw std::runtime_error("layout exploded"); });
        worker.wait_idle();
        worker.submit([&] { ran_after = true; });
        worker.wait_idle();
    }
    stagehand::core::set_error_sink(nullptr);
    EXPECT_TRUE(ran_after);
    ASSERT_EQ(reported.size(), 1u);
    EXPECT_NE(reported[0].find("layout exploded"), std::string::npos) << reported[0];
}

// What a Qt slot gets: the signal's arguments when the body takes them, none when it does not;
// an exception is reported with what was being done and goes no further.
TEST(ErrorReport, AGuardedSlotPassesArgumentsItsBodyTakesAndReportsAFailure) {
    std::vector<std::string> reported;
    stagehand::core::set_error_sink([&](const std::string& m) { reported.push_back(m); });
    int seen = 0;
    auto takes = stagehand::core::guarded_slot("a slot with an argument", [&](int v) { seen = v; });
    takes(7);
    EXPECT_EQ(seen, 7);
    int calls = 0;
    auto ignores = stagehand::core::guarded_slot("a slot without", [&] { ++calls; });
    ignores(7, std::string("dropped"));
    EXPECT_EQ(calls, 1);
    auto fails = stagehand::core::guarded_slot(
        "a failing slot", [](int v) { throw std::runtime_error("value " + std::to_string(v)); });
    static_assert(noexcept(fails(1)));
    fails(3);
    stagehand::core::set_error_sink(nullptr);
    ASSERT_EQ(reported.size(), 1u);
    EXPECT_EQ(reported[0], "a failing slot failed: value 3");
}

TEST(LatestJobWorker, AfterStopNothingRuns) {
    stagehand::core::LatestJobWorker worker;
    worker.stop();
    bool ran = false;
    worker.submit([&] { ran = true; });
    worker.wait_idle();
    EXPECT_FALSE(ran);
}
