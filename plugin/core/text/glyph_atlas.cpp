#include "core/text/glyph_atlas.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_STROKER_H

#include <algorithm>
#include <cmath>
#include <cstring>

namespace stagehand::core::text {

namespace {
// Empty texels around every glyph so bilinear sampling never picks up a neighbour.
constexpr std::uint32_t kPadding = 1;
constexpr std::uint32_t kMinColorPage = 256; // the smallest page made for colour glyphs
constexpr std::uint32_t kMaxPage = 4096;     // the largest page made for one large glyph

// Area-average downscale of a premultiplied RGBA bitmap: colour emoji come as 109 px strikes
// and are shown at a few dozen pixels, where GPU bilinear sampling alone would alias.
std::vector<std::uint8_t> downscale_rgba(const std::vector<std::uint8_t>& src, std::uint32_t sw,
                                         std::uint32_t sh, std::uint32_t dw, std::uint32_t dh) {
    std::vector<std::uint8_t> dst(static_cast<std::size_t>(dw) * dh * 4);
    const double fx = double(sw) / dw, fy = double(sh) / dh;
    for (std::uint32_t y = 0; y < dh; ++y)
        for (std::uint32_t x = 0; x < dw; ++x) {
            const auto x0 = static_cast<std::uint32_t>(x * fx);
            const auto y0 = static_cast<std::uint32_t>(y * fy);
            const auto x1 =
                std::max(x0 + 1, std::min(sw, static_cast<std::uint32_t>(std::ceil((x + 1) * fx))));
            const auto y1 =
                std::max(y0 + 1, std::min(sh, static_cast<std::uint32_t>(std::ceil((y + 1) * fy))));
            std::uint32_t sum[4] = {0, 0, 0, 0};
            for (std::uint32_t sy = y0; sy < y1; ++sy)
                for (std::uint32_t sx = x0; sx < x1; ++sx)
                    for (int c = 0; c < 4; ++c)
                        sum[c] += src[(static_cast<std::size_t>(sy) * sw + sx) * 4 + c];
            const std::uint32_t n = (x1 - x0) * (y1 - y0);
            for (int c = 0; c < 4; ++c)
                dst[(static_cast<std::size_t>(y) * dw + x) * 4 + c] =
                    static_cast<std::uint8_t>((sum[c] + n / 2) / n);
        }
    return dst;
}
} // namespace

GlyphRasterizer::GlyphRasterizer(FontRegistry& registry)
    : fonts_(registry) {}

bool GlyphRasterizer::rasterize(const GlyphKey& key, GlyphBitmap& out) {
    const SizedFace* face = fonts_.face(key.face, key.size_64);
    if (!face)
        return false;
    FT_Int32 flags = FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT;
    if (face->color)
        flags |= FT_LOAD_COLOR;
    if (FT_Load_Glyph(face->ft, key.glyph, flags) != 0)
        return false;
    FT_GlyphSlot slot = face->ft->glyph;
    if (key.outline_64 > 0)
        return rasterize_outline(slot, key.outline_64, out);
    if (slot->format != FT_GLYPH_FORMAT_BITMAP && FT_Render_Glyph(slot, FT_RENDER_MODE_LIGHT) != 0)
        return false;
    const FT_Bitmap& bm = slot->bitmap;
    out.left = static_cast<float>(slot->bitmap_left) * face->scale;
    out.top = static_cast<float>(slot->bitmap_top) * face->scale;
    if (bm.width == 0 || bm.rows == 0)
        return true; // a space: nothing to draw, but a valid glyph

    std::uint32_t w = bm.width, h = bm.rows;
    if (bm.pixel_mode == FT_PIXEL_MODE_BGRA) {
        out.color = true;
        std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * h * 4);
        for (std::uint32_t y = 0; y < h; ++y) {
            const std::uint8_t* row = bm.buffer + static_cast<std::ptrdiff_t>(y) * bm.pitch;
            for (std::uint32_t x = 0; x < w; ++x) {
                std::uint8_t* d = rgba.data() + (static_cast<std::size_t>(y) * w + x) * 4;
                d[0] = row[x * 4 + 2];
                d[1] = row[x * 4 + 1];
                d[2] = row[x * 4 + 0];
                d[3] = row[x * 4 + 3];
            }
        }
        if (face->scale < 1.0f) {
            const auto dw = std::max(
                1u, static_cast<std::uint32_t>(std::lround(static_cast<float>(w) * face->scale)));
            const auto dh = std::max(
                1u, static_cast<std::uint32_t>(std::lround(static_cast<float>(h) * face->scale)));
            rgba = downscale_rgba(rgba, w, h, dw, dh);
            w = dw;
            h = dh;
        }
        out.pixels = std::move(rgba);
    } else {
        out.pixels.assign(static_cast<std::size_t>(w) * h, 0);
        for (std::uint32_t y = 0; y < h; ++y) {
            const std::uint8_t* row = bm.buffer + static_cast<std::ptrdiff_t>(y) * bm.pitch;
            for (std::uint32_t x = 0; x < w; ++x) {
                std::uint8_t v = 0;
                if (bm.pixel_mode == FT_PIXEL_MODE_MONO)
                    v = (row[x / 8] & (0x80 >> (x % 8))) ? 255 : 0;
                else if (bm.pixel_mode == FT_PIXEL_MODE_GRAY)
                    v = row[x];
                out.pixels[static_cast<std::size_t>(y) * w + x] = v;
            }
        }
    }
    out.w = w;
    out.h = h;
    return true;
}

