#include "core/text/font_cache.hpp"

#include "core/base/memory_release.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SIZES_H
#include <hb-ft.h>
#include <hb.h>

#include <cmath>
#include <cstdlib>

namespace stagehand::core::text {

FontCache::FontCache(FontRegistry& registry)
    : registry_(registry) {
    FT_Init_FreeType(&library_);
}

FontCache::~FontCache() {
    for (auto& [key, f] : faces_)
        hb_font_destroy(f->hb); // its reference to the font's face
    for (auto& [key, font] : fonts_) {
        memory::unregister_file_pages(font.file_pages); // before FreeType unmaps the file
        FT_Done_Face(font.ft);                          // and every size made on it
    }
    for (auto& [key, f] : shaping_faces_) {
        memory::unregister_file_pages(f.file_pages);
        hb_face_destroy(f.hb);
    }
    FT_Done_FreeType(library_);
}

hb_face_t* FontCache::shaping_face(std::uint32_t face) {
    if (auto it = shaping_faces_.find(face); it != shaping_faces_.end())
        return it->second.hb;
    ShapingFace& shaping = shaping_faces_[face];
    const FaceFile file = registry_.file(face);
    // Mapped, not read: the tables are read where they lie in the file.
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.path.c_str());
    if (!blob)
        return nullptr;
    unsigned int length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    if (file.index >= 0 && static_cast<unsigned int>(file.index) < hb_face_count(blob)) {
        shaping.hb = hb_face_create(blob, static_cast<unsigned int>(file.index));
        // Given back to the page cache when Stagehand is quiet, as FreeType's mapping is.
        if (data && length)
            shaping.file_pages = memory::register_file_pages(data, length);
    }
    hb_blob_destroy(blob); // the face holds it
    return shaping.hb;
}

FT_Face FontCache::font(std::uint32_t face, std::string* error) {
    if (auto it = fonts_.find(face); it != fonts_.end())
        return it->second.ft;
    const FaceFile file = registry_.file(face);
    FT_Face ft = nullptr;
    if (!library_ || FT_New_Face(library_, file.path.c_str(), file.index, &ft) != 0) {
        if (error)
            *error = "could not open font file " + file.path;
        return nullptr;
    }
    Font& font = fonts_[face];
    font.ft = ft;
    // FreeType maps the file read-only: its pages are read while shaping and drawing glyphs,
    // then rarely again, and can go back to the page cache when Stagehand is quiet.
    if (ft->stream && ft->stream->base && ft->stream->size)
        font.file_pages = memory::register_file_pages(ft->stream->base, ft->stream->size);
    return ft;
}

const SizedFace* FontCache::face(std::uint32_t face, std::uint32_t size_64, std::string* error) {
    const auto key = std::make_pair(face, size_64);
    if (auto it = faces_.find(key); it != faces_.end()) {
        FT_Activate_Size(it->second->size);
        return it->second.get();
    }

    FT_Face ft = font(face, error);
    if (!ft)
        return nullptr;
    FT_Size size = nullptr;
    if (FT_New_Size(ft, &size) != 0) {
        if (error)
            *error = "could not make a size of font file " + registry_.file(face).path;
        return nullptr;
    }
    FT_Activate_Size(size);
    auto sized = std::make_unique<SizedFace>();
    sized->face = face;
    sized->size_64 = size_64;
    sized->ft = ft;
    sized->size = size;
    sized->file_pages = fonts_[face].file_pages;
    const float size_px = static_cast<float>(size_64) / 64.0f;

    if (!FT_IS_SCALABLE(ft) && ft->num_fixed_sizes > 0) {
        // Bitmap strikes (Noto Color Emoji has one, 109 px): take the smallest strike at
        // least as large as asked for, else the largest, and scale when drawing.
        int best = 0;
        for (int i = 0; i < ft->num_fixed_sizes; ++i) {
            const auto ppem = ft->available_sizes[i].y_ppem;
            const auto best_ppem = ft->available_sizes[best].y_ppem;
            if ((ppem >= size_64 && (best_ppem < size_64 || ppem < best_ppem)) ||
                (best_ppem < size_64 && ppem > best_ppem))
                best = i;
        }
        FT_Select_Size(ft, best);
        sized->scale = size_px / (static_cast<float>(ft->available_sizes[best].y_ppem) / 64.0f);
    } else {
        FT_Set_Char_Size(ft, 0, static_cast<FT_F26Dot6>(size_64), 72, 72);
    }
    sized->color = FT_HAS_COLOR(ft);
    // Made while this size is the face's active one: HarfBuzz reads its scale from it, and loads
    // glyphs (advances) through the face with whichever size is active, which face() sees to.
    sized->hb = hb_ft_font_create_referenced(ft);
    // FreeType at this size gives the glyphs and their advances; the tables shaped with are the
    // font's one face for all sizes.
    if (hb_face_t* shared = shaping_face(face))
        hb_font_set_face(sized->hb, shared);
    // Shaping uses the same hinting as rasterisation so advances match the bitmaps.
    hb_ft_font_set_load_flags(sized->hb, FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT |
                                             (sized->color ? FT_LOAD_COLOR : 0));
    const FT_Size_Metrics& m = ft->size->metrics;
    sized->ascender = static_cast<float>(m.ascender) / 64.0f * sized->scale;
    sized->descender = static_cast<float>(-m.descender) / 64.0f * sized->scale;
    if (FT_IS_SCALABLE(ft) && ft->units_per_EM > 0) {
        const float units = size_px / static_cast<float>(ft->units_per_EM);
        sized->underline_position = -static_cast<float>(ft->underline_position) * units;
        sized->underline_thickness =
            std::max(1.0f, std::round(static_cast<float>(ft->underline_thickness) * units));
    } else {
        sized->underline_position = sized->descender * 0.5f;
        sized->underline_thickness = std::max(1.0f, std::round(size_px / 14.0f));
    }
    const SizedFace* result = sized.get();
    faces_.emplace(key, std::move(sized));
    return result;
}

} // namespace stagehand::core::text
