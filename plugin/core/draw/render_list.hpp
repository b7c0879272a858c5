#pragma once

#include "core/draw/shape.hpp"
#include "core/text/text_layout.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace stagehand::core {

// Text decoration drawn from the glyphs themselves, in the same buffer and draw as the text: a
// shadow is each glyph again, offset and tinted; an outline is FreeType's stroked glyph under
// it. No extra draw calls, unlike nine offset copies of the whole text.
struct TextEffects {
    Color outline{0.0f, 0.0f, 0.0f, 0.0f};
    float outline_width = 0.0f; // pixels
    Color shadow{0.0f, 0.0f, 0.0f, 0.0f};
    float shadow_x = 0.0f;
    float shadow_y = 0.0f;

    bool has_outline() const { return outline.a > 0.0f && outline_width > 0.0f; }
    bool has_shadow() const { return shadow.a > 0.0f; }
};

// What an overlay model produces and the renderer consumes: everything needed to draw one
// source at its pixel size, in back-to-front order.
struct RenderList {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<ShapeQuad> shapes; // drawn first, in order
    // How many of the first shapes make the static layer (the card: shadow, border, fill): they
    // change only with the look or the size, so the renderer draws them once into a picture.
    std::size_t static_shapes = 0;
    std::vector<text::PositionedGlyph> glyphs; // drawn over the shapes
    TextEffects text_effects;
    // For content that scrolls (a code window onto a longer file): the area its text lives in
    // and how far the content is scrolled (pixels from the top of the document to the top of
    // that area). A transition between two scroll positions slides the text by the difference
    // and leaves out glyphs outside the area. An empty area: no scrolling.
    Rect scroll_area;
    float scroll_y = 0.0f;
    // Replace what is on screen at once, with no transition (a question withdrawn in chat must
    // not fade out readably).
    bool instant = false;

    bool empty() const { return shapes.empty() && glyphs.empty(); }
};

// Appends a laid-out text block's decorations and glyphs, moved by (dx, dy).
void append_layout(const text::TextLayout& layout, float dx, float dy, RenderList& list);

// Every distinct atlas key drawing `list` needs (fills, and outline bitmaps when the list has
// an outline or a shadow), in first-use order: what a worker stages before the video thread
// draws it.
std::vector<text::GlyphKey> glyph_keys(const RenderList& list);

// Readable, stable text form of a RenderList for golden tests and logs.
std::string describe(const RenderList& list);

// The vertex streams the GPU consumes, laid out as libobs wants them (structure of arrays).
// Each shape becomes two triangles (6 vertices) covering its rectangle grown by its softness,
// so the fading edge is never clipped.
//   position: x, y, 0, 0            (libobs vec3 is 16 bytes)
//   colour:   RGBA8, straight alpha
//   tex0:     shapes: x, y relative to the shape's centre, in pixels; glyphs: 0, 0, u, v
//   tex1:     shapes: half width, half height, corner radius, softness (> 0)
//             glyphs: mode (1 = tinted coverage, 2 = colour bitmap), 0, 0, 0 (softness 0)
// Ranges say which vertices to draw with which atlas page bound.
struct DrawRange {
    int page = -1;      // -1: shapes, no texture needed
    bool color = false; // an RGBA page of colour glyphs
    std::uint32_t first = 0;
    std::uint32_t count = 0;
};

struct VertexStreams {
    std::vector<float> position;
    std::vector<std::uint32_t> color;
    std::vector<float> tex0;
    std::vector<float> tex1;
    std::vector<DrawRange> ranges;
    // The static layer: its vertices come first (static_vertices of them), and static_key says
    // what they draw (their shapes and the list's size): equal keys, equal pictures.
    std::size_t static_vertices = 0;
    std::uint64_t static_key = 0;
    std::uint32_t width = 0; // the list's size in pixels
    std::uint32_t height = 0;

    std::size_t vertex_count() const { return color.size(); }
    void clear();
};

inline constexpr std::size_t kVerticesPerQuad = 6;

namespace text {
class GlyphAtlas;
}

// Fills `out` with the shapes, then the glyphs grouped by atlas page (one draw per page).
// Glyphs are placed in the atlas as needed (rasterised on first use); without an atlas only
// shapes are built. Glyph pen positions are rounded to whole pixels so bitmaps map 1:1 to
// screen pixels.
void build_vertices(const RenderList& list, text::GlyphAtlas* atlas, VertexStreams& out);

// How many leading shapes of `frame` are the static layer of `list` unchanged (a frame of a
// transition keeps the card while the rest moves): at most list.static_shapes.
std::size_t unchanged_static_shapes(const RenderList& list, const std::vector<ShapeQuad>& frame);

} // namespace stagehand::core
