#pragma once

#include "core/color.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace stagehand::core {

struct Rect {
    float x = 0.0f;
    float y = 0.0f;
    float w = 0.0f;
    float h = 0.0f;

    friend bool operator==(const Rect&, const Rect&) = default;
};

// One drawable: a rounded rectangle whose edge is computed per pixel from its signed distance
// (so corners stay crisp at any size, and a large softness turns it into a soft shadow).
// Colours run top to bottom for a vertical gradient.
struct ShapeQuad {
    Rect rect;
    float radius = 0.0f;
    // Width in pixels over which coverage falls from 1 to 0 at the edge: 1 is an anti-aliased
    // hard edge, larger values blur (drop shadows, glows).
    float softness = 1.0f;
    Color top;
    Color bottom;
};

// What an overlay model produces and the renderer consumes: everything needed to draw one
// source at its pixel size, in back-to-front order.
struct RenderList {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<ShapeQuad> shapes;

    bool empty() const { return shapes.empty(); }
};

// Readable, stable text form of a RenderList for golden tests and logs.
std::string describe(const RenderList& list);

// The vertex streams the GPU consumes, laid out as libobs wants them (structure of arrays).
// Each shape becomes two triangles (6 vertices) covering its rectangle grown by its softness,
// so the fading edge is never clipped.
//   position: x, y, 0, 0            (libobs vec3 is 16 bytes)
//   colour:   RGBA8, straight alpha
//   tex0:     x, y relative to the shape's centre, in pixels; 0, 0 (reserved for glyph uv)
//   tex1:     half width, half height, corner radius, softness
struct VertexStreams {
    std::vector<float> position;
    std::vector<std::uint32_t> color;
    std::vector<float> tex0;
    std::vector<float> tex1;

    std::size_t vertex_count() const { return color.size(); }
    void clear();
};

inline constexpr std::size_t kVerticesPerQuad = 6;

void append_vertices(const RenderList& list, VertexStreams& out);

} // namespace stagehand::core
