#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace stagehand::core {

// Paths arrive as UTF-8 (OBS's settings, JSON requests, the dock) and leave as UTF-8. A
// std::string handed to std::filesystem::path is read in the system's narrow encoding, which on
// Windows is the ANSI code page, not UTF-8: "C:\Users\Zoë\talk.json" would not be found. These
// two make the conversion explicit and the same on every system.
inline std::filesystem::path utf8_path(std::string_view utf8) {
    return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
}

inline std::string path_utf8(const std::filesystem::path& path) {
    const std::u8string text = path.u8string();
    return std::string(text.begin(), text.end());
}

} // namespace stagehand::core
