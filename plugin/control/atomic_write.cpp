// write_file_atomically (declared in store.hpp): the one place where saving a file differs by
// system. Both versions make the same promise: a temporary file beside the target, created new
// (never through a link left under its name), written, flushed to the disk, then renamed over the
// target, so a reader or OBS after a crash sees the old file or the new one, never a mix.
#include "control/store.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <system_error>

#if defined(_WIN32)
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <chrono>
#include <thread>
#include <vector>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace stagehand::control {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kWriteBuffer = 64 * 1024;
constexpr const char* kIncomplete = "the document could not be made whole";

// The temporary file's name beside `path` (PATH.tmp), once the folder exists.
std::optional<fs::path> temporary_beside(const fs::path& path, std::string& error) {
    if (path.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        if (ec) {
            error = "cannot create " + path.parent_path().string() + ": " + ec.message();
            return std::nullopt;
        }
    }
    fs::path temporary = path;
    temporary += ".tmp";
    return temporary;
}

} // namespace

#if defined(_WIN32)

namespace {

std::string system_message(DWORD code) {
    return std::error_code(static_cast<int>(code), std::system_category()).message();
}

// All of `bytes` to the file, in writes of at most 1 GiB; false at the first that fails.
bool write_all(HANDLE file, std::string_view bytes) {
    for (std::size_t done = 0; done < bytes.size();) {
        const DWORD piece =
            static_cast<DWORD>(std::min<std::size_t>(bytes.size() - done, 1u << 30));
        DWORD n = 0;
        if (!WriteFile(file, bytes.data() + done, piece, &n, nullptr) || n == 0)
            return false;
        done += n;
    }
    return true;
}

// FILE_RENAME_INFO as Windows 10 (1607) shaped it, with Flags where ReplaceIfExists was, and its
// information class: MinGW declares both only for a newer _WIN32_WINNT than it targets.
struct RenameInfoEx {
    DWORD flags;
    HANDLE root;
    DWORD length; // bytes of `name`, without a terminator
    WCHAR name[1];
};
constexpr auto kFileRenameInfoEx = static_cast<FILE_INFO_BY_HANDLE_CLASS>(22);
constexpr DWORD kReplaceIfExists = 0x1, kPosixSemantics = 0x2;

// Renames the open file over `to` the POSIX way (Windows 10 1607+ on NTFS): the old file's name
// is released at once even while a reader holds it (the plugin's readers open files with
// FILE_SHARE_DELETE), as a rename does on Linux. False where the system cannot.
bool replace_posix(HANDLE file, const fs::path& to) {
    const std::wstring name = to.wstring();
    std::vector<unsigned char> buffer(sizeof(RenameInfoEx) + name.size() * sizeof(WCHAR));
    auto* info = reinterpret_cast<RenameInfoEx*>(buffer.data());
    info->flags = kReplaceIfExists | kPosixSemantics;
    info->root = nullptr;
    info->length = static_cast<DWORD>(name.size() * sizeof(WCHAR));
    std::memcpy(info->name, name.c_str(), name.size() * sizeof(WCHAR));
    return SetFileInformationByHandle(file, kFileRenameInfoEx, info,
                                      static_cast<DWORD>(buffer.size()));
}

// Elsewhere, MoveFileExW; another program holding the old file open without FILE_SHARE_DELETE
// (a virus scanner, a search indexer, a sync client, an editor) makes it fail for a moment, so
// it is tried again for up to half a second before the save is reported as failed.
bool replace(const fs::path& from, const fs::path& to, std::string& error) {
    for (int attempt = 0;; ++attempt) {
        if (MoveFileExW(from.c_str(), to.c_str(),
                        MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
            return true;
        const DWORD code = GetLastError();
        const bool busy = code == ERROR_ACCESS_DENIED || code == ERROR_SHARING_VIOLATION ||
                          code == ERROR_LOCK_VIOLATION;
        if (!busy || attempt >= 20) {
            error = "cannot replace " + to.string() + ": " + system_message(code);
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
}

// Writes the pieces durably to `temporary` and renames it over `path`.
bool write_and_replace(const fs::path& temporary, const fs::path& path, const Pieces& pieces,
                       std::string& error, const WriteOptions& options) {
    // A leftover under the temporary name (a crash's, or a link planted there) is deleted, not
    // followed (DeleteFileW removes a link itself), and CREATE_NEW refuses anything that appears
    // in between. A secret's file (options.owner_only) takes the permissions of the folder it is
    // made in: the user's own profile, which only the user, SYSTEM and administrators can read.
    DeleteFileW(temporary.c_str());
    struct Handle {
        HANDLE h;
        ~Handle() { close(); }
        void close() {
            if (h != INVALID_HANDLE_VALUE)
                CloseHandle(h);
            h = INVALID_HANDLE_VALUE;
        }
    } file{CreateFileW(temporary.c_str(), GENERIC_WRITE | DELETE, FILE_SHARE_READ, nullptr,
                       CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr)};
    if (file.h == INVALID_HANDLE_VALUE) {
        error = "cannot write " + temporary.string() + " (" + system_message(GetLastError()) + ")";
        return false;
    }
    bool written = true;
    const auto write = [&](std::string_view bytes) {
        written = written && write_all(file.h, bytes);
    };
    // Small pieces (a question's line) gathered into writes of up to 64 KiB.
    std::string buffer;
    buffer.reserve(kWriteBuffer);
    const bool whole = pieces([&](std::string_view piece) {
        if (buffer.size() + piece.size() > kWriteBuffer) {
            write(buffer);
            buffer.clear();
        }
        if (piece.size() >= kWriteBuffer)
            write(piece);
        else
            buffer += piece;
    });
    write(buffer);
    // The durable step: the bytes reach the disk before the rename publishes them.
    written = written && whole && (options.survives == Survives::crash || FlushFileBuffers(file.h));
    if (!written) {
        const DWORD code = whole ? GetLastError() : ERROR_SUCCESS;
        file.close();
        error = "cannot write " + temporary.string() + " (" +
                (!whole                  ? std::string(kIncomplete)
                 : code != ERROR_SUCCESS ? system_message(code)
                                         : std::string("disk full?")) +
                ")";
        DeleteFileW(temporary.c_str());
        return false;
    }
    if (options.before_rename)
        options.before_rename(temporary);
    const bool renamed = replace_posix(file.h, path);
    file.close();
    if (!renamed && !replace(temporary, path, error)) {
        DeleteFileW(temporary.c_str());
        return false;
    }
    return true;
}

// Appends `bytes` to `path` (made when missing) and flushes them to the disk. A link or
// anything but a regular file under the name is refused.
bool append_and_flush(const fs::path& path, std::string_view bytes, std::string& error) {
    struct Handle {
        HANDLE h;
        ~Handle() {
            if (h != INVALID_HANDLE_VALUE)
                CloseHandle(h);
        }
    } file{CreateFileW(path.c_str(), FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_DELETE, nullptr,
                       OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr)};
    if (file.h == INVALID_HANDLE_VALUE) {
        error = "cannot append to " + path.string() + " (" + system_message(GetLastError()) + ")";
        return false;
    }
    BY_HANDLE_FILE_INFORMATION info{};
    if (!GetFileInformationByHandle(file.h, &info) ||
        (info.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT))) {
        error = "cannot append to " + path.string() + " (not a regular file)";
        return false;
    }
    if (!write_all(file.h, bytes) || !FlushFileBuffers(file.h)) {
        error = "cannot append to " + path.string() + " (" + system_message(GetLastError()) + ")";
        return false;
    }
    return true;
}

} // namespace

#else

namespace {

// The temporary file, new: whatever was left under its name (a crash's leftover, or a link
// planted to redirect the write) is unlinked first, never followed, and O_EXCL | O_NOFOLLOW
// refuse anything that appears in between.
std::FILE* create_temporary(const fs::path& temporary, bool owner_only) {
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
}

// The rename itself lives in the folder's entry list: flush that too (best effort).
void sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// Writes the pieces durably to `temporary` and renames it over `path`.
bool write_and_replace(const fs::path& temporary, const fs::path& path, const Pieces& pieces,
                       std::string& error, const WriteOptions& options) {
    std::FILE* file = create_temporary(temporary, options.owner_only);
    if (!file) {
        error = "cannot write " + temporary.string() + " (" + std::strerror(errno) + ")";
        return false;
    }
    // Small pieces (a question's line) gathered into writes of 64 KiB.
    std::setvbuf(file, nullptr, _IOFBF, kWriteBuffer);
    bool written = true;
    const bool whole = pieces([&](std::string_view piece) {
        written = written && std::fwrite(piece.data(), 1, piece.size(), file) == piece.size();
    });
    // The durable step: the bytes reach the disk before the rename publishes them.
    const bool durable = options.survives == Survives::power_cut;
    written =
        written && whole && std::fflush(file) == 0 && (!durable || ::fsync(::fileno(file)) == 0);
    const bool closed = std::fclose(file) == 0;
    std::error_code ec;
    if (!written || !closed) {
        error = "cannot write " + temporary.string() + " (" + (whole ? "disk full?" : kIncomplete) +
                ")";
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
    if (durable)
        sync_folder(path.has_parent_path() ? path.parent_path() : fs::path("."));
    return true;
}

// Appends `bytes` to `path` (made when missing) and flushes them to the disk. A link or
// anything but a regular file under the name is refused (never followed, never waited on).
bool append_and_flush(const fs::path& path, std::string_view bytes, std::string& error) {
    const int fd = ::open(
        path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = "cannot append to " + path.string() + " (" + std::strerror(errno) + ")";
        return false;
    }
    struct stat info {};
    bool ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    if (!ok)
        error = "cannot append to " + path.string() + " (not a regular file)";
    const bool created = ok && info.st_size == 0;
    for (std::size_t done = 0; ok && done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        if (ok)
            done += static_cast<std::size_t>(n);
        else
            error = "cannot append to " + path.string() + " (" +
                    (n < 0 ? std::strerror(errno) : "disk full?") + ")";
    }
    if (ok && ::fdatasync(fd) != 0) {
        ok = false;
        error = "cannot append to " + path.string() + " (" + std::strerror(errno) + ")";
    }
    ::close(fd);
    // A new file's name lives in the folder's entry list: flush that too, once.
    if (ok && created)
        sync_folder(path.has_parent_path() ? path.parent_path() : fs::path("."));
    return ok;
}

} // namespace

#endif

bool append_durably(const fs::path& path, std::string_view bytes, std::string& error) {
    if (path.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        if (ec) {
            error = "cannot create " + path.parent_path().string() + ": " + ec.message();
            return false;
        }
    }
    return append_and_flush(path, bytes, error);
}

bool write_pieces_atomically(const fs::path& path, const Pieces& pieces, std::string& error,
                             const WriteOptions& options) {
    const auto temporary = temporary_beside(path, error);
    return temporary && write_and_replace(*temporary, path, pieces, error, options);
}

bool write_file_atomically(const fs::path& path, std::string_view bytes, std::string& error,
                           const WriteOptions& options) {
    return write_pieces_atomically(
        path,
        [bytes](const auto& put) {
            put(bytes);
            return true;
        },
        error, options);
}

} // namespace stagehand::control
