#include "core/draw/render_list.hpp"

#include "core/text/glyph_atlas.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_set>

namespace stagehand::core {

std::string describe(const RenderList& list) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "size %ux%u\n", list.width, list.height);
    out += line;
    for (const ShapeQuad& s : list.shapes) {
        std::snprintf(line, sizeof line, "shape %.2f,%.2f %.2fx%.2f r=%.2f soft=%.2f %s", s.rect.x,
                      s.rect.y, s.rect.w, s.rect.h, s.radius, s.softness, to_hex(s.top).c_str());
        out += line;
        if (s.bottom != s.top)
            out += " -> " + to_hex(s.bottom);
        out += '\n';
    }
    return out;
}

void VertexStreams::clear() {
    position.clear();
    color.clear();
    tex0.clear();
    tex1.clear();
    ranges.clear();
    static_vertices = 0;
    static_key = 0;
    width = 0;
    height = 0;
}

namespace {

void append_quad(VertexStreams& out, float x0, float y0, float x1, float y1, std::uint32_t top,
                 std::uint32_t bottom, const float (&t0)[4][2], const float (&t0zw)[4][2],
                 const float (&t1)[4]) {
    // Corners: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right; two triangles.
    const float xs[4] = {x0, x1, x0, x1};
    const float ys[4] = {y0, y0, y1, y1};
    const std::uint32_t colors[4] = {top, top, bottom, bottom};
    for (int corner : {0, 1, 2, 1, 3, 2}) {
        out.position.insert(out.position.end(), {xs[corner], ys[corner], 0.0f, 0.0f});
        out.color.push_back(colors[corner]);
        out.tex0.insert(out.tex0.end(),
                        {t0[corner][0], t0[corner][1], t0zw[corner][0], t0zw[corner][1]});
        out.tex1.insert(out.tex1.end(), {t1[0], t1[1], t1[2], t1[3]});
    }
}

void append_shapes(const RenderList& list, VertexStreams& out) {
    for (const ShapeQuad& s : list.shapes) {
        const float soft = std::max(s.softness, 1.0f);
        const float half_w = s.rect.w * 0.5f;
        const float half_h = s.rect.h * 0.5f;
        const float cx = s.rect.x + half_w;
        const float cy = s.rect.y + half_h;
        const float radius = std::clamp(s.radius, 0.0f, std::min(half_w, half_h));
        // The edge fades over `soft` pixels centred on the outline: grow the quad to hold it.
        const float grow = soft * 0.5f + 1.0f;
        const float x0 = s.rect.x - grow, x1 = s.rect.x + s.rect.w + grow;
        const float y0 = s.rect.y - grow, y1 = s.rect.y + s.rect.h + grow;
        const std::uint32_t top = to_vertex_rgba8(s.top);
        const std::uint32_t bottom = to_vertex_rgba8(s.bottom);

        // The gradient is defined over the shape's own rectangle; the grown margin keeps the end
        // colours (close enough: the margin is a few pixels of fading edge).
        const float local[4][2] = {
            {x0 - cx, y0 - cy}, {x1 - cx, y0 - cy}, {x0 - cx, y1 - cy}, {x1 - cx, y1 - cy}};
        const float unused[4][2] = {};
        const float shape[4] = {half_w, half_h, radius, soft};
        append_quad(out, x0, y0, x1, y1, top, bottom, local, unused, shape);
    }
}

// One layer of glyph quads: the shadow, outline or fill of every glyph.
struct GlyphLayer {
    std::uint32_t outline_64 = 0;
    float dx = 0.0f, dy = 0.0f;
    const Color* tint = nullptr; // nullptr: each glyph's own colour
};

// The copies of the text a list draws, back to front: its shadow and outline (both from the
// outline bitmap, or the fill without an outline), then the fill itself.
std::vector<GlyphLayer> glyph_layers(const TextEffects& fx) {
    const auto outline_64 = fx.has_outline() ? text::to_26_6(fx.outline_width) : 0u;
    std::vector<GlyphLayer> layers;
    if (fx.has_shadow())
        layers.push_back(GlyphLayer{outline_64, fx.shadow_x, fx.shadow_y, &fx.shadow});
    if (fx.has_outline())
        layers.push_back(GlyphLayer{outline_64, 0.0f, 0.0f, &fx.outline});
    layers.push_back(GlyphLayer{});
    return layers;
}

// The atlas key glyph `g` is drawn with in layer `li`, or nothing: colour glyphs (emoji) keep
// their own look, with no tinted shadow or outline copies.
std::optional<text::GlyphKey> layer_key(const text::PositionedGlyph& g,
                                        const std::vector<GlyphLayer>& layers, std::size_t li) {
    if (g.color_glyph && li + 1 < layers.size())
        return std::nullopt;
    text::GlyphKey key = g.key;
    key.outline_64 = g.color_glyph ? 0 : layers[li].outline_64;
    return key;
}

} // namespace

std::vector<text::GlyphKey> glyph_keys(const RenderList& list) {
    const std::vector<GlyphLayer> layers = glyph_layers(list.text_effects);
    std::vector<text::GlyphKey> keys;
    std::unordered_set<text::GlyphKey, text::GlyphKeyHash> seen;
    for (const text::PositionedGlyph& g : list.glyphs)
        for (std::size_t li = 0; li < layers.size(); ++li)
            if (const auto key = layer_key(g, layers, li); key && seen.insert(*key).second)
                keys.push_back(*key);
    return keys;
}

