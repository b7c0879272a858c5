#include "core/base/color.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace stagehand::core {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::uint8_t to_byte(float v) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
}

float from_byte(std::uint32_t v) {
    return static_cast<float>(v & 0xFFu) / 255.0f;
}

} // namespace

std::optional<Color> parse_hex_color(std::string_view text, std::string* error) {
    auto fail = [&](const char* why) -> std::optional<Color> {
        if (error)
            *error = std::string(why) + ", got \"" + std::string(text) + "\"";
        return std::nullopt;
    };
    if (text.empty() || text.front() != '#')
        return fail("expected a colour like #RRGGBB or #RRGGBBAA");
    std::string_view digits = text.substr(1);
    if (digits.size() != 3 && digits.size() != 6 && digits.size() != 8)
        return fail("expected 3, 6 or 8 hex digits after '#'");

    int values[8] = {};
    for (std::size_t i = 0; i < digits.size(); ++i) {
        values[i] = hex_digit(digits[i]);
        if (values[i] < 0)
            return fail("expected only hex digits 0-9, a-f after '#'");
    }

    Color c;
    if (digits.size() == 3) {
        c.r = static_cast<float>(values[0] * 17) / 255.0f;
        c.g = static_cast<float>(values[1] * 17) / 255.0f;
        c.b = static_cast<float>(values[2] * 17) / 255.0f;
        return c;
    }
    auto pair = [&](int i) {
        return static_cast<float>(values[i] * 16 + values[i + 1]) / 255.0f;
    };
    c.r = pair(0);
    c.g = pair(2);
    c.b = pair(4);
    c.a = digits.size() == 8 ? pair(6) : 1.0f;
    return c;
}

std::string to_hex(const Color& c) {
    char buf[10];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X%02X", to_byte(c.r), to_byte(c.g), to_byte(c.b),
                  to_byte(c.a));
    return buf;
}

Color from_obs_abgr(std::uint32_t abgr) {
    return Color{from_byte(abgr), from_byte(abgr >> 8), from_byte(abgr >> 16),
                 from_byte(abgr >> 24)};
}

std::uint32_t to_obs_abgr(const Color& c) {
    return static_cast<std::uint32_t>(to_byte(c.r)) |
           static_cast<std::uint32_t>(to_byte(c.g)) << 8 |
           static_cast<std::uint32_t>(to_byte(c.b)) << 16 |
           static_cast<std::uint32_t>(to_byte(c.a)) << 24;
}

std::uint32_t to_vertex_rgba8(const Color& c) {
    // Little-endian: the low byte is first in memory, so R lands first as GL and D3D expect.
    return to_obs_abgr(c);
}

} // namespace stagehand::core
