#pragma once

#include "core/draw/render_list.hpp"
#include "render/graphics_handles.hpp"
#include "render/shape_effect.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace stagehand::render {

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
    void draw(const ShapeEffect& effect, bool linear, float opacity,
              const std::function<gs_texture_t*(int page)>& page_texture) const;

    // Draws uploaded morph streams (core::build_morph_vertices) at moment t, clipped to
    // `clip` (an empty rect: not clipped), with the morph techniques.
    void draw_morph(const ShapeEffect& effect, bool linear, float t, const core::Rect& clip,
                    const std::function<gs_texture_t*(int page)>& page_texture) const;

    std::size_t vertex_count() const { return count_; }

private:
    bool reserve(std::size_t vertices);
    void draw_ranges(const ShapeEffect& effect, bool linear,
                     const std::function<void()>& set_uniforms, bool morph,
                     const std::function<gs_texture_t*(int page)>& page_texture) const;

    VertexBufferPtr buffer_;
    std::size_t capacity_ = 0;
    std::size_t count_ = 0;
    std::vector<core::DrawRange> ranges_;
};

} // namespace stagehand::render
