#pragma once

#include "core/base/latest_job_worker.hpp"
#include "core/text/glyph_atlas.hpp"
#include "render/graphics_handles.hpp"

#include <atomic>
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

    // Glyphs a frame wanted and the atlas had no bitmap for (an evicted page, a morph frame's
    // glyph) are rendered on a worker, never on the video thread; `staged_revision` bumps when a
    // batch is ready, so sources build their vertices again. Cheap when nothing is wanted.
    void stage_wanted();
    std::uint64_t staged_revision() const { return staged_.load(std::memory_order_acquire); }

    TextResources();
    ~TextResources();
    TextResources(const TextResources&) = delete;
    TextResources& operator=(const TextResources&) = delete;

private:
    core::text::GlyphAtlas atlas_;
    std::vector<TexturePtr> textures_;
    std::atomic<std::uint64_t> staged_{0};
    core::LatestJobWorker stager_{"stagehand-glyph"}; // last: its job reads the atlas's staging
};

} // namespace stagehand::render
