#include "obs/file_watches.hpp"

#include "obs/obs_handles.hpp"

#include <algorithm>
#include <mutex>
#include <vector>

namespace stagehand {

struct FileWatches::Entry {
    std::string path;
    std::vector<obs_weak_source_t*> sources;
    std::unique_ptr<core::code::FileWatcher> watcher;

    ~Entry() {
        watcher.reset(); // join the thread before the weak references go
        for (obs_weak_source_t* weak : sources)
            obs_weak_source_release(weak);
    }
};

FileWatches& FileWatches::global() {
    static FileWatches watches;
    return watches;
}

core::code::FileSnapshot FileWatches::watch(const std::string& path, obs_source_t* source) {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const auto& e) { return e->path == path; });
    if (it == entries_.end()) {
        auto entry = std::make_unique<Entry>();
        entry->path = path;
        entry->watcher =
            std::make_unique<core::code::FileWatcher>(path, [this, path] { notify(path); });
        entries_.push_back(std::move(entry));
        it = entries_.end() - 1;
    }
    Entry& entry = **it;
    const bool known =
        std::any_of(entry.sources.begin(), entry.sources.end(), [&](obs_weak_source_t* w) {
            return obs_weak_source_references_source(w, source);
        });
    if (!known)
        entry.sources.push_back(obs_source_get_weak_source(source));
    return entry.watcher->snapshot();
}

void FileWatches::notify(const std::string& path) {
    // On the watcher's thread: collect live sources under the lock, update them outside it
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
    std::vector<std::unique_ptr<Entry>> doomed;
    {
        std::lock_guard lock(mutex_);
        doomed.swap(entries_);
    }
    doomed.clear(); // joins outside the lock: a watcher may be inside notify()
}

} // namespace stagehand
