#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace stagehand::core {

class LatestJobWorker;

// A background thread that runs the jobs of one or more LatestJobWorkers, one job at a time,
// workers in the order their jobs arrived. An idle thread gives the heap's freed memory back once
// all have been quiet for 10 seconds (core/base/memory_release.hpp).
class JobThread {
public:
    // `name`: the thread's name (core::name_this_thread), "stagehand-...".
    explicit JobThread(const char* name);
    ~JobThread(); // every worker of the thread is gone by then
    JobThread(const JobThread&) = delete;
    JobThread& operator=(const JobThread&) = delete;

    // The process's one thread of this name, shared by every worker that asks for it: made on
    // first use, ended when its last worker goes.
    static std::shared_ptr<JobThread> shared(const std::string& name);

private:
    friend class LatestJobWorker;
    void run();

    // Guards the state of every worker of this thread as well as its own.
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<LatestJobWorker*> ready_; // workers with a job waiting, oldest first
    bool ending_ = false;
    std::thread thread_; // last: starts after the state above exists
};

// Runs the most recent job it was given, off the caller's thread. A job submitted while another
// of this worker's waits replaces it: a presenter typing in a text box, or an editor saving twice,
// only costs the last layout. Used so that shaping and layout never run on OBS's video thread.
// A worker has a thread of its own, or shares one with other workers: sources each have a worker,
// and a thread each would also mean a font cache, a highlighter and a malloc arena each.
class LatestJobWorker {
public:
    enum class Thread { own, shared };
    // `name`: the thread's name, "stagehand-..."; with Thread::shared, every worker made with
    // the same name runs on one thread (JobThread::shared).
    explicit LatestJobWorker(const char* name = "stagehand-job", Thread thread = Thread::own);
    ~LatestJobWorker(); // finishes the running job, drops a waiting one
    LatestJobWorker(const LatestJobWorker&) = delete;
    LatestJobWorker& operator=(const LatestJobWorker&) = delete;

    void submit(std::function<void()> job);

    // Drops a waiting job and finishes the running one; later submits are ignored. Called
    // before a source releases what its jobs write to. Not from one of this worker's own jobs.
    void stop();

    // Blocks until nothing of this worker's is running or waiting (tests and shutdown paths).
    void wait_idle();

private:
    friend class JobThread;
    std::shared_ptr<JobThread> thread_;
    // Guarded by thread_->mutex_.
    std::condition_variable idle_;
    std::function<void()> pending_;
    bool queued_ = false; // in thread_->ready_
    bool busy_ = false;
    bool stopping_ = false;
};

} // namespace stagehand::core
