#pragma once

#include "core/draw/picture_stretch.hpp"
#include "core/draw/render_list.hpp"
#include "render/graphics_handles.hpp"
#include "render/shape_effect.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace stagehand::render {

class LayerCache;

// Vertex data in the layout of Stagehand's effect (position, colour, two four-float texture
// coordinates), zeroed, for `vertices` vertices; libobs owns it once a buffer is made from it.
gs_vb_data* make_vertex_data(std::size_t vertices);
// The same in the layout of libobs's own sprite (position, one two-float texture coordinate),
// the one OBS's default effect is drawn with by OBS itself.
gs_vb_data* make_sprite_vertex_data(std::size_t vertices);

// One persistent dynamic vertex buffer per source. It is refilled only when the source's
// content changes, grows geometrically, and is drawn in a single call.
class QuadBatch {
public:
    // Graphics context required. Copies the streams into the buffer, growing it when needed;
    // only the vertices in use are sent to the GPU.
    void upload(const core::VertexStreams& streams);

    // Graphics context required. Draws what was uploaded with premultiplied-alpha blending,
    // one draw per range, binding the atlas page texture each range needs. `linear` says the
    // target expects linear values.
    // With a `layers` cache, the static layer (the first static_vertices) comes from its
    // picture where the cache has one for this frame.
    // `settled`: the source's content has not moved for a few frames and nothing fades, so the
    // whole batch may come from one picture (LayerCache::draw_whole) at full opacity.
    void draw(const ShapeEffect& effect, bool linear, float opacity, PageTextures page_texture,
              LayerCache* layers = nullptr, bool settled = false) const;

    // Draws only the first `vertices` (the static layer's, or all the shapes'), at full opacity
    // (what LayerCache makes a picture from).
    void draw_leading(const ShapeEffect& effect, std::size_t vertices) const;
    // Draws what lies on the static layer (the text), at full opacity: over the static layer's
    // picture, this makes the whole picture (LayerCache::draw_whole).
    void draw_dynamic(const ShapeEffect& effect, PageTextures page_texture) const;
    // Draws everything uploaded at full opacity into an sRGB picture (LayerCache::draw_whole).
    void draw_all(const ShapeEffect& effect, PageTextures page_texture) const;

    // Draws uploaded morph streams (core::build_morph_vertices) at moment t, clipped to
    // `clip` (an empty rect: not clipped), with the morph techniques.
    void draw_morph(const ShapeEffect& effect, bool linear, float t, const core::Rect& clip,
                    PageTextures page_texture) const;

    // Graphics context required. Gives the buffer back (a batch that is drawn no more until
    // its next upload: what faded out, a finished glide's glyphs); the next upload makes one.
    void release();
    // Whether it holds a buffer, and for how many vertices.
    bool holds_buffer() const { return buffer_ != nullptr; }
    std::size_t capacity() const { return capacity_; }

    std::size_t vertex_count() const { return count_; }
    std::size_t static_vertices() const { return static_vertices_; }
    // The shapes of the first `vertices` (the static layer's, or all shapes') along x (axis 0)
    // or y (axis 1), read back from the uploaded vertices (where a picture of them may leave out
    // repeated columns and rows: core::plan_stretch).
    std::vector<core::AxisShape> leading_shapes(int axis, std::size_t vertices) const;
    std::uint64_t static_key() const { return static_key_; }
    // The vertices of every shape (the card's and the content's: window dots, a focus band),
    // which come before the glyphs.
    std::size_t shape_vertices() const;
    // What those shapes draw, as one key (as whole_key, for the shapes alone).
    std::uint64_t shapes_key() const;
    // What the whole batch draws (every vertex, colour, texture coordinate and page), as one key.
    // Graphics context required; hashed once per upload, when first asked.
    std::uint64_t whole_key() const;
    // Counts the uploads: a source tells from it how long its content has stood still.
    std::uint64_t uploads() const { return uploads_; }
    std::uint32_t width() const { return width_; }
    std::uint32_t height() const { return height_; }

private:
    bool reserve(std::size_t vertices);
    // `seed` mixed with the count, the batch's size and the first `vertices` uploaded (every
    // stream): what whole_key and shapes_key are made from.
    std::uint64_t vertices_key(std::uint64_t seed, std::size_t vertices) const;
    // Draws the uploaded vertices from `begin` to `end`, range by range.
    void draw_ranges(const ShapeEffect& effect, bool linear, core::FunctionRef<void()> set_uniforms,
                     bool morph, PageTextures page_texture, std::size_t begin = 0,
                     std::size_t end = SIZE_MAX) const;

    VertexBufferPtr buffer_;
    std::size_t capacity_ = 0;
    std::size_t count_ = 0;
    std::vector<core::DrawRange> ranges_;
    std::size_t static_vertices_ = 0;
    std::uint64_t static_key_ = 0;
    mutable std::uint64_t whole_key_ = 0;
    mutable std::uint64_t whole_key_upload_ = ~std::uint64_t{0}; // the upload it was made for
    mutable std::uint64_t shapes_key_ = 0;
    mutable std::uint64_t shapes_key_upload_ = ~std::uint64_t{0};
    std::uint64_t uploads_ = 0;
    std::uint32_t width_ = 0;
    std::uint32_t height_ = 0;
};

} // namespace stagehand::render
