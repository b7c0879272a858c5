#include "core/base/memory_release.hpp"
#include "core/draw/render_list.hpp"
#include "core/text/font_cache.hpp"
#include "core/text/font_registry.hpp"
#include "core/text/glyph_atlas.hpp"
#include "core/text/text_layout.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <thread>
#include <vector>

using namespace stagehand::core;
using namespace stagehand::core::text;

namespace {

TextLayout lay_out(const std::string& text, float size = 24.0f) {
    static TextEngine engine;
    TextStyle style;
    style.family = "DejaVu Sans";
    style.size_px = size;
    return engine.layout(text, style, 0, 0);
}

std::size_t dirty_pages(const GlyphAtlas& atlas) {
    std::size_t n = 0;
    for (const auto& p : atlas.pages())
        n += p.dirty ? 1 : 0;
    return n;
}

void upload_all(GlyphAtlas& atlas) {
    for (std::size_t i = 0; i < atlas.pages().size(); ++i)
        atlas.mark_uploaded(i);
}

} // namespace

TEST(GlyphAtlas, RasterisesEachGlyphOnceAndCopiesItsBitmap) {
    GlyphAtlas atlas(256, 4);
    const TextLayout l = lay_out("A");
    const AtlasGlyph* first = atlas.find_or_add(l.glyphs[0].key);
    ASSERT_NE(first, nullptr);
    EXPECT_GT(first->w, 10);
    EXPECT_GT(first->h, 10);
    EXPECT_GT(first->top, 10.0f); // a capital stands well above the baseline
    const AtlasGlyph* again = atlas.find_or_add(l.glyphs[0].key);
    EXPECT_EQ(first, again);
    EXPECT_EQ(atlas.stats().rasterized, 1u);

    // The bitmap is really in the page: some coverage inside the glyph's rectangle.
    const AtlasPage& page = atlas.pages()[first->page];
    EXPECT_EQ(page.format, PageFormat::Alpha8);
    int covered = 0;
    for (int y = first->y; y < first->y + first->h; ++y)
        for (int x = first->x; x < first->x + first->w; ++x)
            covered += page.pixels[static_cast<std::size_t>(y) * page.size + x] > 128;
    EXPECT_GT(covered, 20);
}

TEST(GlyphAtlas, ColourEmojiGoToAnRgbaPageAtTheRequestedSize) {
    GlyphAtlas atlas(256, 4);
    const TextLayout l = lay_out("🎉", 32.0f);
    ASSERT_EQ(l.glyphs.size(), 1u);
    const AtlasGlyph* g = atlas.find_or_add(l.glyphs[0].key);
    ASSERT_NE(g, nullptr);
    EXPECT_TRUE(g->color);
    EXPECT_EQ(atlas.pages()[g->page].format, PageFormat::Rgba8);
    // Downscaled from the 109 px strike to about the asked-for 32 px.
    EXPECT_LE(g->h, 40);
    EXPECT_GE(g->h, 24);
}

// Colour pages are a quarter of the area of the alpha pages (four bytes a pixel, and few
// glyphs). Colour glyphs come from bitmap strikes (136 px at most in Noto Color Emoji) and are
// never scaled up, so even a huge one fits.
TEST(GlyphAtlas, ColourPagesAreAQuarterOfTheArea) {
    GlyphAtlas atlas(1024, 8);
    const AtlasGlyph* letter = atlas.find_or_add(lay_out("A", 32.0f).glyphs[0].key);
    const AtlasGlyph* emoji = atlas.find_or_add(lay_out("🎉", 32.0f).glyphs[0].key);
    ASSERT_TRUE(letter && emoji);
    EXPECT_EQ(atlas.pages()[letter->page].size, 1024u);
    EXPECT_EQ(atlas.pages()[emoji->page].size, 512u);
    const TextLayout huge = lay_out("🚀", 600.0f);
    ASSERT_EQ(huge.glyphs.size(), 1u);
    const AtlasGlyph* big = atlas.find_or_add(huge.glyphs[0].key);
    ASSERT_NE(big, nullptr);
    EXPECT_EQ(atlas.pages()[big->page].size, 512u);
    EXPECT_EQ(atlas.pages()[big->page].format, PageFormat::Rgba8);
    EXPECT_EQ(atlas.pages().size(), 2u) << "one page of each kind";
}

