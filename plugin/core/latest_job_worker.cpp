#include "core/latest_job_worker.hpp"

#include <utility>

namespace stagehand::core {

LatestJobWorker::LatestJobWorker()
    : thread_([this] { run(); }) {}

LatestJobWorker::~LatestJobWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        pending_ = nullptr;
    }
    wake_.notify_one();
    thread_.join();
}

void LatestJobWorker::submit(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        pending_ = std::move(job);
    }
    wake_.notify_one();
}

void LatestJobWorker::wait_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return !busy_ && !pending_; });
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
        job();
        lock.lock();
        busy_ = false;
        if (!pending_)
            idle_.notify_all();
    }
}

} // namespace stagehand::core
