#include "core/code/file_watcher.hpp"

#include "core/base/bounded_file.hpp"
#include "core/base/error_report.hpp"
#include "core/base/thread_name.hpp"
#include "core/base/utf8_path.hpp"
#include "core/text/utf8.hpp"

#include <cstdio>
#include <cstring>
#include <filesystem>

#if defined(_WIN32)
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#endif

namespace stagehand::core::code {

namespace {

// When the file was last written, to the file system's finest step (a number only compared with
// the last one). On Windows std::filesystem reads
// it in whole seconds (libstdc++ goes through _wstat64), so two saves of the same length within
// one second looked unchanged and the second was missed: the file's own 100 ns time is asked
// for there.
std::int64_t written_ns(const std::filesystem::path& file) {
#if defined(_WIN32)
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExW(file.c_str(), GetFileExInfoStandard, &data))
        return 0;
    const std::uint64_t ticks =
        (static_cast<std::uint64_t>(data.ftLastWriteTime.dwHighDateTime) << 32) |
        data.ftLastWriteTime.dwLowDateTime;
    return static_cast<std::int64_t>(ticks); // 100 ns steps since 1601: only ever compared
#else
    std::error_code ec;
    const auto written = std::filesystem::last_write_time(file, ec);
    if (ec)
        return 0;
    return std::chrono::duration_cast<std::chrono::nanoseconds>(written.time_since_epoch()).count();
#endif
}

} // namespace

FileWatcher::FileWatcher(std::string path, std::function<void()> on_change, Options options)
    : path_(std::move(path))
    , on_change_(std::move(on_change))
    , options_(options)
    , thread_(options.own_thread ? std::thread([this] {
        name_this_thread("stagehand-file");
        run();
    })
                                 : std::thread()) {}

FileWatcher::~FileWatcher() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable())
        thread_.join();
}

void FileWatcher::poll() {
    run_guarded(("watching " + path_).c_str(), [this] { poll_once(); });
}

FileSnapshot FileWatcher::snapshot() const {
    std::lock_guard lock(mutex_);
    return snapshot_;
}

void FileWatcher::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        // A failure while polling (out of memory, a throwing callback) is reported and the
        // watcher polls again; escaping this thread would terminate OBS.
        poll();
        lock.lock();
        wake_.wait_for(lock, options_.poll, [this] { return stopping_; });
    }
}

void FileWatcher::publish(std::shared_ptr<const std::string> text, std::string error) {
    {
        std::lock_guard lock(mutex_);
        const bool same_text = (text == nullptr) || (snapshot_.text && *snapshot_.text == *text);
        if (same_text && error == snapshot_.error)
            return;
        if (text)
            snapshot_.text = std::move(text);
        snapshot_.error = std::move(error);
        ++snapshot_.version;
    }
    if (on_change_)
        on_change_();
}

void FileWatcher::poll_once() {
    namespace fs = std::filesystem;
    const fs::path file = utf8_path(path_);
    std::error_code ec;
    const fs::file_status status = fs::status(file, ec);
    Stamp now;
    bool folder = false;
    if (!ec && fs::exists(status)) {
        now.exists = true;
        folder = fs::is_directory(status);
        if (!folder) {
            now.size = static_cast<std::uint64_t>(fs::file_size(file, ec));
            if (ec)
                now.size = 0;
        }
        now.mtime_ns = written_ns(file);
    }
    if (!(now == seen_)) {
        // Changed since the last look: wait one more poll for the writer to finish.
        seen_ = now;
        settled_ = false;
        if (snapshot().version != 0 || now.exists)
            return;
    }
    if (settled_)
        return;

    if (!now.exists) {
        settled_ = true;
        publish(nullptr, path_ + ": file not found" +
                             std::string(snapshot().text ? " (showing its last content)" : ""));
        return;
    }
    if (folder) {
        settled_ = true;
        publish(nullptr, path_ + ": is a folder, not a file");
        return;
    }
    if (now.size > options_.max_bytes) {
        settled_ = true;
        publish(nullptr, path_ + ": file is " + readable_size(now.size) +
                             "; the code overlay shows files up to " +
                             readable_size(options_.max_bytes));
        return;
    }
    // Bounded, and never blocking on a FIFO or reading a device without end.
    FileRead read = read_bounded_file(file, options_.max_bytes);
    if (!read.text) {
        // A FIFO or a device stays what it is until the path changes; a read error may pass.
        settled_ = read.error == "is not a regular file";
        publish(nullptr, path_ + ": " + read.error);
        return;
    }
    std::string text = std::move(*read.text);
    if (text.size() != now.size)
        return; // written while we read: take it next time
    if (text.empty() && snapshot().text && !snapshot().text->empty()) {
        // Editors truncate then write: an empty file is only believed after a second.
        const auto t = std::chrono::steady_clock::now();
        if (empty_since_ == std::chrono::steady_clock::time_point{}) {
            empty_since_ = t;
            return;
        }
        if (t - empty_since_ < std::chrono::seconds(1))
            return;
    }
    empty_since_ = {};
    settled_ = true;
    if (text.find('\0') != std::string::npos) {
        publish(nullptr, path_ + ": looks like a binary file (it contains NUL bytes)");
        return;
    }
    std::string note;
    if (!text::is_valid_utf8(text))
        note = path_ + ": is not valid UTF-8; bad bytes show as \xEF\xBF\xBD";
    publish(std::make_shared<const std::string>(std::move(text)), std::move(note));
}

} // namespace stagehand::core::code
