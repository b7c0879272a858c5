#include "core/base/latest_job_worker.hpp"

#include "core/base/error_report.hpp"
#include "core/base/memory_release.hpp"
#include "core/base/thread_name.hpp"

#include <algorithm>
#include <chrono>
#include <map>
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

JobThread::JobThread(const char* name)
    : thread_([this, name = std::string(name)] {
        name_this_thread(name.c_str());
        run();
    }) {}

JobThread::~JobThread() {
    {
        std::lock_guard lock(mutex_);
        ending_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable())
        thread_.join();
}

std::shared_ptr<JobThread> JobThread::shared(const std::string& name) {
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<JobThread>> threads;
    std::lock_guard lock(mutex);
    auto& slot = threads[name];
    auto thread = slot.lock();
    if (!thread) {
        thread = std::make_shared<JobThread>(name.c_str());
        slot = thread;
    }
    return thread;
}

void JobThread::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (!wake_.wait_for(lock, kQuiet, [this] { return ending_ || !ready_.empty(); })) {
            // Quiet for a while: whatever the last burst of work freed goes back to the system.
            lock.unlock();
            memory::trim_if_quiet(kQuiet, kEvery);
            lock.lock();
            continue;
        }
        if (ready_.empty())
            return; // ending, and no worker is left to have a job
        LatestJobWorker* worker = ready_.front();
        ready_.pop_front();
        worker->queued_ = false;
        std::function<void()> job = std::move(worker->pending_);
        worker->pending_ = nullptr;
        worker->busy_ = true;
        lock.unlock();
        // A job that throws is reported and dropped; the thread goes on with the next one.
        run_guarded("a background job", job);
        job = nullptr; // what it captured is freed before the work is noted
        memory::note_work();
        memory::trim_if_due(kBusyEvery);
        lock.lock();
        // The worker is still there: its stop() waits for this.
        worker->busy_ = false;
        worker->idle_.notify_all();
    }
}

LatestJobWorker::LatestJobWorker(const char* name, Thread thread)
    : thread_(thread == Thread::shared ? JobThread::shared(name)
                                       : std::make_shared<JobThread>(name)) {}

LatestJobWorker::~LatestJobWorker() {
    stop();
}

void LatestJobWorker::submit(std::function<void()> job) {
    {
        std::lock_guard lock(thread_->mutex_);
        if (stopping_)
            return; // stopped: the source is going away, its jobs would write to freed state
        pending_ = std::move(job);
        if (!queued_) {
            thread_->ready_.push_back(this);
            queued_ = true;
        }
    }
    thread_->wake_.notify_one();
}

void LatestJobWorker::stop() {
    std::unique_lock lock(thread_->mutex_);
    if (!stopping_) {
        stopping_ = true;
        pending_ = nullptr;
        if (queued_) {
            auto& ready = thread_->ready_;
            ready.erase(std::find(ready.begin(), ready.end(), this));
            queued_ = false;
        }
    }
    idle_.wait(lock, [this] { return !busy_; });
    idle_.notify_all();
}

void LatestJobWorker::wait_idle() {
    std::unique_lock lock(thread_->mutex_);
    idle_.wait(lock, [this] { return stopping_ ? !busy_ : !busy_ && !pending_; });
}

} // namespace stagehand::core
