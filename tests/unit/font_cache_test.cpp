// The font cache: one FreeType face per font with a size object per size, shaped with one
// HarfBuzz face per font.
#include "core/base/memory_release.hpp"
#include "core/text/font_cache.hpp"
#include "core/text/font_registry.hpp"

#include <gtest/gtest.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>

#include <string>
#include <vector>

using namespace stagehand::core;
using namespace stagehand::core::text;

namespace {

struct Shaped {
    std::vector<hb_glyph_info_t> info;
    std::vector<hb_glyph_position_t> pos;
};

Shaped shape(hb_font_t* font, const std::string& text) {
    hb_buffer_t* buffer = hb_buffer_create();
    hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0,
                       static_cast<int>(text.size()));
    hb_buffer_guess_segment_properties(buffer);
    hb_shape(font, buffer, nullptr, 0);
    unsigned int n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &n);
    Shaped out{{info, info + n}, {pos, pos + n}};
    hb_buffer_destroy(buffer);
    return out;
}

// The first face of a family's chain (the font the family resolves to).
bool first_face(const char* family, std::uint32_t& id) {
    FontRequest request;
    request.family = family;
    const auto chain = FontRegistry::global().chain(request);
    if (chain->entries.empty())
        return false;
    id = chain->entries[0].face;
    return true;
}

} // namespace

// Text fitted to a box is laid out at many sizes: every size of a font shapes with the font's one
// HarfBuzz face (what HarfBuzz derives from the tables, kept per face, is made once) and its one
// FreeType face, and shapes exactly as a face of its own at that size does, whichever size was
// asked for last.
TEST(FontCache, EverySizeOfAFontShapesWithOneFaceAndAsItsOwnFaceWould) {
    std::uint32_t id = 0;
    ASSERT_TRUE(first_face("JetBrains Mono", id));
    FontCache cache;
    const SizedFace* large = cache.face(id, to_26_6(28.0f));
    const SizedFace* fitted = cache.face(id, to_26_6(21.375f));
    ASSERT_NE(large, nullptr);
    ASSERT_NE(fitted, nullptr);
    EXPECT_EQ(hb_font_get_face(large->hb), hb_font_get_face(fitted->hb));
    // Ligatures and contextual alternates (JetBrains Mono's many `calt` lookups), kerning-free
    // monospace advances, and a character the font lacks.
    const std::string text =
        "fn main() => a != b && c <= d; // -> === \xF0\x9F\x98\x80 \xE2\x88\x80";
    const FaceFile file = FontRegistry::global().file(id);
    for (const float px : {28.0f, 21.375f, 28.0f}) {
        // Asked for again before each use, as the layout does: sizes of a font take turns on
        // its one FreeType face.
        const SizedFace* sized = cache.face(id, to_26_6(px));
        ASSERT_EQ(sized, px == 28.0f ? large : fitted);
        FT_Face own_face = nullptr;
        ASSERT_EQ(FT_New_Face(cache.library(), file.path.c_str(), file.index, &own_face), 0);
        FT_Set_Char_Size(own_face, 0, static_cast<FT_F26Dot6>(to_26_6(px)), 72, 72);
        hb_font_t* own = hb_ft_font_create_referenced(own_face);
        FT_Done_Face(own_face); // the font holds its reference
        hb_ft_font_set_load_flags(own, FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT);
        EXPECT_NE(hb_font_get_face(own), hb_font_get_face(sized->hb));
        const Shaped expected = shape(own, text);
        const Shaped got = shape(sized->hb, text);
        hb_font_destroy(own);
        ASSERT_EQ(got.info.size(), expected.info.size());
        for (std::size_t i = 0; i < got.info.size(); ++i) {
            EXPECT_EQ(got.info[i].codepoint, expected.info[i].codepoint) << "glyph " << i;
            EXPECT_EQ(got.info[i].cluster, expected.info[i].cluster) << "glyph " << i;
            EXPECT_EQ(got.pos[i].x_advance, expected.pos[i].x_advance) << "glyph " << i;
            EXPECT_EQ(got.pos[i].x_offset, expected.pos[i].x_offset) << "glyph " << i;
            EXPECT_EQ(got.pos[i].y_offset, expected.pos[i].y_offset) << "glyph " << i;
        }
    }
}