TEST(GlyphAtlas, SpacesTakeNoRoom) {
    GlyphAtlas atlas(256, 4);
    const TextLayout l = lay_out("a b");
    const AtlasGlyph* space = atlas.find_or_add(l.glyphs[1].key);
    ASSERT_NE(space, nullptr);
    EXPECT_EQ(space->w, 0);
}

TEST(GlyphAtlas, OnlyPagesThatGainGlyphsBecomeDirty) {
    GlyphAtlas atlas(256, 8);
    for (const auto& g : lay_out("abcdef").glyphs)
        atlas.find_or_add(g.key);
    for (const auto& g : lay_out("🎉").glyphs)
        atlas.find_or_add(g.key);
    ASSERT_EQ(atlas.pages().size(), 2u);
    upload_all(atlas);
    EXPECT_EQ(dirty_pages(atlas), 0u);

    for (const auto& g : lay_out("fed").glyphs) // all known already
        atlas.find_or_add(g.key);
    EXPECT_EQ(dirty_pages(atlas), 0u);

    for (const auto& g : lay_out("xyz").glyphs) // new letters: only the A8 page changes
        atlas.find_or_add(g.key);
    EXPECT_EQ(dirty_pages(atlas), 1u);
    EXPECT_TRUE(atlas.pages()[0].dirty);
    EXPECT_FALSE(atlas.pages()[1].dirty);
}

TEST(GlyphAtlas, FullAtlasClearsTheLeastRecentlyUsedPageAndBumpsTheEpoch) {
    GlyphAtlas atlas(64, 2); // tiny: a few dozen-pixel glyphs per page
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const TextLayout l = lay_out(alphabet, 28.0f);
    const std::uint64_t epoch = atlas.epoch();
    for (const auto& g : l.glyphs) {
        atlas.begin_frame();
        EXPECT_NE(atlas.find_or_add(g.key), nullptr);
    }
    EXPECT_LE(atlas.pages().size(), 2u);
    EXPECT_GT(atlas.stats().evictions, 0u);
    EXPECT_GT(atlas.epoch(), epoch);
    // An evicted glyph comes back when asked for again.
    atlas.begin_frame();
    EXPECT_NE(atlas.find_or_add(l.glyphs[0].key), nullptr);
}

// Within one frame nothing already placed is evicted: the frame's vertices point at those
// places. A glyph that finds no room in a full atlas is left out of this frame instead.
TEST(GlyphAtlas, AFullAtlasNeverEvictsAPageTheCurrentFrameUses) {
    GlyphAtlas atlas(64, 2);
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const TextLayout l = lay_out(alphabet, 28.0f);
    atlas.begin_frame(); // one frame asks for every glyph
    std::vector<std::pair<GlyphKey, AtlasGlyph>> placed;
    std::size_t refused = 0;
    for (const auto& g : l.glyphs) {
        if (const AtlasGlyph* a = atlas.find_or_add(g.key))
            placed.emplace_back(g.key, *a);
        else
            ++refused;
    }
    EXPECT_GT(refused, 0u) << "the alphabet does not fit two 64-pixel pages";
    EXPECT_EQ(atlas.stats().evictions, 0u);
    // Every glyph placed this frame is still where it was put.
    for (const auto& [key, place] : placed) {
        const AtlasGlyph* now = atlas.find_or_add(key);
        ASSERT_NE(now, nullptr);
        EXPECT_EQ(now->page, place.page);
        EXPECT_EQ(now->x, place.x);
        EXPECT_EQ(now->y, place.y);
    }
}

