#include "core/base/latest_job_worker.hpp"

#include <gtest/gtest.h>

#if defined(__linux__)
#include <pthread.h>
#endif

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

using stagehand::core::LatestJobWorker;

TEST(LatestJobWorker, RunsJobsOffTheCallingThread) {
    LatestJobWorker worker;
    std::promise<std::thread::id> ran_on;
    worker.submit([&] { ran_on.set_value(std::this_thread::get_id()); });
    EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

#if defined(__linux__)
// The soak tells Stagehand's CPU from OBS's by thread name: each worker carries the one it was
// given, cut to the 15 bytes Linux keeps.
TEST(LatestJobWorker, ItsThreadCarriesTheGivenName) {
    LatestJobWorker worker("stagehand-a-long-name");
    std::promise<std::string> name;
    worker.submit([&] {
        char buffer[32] = {};
        pthread_getname_np(pthread_self(), buffer, sizeof buffer);
        name.set_value(buffer);
    });
    EXPECT_EQ(name.get_future().get(), "stagehand-a-lon");
}
#endif

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
