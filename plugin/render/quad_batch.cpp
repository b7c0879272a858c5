#include "render/quad_batch.hpp"

#include "render/layer_cache.hpp"

#include <graphics/vec3.h>
#include <util/bmem.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <string_view>

namespace stagehand::render {

namespace {
constexpr std::size_t kTexArrays = 2;
constexpr std::size_t kFloatsPerTexcoord = 4;
constexpr std::size_t kMinCapacity = 64 * core::kVerticesPerQuad;

template <typename T>
std::uint64_t hash_of(const T* data, std::size_t count) {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(data), sizeof(T) * count));
}

gs_vb_data* vertex_data(std::size_t vertices, bool colors, std::size_t tex_arrays,
                        std::size_t floats_per_texcoord) {
    gs_vb_data* data = gs_vbdata_create();
    data->num = vertices;
    data->points = static_cast<vec3*>(bzalloc(sizeof(vec3) * vertices));
    if (colors)
        data->colors = static_cast<uint32_t*>(bzalloc(sizeof(uint32_t) * vertices));
    data->num_tex = tex_arrays;
    data->tvarray = static_cast<gs_tvertarray*>(bzalloc(sizeof(gs_tvertarray) * tex_arrays));
    for (std::size_t i = 0; i < tex_arrays; ++i) {
        data->tvarray[i].width = floats_per_texcoord;
        data->tvarray[i].array = bzalloc(sizeof(float) * floats_per_texcoord * vertices);
    }
    return data;
}

} // namespace

gs_vb_data* make_vertex_data(std::size_t vertices) {
    return vertex_data(vertices, true, kTexArrays, kFloatsPerTexcoord);
}

gs_vb_data* make_sprite_vertex_data(std::size_t vertices) {
    return vertex_data(vertices, false, 1, 2);
}

namespace {

void mix_into(std::uint64_t& key, std::uint64_t v) {
    key ^= v + 0x9e3779b97f4a7c15ull + (key << 6) + (key >> 2);
}

} // namespace

std::uint64_t QuadBatch::vertices_key(std::uint64_t seed, std::size_t vertices) const {
    std::uint64_t key = seed;
    mix_into(key, vertices);
    mix_into(key, width_);
    mix_into(key, height_);
    if (vertices > 0) {
        const gs_vb_data* data = gs_vertexbuffer_get_data(buffer_.get());
        mix_into(key, hash_of(data->points, vertices));
        mix_into(key, hash_of(data->colors, vertices));
        for (std::size_t i = 0; i < kTexArrays; ++i)
            mix_into(key, hash_of(static_cast<const float*>(data->tvarray[i].array),
                                  kFloatsPerTexcoord * vertices));
    }
    return key;
}

std::uint64_t QuadBatch::whole_key() const {
    // Hashed from the buffer's own copy of what was uploaded, on the graphics thread and only
    // when a picture asks: uploads on OBS's video thread (every frame of a glide) pay nothing.
    // The glyphs' pixels are named by their page and place in it, and a place is not reused
    // while a frame draws from it (GlyphAtlas): the same vertices draw the same picture.
    if (whole_key_upload_ == uploads_)
        return whole_key_;
    std::uint64_t key = vertices_key(0x5ca1ab1e0ddba11ull, count_);
    for (const core::DrawRange& r : ranges_) {
        mix_into(key, r.first);
        mix_into(key, r.count);
        mix_into(key, static_cast<std::uint64_t>(static_cast<std::int64_t>(r.page)));
        mix_into(key, r.color);
    }
    whole_key_ = key;
    whole_key_upload_ = uploads_;
    return key;
}

std::size_t QuadBatch::shape_vertices() const {
    // core::build_vertices puts every shape in the first range, before the glyphs' pages.
    return !ranges_.empty() && ranges_.front().page < 0 && ranges_.front().first == 0
               ? std::min<std::size_t>(ranges_.front().count, count_)
               : 0;
}

std::uint64_t QuadBatch::shapes_key() const {
    if (shapes_key_upload_ != uploads_) {
        shapes_key_ = vertices_key(0x5ba9e5c0ffee5eedull, shape_vertices());
        shapes_key_upload_ = uploads_;
    }
    return shapes_key_;
}

std::vector<core::AxisShape> QuadBatch::leading_shapes(int axis, std::size_t vertices) const {
    vertices = std::min(vertices, shape_vertices());
    if (!buffer_ || vertices == 0)
        return {};
    const gs_vb_data* data = gs_vertexbuffer_get_data(buffer_.get());
    return core::axis_shapes(reinterpret_cast<const float*>(data->points), data->colors,
                             static_cast<const float*>(data->tvarray[0].array),
                             static_cast<const float*>(data->tvarray[1].array), vertices, axis);
}

bool QuadBatch::reserve(std::size_t vertices) {
    if (buffer_ && vertices <= capacity_)
        return true;
    std::size_t capacity = std::max(kMinCapacity, capacity_);
    while (capacity < vertices)
        capacity *= 2;
    // libobs takes ownership of the vb_data and frees it with the buffer.
    gs_vertbuffer_t* vb = gs_vertexbuffer_create(make_vertex_data(capacity), GS_DYNAMIC);
    if (!vb)
        return false;
    buffer_.reset(vb);
    capacity_ = capacity;
    return true;
}

