#include "render/text_resources.hpp"

#include "core/base/cpu_cost.hpp"

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

TextResources::~TextResources() {
    for (const TexturePtr& texture : textures_)
        core::add_texture_bytes(-texture_bytes(texture.get()));
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
    if (textures_.size() < pages.size())
        textures_.resize(pages.size());
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const core::text::AtlasPage& page = pages[i];
        if (!page.dirty && textures_[i])
            continue;
        // A page that changed is made again as a static texture from its pixels. A dynamic
        // texture updated in place would keep a third copy of every page (the upload buffer
        // beside the texture and the atlas's own pixels); pages change only when glyphs are
        // new, while the texture is drawn every frame.
        const gs_color_format format =
            page.format == core::text::PageFormat::Rgba8 ? GS_RGBA : GS_A8;
        const std::uint8_t* levels[] = {page.pixels.data()};
        core::add_texture_bytes(-texture_bytes(textures_[i].get()));
        textures_[i].reset(gs_texture_create(page.size, page.size, format, 1, levels, 0));
        core::add_texture_bytes(texture_bytes(textures_[i].get()));
        if (textures_[i])
            atlas_.mark_uploaded(i);
    }
}

gs_texture_t* TextResources::page_texture(int page) const {
    if (page < 0 || static_cast<std::size_t>(page) >= textures_.size())
        return nullptr;
    return textures_[static_cast<std::size_t>(page)].get();
}

} // namespace stagehand::render
