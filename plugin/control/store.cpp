#include "control/store.hpp"

#include "control/status_board.hpp"
#include "core/base/bounded_file.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#if defined(_WIN32)
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace stagehand::control {

namespace fs = std::filesystem;

namespace {

// The one platform-specific step: make the written bytes durable before the rename publishes
// them, so a power loss cannot leave an empty file under the final name.
bool flush_to_disk(std::FILE* file) {
    if (std::fflush(file) != 0)
        return false;
#if defined(_WIN32)
    return _commit(_fileno(file)) == 0;
#else
    return ::fsync(::fileno(file)) == 0;
#endif
}

void sync_folder([[maybe_unused]] const fs::path& folder) {
#if !defined(_WIN32)
    // The rename itself lives in the folder's entry list: flush that too (best effort).
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#endif
}

std::string timestamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
#if defined(_WIN32)
    gmtime_s(&parts, &now);
#else
    gmtime_r(&now, &parts);
#endif
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &parts);
    return text;
}

} // namespace

namespace {

// The temporary file, new: whatever was left under its name (a crash's leftover, or a link
// planted to redirect the write) is unlinked first, never followed, and O_EXCL | O_NOFOLLOW
// refuse anything that appears in between.
std::FILE* create_temporary(const fs::path& temporary, bool owner_only) {
#if defined(_WIN32)
    (void)owner_only;
    return std::fopen(temporary.string().c_str(), "wb");
#else
    std::error_code ec;
    const auto status = fs::symlink_status(temporary, ec);
    if (!ec && (fs::is_regular_file(status) || fs::is_symlink(status)))
        fs::remove(temporary, ec); // removes a link itself, not what it points to
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          owner_only ? 0600 : 0644);
    if (fd < 0)
        return nullptr;
    std::FILE* file = ::fdopen(fd, "wb");
    if (!file)
        ::close(fd);
    return file;
#endif
}

} // namespace

bool write_file_atomically(const fs::path& path, std::string_view bytes, std::string& error,
                           const WriteOptions& options) {
    std::error_code ec;
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), ec);
        if (ec) {
            error = "cannot create " + path.parent_path().string() + ": " + ec.message();
            return false;
        }
    }
    fs::path temporary = path;
    temporary += ".tmp";
    std::FILE* file = create_temporary(temporary, options.owner_only);
    if (!file) {
        error = "cannot write " + temporary.string() + " (" + std::strerror(errno) + ")";
        return false;
    }
    const bool written =
        std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size() && flush_to_disk(file);
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
        error = "cannot write " + temporary.string() + " (disk full?)";
        fs::remove(temporary, ec);
        return false;
    }
    if (options.before_rename)
        options.before_rename(temporary);
    fs::rename(temporary, path, ec);
    if (ec) {
        error = "cannot replace " + path.string() + ": " + ec.message();
        fs::remove(temporary, ec);
        return false;
    }
    sync_folder(path.has_parent_path() ? path.parent_path() : fs::path("."));
    return true;
}

Store::Store(fs::path folder, Logger log)
    : folder_(std::move(folder))
    , log_(std::move(log)) {}

fs::path Store::path_of(const std::string& name) const {
    return folder_ / (name + ".json");
}

std::optional<nlohmann::json> Store::load(const std::string& name) {
    std::lock_guard lock(mutex_);
    const fs::path path = path_of(name);
    // The largest file Stagehand writes (a queue of 100,000 questions) is far below this.
    constexpr std::uint64_t kMaxStoredBytes = 64u * 1024u * 1024u;
    core::FileRead read = core::read_bounded_file(path.string(), kMaxStoredBytes);
    if (read.missing)
        return std::nullopt;
    if (!read.text) {
        move_aside(path, " " + read.error);
        return std::nullopt;
    }
    auto parsed = nlohmann::json::parse(*read.text, nullptr, false);
    // Constructed explicitly: json converts to anything, and g++ 16 warns that the implicit
    // conversion to optional<json> could also have gone through json's conversion operator.
    if (!parsed.is_discarded() && parsed.is_object())
        return std::optional<nlohmann::json>(std::move(parsed));
    move_aside(path, " is not a JSON object");
    return std::nullopt;
}

void Store::keep_secret(const std::string& name) {
    std::lock_guard lock(mutex_);
    secrets_.insert(path_of(name).filename().string());
}

bool Store::secret(const std::string& file_name) const {
    return secrets_.count(file_name) > 0;
}

void Store::move_aside(const fs::path& path, const std::string& why) {
    std::error_code ec;
    std::string line;
    if (secret(path.filename().string())) {
        // A copy would be one more place a key lies about: it is entered again instead.
        fs::remove(path, ec);
        line = path.string() + why + "; " +
               (ec ? "it could not be removed (" + ec.message() + ")"
                   : std::string("removed (it held secrets: enter them again)"));
    } else {
        // Keep the broken file for the presenter (and a bug report), out of the way of the next
        // save.
        fs::path aside = path;
        aside += ".corrupt-" + timestamp();
        fs::rename(path, aside, ec);
        line = path.string() + why + "; " +
               (ec ? "it could not be moved aside (" + ec.message() + ")"
                   : "moved aside to " + aside.filename().string()) +
               " and started afresh";
    }
    if (log_)
        log_(line);
    StatusBoard::global().set("store", path.filename().string(), Severity::warning, {line});
}

bool Store::read(const std::string& name, const std::string& what,
                 const std::function<void(const nlohmann::json&)>& read) {
    const auto saved = load(name);
    if (!saved)
        return false;
    std::string why;
    try {
        read(*saved);
        return true;
    } catch (const std::exception& e) {
        why = e.what();
    } catch (...) {
        why = "unreadable";
    }
    set_aside(name, "not " + what + " (" + why + ")");
    return false;
}

void Store::set_aside(const std::string& name, const std::string& why) {
    std::lock_guard lock(mutex_);
    move_aside(path_of(name), ": " + why);
}

bool Store::save(const std::string& name, const nlohmann::json& value, std::string& error) {
    std::lock_guard lock(mutex_);
    const fs::path path = path_of(name);
    WriteOptions options;
    options.owner_only = secret(path.filename().string());
    options.before_rename = before_rename;
    // Invalid UTF-8 (from a platform that let it through) is replaced, never a throw mid-save.
    return write_file_atomically(
        path, value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", error,
        options);
}

} // namespace stagehand::control
