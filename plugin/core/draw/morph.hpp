#pragma once

#include "core/draw/render_list.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stagehand::core {

// A Magic-Move style transition between two RenderLists: glyphs that appear in both, in the
// same order (the longest common subsequence of glyph identities), glide from their old place
// to their new one; glyphs only in the old list fade out, glyphs only in the new one fade in.
// So when a line is inserted, the lines below slide down instead of blinking.
struct MorphPlan {
    struct Pair {
        std::uint32_t from; // index into from.glyphs
        std::uint32_t to;   // index into to.glyphs
    };
    std::vector<Pair> matched;
    std::vector<std::uint32_t> only_from;
    std::vector<std::uint32_t> only_to;
    // Shapes (focus bars, diff tints, window dots) the same way: identical ones stay, a shape
    // that changed place or size in a stretch where as many shapes went as came slides and
    // resizes into its new one (the focus bar travels to the next step), the rest fade.
    std::vector<Pair> shapes_matched;
    std::vector<std::uint32_t> shapes_only_from;
    std::vector<std::uint32_t> shapes_only_to;
    // How far the content scrolls (to.scroll_y - from.scroll_y): text that goes slides out with
    // it and text that comes slides in, inside the scroll area.
    float scroll = 0.0f;
    bool usable = false; // false when the lists are too large to match cheaply: dissolve instead
};

// Matches the glyphs of two lists: lines (runs of glyphs on one baseline) first, then glyphs
// within each stretch of changed lines, then whole tokens that moved (a line or word that went
// from one place to another, which an in-order match cannot pair): glyphs still unmatched are
// grouped into tokens (neighbours on one baseline in one colour, as highlighting paints them)
// and a token that left pairs with the nearest identical one that arrived. Work is bounded:
// with more than `max_cells` line pairs the plan is not usable (dissolve instead); a changed
// stretch too large to match glyph by glyph fades out and in.
MorphPlan plan_morph(const RenderList& from, const RenderList& to,
                     std::size_t max_cells = 4'000'000);

// The picture at time t in [0, 1] (already eased or not, as the caller likes): the new list's
// shapes and text effects, with glyphs moved and faded as the plan says.
RenderList morph_frame(const MorphPlan& plan, const RenderList& from, const RenderList& to,
                       float t);

// Only the shapes of morph_frame(plan, from, to, t): few, so cheap to rebuild every frame.
std::vector<ShapeQuad> morph_shapes(const MorphPlan& plan, const RenderList& from,
                                    const RenderList& to, float t);

// Where glyphs that leave and arrive while scrolling start and end (the slide), and the area
// they are clipped to; an empty area when the plan does not scroll.
Rect morph_clip(const MorphPlan& plan, const RenderList& to);

// The glyphs of a whole morph as vertex streams the GPU interpolates, so no frame of the
// transition costs the CPU more than its few shapes: position and colour say where and how each
// glyph quad starts, tex0.xy how far it moves by the end, tex1 its colour at the end (straight
// RGBA floats), tex0.zw its atlas uv as usual. Frame t draws position + tex0.xy * t in
// mix(colour, tex1, t), clipped to morph_clip(). Returns false (out cleared) when the start and
// end pictures do not build to the same quads; draw morph_frame() then.
bool build_morph_vertices(const MorphPlan& plan, const RenderList& from, const RenderList& to,
                          text::GlyphAtlas& atlas, VertexStreams& out);

} // namespace stagehand::core
