#pragma once

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

// A size as people say it: "300 bytes", "12 KB", "50.0 MB".
std::string readable_size(std::uint64_t bytes);

} // namespace stagehand::core
