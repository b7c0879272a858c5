#include "core/base/bounded_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#if !defined(_WIN32)
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

FileRead read_bounded_file(const std::string& path, std::uint64_t max_bytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        FileRead r = refused("does not exist");
        r.missing = true;
        return r;
    }
    if (!std::filesystem::is_regular_file(status))
        return refused("is not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return refused("cannot be read");
    std::string text;
    char chunk[65536];
    while (in) {
        in.read(chunk, sizeof chunk);
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes)
            return too_big(text.size(), max_bytes);
    }
    FileRead r;
    r.text = std::move(text);
    return r;
}

#else

FileRead read_bounded_file(const std::string& path, std::uint64_t max_bytes) {
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
