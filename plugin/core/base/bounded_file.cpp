#include "core/base/bounded_file.hpp"

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

FileRead read_bounded_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
    // Shared for reading, writing and deleting: the plugin's own saves replace a file by renaming
    // a new one over it (control/store.cpp), and an editor saving a followed file does the same;
    // neither may fail because this read holds the file open.
    const HANDLE file = CreateFileW(path.c_str(), GENERIC_READ,
                                    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                                    OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        const DWORD error = GetLastError();
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec))
            return refused("is a folder, not a file");
        const bool missing = error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND;
        FileRead r =
            refused(missing ? "does not exist" : "cannot be read (" + windows_error(error) + ")");
        r.missing = missing;
        return r;
    }
    struct Closer {
        HANDLE handle;
        ~Closer() { CloseHandle(handle); }
    } closer{file};
    // A console, a printer port or a pipe (NUL, CON, \\.\pipe\...) is not a file to read.
    if (GetFileType(file) != FILE_TYPE_DISK)
        return refused("is not a regular file");
    LARGE_INTEGER size{};
    if (!GetFileSizeEx(file, &size))
        return refused("cannot be read (" + windows_error(GetLastError()) + ")");
    if (static_cast<std::uint64_t>(size.QuadPart) > max_bytes)
        return too_big(static_cast<std::uint64_t>(size.QuadPart), max_bytes);
    std::string text;
    text.reserve(static_cast<std::size_t>(size.QuadPart));
    char chunk[65536];
    for (;;) {
        DWORD n = 0;
        if (!ReadFile(file, chunk, sizeof chunk, &n, nullptr))
            return refused("cannot be read (" + windows_error(GetLastError()) + ")");
        if (n == 0)
            break;
        text.append(chunk, n);
        if (text.size() > max_bytes) // it grew while being read
            return too_big(text.size(), max_bytes);
    }
    FileRead r;
    r.text = std::move(text);
    return r;
}

#else

FileRead read_bounded_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        FileRead r =
            refused(error == ENOENT ? "does not exist"
                                    : std::string("cannot be read (") + std::strerror(error) + ")");
        r.missing = error == ENOENT;
        return r;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return refused(std::string("cannot be read (") + std::strerror(errno) + ")");
    if (S_ISDIR(info.st_mode))
        return refused("is a folder, not a file");
    if (!S_ISREG(info.st_mode))
        return refused("is not a regular file");
    const auto size = static_cast<std::uint64_t>(info.st_size);
    if (size > max_bytes)
        return too_big(size, max_bytes);
    std::string text;
    text.reserve(static_cast<std::size_t>(size));
    char chunk[65536];
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return refused(std::string("cannot be read (") + std::strerror(errno) + ")");
        }
        if (n == 0)
            break;
        text.append(chunk, static_cast<std::size_t>(n));
        if (text.size() > max_bytes) // it grew while being read
            return too_big(text.size(), max_bytes);
    }
    FileRead r;
    r.text = std::move(text);
    return r;
}

#endif

} // namespace stagehand::core
