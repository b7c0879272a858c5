// The font cache: one FreeType face per font and size, shaped with one HarfBuzz face per font.
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

} // namespace

// Text fitted to a box is laid out at many sizes: every size of a font shapes with the font's one
// HarfBuzz face (what HarfBuzz derives from the tables, kept per face, is made once), and shapes
// exactly as a face of its own read through FreeType at that size did.
TEST(FontCache, EverySizeOfAFontShapesWithOneFaceAndAsItsOwnFaceWould) {
    FontRequest request;
    request.family = "JetBrains Mono";
    const auto chain = FontRegistry::global().chain(request);
    ASSERT_FALSE(chain->entries.empty());
    const std::uint32_t id = chain->entries[0].face;
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
    for (const SizedFace* sized : {large, fitted}) {
        hb_font_t* own = hb_ft_font_create_referenced(sized->ft);
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
    FontRequest request;
    request.family = "DejaVu Sans";
    const auto chain = FontRegistry::global().chain(request);
    ASSERT_FALSE(chain->entries.empty());
    const std::size_t before = memory::release_file_pages();
    {
        FontCache cache;
        const SizedFace* face = cache.face(chain->entries[0].face, to_26_6(24.0f));
        ASSERT_NE(face, nullptr);
#if defined(__linux__)
        EXPECT_NE(face->file_pages, 0u) << "the font's mapping was not registered";
        EXPECT_GT(memory::release_file_pages(), before) << "nothing more to release";
#endif
    }
    EXPECT_EQ(memory::release_file_pages(), before) << "the closed font is still registered";
}
