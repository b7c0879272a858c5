#pragma once

#include "core/text/glyph_atlas.hpp"
#include "render/graphics_handles.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace stagehand::render {

// The glyph atlas shared by every Stagehand source and its GPU textures, one per page. Lives on
// OBS's graphics/video thread: sources reach it from video_tick (inside the graphics context)
// and video_render only. The last source to go releases it.
class TextResources {
public:
    // Graphics context required (it may create textures later).
    static std::shared_ptr<TextResources> acquire();

    core::text::GlyphAtlas& atlas() { return atlas_; }

    // Graphics context required. Re-uploads only the pages that changed since last time.
    void upload_dirty_pages();
    gs_texture_t* page_texture(int page) const;

private:
    core::text::GlyphAtlas atlas_;
    std::vector<TexturePtr> textures_;
};

} // namespace stagehand::render
