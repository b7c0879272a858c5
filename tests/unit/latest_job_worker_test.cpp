#include "core/base/latest_job_worker.hpp"

#include <gtest/gtest.h>

#if defined(__linux__)
#include <pthread.h>
#endif

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
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

// Workers made to share a thread run their jobs on one thread, the one every later worker of
// that name shares too; workers of their own each get one.
TEST(LatestJobWorker, WorkersOfASharedThreadRunOnOneThread) {
    using Thread = LatestJobWorker::Thread;
    LatestJobWorker a("stagehand-share", Thread::shared);
    LatestJobWorker b("stagehand-share", Thread::shared);
    LatestJobWorker own("stagehand-share");
    const auto thread_of = [](LatestJobWorker& worker) {
        std::promise<std::thread::id> ran_on;
        worker.submit([&] { ran_on.set_value(std::this_thread::get_id()); });
        return ran_on.get_future().get();
    };
    const auto shared = thread_of(a);
    EXPECT_EQ(thread_of(b), shared);
    EXPECT_NE(thread_of(own), shared);
    EXPECT_NE(shared, std::this_thread::get_id());
}

// Each worker keeps its own latest job: a newer job of one worker replaces only that worker's
// waiting job, never another's, and every worker's latest job runs.
TEST(LatestJobWorker, OnASharedThreadEachWorkerKeepsItsOwnLatestJob) {
    using Thread = LatestJobWorker::Thread;
    LatestJobWorker busy("stagehand-lanes", Thread::shared);
    LatestJobWorker a("stagehand-lanes", Thread::shared);
    LatestJobWorker b("stagehand-lanes", Thread::shared);
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::vector<std::string> ran;
    std::mutex ran_mutex;
    const auto note = [&](std::string what) {
        return [&, what] {
            std::lock_guard lock(ran_mutex);
            ran.push_back(what);
        };
    };
    busy.submit([&] {
        started.set_value();
        released.wait();
    });
    started.get_future().wait();
    a.submit(note("a1"));
    b.submit(note("b1"));
    a.submit(note("a2"));
    b.submit(note("b2"));
    b.submit(note("b3"));
    release.set_value();
    a.wait_idle();
    b.wait_idle();
    std::lock_guard lock(ran_mutex);
    // In the order the workers' jobs arrived: a before b.
    EXPECT_EQ(ran, (std::vector<std::string>{"a2", "b3"}));
}

// A worker that goes while others of its thread are busy finishes only its own running job and
// drops its waiting one; the thread goes on with the others' jobs.
TEST(LatestJobWorker, AWorkerOfASharedThreadGoesWithoutWaitingForTheOthers) {
    using Thread = LatestJobWorker::Thread;
    LatestJobWorker stays("stagehand-leave", Thread::shared);
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    stays.submit([&] {
        started.set_value();
        released.wait();
    });
    started.get_future().wait();
    std::atomic<bool> dropped_ran{false};
    {
        LatestJobWorker leaves("stagehand-leave", Thread::shared);
        leaves.submit([&] { dropped_ran = true; });
    } // would wait for `stays`'s job forever if it waited for the thread
    std::atomic<bool> later_ran{false};
    stays.submit([&] { later_ran = true; });
    release.set_value();
    stays.wait_idle();
    EXPECT_FALSE(dropped_ran.load());
    EXPECT_TRUE(later_ran.load());
}

// The shared thread ends with its last worker; a worker made after that starts a new one.
TEST(LatestJobWorker, ASharedThreadEndsWithItsLastWorker) {
    using Thread = LatestJobWorker::Thread;
    std::weak_ptr<stagehand::core::JobThread> first;
    {
        LatestJobWorker only("stagehand-ends", Thread::shared);
        first = stagehand::core::JobThread::shared("stagehand-ends");
        std::promise<void> ran;
        only.submit([&] { ran.set_value(); });
        ran.get_future().wait();
    }
    EXPECT_TRUE(first.expired());
    LatestJobWorker again("stagehand-ends", Thread::shared);
    std::promise<void> ran;
    again.submit([&] { ran.set_value(); });
    EXPECT_EQ(ran.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
}