TEST(GlyphVertices, GlyphsFollowShapesOneRangePerPageAtRoundedPixelPositions) {
    GlyphAtlas atlas(256, 8);
    RenderList list;
    list.width = 400;
    list.height = 100;
    const Color c{1, 1, 1, 1};
    list.shapes.push_back(ShapeQuad{Rect{0, 0, 400, 100}, 8, 1, c, c});
    TextLayout l = lay_out("Hi 🎉");
    for (auto g : l.glyphs) {
        g.x += 10.3f;
        g.y += 20.6f;
        list.glyphs.push_back(g);
    }
    VertexStreams v;
    build_vertices(list, &atlas, v);
    ASSERT_EQ(v.ranges.size(), 3u); // shapes, A8 page, RGBA page
    EXPECT_EQ(v.ranges[0].page, -1);
    EXPECT_EQ(v.ranges[0].count, 6u);
    std::set<int> pages{v.ranges[1].page, v.ranges[2].page};
    EXPECT_EQ(pages.size(), 2u);
    EXPECT_EQ(v.ranges[1].count + v.ranges[2].count, 3u * 6u); // H, i, emoji; no space quad

    for (std::size_t i = v.ranges[1].first; i < v.vertex_count(); ++i) {
        EXPECT_FLOAT_EQ(v.position[i * 4], std::round(v.position[i * 4])) << "vertex " << i;
        EXPECT_FLOAT_EQ(v.tex1[i * 4 + 3], 0.0f); // glyph mode marker
        EXPECT_GE(v.tex0[i * 4 + 2], 0.0f);
        EXPECT_LE(v.tex0[i * 4 + 2], 1.0f);
    }
    // The first glyph's quad starts at its rounded pen position plus its bearing.
    const AtlasGlyph* h = atlas.find_or_add(list.glyphs[0].key);
    EXPECT_FLOAT_EQ(v.position[v.ranges[1].first * 4],
                    std::round(10.3f + l.glyphs[0].x) + std::round(h->left));
}

TEST(GlyphAtlas, OutlineBitmapIsTheGlyphGrownByTheStrokeWidth) {
    GlyphAtlas atlas(256, 4);
    const TextLayout l = lay_out("O", 32.0f);
    GlyphKey outlined = l.glyphs[0].key;
    outlined.outline_64 = to_26_6(3.0f);
    const AtlasGlyph* plain = atlas.find_or_add(l.glyphs[0].key);
    const AtlasGlyph* grown = atlas.find_or_add(outlined);
    ASSERT_NE(plain, nullptr);
    ASSERT_NE(grown, nullptr);
    EXPECT_NE(plain, grown);
    EXPECT_NEAR(grown->w, plain->w + 6, 2);
    EXPECT_NEAR(grown->h, plain->h + 6, 2);
    EXPECT_NEAR(grown->left, plain->left - 3.0f, 1.0f);
}

namespace {

// The laid-out glyphs (white) with a black outline of 2 px and a half-transparent shadow 3 px
// down and right.
RenderList outlined_and_shadowed(const TextLayout& layout) {
    RenderList list;
    list.glyphs = layout.glyphs;
    list.text_effects.outline = Color{0, 0, 0, 1};
    list.text_effects.outline_width = 2.0f;
    list.text_effects.shadow = Color{0, 0, 0, 0.5f};
    list.text_effects.shadow_x = list.text_effects.shadow_y = 3.0f;
    return list;
}

} // namespace

TEST(GlyphVertices, ShadowAndOutlineAreExtraQuadsInTheSameDrawBehindTheFill) {
    GlyphAtlas atlas(256, 4);
    const RenderList list = outlined_and_shadowed(lay_out("ab"));
    VertexStreams v;
    build_vertices(list, &atlas, v);
    ASSERT_EQ(v.ranges.size(), 1u) << "one draw for text, shadow and outline together";
    ASSERT_EQ(v.ranges[0].count, 2u * 3u * 6u);
    // Order: two shadow quads, two outline quads, two fill quads.
    const auto alpha_of = [&](std::size_t quad) {
        return v.color[quad * 6] >> 24;
    };
    EXPECT_EQ(alpha_of(0), 128u);
    EXPECT_EQ(alpha_of(1), 128u);
    EXPECT_EQ(v.color[2 * 6], 0xFF000000u);
    EXPECT_EQ(v.color[4 * 6], 0xFFFFFFFFu);
    // The shadow is the outline shape moved by the offset.
    EXPECT_FLOAT_EQ(v.position[0] - v.position[2 * 6 * 4], 3.0f);
}