bool GlyphRasterizer::rasterize_outline(FT_GlyphSlotRec_* slot, std::uint32_t width_64,
                                        GlyphBitmap& out) {
    // The outer border of the outline stroked by FreeType: the glyph grown by the width. Drawn
    // under the glyph in the outline colour, it makes a crisp outline in one extra quad.
    if (slot->format != FT_GLYPH_FORMAT_OUTLINE)
        return false;
    FT_Glyph glyph = nullptr;
    if (FT_Get_Glyph(slot, &glyph) != 0)
        return false;
    FT_Stroker stroker = nullptr;
    bool ok = FT_Stroker_New(fonts_.library(), &stroker) == 0;
    if (ok) {
        FT_Stroker_Set(stroker, static_cast<FT_Fixed>(width_64), FT_STROKER_LINECAP_ROUND,
                       FT_STROKER_LINEJOIN_ROUND, 0);
        ok = FT_Glyph_StrokeBorder(&glyph, stroker, 0, 1) == 0 &&
             FT_Glyph_To_Bitmap(&glyph, FT_RENDER_MODE_LIGHT, nullptr, 1) == 0;
        FT_Stroker_Done(stroker);
    }
    if (ok) {
        auto* bitmap_glyph = reinterpret_cast<FT_BitmapGlyph>(glyph);
        const FT_Bitmap& bm = bitmap_glyph->bitmap;
        out.left = static_cast<float>(bitmap_glyph->left);
        out.top = static_cast<float>(bitmap_glyph->top);
        out.w = bm.width;
        out.h = bm.rows;
        out.pixels.assign(static_cast<std::size_t>(out.w) * out.h, 0);
        for (std::uint32_t y = 0; y < out.h; ++y)
            std::memcpy(out.pixels.data() + static_cast<std::size_t>(y) * out.w,
                        bm.buffer + static_cast<std::ptrdiff_t>(y) * bm.pitch, out.w);
    }
    FT_Done_Glyph(glyph);
    return ok;
}

