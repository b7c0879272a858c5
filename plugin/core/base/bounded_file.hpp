#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace stagehand::core {

// Reads a whole file that the plugin was pointed at (a talk file, a followed file, a theme, a
// saved state file): a regular file only, and at most `max_bytes`. A FIFO, a device such as
// /dev/zero or a folder is refused without reading (a FIFO would block the reading thread until
// a writer came; a device never ends), and the read itself stops past the limit, so a file that
// grows while it is read cannot take the memory either.
struct FileRead {
    std::optional<std::string> text; // nothing: see `error`
    std::string error;               // "is not a regular file", "is 12.0 MB; at most 5.0 MB", ...
    bool missing = false;            // there is nothing at that path
};
// A path, not a string: on Windows a narrow string would be read in the ANSI code page, and a
// user folder with an accent in its name could not be read.
FileRead read_bounded_file(const std::filesystem::path& path, std::uint64_t max_bytes);

// A regular file open for reading at any offset, with read_bounded_file's refusals (it opens
// files through this): a FIFO is not waited for, a device or a folder is refused. For a file
// read in pieces rather than whole (the saving worker copying lines from its last file). On
// Windows it is shared for writing and deleting, so a save that renames a file over it works.
class RegularFile {
public:
    explicit RegularFile(const std::filesystem::path& path);
    ~RegularFile();
    RegularFile(const RegularFile&) = delete;
    RegularFile& operator=(const RegularFile&) = delete;

    bool is_open() const { return error_.empty(); }
    // Why it is not open: "does not exist", "is not a regular file", "cannot be read (...)".
    const std::string& error() const { return error_; }
    bool missing() const { return missing_; }
    std::uint64_t size() const { return size_; }
    // Reads up to `n` bytes at `offset` into `into`: how many (0 at the end), or nothing on an
    // error (then error() says which).
    std::optional<std::size_t> read_at(std::uint64_t offset, char* into, std::size_t n);

private:
    void fail(std::string error);
#if defined(_WIN32)
    void* handle_ = nullptr;
#else
    int fd_ = -1;
#endif
    std::uint64_t size_ = 0;
    std::string error_;
    bool missing_ = false;
};

// A size as people say it: "300 bytes", "12 KB", "50.0 MB".
std::string readable_size(std::uint64_t bytes);

} // namespace stagehand::core
