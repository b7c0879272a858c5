#include "core/chat/text_safety.hpp"

#include <cstdint>

namespace stagehand::core::chat {

namespace {

// Decodes one UTF-8 sequence at `i`; returns its length, or 0 when it is not valid UTF-8
// (overlong forms, surrogates and values past U+10FFFF are invalid too).
std::size_t decode(std::string_view s, std::size_t i, char32_t& out) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t length;
    char32_t cp;
    if (b0 < 0x80) {
        out = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        length = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        length = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        length = 4;
        cp = b0 & 0x07;
    } else {
        return 0;
    }
    if (i + length > s.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    out = cp;
    return length;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_control(char32_t cp) {
    // C0, DEL and C1 controls, and the bidi embedding/override/isolate controls that could make
    // a viewer's text reorder the words around it on screen.
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

} // namespace

SafeText make_safe(std::string_view input, bool keep_newlines, std::size_t max_code_points) {
    SafeText out;
    std::vector<char32_t> kept;
    kept.reserve(input.size());
    for (std::size_t i = 0; i < input.size();) {
        char32_t cp = 0;
        std::size_t length = decode(input, i, cp);
        if (length == 0) {
            cp = 0xFFFD; // one replacement per invalid byte, as decoders commonly do
            length = 1;
            out.changed = true;
        }
        i += length;
        if (is_control(cp) && !(cp == '\n' && keep_newlines)) {
            out.index_of.push_back(std::string::npos);
            out.changed = true;
            continue;
        }
        out.index_of.push_back(kept.size());
        kept.push_back(cp);
    }
    // Over the limit: the first max-1 code points and an ellipsis, max in all.
    if (max_code_points > 0 && kept.size() > max_code_points) {
        kept.resize(max_code_points - 1);
        kept.push_back(0x2026);
        for (auto& index : out.index_of)
            if (index != std::string::npos && index >= max_code_points - 1)
                index = std::string::npos;
        out.changed = true;
    }
    out.text.reserve(input.size());
    for (char32_t cp : kept)
        append(out.text, cp);
    return out;
}

} // namespace stagehand::core::chat
