#pragma once

#include "core/text/font_registry.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>

// FreeType and HarfBuzz types, declared here to keep their headers out of includers.
typedef struct FT_LibraryRec_* FT_Library;
typedef struct FT_FaceRec_* FT_Face;
typedef struct FT_SizeRec_* FT_Size;
typedef struct hb_font_t hb_font_t;
typedef struct hb_face_t hb_face_t;

namespace stagehand::core::text {

// One font file at one pixel size, ready to shape (HarfBuzz) and rasterise (FreeType). Every
// size of a font shares the font's FreeType face, each with a size object of its own that
// FontCache::face() makes the face's active one: a SizedFace is right to use until the cache is
// next asked for another size of the same font.
struct SizedFace {
    std::uint32_t face = 0;
    std::uint32_t size_64 = 0; // requested pixel size in 1/64 px
    FT_Face ft = nullptr;      // the font's face, shared by its sizes
    FT_Size size = nullptr;    // this size's, owned by `ft`
    hb_font_t* hb = nullptr;
    // Fonts of fixed-size bitmaps (colour emoji) are shaped and rasterised at their strike size
    // and drawn scaled by this factor.
    float scale = 1.0f;
    bool color = false;
    float ascender = 0.0f;           // pixels above the baseline, already scaled
    float descender = 0.0f;          // pixels below the baseline (positive), already scaled
    float underline_position = 0.0f; // pixels below the baseline
    float underline_thickness = 1.0f;
    // The font file's mapping (its sizes share it), released when Stagehand is quiet
    // (core/base/memory_release.hpp).
    std::uint64_t file_pages = 0;
};

// Open faces by (font, size). Not thread-safe: each thread that shapes or rasterises owns one,
// so no FreeType object is ever shared between threads and nobody waits on anybody's lock.
class FontCache {
public:
    explicit FontCache(FontRegistry& registry = FontRegistry::global());
    ~FontCache();
    FontCache(const FontCache&) = delete;
    FontCache& operator=(const FontCache&) = delete;

    // The font at that size, its size made the active one of the font's FreeType face. Returns
    // nullptr (and sets `error`) when the file cannot be opened.
    const SizedFace* face(std::uint32_t face, std::uint32_t size_64, std::string* error = nullptr);
    // FreeType faces open (one per font, whatever the sizes asked for; tests).
    std::size_t open_fonts() const { return fonts_.size(); }

    FontRegistry& registry() { return registry_; }
    FT_Library library() const { return library_; }

private:
    // The font's tables as HarfBuzz shapes with them, one for every size of the font: what
    // HarfBuzz works out from them (its lookup accelerators, cached shape plans) is kept per face,
    // and a face per size held it again for each size text was fitted at. Null where the file
    // could not be mapped (each size then shapes with its own, as FreeType reads the tables).
    hb_face_t* shaping_face(std::uint32_t face);

    // The font's FreeType face, opened at its first size. A face per size kept the font's
    // glyph slot, its tables and the auto-hinter's data for each of its glyphs again for every
    // size text was fitted at (50 to 140 KiB each once glyphs were loaded; shrink-to-fit tries
    // several sizes for every text). Null when the file cannot be opened.
    FT_Face font(std::uint32_t face, std::string* error);
    FontRegistry& registry_;
    FT_Library library_ = nullptr;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::unique_ptr<SizedFace>> faces_;
    struct Font {
        FT_Face ft = nullptr;
        std::uint64_t file_pages = 0;
    };
    std::map<std::uint32_t, Font> fonts_;
    struct ShapingFace {
        hb_face_t* hb = nullptr;
        std::uint64_t file_pages = 0;
    };
    std::map<std::uint32_t, ShapingFace> shaping_faces_;
};

inline std::uint32_t to_26_6(float px) {
    return static_cast<std::uint32_t>(px * 64.0f + 0.5f);
}

} // namespace stagehand::core::text