void GlyphStaging::prepare(const std::vector<GlyphKey>& keys, GlyphRasterizer& rasterizer) {
    std::vector<GlyphKey> fresh;
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (seen_.size() + keys.size() > kMaxSeen)
            seen_.clear();
        for (const GlyphKey& key : keys)
            if (seen_.insert(key).second)
                fresh.push_back(key);
    }
    if (fresh.empty())
        return;
    std::vector<std::pair<GlyphKey, GlyphBitmap>> rendered;
    rendered.reserve(fresh.size());
    for (const GlyphKey& key : fresh) {
        GlyphBitmap bitmap;
        if (rasterizer.rasterize(key, bitmap))
            rendered.emplace_back(key, std::move(bitmap));
    }
    const std::lock_guard<std::mutex> lock(mutex_);
    if (ready_.size() + rendered.size() > kMaxWaiting) {
        ready_.clear();
        seen_.clear();
    }
    for (auto& [key, bitmap] : rendered)
        ready_.insert_or_assign(key, std::move(bitmap));
}

bool GlyphStaging::take(const GlyphKey& key, GlyphBitmap& out) {
    const std::lock_guard<std::mutex> lock(mutex_);
    // Seen from now on either way: a glyph the atlas renders itself is not staged again.
    if (seen_.size() >= kMaxSeen)
        seen_.clear();
    seen_.insert(key);
    auto it = ready_.find(key);
    if (it == ready_.end())
        return false;
    out = std::move(it->second);
    ready_.erase(it);
    return true;
}

void GlyphStaging::forget(const std::vector<GlyphKey>& keys) {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const GlyphKey& key : keys)
        seen_.erase(key);
}

void GlyphStaging::want(const GlyphKey& key) {
    const std::lock_guard<std::mutex> lock(mutex_);
    seen_.erase(key); // take() marked it seen: it is to be staged after all
    if (wanted_.size() < kMaxWaiting)
        wanted_.insert(key);
}

std::vector<GlyphKey> GlyphStaging::take_wanted() {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::vector<GlyphKey> keys(wanted_.begin(), wanted_.end());
    wanted_.clear();
    return keys;
}

bool GlyphStaging::has_wanted() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return !wanted_.empty();
}

std::size_t GlyphStaging::waiting() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return ready_.size();
}

GlyphAtlas::GlyphAtlas(std::uint32_t page_size, std::uint32_t max_pages, FontRegistry& registry)
    : rasterizer_(registry)
    , staging_(std::make_unique<GlyphStaging>())
    , page_size_(page_size)
    , max_pages_(std::max(max_pages, 2u)) {}

bool GlyphAtlas::place_in(AtlasPage& page, std::uint32_t w, std::uint32_t h, std::uint16_t& x,
                          std::uint16_t& y) {
    const std::uint32_t pw = w + kPadding, ph = h + kPadding;
    // Best-fitting existing shelf: tall enough, not much taller, with room left.
    AtlasPage::Shelf* best = nullptr;
    for (AtlasPage::Shelf& shelf : page.shelves)
        if (shelf.height >= ph && shelf.height <= ph + ph / 2 + 2 && shelf.x + pw <= page.size &&
            (!best || shelf.height < best->height))
            best = &shelf;
    if (!best) {
        if (page.next_shelf_y + ph > page.size || pw > page.size)
            return false;
        page.shelves.push_back(AtlasPage::Shelf{page.next_shelf_y, ph, kPadding});
        page.next_shelf_y += ph;
        best = &page.shelves.back();
    }
    x = static_cast<std::uint16_t>(best->x);
    y = static_cast<std::uint16_t>(best->y + kPadding);
    best->x += pw;
    return true;
}

void GlyphAtlas::clear_page(std::size_t index) {
    AtlasPage& page = pages_[index];
    std::fill(page.pixels.begin(), page.pixels.end(), std::uint8_t{0});
    page.shelves.clear();
    page.next_shelf_y = kPadding;
    page.dirty = true;
    ++page.generation;
    std::vector<GlyphKey> dropped;
    for (auto it = glyphs_.begin(); it != glyphs_.end();) {
        if (it->second.page == index) {
            dropped.push_back(it->first);
            it = glyphs_.erase(it);
        } else {
            ++it;
        }
    }
    staging_->forget(dropped);
    ++epoch_;
    ++stats_.evictions;
}

