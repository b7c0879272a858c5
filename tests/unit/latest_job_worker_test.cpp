#include "core/base/latest_job_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

using stagehand::core::LatestJobWorker;

TEST(LatestJobWorker, RunsJobsOffTheCallingThread) {
    LatestJobWorker worker;
    std::promise<std::thread::id> ran_on;
    worker.submit([&] { ran_on.set_value(std::this_thread::get_id()); });
    EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

TEST(LatestJobWorker, AJobWaitingBehindABusyOneIsReplacedByANewerOne) {
    LatestJobWorker worker;
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::vector<int> ran;
    std::mutex ran_mutex;
    worker.submit([&] {
        started.set_value();
        released.wait();
        std::lock_guard lock(ran_mutex);
        ran.push_back(0);
    });
    started.get_future().wait();
    for (int i = 1; i <= 5; ++i)
        worker.submit([&, i] {
            std::lock_guard lock(ran_mutex);
            ran.push_back(i);
        });
    release.set_value();
    worker.wait_idle();
    std::lock_guard lock(ran_mutex);
    EXPECT_EQ(ran, (std::vector<int>{0, 5}));
}

TEST(LatestJobWorker, DestructionFinishesTheRunningJobAndDropsTheWaitingOne) {
    std::atomic<int> finished{0};
    std::atomic<bool> second_ran{false};
    {
        LatestJobWorker worker;
        std::promise<void> started;
        worker.submit([&] {
            started.set_value();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            ++finished;
        });
        started.get_future().wait();
        worker.submit([&] { second_ran = true; });
    }
    EXPECT_EQ(finished.load(), 1);
    EXPECT_FALSE(second_ran.load());
}
