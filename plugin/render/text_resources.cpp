#include "render/text_resources.hpp"

#include <mutex>

namespace stagehand::render {

std::shared_ptr<TextResources> TextResources::acquire() {
    // Sources are created on the UI thread and ticked on the video thread; the weak pointer
    // itself needs a lock, the resources behind it do not (graphics thread only).
    static std::mutex mutex;
    static std::weak_ptr<TextResources> shared;
    std::lock_guard lock(mutex);
    auto resources = shared.lock();
    if (!resources) {
        resources = std::make_shared<TextResources>();
        shared = resources;
    }
    return resources;
}

TextResources::TextResources() {
    atlas_.set_rasterize_missing(false);
}

void TextResources::stage_wanted() {
    if (!atlas_.staging().has_wanted())
        return;
    stager_.submit([this] {
        thread_local core::text::GlyphRasterizer rasterizer;
        core::text::GlyphStaging& staging = atlas_.staging();
        staging.prepare(staging.take_wanted(), rasterizer);
        staged_.fetch_add(1, std::memory_order_release);
    });
}

void TextResources::upload_dirty_pages() {
    const auto& pages = atlas_.pages();
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const core::text::AtlasPage& page = pages[i];
        if (i >= textures_.size()) {
            const gs_color_format format =
                page.format == core::text::PageFormat::Rgba8 ? GS_RGBA : GS_A8;
            textures_.emplace_back(
                gs_texture_create(page.size, page.size, format, 1, nullptr, GS_DYNAMIC));
        }
        if (!page.dirty || !textures_[i])
            continue;
        gs_texture_set_image(textures_[i].get(), page.pixels.data(),
                             page.size * page.bytes_per_pixel(), false);
        atlas_.mark_uploaded(i);
    }
}

gs_texture_t* TextResources::page_texture(int page) const {
    if (page < 0 || static_cast<std::size_t>(page) >= textures_.size())
        return nullptr;
    return textures_[static_cast<std::size_t>(page)].get();
}

} // namespace stagehand::render
