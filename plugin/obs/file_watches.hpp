#pragma once

#include "core/code/file_watcher.hpp"

#include <obs.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace stagehand {

// Files shown by sources (a code snippet's followed file, a slide position file), each watched
// once however many sources show it, all polled by one thread. When a file changes, every
// source showing it gets its settings applied again (obs_source_update), which rebuilds it from
// the new snapshot. A file no source follows any more (the source went, or follows another
// file, or none) is let go.
//
// watch() and forget() are called from OBS's video thread: they only take a short lock, never
// touch the disk and never start a thread. The polling thread is started by start(), at module
// load on the UI thread.
class FileWatches {
public:
    static FileWatches& global();

    // Registers `source` as following `path` (and no other file) and returns what is known of
    // the file now.
    core::code::FileSnapshot watch(const std::string& path, obs_source_t* source);
    // `source` follows no file now.
    void forget(obs_source_t* source);

    void start();
    // Stops polling and lets every file go (module unload).
    void stop_all();

private:
    struct Entry;
    void run();
    void poll_all();
    // Lets go of files no live source follows (into `unfollowed`) and returns the rest.
    std::vector<std::shared_ptr<Entry>> prune(std::vector<std::shared_ptr<Entry>>& unfollowed);
    void notify(const std::string& path);
    // Removes `source` from every entry but `keep`; mutex_ is held.
    void release(obs_source_t* source, const Entry* keep);

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::vector<std::shared_ptr<Entry>> entries_;
    std::thread thread_;
};

} // namespace stagehand
