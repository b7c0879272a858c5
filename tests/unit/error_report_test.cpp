#include "core/base/error_report.hpp"
#include "core/base/latest_job_worker.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

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

TEST(LatestJobWorker, AfterStopNothingRuns) {
    stagehand::core::LatestJobWorker worker;
    worker.stop();
    bool ran = false;
    worker.submit([&] { ran = true; });
    worker.wait_idle();
    EXPECT_FALSE(ran);
}
