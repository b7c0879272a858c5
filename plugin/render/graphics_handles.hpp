#pragma once

#include "core/base/function_ref.hpp"

#include <graphics/graphics.h>
#include <obs.h>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace stagehand::render {

// The texture of a glyph atlas page, asked for while a batch is drawn.
using PageTextures = core::FunctionRef<gs_texture_t*(int page)>;

// Enters the graphics context for a scope. libobs' context lock is recursive for the thread that
// holds it, so this is safe inside video_render as well.
class GraphicsScope {
public:
    GraphicsScope() { obs_enter_graphics(); }
    ~GraphicsScope() { obs_leave_graphics(); }
    GraphicsScope(const GraphicsScope&) = delete;
    GraphicsScope& operator=(const GraphicsScope&) = delete;
};

struct VertexBufferDeleter {
    void operator()(gs_vertbuffer_t* vb) const noexcept { gs_vertexbuffer_destroy(vb); }
};
using VertexBufferPtr = std::unique_ptr<gs_vertbuffer_t, VertexBufferDeleter>;

struct SamplerStateDeleter {
    void operator()(gs_samplerstate_t* s) const noexcept { gs_samplerstate_destroy(s); }
};
using SamplerStatePtr = std::unique_ptr<gs_samplerstate_t, SamplerStateDeleter>;

struct TextureDeleter {
    void operator()(gs_texture_t* t) const noexcept { gs_texture_destroy(t); }
};
using TexturePtr = std::unique_ptr<gs_texture_t, TextureDeleter>;

// The bytes a texture holds (A8 one a texel, the others Stagehand makes four), for
// core::texture_bytes(); 0 for none. Graphics context required.
inline std::int64_t texture_bytes(gs_texture_t* texture) {
    if (!texture)
        return 0;
    const std::int64_t texel = gs_texture_get_color_format(texture) == GS_A8 ? 1 : 4;
    return texel * gs_texture_get_width(texture) * gs_texture_get_height(texture);
}

// Saves and restores the blend state around a draw so a source never leaks state into the
// rest of OBS's frame.
class BlendStateScope {
public:
    BlendStateScope(gs_blend_type src, gs_blend_type dst) {
        gs_blend_state_push();
        gs_blend_function(src, dst);
    }
    ~BlendStateScope() { gs_blend_state_pop(); }
    BlendStateScope(const BlendStateScope&) = delete;
    BlendStateScope& operator=(const BlendStateScope&) = delete;
};

// Pushes the world matrix for a scope and pops it at its end, whichever way the scope is left.
class MatrixScope {
public:
    MatrixScope() { gs_matrix_push(); }
    ~MatrixScope() { gs_matrix_pop(); }
    MatrixScope(const MatrixScope&) = delete;
    MatrixScope& operator=(const MatrixScope&) = delete;
};

// Runs `draw` once in each pass of `technique`, between its begin and end.
template <typename Draw>
void draw_technique(gs_technique_t* technique, Draw&& draw) {
    const std::size_t passes = gs_technique_begin(technique);
    for (std::size_t pass = 0; pass < passes; ++pass)
        if (gs_technique_begin_pass(technique, pass)) {
            draw();
            gs_technique_end_pass(technique);
        }
    gs_technique_end(technique);
}

} // namespace stagehand::render
