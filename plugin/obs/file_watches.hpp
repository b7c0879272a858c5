#pragma once

#include "core/code/file_watcher.hpp"

#include <obs.h>

#include <string>

namespace stagehand {

// Files shown by code sources, each watched once however many sources show it. When a file
// changes, every source showing it gets its settings applied again (obs_source_update), which
// rebuilds it from the new snapshot.
class FileWatches {
public:
    static FileWatches& global();

    // Starts (or joins) watching `path` for `source` and returns what is known of it now. Cheap:
    // no file access on the calling thread.
    core::code::FileSnapshot watch(const std::string& path, obs_source_t* source);

    // Stops every watcher (module unload).
    void stop_all();

private:
    struct Entry;
    void notify(const std::string& path);

    std::mutex mutex_;
    std::vector<std::unique_ptr<Entry>> entries_;
};

} // namespace stagehand
