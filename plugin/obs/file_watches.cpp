#include "obs/file_watches.hpp"

#include "core/base/thread_name.hpp"
#include "obs/log.hpp"
#include "obs/obs_handles.hpp"

#include "core/base/error_report.hpp"

#include <algorithm>
#include <chrono>

namespace stagehand {

namespace {

constexpr std::chrono::milliseconds kPollEvery{150};

} // namespace

struct FileWatches::Entry {
    std::string path;
    std::vector<obs_weak_source_t*> sources; // guarded by FileWatches::mutex_
    std::unique_ptr<core::code::FileWatcher> watcher;

    ~Entry() {
        watcher.reset();
        for (obs_weak_source_t* weak : sources)
            obs_weak_source_release(weak);
    }
};

FileWatches& FileWatches::global() {
    static FileWatches watches;
    return watches;
}

namespace {

// Drops (and releases) the weak references `gone` says are gone.
template <typename Gone>
void drop_sources(std::vector<obs_weak_source_t*>& sources, Gone gone) {
    std::erase_if(sources, [&](obs_weak_source_t* weak) {
        if (!gone(weak))
            return false;
        obs_weak_source_release(weak);
        return true;
    });
}

} // namespace

void FileWatches::release(obs_source_t* source, const Entry* keep) {
    for (auto& entry : entries_)
        if (entry.get() != keep)
            drop_sources(entry->sources, [&](obs_weak_source_t* weak) {
                return obs_weak_source_references_source(weak, source);
            });
}

core::code::FileSnapshot FileWatches::watch(const std::string& path, obs_source_t* source) {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const auto& e) { return e->path == path; });
    if (it == entries_.end()) {
        auto entry = std::make_shared<Entry>();
        entry->path = path;
        core::code::FileWatcher::Options options;
        options.own_thread = false; // polled by this class's one thread
        entry->watcher = std::make_unique<core::code::FileWatcher>(
            path, [this, path] { notify(path); }, options);
        entries_.push_back(std::move(entry));
        it = entries_.end() - 1;
        wake_.notify_one(); // read a new file now, not at the next round
    }
    Entry& entry = **it;
    release(source, &entry); // a source follows one file
    const bool known =
        std::any_of(entry.sources.begin(), entry.sources.end(), [&](obs_weak_source_t* w) {
            return obs_weak_source_references_source(w, source);
        });
    if (!known)
        entry.sources.push_back(obs_source_get_weak_source(source));
    return entry.watcher->snapshot();
}

void FileWatches::forget(obs_source_t* source) {
    std::lock_guard lock(mutex_);
    release(source, nullptr);
}

void FileWatches::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable())
        return;
    stopping_ = false;
    thread_ = std::thread([this] {
        core::name_this_thread("stagehand-watch");
        run();
    });
}

void FileWatches::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        core::run_guarded("watching files", [this] { poll_all(); });
        lock.lock();
        wake_.wait_for(lock, kPollEvery, [this] { return stopping_; });
    }
}

std::vector<std::shared_ptr<FileWatches::Entry>>
FileWatches::prune(std::vector<std::shared_ptr<Entry>>& unfollowed) {
    std::lock_guard lock(mutex_);
    // A file whose sources are all gone (removed from OBS, or following something else) is let
    // go.
    for (auto& entry : entries_)
        drop_sources(entry->sources, obs_weak_source_expired);
    for (auto it = entries_.begin(); it != entries_.end();) {
        if ((*it)->sources.empty()) {
            unfollowed.push_back(std::move(*it));
            it = entries_.erase(it);
        } else {
            ++it;
        }
    }
    return entries_; // a copy, polled outside the lock
}

void FileWatches::poll_all() {
    std::vector<std::shared_ptr<Entry>> unfollowed; // released outside the lock
    const std::vector<std::shared_ptr<Entry>> entries = prune(unfollowed);
    for (const auto& entry : unfollowed)
        log(LOG_INFO, "no source follows %s now: stopped watching it", entry->path.c_str());
    unfollowed.clear();
    // Outside the lock: reading a file takes time, and a change calls notify().
    for (const auto& entry : entries)
        entry->watcher->poll();
}

void FileWatches::notify(const std::string& path) {
    // On the polling thread: collect live sources under the lock, update them outside it
    // (obs_source_update may call back into watch() on another thread later).
    std::vector<obs::SourceRef> live;
    {
        std::lock_guard lock(mutex_);
        for (auto& entry : entries_) {
            if (entry->path != path)
                continue;
            for (obs_weak_source_t* weak : entry->sources)
                if (obs_source_t* s = obs_weak_source_get_source(weak))
                    live.emplace_back(s);
        }
    }
    for (const obs::SourceRef& s : live)
        obs_source_update(s.get(), nullptr);
}

void FileWatches::stop_all() {
    std::vector<std::shared_ptr<Entry>> doomed;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        doomed.swap(entries_);
    }
    wake_.notify_one();
    if (thread_.joinable())
        thread_.join();
    doomed.clear();
}

} // namespace stagehand
