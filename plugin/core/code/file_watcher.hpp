#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace stagehand::core::code {

// The latest good content of a watched file, and what is wrong with it now, if anything.
struct FileSnapshot {
    std::shared_ptr<const std::string> text; // last good content; null until first read
    std::string error;                       // why the file is not shown as it is now
    std::uint64_t version = 0;               // bumps on every change of text or error
};

// Follows a file the presenter edits: polls it and reads it once it has stopped changing, so a
// save in progress is never shown half-written. A file that goes missing, turns binary or grows
// past the limit keeps its last good content on screen, with the reason in `error`. It polls
// on its own thread, or, with `own_thread` off, whenever its owner calls poll() (one thread for
// many files: the plugin's watchers are made on OBS's video thread, which must not start one).
// `on_change` runs on the polling thread.
class FileWatcher {
public:
    struct Options {
        std::chrono::milliseconds poll{150};
        std::size_t max_bytes = 5u * 1024u * 1024u;
        bool own_thread = true;
    };

    FileWatcher(std::string path, std::function<void()> on_change, Options options);
    FileWatcher(std::string path, std::function<void()> on_change)
        : FileWatcher(std::move(path), std::move(on_change), Options{}) {}
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

    FileSnapshot snapshot() const;
    const std::string& path() const { return path_; }
    // One look at the file, for an owner that polls (own_thread off); never throws.
    void poll();

private:
    void run();
    void poll_once();
    void publish(std::shared_ptr<const std::string> text, std::string error);

    const std::string path_;
    const std::function<void()> on_change_;
    const Options options_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    FileSnapshot snapshot_;

    // Watcher-thread state.
    struct Stamp {
        bool exists = false;
        std::uint64_t size = 0;
        std::int64_t mtime_ns = 0;
        friend bool operator==(const Stamp&, const Stamp&) = default;
    };
    Stamp seen_;
    bool settled_ = false;
    std::chrono::steady_clock::time_point empty_since_{};

    std::thread thread_; // last: starts after the state above exists (when own_thread)
};

} // namespace stagehand::core::code