void QuadBatch::release() {
    buffer_.reset();
    capacity_ = 0;
    count_ = 0;
    ranges_.clear();
    ranges_.shrink_to_fit();
    static_vertices_ = 0;
    static_key_ = 0;
    ++uploads_; // what it drew is gone: anything keyed to the last upload is stale
}

void QuadBatch::upload(const core::VertexStreams& streams) {
    const std::size_t n = streams.vertex_count();
    ++uploads_;
    count_ = 0;
    ranges_.clear();
    static_vertices_ = 0;
    static_key_ = 0;
    width_ = streams.width;
    height_ = streams.height;
    if (n == 0 || !reserve(n))
        return;
    gs_vb_data* data = gs_vertexbuffer_get_data(buffer_.get());
    static_assert(sizeof(vec3) == 4 * sizeof(float), "libobs vec3 is four floats");
    std::memcpy(data->points, streams.position.data(), sizeof(float) * 4 * n);
    std::memcpy(data->colors, streams.color.data(), sizeof(uint32_t) * n);
    std::memcpy(data->tvarray[0].array, streams.tex0.data(), sizeof(float) * 4 * n);
    std::memcpy(data->tvarray[1].array, streams.tex1.data(), sizeof(float) * 4 * n);

    // Send only the vertices in use where the backend honours the count (OpenGL); Direct3D
    // copies the whole buffer from the same, fully allocated arrays.
    gs_vb_data used = *data;
    used.num = n;
    gs_vertexbuffer_flush_direct(buffer_.get(), &used);
    count_ = n;
    ranges_ = streams.ranges;
    static_vertices_ = std::min(streams.static_vertices, n);
    static_key_ = streams.static_key;
}

void QuadBatch::draw(const ShapeEffect& effect, bool linear, float opacity,
                     PageTextures page_texture, LayerCache* layers, bool settled) const {
    if (count_ == 0 || !effect.loaded() || opacity <= 0.0f)
        return;
    if (settled && layers && opacity >= 1.0f &&
        layers->draw_whole(*this, effect, linear, page_texture))
        return;
    const std::size_t begin = layers ? layers->draw(*this, effect, linear, opacity, settled) : 0;
    draw_ranges(
        effect, linear, [&] { effect.set_opacity(opacity); }, false, page_texture, begin);
}

void QuadBatch::draw_leading(const ShapeEffect& effect, std::size_t vertices) const {
    if (vertices == 0 || !effect.loaded())
        return;
    draw_ranges(
        effect, false, [&] { effect.set_opacity(1.0f); }, false,
        [](int) -> gs_texture_t* { return nullptr; }, 0, vertices);
}

void QuadBatch::draw_dynamic(const ShapeEffect& effect, PageTextures page_texture) const {
    if (count_ <= static_vertices_ || !effect.loaded())
        return;
    draw_ranges(
        effect, false, [&] { effect.set_opacity(1.0f); }, false, page_texture, static_vertices_);
}

void QuadBatch::draw_all(const ShapeEffect& effect, PageTextures page_texture) const {
    if (count_ == 0 || !effect.loaded())
        return;
    draw_ranges(
        effect, false, [&] { effect.set_opacity(1.0f); }, false, page_texture);
}

void QuadBatch::draw_morph(const ShapeEffect& effect, bool linear, float t, const core::Rect& clip,
                           PageTextures page_texture) const {
    if (count_ == 0 || !effect.loaded())
        return;
    const auto uniforms = [&] {
        effect.set_opacity(1.0f);
        effect.set_morph(t, clip.x, clip.y, clip.x + clip.w, clip.y + clip.h);
    };
    draw_ranges(effect, linear, uniforms, true, page_texture);
}

void QuadBatch::draw_ranges(const ShapeEffect& effect, bool linear,
                            core::FunctionRef<void()> set_uniforms, bool morph,
                            PageTextures page_texture, std::size_t begin, std::size_t end) const {
    BlendStateScope blend(GS_BLEND_ONE, GS_BLEND_INVSRCALPHA);
    gs_load_vertexbuffer(buffer_.get());
    gs_load_indexbuffer(nullptr);
    for (const core::DrawRange& whole : ranges_) {
        // The part of the range between begin and end.
        const std::size_t first = std::max<std::size_t>(whole.first, begin);
        const std::size_t last = std::min<std::size_t>(whole.first + whole.count, end);
        if (first >= last)
            continue;
        core::DrawRange range = whole;
        range.first = static_cast<std::uint32_t>(first);
        range.count = static_cast<std::uint32_t>(last - first);
        auto kind = ShapeEffect::Kind::Shape;
        if (range.page >= 0) {
            gs_texture_t* texture = page_texture(range.page);
            if (!texture)
                continue;
            effect.set_atlas(texture);
            if (morph)
                kind = range.color ? ShapeEffect::Kind::ColorGlyphMorph
                                   : ShapeEffect::Kind::GlyphMorph;
            else
                kind = range.color ? ShapeEffect::Kind::ColorGlyph : ShapeEffect::Kind::Glyph;
        }
        // libobs forgets parameter values at the end of every technique: set them for each
        // range, or the second range draws with defaults (or, without one, not at all).
        set_uniforms();
        effect.set_kind(kind, linear);
        gs_technique_t* tech = effect.technique(kind, linear);
        draw_technique(tech, [&] { gs_draw(GS_TRIS, range.first, range.count); });
    }
    gs_load_vertexbuffer(nullptr);
}

} // namespace stagehand::render