namespace {

void append_glyphs(const RenderList& list, text::GlyphAtlas& atlas, VertexStreams& out) {
    const std::vector<GlyphLayer> layers = glyph_layers(list.text_effects);

    struct Placed {
        const text::PositionedGlyph* glyph;
        const text::AtlasGlyph* place;
        std::uint16_t layer;
    };
    std::vector<Placed> placed;
    placed.reserve(list.glyphs.size() * layers.size());
    for (std::uint16_t li = 0; li < layers.size(); ++li)
        for (const text::PositionedGlyph& g : list.glyphs) {
            const auto key = layer_key(g, layers, li);
            const text::AtlasGlyph* a = key ? atlas.find_or_add(*key) : nullptr;
            if (a && a->w > 0)
                placed.push_back(Placed{&g, a, li});
        }
    // Group by page (one draw each) within each layer: all shadows, then all outlines, then all
    // fills, whatever page each glyph is on (grouping by page alone drew a neighbour's shadow
    // over a fill once the glyphs spanned two pages). On one page the layers stay one draw.
    std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
        return a.layer != b.layer ? a.layer < b.layer : a.place->page < b.place->page;
    });

    const auto& pages = atlas.pages();
    const float no_local[4][2] = {};
    for (std::size_t i = 0; i < placed.size();) {
        const int page = placed[i].place->page;
        const bool colour_page =
            pages[static_cast<std::size_t>(page)].format == text::PageFormat::Rgba8;
        DrawRange range{page, colour_page, static_cast<std::uint32_t>(out.vertex_count()), 0};
        const float inv = 1.0f / static_cast<float>(pages[static_cast<std::size_t>(page)].size);
        for (; i < placed.size() && placed[i].place->page == page; ++i) {
            const text::PositionedGlyph& g = *placed[i].glyph;
            const text::AtlasGlyph& a = *placed[i].place;
            const GlyphLayer& layer = layers[placed[i].layer];
            const float x0 = std::round(g.x + layer.dx) + std::round(a.left);
            const float y0 = std::round(g.y + layer.dy) - std::round(a.top);
            const float x1 = x0 + a.w, y1 = y0 + a.h;
            const float u0 = a.x * inv, v0 = a.y * inv;
            const float u1 = (a.x + a.w) * inv, v1 = (a.y + a.h) * inv;
            const float uv[4][2] = {{u0, v0}, {u1, v0}, {u0, v1}, {u1, v1}};
            Color tint = g.color;
            if (layer.tint) {
                // The glyph's own alpha (dimmed lines, fading text) applies to its shadow and
                // outline too.
                tint = *layer.tint;
                tint.a *= g.color.a;
            }
            if (a.color)
                tint = Color{1.0f, 1.0f, 1.0f, g.color.a};
            const std::uint32_t rgba = to_vertex_rgba8(tint);
            const float mode[4] = {a.color ? 2.0f : 1.0f, 0.0f, 0.0f, 0.0f};
            append_quad(out, x0, y0, x1, y1, rgba, rgba, no_local, uv, mode);
        }
        range.count = static_cast<std::uint32_t>(out.vertex_count()) - range.first;
        out.ranges.push_back(range);
    }
}

} // namespace

void build_vertices(const RenderList& list, text::GlyphAtlas* atlas, VertexStreams& out) {
    out.clear();
    const std::size_t quads = list.shapes.size() + list.glyphs.size();
    out.position.reserve(quads * kVerticesPerQuad * 4);
    out.color.reserve(quads * kVerticesPerQuad);
    out.tex0.reserve(quads * kVerticesPerQuad * 4);
    out.tex1.reserve(quads * kVerticesPerQuad * 4);
    append_shapes(list, out);
    out.width = list.width;
    out.height = list.height;
    const std::size_t static_shapes = std::min(list.static_shapes, list.shapes.size());
    out.static_vertices = static_shapes * kVerticesPerQuad;
    if (static_shapes > 0) {
        // FNV-1a over the static shapes' values and the list's size.
        std::uint64_t key = 14695981039346656037ull;
        const auto mix = [&key](const void* data, std::size_t size) {
            const auto* bytes = static_cast<const unsigned char*>(data);
            for (std::size_t i = 0; i < size; ++i)
                key = (key ^ bytes[i]) * 1099511628211ull;
        };
        mix(&list.width, sizeof list.width);
        mix(&list.height, sizeof list.height);
        for (std::size_t i = 0; i < static_shapes; ++i) {
            const ShapeQuad& s = list.shapes[i];
            const float values[14] = {s.rect.x,   s.rect.y,   s.rect.w,   s.rect.h,  s.radius,
                                      s.softness, s.top.r,    s.top.g,    s.top.b,   s.top.a,
                                      s.bottom.r, s.bottom.g, s.bottom.b, s.bottom.a};
            mix(values, sizeof values);
        }
        out.static_key = key;
    }
    if (out.vertex_count() > 0)
        out.ranges.push_back(
            DrawRange{-1, false, 0, static_cast<std::uint32_t>(out.vertex_count())});
    if (atlas && !list.glyphs.empty())
        append_glyphs(list, *atlas, out);
}

std::size_t unchanged_static_shapes(const RenderList& list, const std::vector<ShapeQuad>& frame) {
    const std::size_t limit = std::min({list.static_shapes, list.shapes.size(), frame.size()});
    std::size_t n = 0;
    while (n < limit && frame[n] == list.shapes[n])
        ++n;
    // A part of the card is no card: all of it, or none.
    return n == std::min(list.static_shapes, list.shapes.size()) ? n : 0;
}

void append_layout(const text::TextLayout& layout, float dx, float dy, RenderList& list) {
    for (ShapeQuad d : layout.decorations) {
        d.rect.x += dx;
        d.rect.y += dy;
        list.shapes.push_back(d);
    }
    list.glyphs.reserve(list.glyphs.size() + layout.glyphs.size());
    for (text::PositionedGlyph g : layout.glyphs) {
        g.x += dx;
        g.y += dy;
        list.glyphs.push_back(g);
    }
}

} // namespace stagehand::core
