#include "obs/thumbnails.hpp"

#include "core/base/error_report.hpp"
#include "core/base/memory_release.hpp"
#include "core/base/thread_name.hpp"
#include "obs/look_settings.hpp"
#include "obs/snapshot.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace stagehand {

namespace {

// The card a thumbnail shows: a small snippet on a 720x450 card in the preset's look, at the
// preset's own font size (a card about 60 % of a stage's code card: the type's weight against
// the card reads as it will on stream, only smaller).
constexpr std::uint32_t kCardWidth = 720;
constexpr std::uint32_t kCardHeight = 450;
// Python: its grammar's tables are among the smallest pinned (a fifth of Rust's), and every
// table the thumbnails' highlighting reads stays in OBS's memory for the session.
constexpr const char* kSample = "# your talk, live\n"
                                "def greet(name: str) -> str:\n"
                                "    answer = 42  # the answer\n"
                                "    return f\"Hello, {name}!\"\n";

struct Job {
    core::preset::Preset preset;
    std::uint32_t width = 0;
    control::ThumbnailDone done;
};

class Maker {
public:
    ~Maker() { stop(); }

    void add(Job job) {
        std::unique_lock lock(mutex_);
        if (stopped_) {
            lock.unlock();
            job.done({});
            return;
        }
        // A newer request for the same preset replaces the one waiting (its answer: empty).
        for (auto& waiting : jobs_)
            if (waiting.preset.metadata.name == job.preset.metadata.name) {
                std::swap(waiting, job);
                lock.unlock();
                job.done({});
                return;
            }
        jobs_.push_back(std::move(job));
        if (!thread_.joinable())
            thread_ = std::thread([this] {
                core::name_this_thread("stagehand-thumb");
                run();
            });
        wake_.notify_one();
    }

    void stop() {
        std::deque<Job> left;
        {
            std::lock_guard lock(mutex_);
            stopped_ = true;
            cancel_ = true;
            left.swap(jobs_);
        }
        wake_.notify_all();
        if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id())
            thread_.join();
        for (auto& job : left)
            job.done({});
    }

private:
    void run() {
#ifdef __linux__
        // Pictures for the dock are never urgent: behind OBS's own threads for the CPU (nice is
        // per thread on Linux).
        setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
        for (;;) {
            Job job;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [&] { return stopped_ || !jobs_.empty(); });
                if (stopped_)
                    return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            control::Thumbnail picture;
            // A drawing that throws answers with an empty picture.
            core::run_guarded("drawing a preset thumbnail", [&] { picture = draw(job); });
            core::run_guarded("handing over a preset thumbnail",
                              [&] { job.done(std::move(picture)); });
            bool idle = false;
            {
                std::lock_guard lock(mutex_);
                idle = jobs_.empty();
            }
            if (idle) // outside the lock: the dock adding a job must not wait for it
                give_memory_back();
            // A breath between pictures: the dock asks for all of them when OBS starts.
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::milliseconds(50), [&] { return stopped_; });
        }
    }

    // After a batch of pictures. Each was drawn by a private source whose worker, like this
    // thread, allocated in a malloc arena of its own; glibc keeps the freed pages of a thread's
    // arena mapped, so the dock's pictures at OBS's start stayed resident for the whole show
    // (measured: 271 MiB PSS idle with them, 243 MiB without; 254 MiB with this).
    static void give_memory_back() {
        core::memory::trim_now();
    }

    control::Thumbnail draw(const Job& job) {
        control::LookValues look;
        if (const auto found = job.preset.looks.find(core::preset::Overlay::code);
            found != job.preset.looks.end())
            look = found->second;
        look["card/width"] = static_cast<long long>(kCardWidth);
        look["card/height"] = static_cast<long long>(kCardHeight);
        obs::Data settings = look_settings(core::preset::Overlay::code, look);
        obs_data_set_string(settings.get(), "text", kSample);
        obs_data_set_string(settings.get(), "language", "python");
        obs_data_set_string(settings.get(), "title", "demo.py");
        obs_data_set_int(settings.get(), "transition_ms", 0);
        obs::SourceRef source(obs_source_create_private(
            "stagehand_code", "Stagehand preset thumbnail", settings.get()));
        if (!source || !wait_for_size(source.get(), std::chrono::seconds(3), &cancel_))
            return {};
        const double scale = std::clamp(static_cast<double>(job.width) / kCardWidth, 0.02, 1.0);
        const Snapshot shot = settled([&] { return capture_source(source.get(), scale); },
                                      std::chrono::seconds(3), &cancel_);
        if (!shot.any_coverage())
            return {};
        return control::Thumbnail{shot.width, shot.height, shot.rgba};
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> jobs_;
    bool stopped_ = false;
    std::atomic<bool> cancel_{false};
    std::thread thread_;
};

Maker& maker() {
    static Maker instance;
    return instance;
}

} // namespace

void make_thumbnail(const core::preset::Preset& preset, std::uint32_t width,
                    control::ThumbnailDone done) {
    maker().add(Job{preset, width, std::move(done)});
}

void stop_thumbnails() {
    maker().stop();
}

} // namespace stagehand
