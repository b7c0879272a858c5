#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stagehand::core {

// A colour as users and presets write it: sRGB-encoded channels with straight (not
// premultiplied) alpha, each in 0..1. Premultiplication happens on the GPU, per pixel, after
// coverage is known, so that anti-aliased edges of translucent shapes blend correctly.
struct Color {
    float r = 0.0f;
    float g = 0.0f;
    float b = 0.0f;
    float a = 1.0f;

    friend bool operator==(const Color&, const Color&) = default;
};

// Parses "#RGB", "#RRGGBB" or "#RRGGBBAA" (case-insensitive). Returns nullopt and fills
// `error` (when given) with what was expected on anything else.
std::optional<Color> parse_hex_color(std::string_view text, std::string* error = nullptr);

// "#RRGGBBAA", the canonical form presets are written in.
std::string to_hex(const Color& c);

// OBS colour properties store 0xAABBGGRR (the byte order of an RGBA8 texel in memory).
Color from_obs_abgr(std::uint32_t abgr);
std::uint32_t to_obs_abgr(const Color& c);

// Packs to the byte order libobs uploads vertex colours in (R, G, B, A in memory).
std::uint32_t to_vertex_rgba8(const Color& c);

} // namespace stagehand::core
