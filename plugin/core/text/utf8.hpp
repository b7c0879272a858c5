#pragma once

#include <cstddef>
#include <string_view>

namespace stagehand::core::text {

// Decodes the UTF-8 sequence starting at s[i]. Returns its length in bytes and sets `cp`; a
// malformed sequence (bad lead or continuation byte, truncated, overlong, surrogate, beyond
// U+10FFFF) returns 0, and the caller shows one U+FFFD for the byte at i.
inline std::size_t decode_utf8_at(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const std::size_t len = b0 < 0x80           ? 1
                            : (b0 >> 5) == 0x6  ? 2
                            : (b0 >> 4) == 0xE  ? 3
                            : (b0 >> 3) == 0x1E ? 4
                                                : 0;
    if (len == 0 || i + len > s.size())
        return 0;
    if (len == 1) {
        cp = b0;
        return 1;
    }
    char32_t value = b0 & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b >> 6) != 0x2)
            return 0;
        value = (value << 6) | (b & 0x3F);
    }
    constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < min_for_len[len] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    cp = value;
    return len;
}

inline bool is_valid_utf8(std::string_view s) {
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = decode_utf8_at(s, i, cp);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

} // namespace stagehand::core::text
