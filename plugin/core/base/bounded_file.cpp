#include "core/base/bounded_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#if defined(_WIN32)
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace stagehand::core {

std::string readable_size(std::uint64_t bytes) {
    char text[32];
    if (bytes >= 1024u * 1024u)
        std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    else if (bytes >= 1024u)
        std::snprintf(text, sizeof text, "%.0f KB", static_cast<double>(bytes) / 1024.0);
    else
        std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
    return text;
}

namespace {

FileRead refused(std::string error) {
    FileRead r;
    r.error = std::move(error);
    return r;
}

FileRead too_big(std::uint64_t size, std::uint64_t max_bytes) {
    return refused("is " + readable_size(size) + "; at most " + readable_size(max_bytes) +
                   " is read");
}

} // namespace

void RegularFile::fail(std::string error) {
    error_ = std::move(error);
    if (error_.empty())
        error_ = "cannot be read";
}

#if defined(_WIN32)

namespace {

std::string windows_error(DWORD code) {
    char text[256] = {};
    const DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                                   nullptr, code, 0, text, sizeof text, nullptr);
    std::string out(text, n);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == '.'))
        out.pop_back();
    return out.empty() ? "error " + std::to_string(code) : out;
}

} // namespace

RegularFile::RegularFile(const std::filesystem::path& path) {
    // Shared for reading, writing and deleting: the plugin's own saves replace a file by renaming
    // a new one over it (control/store.cpp), and an editor saving a followed file does the same;
    // neither may fail because this read holds the file open.
    const HANDLE file = CreateFileW(path.c_str(), GENERIC_READ,
                                    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                                    OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        const DWORD error = GetLastError();
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) {
            fail("is a folder, not a file");
            return;
        }
        missing_ = error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND;
        fail(missing_ ? "does not exist" : "cannot be read (" + windows_error(error) + ")");
        return;
    }
    handle_ = file;
    // A console, a printer port or a pipe (NUL, CON, \\.\pipe\...) is not a file to read.
    if (GetFileType(file) != FILE_TYPE_DISK) {
        fail("is not a regular file");
        return;
    }
    LARGE_INTEGER size{};
    if (!GetFileSizeEx(file, &size)) {
        fail("cannot be read (" + windows_error(GetLastError()) + ")");
        return;
    }
    size_ = static_cast<std::uint64_t>(size.QuadPart);
}

RegularFile::~RegularFile() {
    if (handle_)
        CloseHandle(static_cast<HANDLE>(handle_));
}

std::optional<std::size_t> RegularFile::read_at(std::uint64_t offset, char* into, std::size_t n) {
    if (!is_open())
        return std::nullopt;
    OVERLAPPED at{};
    at.Offset = static_cast<DWORD>(offset & 0xFFFFFFFFu);
    at.OffsetHigh = static_cast<DWORD>(offset >> 32);
    DWORD got = 0;
    if (!ReadFile(static_cast<HANDLE>(handle_), into,
                  static_cast<DWORD>(std::min<std::size_t>(n, 1u << 30)), &got, &at)) {
        const DWORD error = GetLastError();
        if (error == ERROR_HANDLE_EOF)
            return 0;
        fail("cannot be read (" + windows_error(error) + ")");
        return std::nullopt;
    }
    return got;
}

#else

RegularFile::RegularFile(const std::filesystem::path& path) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
    fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0) {
        const int error = errno;
        missing_ = error == ENOENT;
        fail(missing_ ? "does not exist"
                      : std::string("cannot be read (") + std::strerror(error) + ")");
        return;
    }
    struct stat info {};
    if (::fstat(fd_, &info) != 0) {
        fail(std::string("cannot be read (") + std::strerror(errno) + ")");
        return;
    }
    if (S_ISDIR(info.st_mode)) {
        fail("is a folder, not a file");
        return;
    }
    if (!S_ISREG(info.st_mode)) {
        fail("is not a regular file");
        return;
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
}

RegularFile::~RegularFile() {
    if (fd_ >= 0)
        ::close(fd_);
}

std::optional<std::size_t> RegularFile::read_at(std::uint64_t offset, char* into, std::size_t n) {
    if (!is_open())
        return std::nullopt;
    for (;;) {
        const ssize_t got = ::pread(fd_, into, n, static_cast<off_t>(offset));
        if (got >= 0)
            return static_cast<std::size_t>(got);
        if (errno != EINTR) {
            fail(std::string("cannot be read (") + std::strerror(errno) + ")");
            return std::nullopt;
        }
    }
}

#endif

FileRead read_bounded_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
    RegularFile file(path);
    if (!file.is_open()) {
        FileRead r = refused(file.error());
        r.missing = file.missing();
        return r;
    }
    if (file.size() > max_bytes)
        return too_big(file.size(), max_bytes);
    std::string text;
    text.reserve(static_cast<std::size_t>(file.size()));
    char chunk[65536];
    for (;;) {
        const auto n = file.read_at(text.size(), chunk, sizeof chunk);
        if (!n)
            return refused(file.error());
        if (*n == 0)
            break;
        text.append(chunk, *n);
        if (text.size() > max_bytes) // it grew while being read
            return too_big(text.size(), max_bytes);
    }
    FileRead r;
    r.text = std::move(text);
    return r;
}

} // namespace stagehand::core
