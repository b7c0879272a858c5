#pragma once

#include "core/text/font_cache.hpp"
#include "core/text/text_layout.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct FT_GlyphSlotRec_;

namespace stagehand::core::text {

enum class PageFormat : std::uint8_t { Alpha8, Rgba8 };

// One texture's worth of glyphs. Glyphs are packed on shelves (rows of similar height).
struct AtlasPage {
    PageFormat format = PageFormat::Alpha8;
    std::uint32_t size = 0;
    std::vector<std::uint8_t> pixels; // size*size bytes (A8) or size*size*4 (RGBA, premultiplied)
    bool dirty = true;                // changed since the GPU copy was last updated
    std::uint64_t last_used = 0;      // frame number, for eviction
    std::uint64_t generation = 0;     // bumps when the page is cleared for reuse

    struct Shelf {
        std::uint32_t y = 0;
        std::uint32_t height = 0;
        std::uint32_t x = 0;
    };
    std::vector<Shelf> shelves;
    std::uint32_t next_shelf_y = 0;

    std::uint32_t bytes_per_pixel() const { return format == PageFormat::Rgba8 ? 4u : 1u; }
};

// Where a glyph's bitmap sits in the atlas and how to place it relative to the pen position.
struct AtlasGlyph {
    std::uint16_t page = 0;
    std::uint16_t x = 0, y = 0, w = 0, h = 0; // texels in the page, w = h = 0 for blank glyphs
    float left = 0.0f;                        // pixels from the pen to the bitmap's left edge
    float top = 0.0f;                         // pixels from the baseline up to the bitmap's top
    bool color = false;
};

struct AtlasStats {
    std::uint64_t rasterized = 0; // by the atlas itself, on its (the video) thread
    std::uint64_t staged = 0;     // rasterised ahead of time by a worker, only copied here
    std::uint64_t deferred = 0;   // not staged, and left to a worker (rasterize_missing off)
    std::uint64_t evictions = 0;
    std::uint64_t failures = 0;
};

struct GlyphKeyHash {
    std::size_t operator()(const GlyphKey& k) const noexcept {
        return (static_cast<std::size_t>(k.face) * 0x9E3779B97F4A7C15ull) ^
               (static_cast<std::size_t>(k.glyph) << 20) ^ k.size_64 ^
               (static_cast<std::size_t>(k.outline_64) << 44);
    }
};

// A glyph's bitmap as FreeType renders it, before it has a place in the atlas.
struct GlyphBitmap {
    std::uint32_t w = 0, h = 0;
    std::vector<std::uint8_t> pixels; // w*h coverage, or w*h*4 premultiplied RGBA when color
    float left = 0.0f, top = 0.0f;
    bool color = false;
};

// Renders glyph bitmaps (fills, outlines, colour emoji) with its own FreeType faces. Not
// thread-safe: one per thread.
class GlyphRasterizer {
public:
    explicit GlyphRasterizer(FontRegistry& registry = FontRegistry::global());
    bool rasterize(const GlyphKey& key, GlyphBitmap& out);

private:
    bool rasterize_outline(FT_GlyphSlotRec_* slot, std::uint32_t width_64, GlyphBitmap& out);
    FontCache fonts_;
};

// Bitmaps rendered ahead of time on the sources' worker threads, waiting for the atlas to place
// them: a new snippet then costs OBS's video thread a copy per glyph, not FreeType's work.
// Thread-safe; the lock is held only to move bitmaps in and out, never while rendering.
class GlyphStaging {
public:
    // Renders the keys never staged before (nor since the atlas forgot them) with `rasterizer`.
    void prepare(const std::vector<GlyphKey>& keys, GlyphRasterizer& rasterizer);
    // Moves the staged bitmap for `key` into `out`; false when none is waiting (the atlas then
    // renders it itself, and workers will not stage it again).
    bool take(const GlyphKey& key, GlyphBitmap& out);
    // The atlas dropped these glyphs (page evicted): stage them again when next seen.
    void forget(const std::vector<GlyphKey>& keys);
    std::size_t waiting() const;
    // A glyph the atlas needed and found no bitmap for, when it does not render glyphs itself:
    // a worker renders the wanted ones (take_wanted, then prepare) and the frame after has it.
    void want(const GlyphKey& key);
    std::vector<GlyphKey> take_wanted();
    bool has_wanted() const;

private:
    // Bitmaps nobody took (their source went away) are dropped past this many, and the keys
    // remembered as seen are forgotten past kMaxSeen (shrink-to-fit makes many sizes): at worst
    // a glyph is staged a second time.
    static constexpr std::size_t kMaxWaiting = 16384;
    static constexpr std::size_t kMaxSeen = 65536;
    mutable std::mutex mutex_;
    std::unordered_set<GlyphKey, GlyphKeyHash> seen_;
    std::unordered_map<GlyphKey, GlyphBitmap, GlyphKeyHash> ready_;
    std::unordered_set<GlyphKey, GlyphKeyHash> wanted_;
};

// The glyph cache shared by every Stagehand source: bitmaps rasterised by FreeType at the exact
// pixel size they are drawn at, packed into pages of A8 (and RGBA for colour emoji). A full
// atlas adds pages up to a limit, then clears the least recently used page. Pages are small
// (512 x 512) and many may be made: a show's overlays use a fraction of a page, and each page
// is held twice on a software GPU (its pixels here, the texture in the same memory), so 1024
// pages held 1.5 MiB of nothing each. A glyph larger than a page gets a page it fits in. Not
// thread-safe: it lives on OBS's video thread.
class GlyphAtlas {
public:
    explicit GlyphAtlas(std::uint32_t page_size = 512, std::uint32_t max_pages = 32,
                        FontRegistry& registry = FontRegistry::global());

    // Starts a frame: glyphs looked up from here on count as in use by this frame.
    void begin_frame() { ++frame_; }

    // The glyph's place, rasterising it on first use (or taking the bitmap a worker staged);
    // nullptr when FreeType cannot render it.
    const AtlasGlyph* find_or_add(const GlyphKey& key);

    // Where workers stage bitmaps for this atlas; safe to use from any thread.
    GlyphStaging& staging() const { return *staging_; }
    // Off: a glyph that was not staged is not rendered here (FreeType would open its font file
    // on this thread) but wanted from the staging, and left out of this frame. The plugin's
    // atlas lives on OBS's video thread and turns this off.
    void set_rasterize_missing(bool on) { rasterize_missing_ = on; }

    const std::vector<AtlasPage>& pages() const { return pages_; }
    void mark_uploaded(std::size_t page) { pages_[page].dirty = false; }

    // Bumps whenever a page is cleared: placements looked up before are then stale.
    std::uint64_t epoch() const { return epoch_; }
    const AtlasStats& stats() const { return stats_; }

private:
    bool place(PageFormat format, std::uint32_t w, std::uint32_t h, std::uint16_t& page,
               std::uint16_t& x, std::uint16_t& y);
    bool place_in(AtlasPage& page, std::uint32_t w, std::uint32_t h, std::uint16_t& x,
                  std::uint16_t& y);
    void clear_page(std::size_t index);

    GlyphRasterizer rasterizer_;
    std::unique_ptr<GlyphStaging> staging_;
    std::uint32_t page_size_;
    std::uint32_t max_pages_;
    std::vector<AtlasPage> pages_;
    std::unordered_map<GlyphKey, AtlasGlyph, GlyphKeyHash> glyphs_;
    std::uint64_t frame_ = 1;
    std::uint64_t epoch_ = 0;
    bool rasterize_missing_ = true;
    AtlasStats stats_;
};

} // namespace stagehand::core::text
