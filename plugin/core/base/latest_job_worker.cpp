#include "core/base/latest_job_worker.hpp"

#include "core/base/error_report.hpp"
#include "core/base/thread_name.hpp"

#include <utility>

namespace stagehand::core {

LatestJobWorker::LatestJobWorker(const char* name)
    : thread_([this, name] {
        name_this_thread(name);
        run();
    }) {}

LatestJobWorker::~LatestJobWorker() {
    stop();
}

void LatestJobWorker::submit(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return; // stopped: the source is going away, its jobs would write to freed state
        pending_ = std::move(job);
    }
    wake_.notify_one();
}

void LatestJobWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return;
        stopping_ = true;
        pending_ = nullptr;
    }
    wake_.notify_one();
    if (thread_.joinable())
        thread_.join();
    idle_.notify_all();
}

void LatestJobWorker::wait_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return stopping_ ? !busy_ : !busy_ && !pending_; });
}

void LatestJobWorker::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || pending_; });
        if (stopping_)
            return;
        std::function<void()> job = std::move(pending_);
        pending_ = nullptr;
        busy_ = true;
        lock.unlock();
        // A job that throws is reported and dropped; the worker goes on with the next one.
        run_guarded("a background job", job);
        lock.lock();
        busy_ = false;
        if (!pending_)
            idle_.notify_all();
    }
}

} // namespace stagehand::core