// FreeType maps each font file it opens; the cache hands the mapping to the memory release
// (core/base/memory_release.hpp) so that a quiet Stagehand keeps none of a font resident, and
// takes it back before FreeType unmaps it.
TEST(FontCache, HandsTheFontFilesMappingToTheMemoryRelease) {
    std::uint32_t id = 0;
    ASSERT_TRUE(first_face("DejaVu Sans", id));
    const std::size_t before = memory::release_file_pages();
    {
        FontCache cache;
        const SizedFace* face = cache.face(id, to_26_6(24.0f));
        ASSERT_NE(face, nullptr);
#if defined(__linux__)
        EXPECT_NE(face->file_pages, 0u) << "the font's mapping was not registered";
        EXPECT_GT(memory::release_file_pages(), before) << "nothing more to release";
#endif
    }
    EXPECT_EQ(memory::release_file_pages(), before) << "the closed font is still registered";
}

// Shrink-to-fit tries several sizes for every text: each size of a font is a size object on the
// font's one FreeType face (a face per size kept the font's tables, glyph slot and auto-hinter
// data again for each), and each size's glyphs and metrics stay its own whatever order sizes
// are asked for in.
TEST(FontCache, SizesOfAFontShareItsFaceAndKeepTheirOwnMetrics) {
    std::uint32_t id = 0;
    ASSERT_TRUE(first_face("DejaVu Sans", id));
    const FaceFile file = FontRegistry::global().file(id);
    FontCache cache;
    const std::vector<float> sizes = {12.0f, 40.0f, 17.25f, 12.0f, 40.0f, 30.5f, 17.25f};
    // What a face of its own gives at each size: the ascender and the 'W' bitmap's size.
    struct Metrics {
        long ascender = 0;
        unsigned width = 0, rows = 0;
        long advance = 0;
        hb_position_t shaped_advance = 0; // HarfBuzz's, through FreeType
    };
    const auto own_metrics = [&](float px) {
        FT_Face own = nullptr;
        EXPECT_EQ(FT_New_Face(cache.library(), file.path.c_str(), file.index, &own), 0);
        FT_Set_Char_Size(own, 0, static_cast<FT_F26Dot6>(to_26_6(px)), 72, 72);
        FT_Load_Char(own, 'W', FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT | FT_LOAD_RENDER);
        Metrics m{own->size->metrics.ascender, own->glyph->bitmap.width, own->glyph->bitmap.rows,
                  own->glyph->advance.x};
        hb_font_t* font = hb_ft_font_create_referenced(own);
        hb_ft_font_set_load_flags(font, FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT);
        hb_codepoint_t glyph = 0;
        if (hb_font_get_nominal_glyph(font, 'W', &glyph))
            m.shaped_advance = hb_font_get_glyph_h_advance(font, glyph);
        hb_font_destroy(font);
        FT_Done_Face(own);
        return m;
    };
    FT_Face shared = nullptr;
    for (const float px : sizes) {
        SCOPED_TRACE("size " + std::to_string(px));
        const SizedFace* sized = cache.face(id, to_26_6(px));
        ASSERT_NE(sized, nullptr);
        if (!shared)
            shared = sized->ft;
        EXPECT_EQ(sized->ft, shared) << "every size on the font's one face";
        ASSERT_EQ(
            FT_Load_Char(sized->ft, 'W', FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT | FT_LOAD_RENDER),
            0);
        const Metrics want = own_metrics(px);
        EXPECT_EQ(sized->ft->size->metrics.ascender, want.ascender);
        EXPECT_EQ(sized->ft->glyph->bitmap.width, want.width);
        EXPECT_EQ(sized->ft->glyph->bitmap.rows, want.rows);
        EXPECT_EQ(sized->ft->glyph->advance.x, want.advance);
        EXPECT_FLOAT_EQ(sized->ascender, static_cast<float>(want.ascender) / 64.0f);
        // HarfBuzz's advance for it, through the same face, is this size's too.
        hb_codepoint_t glyph = 0;
        ASSERT_TRUE(hb_font_get_nominal_glyph(sized->hb, 'W', &glyph));
        EXPECT_EQ(hb_font_get_glyph_h_advance(sized->hb, glyph), want.shaped_advance);
    }
    EXPECT_EQ(cache.open_fonts(), 1u);
}
