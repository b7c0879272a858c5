#include "core/base/latest_job_worker.hpp"

#include "core/base/error_report.hpp"
#include "core/base/memory_release.hpp"
#include "core/base/thread_name.hpp"

#include <chrono>
#include <utility>

namespace stagehand::core {

namespace {
// How long every worker has to be idle before the heap's freed memory is given back, and how
// often it is given back while Stagehand stays idle (what OBS's own threads free meanwhile).
constexpr std::chrono::seconds kQuiet{10};
constexpr std::chrono::seconds kEvery{60};
// While jobs keep coming (a show), at most this often after one: jemalloc's default for giving
// back unused pages is the same 10 s. A trim costs about a millisecond on this worker, and what
// it gave back and is needed again a few page faults.
constexpr std::chrono::seconds kBusyEvery{10};
} // namespace

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
        if (!wake_.wait_for(lock, kQuiet, [this] { return stopping_ || pending_; })) {
            // Quiet for a while: whatever the last burst of work freed goes back to the system.
            lock.unlock();
            memory::trim_if_quiet(kQuiet, kEvery);
            lock.lock();
            continue;
        }
        if (stopping_)
            return;
        std::function<void()> job = std::move(pending_);
        pending_ = nullptr;
        busy_ = true;
        lock.unlock();
        // A job that throws is reported and dropped; the worker goes on with the next one.
        run_guarded("a background job", job);
        job = nullptr; // what it captured is freed before the work is noted
        memory::note_work();
        memory::trim_if_due(kBusyEvery);
        lock.lock();
        busy_ = false;
        if (!pending_)
            idle_.notify_all();
    }
}

} // namespace stagehand::core
