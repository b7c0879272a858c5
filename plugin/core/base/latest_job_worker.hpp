#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace stagehand::core {

// One background thread that runs the most recent job it was given. A job submitted while
// another waits replaces it: a presenter typing in a text box, or an editor saving twice, only
// costs the last layout. Used so that shaping and layout never run on OBS's video thread. An
// idle worker gives the heap's freed memory back once all have been quiet for 10 seconds
// (core/base/memory_release.hpp).
class LatestJobWorker {
public:
    // `name`: the thread's name (core::name_this_thread), "stagehand-...".
    explicit LatestJobWorker(const char* name = "stagehand-job");
    ~LatestJobWorker(); // finishes the running job, drops a waiting one
    LatestJobWorker(const LatestJobWorker&) = delete;
    LatestJobWorker& operator=(const LatestJobWorker&) = delete;

    void submit(std::function<void()> job);

    // Drops a waiting job, finishes the running one and ends the thread; later submits are
    // ignored. Called before a source releases what its jobs write to.
    void stop();

    // Blocks until nothing is running or waiting (tests and shutdown paths only).
    void wait_idle();

private:
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::function<void()> pending_;
    bool busy_ = false;
    bool stopping_ = false;
    std::thread thread_; // last: starts after the state above exists
};

} // namespace stagehand::core