// Pages are small, so a show's text may span several: each page is a draw, and still every
// shadow is drawn before every outline and every outline before every fill.
TEST(GlyphVertices, ShadowsAndOutlinesStayBehindEveryFillWhenTheTextSpansPages) {
    GlyphAtlas atlas(64, 32);
    const RenderList list = outlined_and_shadowed(lay_out("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 28.0f));
    VertexStreams v;
    build_vertices(list, &atlas, v);
    std::set<int> pages;
    int last_layer = 0;
    std::size_t quads = 0;
    for (const DrawRange& range : v.ranges) {
        pages.insert(range.page);
        for (std::size_t q = range.first / 6; q < (range.first + range.count) / 6; ++q) {
            const std::uint32_t color = v.color[q * 6];
            const int layer = (color >> 24) == 128u ? 0 : color == 0xFF000000u ? 1 : 2;
            EXPECT_GE(layer, last_layer) << "quad " << q << " on page " << range.page;
            last_layer = layer;
            ++quads;
        }
    }
    EXPECT_GE(pages.size(), 3u) << "the test needs text that spans pages";
    EXPECT_EQ(quads, 3u * 26u);
}

TEST(GlyphAtlas, AGlyphLargerThanAPageGetsAPageItFitsIn) {
    GlyphAtlas atlas(64, 4);
    const TextLayout l = lay_out("W", 150.0f);
    atlas.begin_frame();
    const AtlasGlyph* w = atlas.find_or_add(l.glyphs[0].key);
    ASSERT_NE(w, nullptr);
    ASSERT_GT(w->w, 64u) << "the glyph must be larger than a page";
    const AtlasPage& page = atlas.pages()[w->page];
    EXPECT_GE(page.size, w->w + 2u);
    EXPECT_GE(page.size, w->h + 2u);
    EXPECT_LE(page.size, 256u) << "the smallest doubling of the page that holds it";
}

namespace {

// The texels of a placed glyph, row by row.
std::vector<std::uint8_t> texels(const GlyphAtlas& atlas, const AtlasGlyph& g) {
    const AtlasPage& page = atlas.pages()[g.page];
    const std::uint32_t bpp = page.bytes_per_pixel();
    std::vector<std::uint8_t> out;
    for (std::uint32_t y = 0; y < g.h; ++y) {
        const auto* row =
            page.pixels.data() + ((static_cast<std::size_t>(g.y) + y) * page.size + g.x) * bpp;
        out.insert(out.end(), row, row + static_cast<std::size_t>(g.w) * bpp);
    }
    return out;
}

} // namespace

TEST(GlyphAtlas, GlyphsStagedOnAnotherThreadAreOnlyCopiedIntoTheAtlas) {
    const TextLayout l = lay_out("Staged glyphs, ligatures => and 🎉");
    RenderList list;
    list.glyphs = l.glyphs;
    list.text_effects.outline = Color{0, 0, 0, 1};
    list.text_effects.outline_width = 2.0f;
    const std::vector<GlyphKey> keys = glyph_keys(list);
    ASSERT_GT(keys.size(), l.glyphs.size() / 2);

    GlyphAtlas staged(512, 4), direct(512, 4);
    std::thread worker([&] {
        GlyphRasterizer rasterizer;
        staged.staging().prepare(keys, rasterizer);
    });
    worker.join();
    EXPECT_EQ(staged.staging().waiting(), keys.size());
    for (const GlyphKey& key : keys) {
        const AtlasGlyph* a = staged.find_or_add(key);
        const AtlasGlyph* b = direct.find_or_add(key);
        ASSERT_TRUE(a && b);
        EXPECT_EQ(a->w, b->w);
        EXPECT_EQ(a->h, b->h);
        EXPECT_EQ(a->left, b->left);
        EXPECT_EQ(a->color, b->color);
        EXPECT_EQ(texels(staged, *a), texels(direct, *b)) << "same bitmap either way";
    }
    EXPECT_EQ(staged.stats().staged, keys.size());
    EXPECT_EQ(staged.stats().rasterized, 0u) << "nothing rendered on the atlas's thread";
    EXPECT_EQ(direct.stats().rasterized, keys.size());
    EXPECT_EQ(staged.staging().waiting(), 0u);

    // Staging the same keys again renders nothing: the atlas has them.
    GlyphRasterizer rasterizer;
    staged.staging().prepare(keys, rasterizer);
    EXPECT_EQ(staged.staging().waiting(), 0u);
}

// The plugin's atlas renders nothing itself (FreeType would open font files on OBS's video
// thread): a glyph nobody staged is wanted, left out of this frame, rendered by a worker, and
// there the next time.
TEST(GlyphAtlas, WithoutRasterisingAMissingGlyphIsWantedAndStagedElsewhere) {
    const TextLayout l = lay_out("Never staged");
    GlyphAtlas atlas(512, 4);
    atlas.set_rasterize_missing(false);
    atlas.begin_frame();
    for (const auto& g : l.glyphs)
        EXPECT_EQ(atlas.find_or_add(g.key), nullptr);
    EXPECT_EQ(atlas.stats().rasterized, 0u);
    EXPECT_GT(atlas.stats().deferred, 0u);
    ASSERT_TRUE(atlas.staging().has_wanted());
    std::thread worker([&] {
        GlyphRasterizer rasterizer;
        atlas.staging().prepare(atlas.staging().take_wanted(), rasterizer);
    });
    worker.join();
    EXPECT_FALSE(atlas.staging().has_wanted());
    atlas.begin_frame();
    for (const auto& g : l.glyphs)
        EXPECT_NE(atlas.find_or_add(g.key), nullptr);
    EXPECT_EQ(atlas.stats().rasterized, 0u) << "nothing rendered on the atlas's thread";
    EXPECT_GT(atlas.stats().staged, 0u);
}

TEST(GlyphAtlas, AnEvictedGlyphIsStagedAgain) {
    // A page of 64 px holds a handful of 24 px glyphs; two pages at most, so the third batch
    // evicts the first page and its glyphs must be stageable again.
    GlyphAtlas atlas(64, 2);
    GlyphRasterizer rasterizer;
    const TextLayout first = lay_out("ABCDEFGH");
    std::vector<GlyphKey> first_keys;
    for (const auto& g : first.glyphs)
        first_keys.push_back(g.key);
    atlas.staging().prepare(first_keys, rasterizer);
    atlas.begin_frame();
    for (const GlyphKey& key : first_keys)
        atlas.find_or_add(key);
    for (const char* batch : {"IJKLMNOP", "QRSTUVWX", "abcdefgh"}) {
        atlas.begin_frame();
        for (const auto& g : lay_out(batch).glyphs)
            atlas.find_or_add(g.key);
    }
    ASSERT_GT(atlas.stats().evictions, 0u);
    atlas.staging().prepare(first_keys, rasterizer);
    EXPECT_GT(atlas.staging().waiting(), 0u) << "evicted glyphs come back through staging";
}

TEST(GlyphAtlas, GlyphKeysAreExactlyWhatDrawingAListNeeds) {
    RenderList list;
    list.glyphs = lay_out("Shadowed 🎉 and outlined").glyphs;
    list.text_effects.shadow = Color{0, 0, 0, 0.5f};
    list.text_effects.shadow_x = list.text_effects.shadow_y = 2.0f;
    list.text_effects.outline = Color{0, 0, 0, 1};
    list.text_effects.outline_width = 1.5f;
    GlyphAtlas atlas(512, 4);
    GlyphRasterizer rasterizer;
    const auto keys = glyph_keys(list);
    atlas.staging().prepare(keys, rasterizer);
    VertexStreams v;
    build_vertices(list, &atlas, v);
    EXPECT_EQ(atlas.stats().rasterized, 0u) << "a key the list needs was not staged";
    EXPECT_EQ(atlas.stats().staged, keys.size()) << "a staged key was not needed";
}