bool GlyphAtlas::place(PageFormat format, std::uint32_t w, std::uint32_t h, std::uint16_t& page,
                       std::uint16_t& x, std::uint16_t& y) {
    for (std::size_t i = 0; i < pages_.size(); ++i)
        if (pages_[i].format == format && place_in(pages_[i], w, h, x, y)) {
            page = static_cast<std::uint16_t>(i);
            return true;
        }
    if (pages_.size() < max_pages_) {
        AtlasPage fresh;
        fresh.format = format;
        // Colour glyphs (emoji) are few and four bytes a pixel: their pages are a quarter of the
        // area (a 1024 RGBA page held one emoji in 4 MiB, twice: here and on the GPU), unless
        // the glyph needs the full size.
        const std::uint32_t small = std::max<std::uint32_t>(kMinColorPage, page_size_ / 2);
        fresh.size =
            format == PageFormat::Rgba8 && w + 2 * kPadding <= small && h + 2 * kPadding <= small
                ? small
                : page_size_;
        // A glyph larger than a page (a title at a few hundred pixels) gets a page it fits in.
        while (fresh.size < kMaxPage &&
               (w + 2 * kPadding > fresh.size || h + 2 * kPadding > fresh.size))
            fresh.size *= 2;
        fresh.pixels.assign(
            static_cast<std::size_t>(fresh.size) * fresh.size * fresh.bytes_per_pixel(), 0);
        fresh.next_shelf_y = kPadding;
        pages_.push_back(std::move(fresh));
        page = static_cast<std::uint16_t>(pages_.size() - 1);
        return place_in(pages_.back(), w, h, x, y);
    }
    // Full: reuse the least recently used page of this format that this frame has not used.
    std::size_t victim = pages_.size();
    for (std::size_t i = 0; i < pages_.size(); ++i)
        if (pages_[i].format == format && pages_[i].last_used < frame_ &&
            (victim == pages_.size() || pages_[i].last_used < pages_[victim].last_used))
            victim = i;
    if (victim == pages_.size())
        return false;
    clear_page(victim);
    page = static_cast<std::uint16_t>(victim);
    return place_in(pages_[victim], w, h, x, y);
}

const AtlasGlyph* GlyphAtlas::find_or_add(const GlyphKey& key) {
    if (auto it = glyphs_.find(key); it != glyphs_.end()) {
        if (it->second.w > 0)
            pages_[it->second.page].last_used = frame_;
        return &it->second;
    }
    GlyphBitmap bitmap;
    if (staging_->take(key, bitmap)) {
        ++stats_.staged;
    } else if (!rasterize_missing_) {
        staging_->want(key);
        ++stats_.deferred;
        return nullptr;
    } else if (rasterizer_.rasterize(key, bitmap)) {
        ++stats_.rasterized;
    } else {
        ++stats_.failures;
        return nullptr;
    }
    AtlasGlyph glyph;
    glyph.left = bitmap.left;
    glyph.top = bitmap.top;
    glyph.color = bitmap.color;
    if (bitmap.w > 0) {
        const PageFormat format = bitmap.color ? PageFormat::Rgba8 : PageFormat::Alpha8;
        if (!place(format, bitmap.w, bitmap.h, glyph.page, glyph.x, glyph.y)) {
            ++stats_.failures;
            return nullptr;
        }
        glyph.w = static_cast<std::uint16_t>(bitmap.w);
        glyph.h = static_cast<std::uint16_t>(bitmap.h);
        AtlasPage& page = pages_[glyph.page];
        const std::uint32_t bpp = page.bytes_per_pixel();
        for (std::uint32_t row = 0; row < bitmap.h; ++row)
            std::memcpy(page.pixels.data() +
                            ((static_cast<std::size_t>(glyph.y) + row) * page.size + glyph.x) * bpp,
                        bitmap.pixels.data() + static_cast<std::size_t>(row) * bitmap.w * bpp,
                        static_cast<std::size_t>(bitmap.w) * bpp);
        page.dirty = true;
        page.last_used = frame_;
    }
    return &glyphs_.emplace(key, glyph).first->second;
}

} // namespace stagehand::core::text
