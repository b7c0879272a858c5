#include "core/draw/morph.hpp"
#include "core/text/glyph_atlas.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

using namespace stagehand::core;

namespace {

// A line of "glyphs" whose ids are the characters, at x = 10 per character, y = 20 per line.
void add_line(RenderList& list, const std::string& chars, int line) {
    for (std::size_t i = 0; i < chars.size(); ++i) {
        text::PositionedGlyph g;
        g.key = text::GlyphKey{0, static_cast<std::uint32_t>(chars[i]), 64 * 20, 0};
        g.x = 10.0f * static_cast<float>(i);
        g.y = 20.0f * static_cast<float>(line);
        g.color = Color{1, 1, 1, 1};
        list.glyphs.push_back(g);
    }
}

} // namespace

TEST(Morph, AnInsertedLinePushesTheFollowingOnesDownInsteadOfReplacingThem) {
    RenderList before, after;
    add_line(before, "abc", 0);
    add_line(before, "xyz", 1);
    add_line(after, "abc", 0);
    add_line(after, "NEW", 1);
    add_line(after, "xyz", 2);
    const MorphPlan plan = plan_morph(before, after);
    ASSERT_TRUE(plan.usable);
    EXPECT_EQ(plan.matched.size(), 6u);
    EXPECT_TRUE(plan.only_from.empty());
    EXPECT_EQ(plan.only_to.size(), 3u);

    // "xyz" glides from y = 20 to y = 40; halfway it is at 30.
    const RenderList mid = morph_frame(plan, before, after, 0.5f);
    int moving = 0;
    for (const auto& g : mid.glyphs)
        if (g.key.glyph == 'x') {
            EXPECT_FLOAT_EQ(g.y, 30.0f);
            ++moving;
        }
    EXPECT_EQ(moving, 1);
    // The new line fades in: half alpha at the midpoint.
    for (const auto& g : mid.glyphs) {
        if (g.key.glyph == 'N') {
            EXPECT_FLOAT_EQ(g.color.a, 0.5f);
        }
    }
}

TEST(Morph, EndsExactlyOnTheNewPictureAndStartsOnTheOld) {
    RenderList before, after;
    add_line(before, "let a = 1", 0);
    add_line(after, "let b = 1", 0);
    after.shapes.push_back(ShapeQuad{Rect{0, 0, 5, 5}, 0, 1, Color{}, Color{}});
    const MorphPlan plan = plan_morph(before, after);
    const RenderList end = morph_frame(plan, before, after, 1.0f);
    EXPECT_EQ(end.shapes.size(), 1u);
    for (const auto& g : end.glyphs) {
        if (g.color.a == 0.0f)
            continue; // the replaced 'a', fully faded
        bool found = false;
        for (const auto& n : after.glyphs)
            found = found || (n.key == g.key && n.x == g.x && n.y == g.y);
        EXPECT_TRUE(found);
    }
    const RenderList start = morph_frame(plan, before, after, 0.0f);
    for (const auto& g : start.glyphs) {
        if (g.key.glyph == 'b') {
            EXPECT_FLOAT_EQ(g.color.a, 0.0f);
        }
    }
}

TEST(Morph, AnEditedLineKeepsTheGlyphsItStillHas) {
    RenderList before, after;
    add_line(before, "let total = a", 0);
    add_line(after, "let total = a + b", 0);
    const MorphPlan plan = plan_morph(before, after);
    ASSERT_TRUE(plan.usable);
    EXPECT_EQ(plan.matched.size(), 13u);
    EXPECT_EQ(plan.only_to.size(), 4u);
}

TEST(Morph, TooManyLinesToMatchFallsBackToADissolve) {
    RenderList before, after;
    for (int i = 0; i < 40; ++i) {
        add_line(before, "a" + std::to_string(i), i);
        add_line(after, "b" + std::to_string(i), i);
    }
    EXPECT_FALSE(plan_morph(before, after, 1000).usable);
    // A changed stretch too big for glyph matching fades rather than failing the plan.
    RenderList x, y;
    add_line(x, std::string(300, 'a'), 0);
    add_line(y, std::string(300, 'c'), 0);
    const MorphPlan big = plan_morph(x, y, 1000);
    ASSERT_TRUE(big.usable);
    EXPECT_EQ(big.only_from.size(), 300u);
    EXPECT_EQ(big.only_to.size(), 300u);
}

namespace {

// Where glyph `id` is drawn in `list` (the first one), or nothing.
std::optional<std::pair<float, float>> position_of(const RenderList& list, char id) {
    for (const auto& g : list.glyphs)
        if (g.key.glyph == static_cast<std::uint32_t>(id))
            return std::make_pair(g.x, g.y);
    return std::nullopt;
}

} // namespace

TEST(Morph, AMovedLineTravelsToItsNewPlaceInsteadOfFading) {
    RenderList before, after;
    add_line(before, "first();", 0);
    add_line(before, "second();", 1);
    add_line(before, "third();", 2);
    add_line(after, "second();", 0);
    add_line(after, "third();", 1);
    add_line(after, "first();", 2); // moved from the top to the bottom
    const MorphPlan plan = plan_morph(before, after);
    ASSERT_TRUE(plan.usable);
    EXPECT_TRUE(plan.only_from.empty());
    EXPECT_TRUE(plan.only_to.empty());
    EXPECT_EQ(plan.matched.size(), after.glyphs.size());
    // Halfway, "first();" is between line 0 and line 2, fully opaque.
    const RenderList mid = morph_frame(plan, before, after, 0.5f);
    const auto f = position_of(mid, 'f');
    ASSERT_TRUE(f);
    EXPECT_FLOAT_EQ(f->second, 20.0f);
    for (const auto& g : mid.glyphs)
        EXPECT_FLOAT_EQ(g.color.a, 1.0f);
}

TEST(Morph, SwappedArgumentsTradePlaces) {
    // "f(apple, kiwi)" to "f(kiwi, apple)": an in-order match keeps one word; the other word
    // is paired as a token and moves instead of fading out and back in.
    // Highlighting paints punctuation and names in different colours, which is what separates
    // the tokens.
    RenderList before, after;
    add_line(before, "f(apple,kiwi)", 0);
    add_line(after, "f(kiwi,apple)", 0);
    for (RenderList* list : {&before, &after})
        for (auto& g : list->glyphs)
            if (!std::isalpha(static_cast<int>(g.key.glyph)))
                g.color = Color{0.8f, 0.8f, 0.8f, 1};
    const MorphPlan plan = plan_morph(before, after);
    ASSERT_TRUE(plan.usable);
    EXPECT_EQ(plan.matched.size(), after.glyphs.size());
    EXPECT_TRUE(plan.only_from.empty());
    EXPECT_TRUE(plan.only_to.empty());
    const auto k_before = position_of(before, 'k');
    const auto k_after = position_of(after, 'k');
    const auto k_mid = position_of(morph_frame(plan, before, after, 0.5f), 'k');
    ASSERT_TRUE(k_before && k_after && k_mid);
    EXPECT_FLOAT_EQ(k_mid->first, (k_before->first + k_after->first) * 0.5f);
}

TEST(Morph, TokensSplitByColourAndOnlyIdenticalTokensPair) {
    // "ab" leaves and "ab" arrives, but in the new picture "a" and "b" are painted in two
    // colours (two tokens): nothing pairs as a token, so the in-order match decides alone.
    RenderList before, after;
    add_line(before, "xab", 0);
    add_line(after, "aby", 0);
    add_line(after, "zz", 1);
    after.glyphs[1].color = Color{1, 0, 0, 1}; // 'b' is a different token
    MorphPlan plan = plan_morph(before, after);
    ASSERT_TRUE(plan.usable);
    // 'a' and 'b' match in order; 'x' leaves, 'y' and "zz" arrive: none of them pairs.
    EXPECT_EQ(plan.matched.size(), 2u);
    EXPECT_EQ(plan.only_from.size(), 1u);
    EXPECT_EQ(plan.only_to.size(), 3u);
}

TEST(Morph, TheFocusBarSlidesToTheNextStep) {
    RenderList before, after;
    add_line(before, "one", 0);
    add_line(before, "two", 1);
    add_line(after, "one", 0);
    add_line(after, "two", 1);
    const Color bar{1, 1, 1, 0.1f};
    const ShapeQuad dot{Rect{0, -10, 4, 4}, 2, 1, Color{1, 0, 0, 1}, Color{1, 0, 0, 1}};
    before.shapes = {dot, ShapeQuad{Rect{0, 0, 100, 20}, 4, 1, bar, bar}};
    after.shapes = {dot, ShapeQuad{Rect{0, 20, 100, 20}, 4, 1, bar, bar}};
    const MorphPlan plan = plan_morph(before, after);
    const RenderList mid = morph_frame(plan, before, after, 0.5f);
    ASSERT_EQ(mid.shapes.size(), 2u);
    EXPECT_EQ(mid.shapes[0].rect, dot.rect); // unchanged
    EXPECT_FLOAT_EQ(mid.shapes[1].rect.y, 10.0f);
    EXPECT_FLOAT_EQ(mid.shapes[1].top.a, 0.1f);
    // With no bar before, the new one fades in where it belongs.
    before.shapes = {dot};
    const MorphPlan appear = plan_morph(before, after);
    const RenderList half = morph_frame(appear, before, after, 0.5f);
    ASSERT_EQ(half.shapes.size(), 2u);
    EXPECT_FLOAT_EQ(half.shapes[1].rect.y, 20.0f);
    EXPECT_FLOAT_EQ(half.shapes[1].top.a, 0.05f);
    EXPECT_TRUE(morph_frame(appear, before, after, 0.0f).shapes.size() == 1u);
}

TEST(Morph, ShapesThatGoFadeOutAboveTheCardNotUnderIt) {
    // The card (an opaque panel) stays; bars on lines 1 and 2 go, a bar on line 3 arrives.
    const ShapeQuad card{Rect{0, 0, 200, 100}, 8, 1, Color{0, 0, 0, 1}, Color{0, 0, 0, 1}};
    const Color bar{1, 1, 1, 0.2f};
    RenderList before, after;
    add_line(before, "x", 0);
    add_line(after, "x", 0);
    before.shapes = {card, ShapeQuad{Rect{0, 0, 200, 20}, 4, 1, bar, bar},
                     ShapeQuad{Rect{0, 20, 200, 20}, 4, 1, bar, bar}};
    after.shapes = {card, ShapeQuad{Rect{0, 40, 200, 20}, 4, 1, bar, bar},
                    ShapeQuad{Rect{0, 60, 200, 20}, 4, 1, bar, bar},
                    ShapeQuad{Rect{0, 80, 200, 20}, 4, 1, bar, bar}};
    const MorphPlan plan = plan_morph(before, after);
    const RenderList mid = morph_frame(plan, before, after, 0.5f);
    ASSERT_EQ(mid.shapes.size(), 1u + 2u + 3u);
    EXPECT_EQ(mid.shapes[0].rect, card.rect); // the card is still at the bottom of the stack
    float leaving_alpha = 0.0f;
    for (std::size_t k = 1; k < mid.shapes.size(); ++k)
        if (mid.shapes[k].rect.y < 40.0f)
            leaving_alpha += mid.shapes[k].top.a;
    EXPECT_FLOAT_EQ(leaving_alpha, 2 * 0.1f); // both old bars, half faded, above the card
    EXPECT_EQ(morph_frame(plan, before, after, 1.0f).shapes.size(), after.shapes.size());
}

namespace {

// A window of `rows` lines onto a document of lines "line<i>;" (plus a "}" every 4th line),
// scrolled so `first` (0-based) is at the top, 20 px per line.
RenderList window_onto_document(int first, int rows) {
    RenderList list;
    list.scroll_area = Rect{0, -5, 400, 20.0f * static_cast<float>(rows)};
    list.scroll_y = 20.0f * static_cast<float>(first);
    for (int r = 0; r < rows; ++r) {
        const int line = first + r;
        add_line(list, line % 4 == 3 ? "}" : "line" + std::to_string(line) + ";", r);
    }
    return list;
}

} // namespace

TEST(Morph, ScrollingByAFewLinesSlidesTheSharedTextAndBringsNewRowsInFromBelow) {
    const RenderList before = window_onto_document(0, 8);
    const RenderList after = window_onto_document(3, 8); // scrolled down 3 lines
    const MorphPlan plan = plan_morph(before, after);
    ASSERT_TRUE(plan.usable);
    EXPECT_FLOAT_EQ(plan.scroll, 60.0f);
    // Every kept glyph moves up by exactly the scroll: the "}" of line 3 stays paired with
    // itself, not with the "}" of line 7.
    for (const auto& p : plan.matched)
        EXPECT_FLOAT_EQ(before.glyphs[p.from].y - after.glyphs[p.to].y, 60.0f);
    EXPECT_FALSE(plan.matched.empty());
    // Halfway, a new row (line 10 at the bottom) is half a scroll below its place, and nothing
    // is drawn outside the window.
    const RenderList mid = morph_frame(plan, before, after, 0.5f);
    bool saw_new_row = false;
    for (const auto& g : mid.glyphs) {
        EXPECT_GE(g.y, after.scroll_area.y);
        EXPECT_LE(g.y, after.scroll_area.y + after.scroll_area.h);
        if (g.key.glyph == '1' && g.y > 100.0f) // "line10;" ends up on row 7 (y = 140)
            saw_new_row = saw_new_row || std::abs(g.y - (140.0f + 30.0f)) < 0.01f;
    }
    EXPECT_FALSE(saw_new_row) << "row 7's start position (y = 170) is outside the window";
    const RenderList early = morph_frame(plan, before, after, 0.9f);
    bool arriving = false;
    for (const auto& g : early.glyphs)
        arriving = arriving || std::abs(g.y - (140.0f + 6.0f)) < 0.01f;
    EXPECT_TRUE(arriving) << "row 7 slides in from below, 6 px away at t = 0.9";
}

TEST(Morph, AJumpFurtherThanAWindowSlidesByOneWindow) {
    const RenderList before = window_onto_document(0, 8);
    const RenderList after = window_onto_document(100, 8);
    const MorphPlan plan = plan_morph(before, after);
    EXPECT_FLOAT_EQ(plan.scroll, 2000.0f);
    EXPECT_TRUE(plan.matched.empty() || plan.matched.size() < 4u);
    // A quarter of the way, the old rows have moved up by a quarter window (40 px), not 500.
    const RenderList quarter = morph_frame(plan, before, after, 0.25f);
    bool old_row_seen = false;
    for (const auto& g : quarter.glyphs)
        if (std::abs(g.y - (80.0f - 40.0f)) < 0.01f && g.color.a > 0.7f)
            old_row_seen = true; // row 4 of the old window, fading out
    EXPECT_TRUE(old_row_seen);
}

TEST(Morph, WithoutAScrollNothingIsClipped) {
    RenderList before, after;
    add_line(before, "abc", 0);
    add_line(after, "abc", 5); // far below, no scroll area: an ordinary move
    const MorphPlan plan = plan_morph(before, after);
    EXPECT_FLOAT_EQ(plan.scroll, 0.0f);
    EXPECT_EQ(morph_frame(plan, before, after, 0.5f).glyphs.size(), 3u);
}

namespace {

RenderList laid_out(const std::string& text) {
    static text::TextEngine engine;
    text::TextStyle style;
    style.family = "DejaVu Sans Mono";
    style.size_px = 20;
    RenderList list;
    list.glyphs = engine.layout(text, style, 0, 0).glyphs;
    list.text_effects.shadow = Color{0, 0, 0, 0.5f};
    list.text_effects.shadow_x = list.text_effects.shadow_y = 2.0f;
    return list;
}

} // namespace

TEST(Morph, GpuStreamsDrawTheSameFramesAsTheCpuMorph) {
    const RenderList before = laid_out("let a = 1;\nlet b = 2;\n// gone\n");
    const RenderList after = laid_out("let b = 2;\nlet a = 1;\nlet c = 3;\n");
    const MorphPlan plan = plan_morph(before, after);
    ASSERT_TRUE(plan.usable);
    text::GlyphAtlas atlas(512, 4);
    VertexStreams gpu;
    ASSERT_TRUE(build_morph_vertices(plan, before, after, atlas, gpu));
    ASSERT_GT(gpu.vertex_count(), 0u);

    for (const float t : {0.0f, 0.5f, 1.0f}) {
        VertexStreams cpu;
        build_vertices(morph_frame(plan, before, after, t), &atlas, cpu);
        // The CPU frame has no shapes here: its vertices are glyph quads in the same order.
        ASSERT_EQ(cpu.vertex_count(), gpu.vertex_count()) << "t = " << t;
        for (std::size_t i = 0; i < gpu.vertex_count(); ++i) {
            const float x = gpu.position[i * 4] + gpu.tex0[i * 4] * t;
            const float y = gpu.position[i * 4 + 1] + gpu.tex0[i * 4 + 1] * t;
            // The CPU rounds every frame to whole pixels; the GPU moves smoothly between the
            // rounded ends.
            const float slack = t == 0.5f ? 1.0f : 0.0f;
            ASSERT_NEAR(x, cpu.position[i * 4], slack) << "vertex " << i << " t = " << t;
            ASSERT_NEAR(y, cpu.position[i * 4 + 1], slack) << "vertex " << i << " t = " << t;
            ASSERT_EQ(gpu.tex0[i * 4 + 2], cpu.tex0[i * 4 + 2]); // same atlas uv
            const Color start = from_obs_abgr(gpu.color[i]);
            const float alpha = start.a + (gpu.tex1[i * 4 + 3] - start.a) * t;
            ASSERT_NEAR(alpha, from_obs_abgr(cpu.color[i]).a, 1.5f / 255.0f)
                << "vertex " << i << " t = " << t;
        }
    }
}

TEST(Morph, ScrollingGpuMorphIsClippedToTheWindow) {
    const RenderList before = window_onto_document(0, 8);
    const RenderList after = window_onto_document(3, 8);
    const MorphPlan plan = plan_morph(before, after);
    EXPECT_EQ(morph_clip(plan, after), after.scroll_area);
    RenderList still = before;
    still.scroll_y = 0;
    EXPECT_EQ(morph_clip(plan_morph(before, still), still), Rect{}) << "no scroll, no clip";
}

TEST(Morph, TheScrollIsHowFarTheSharedTextMovesWhenWrappedRowsMakeItMore) {
    // Declared: three lines down (60 px). But the text on screen in both moved up four rows
    // (80 px), as when a line that left the top had wrapped onto two rows.
    RenderList before = window_onto_document(0, 8);
    RenderList after = window_onto_document(4, 8);
    after.scroll_y = 60.0f;
    const MorphPlan plan = plan_morph(before, after);
    EXPECT_FLOAT_EQ(plan.scroll, 80.0f);
    EXPECT_GE(plan.matched.size(), 8u) << "the four shared rows glide instead of fading";
}

// Where a moved token has several identical arrivals, it travels to the nearest one: a call
// moved one line down goes to that line, not to the copy at the end of the snippet.
TEST(Morph, AMovedTokenPairsWithTheNearestIdenticalArrival) {
    RenderList before, after;
    add_line(before, "one();", 0);
    add_line(before, "two();", 1);
    add_line(before, "log(x);", 2);
    add_line(before, "three();", 3);
    add_line(after, "one();", 0);
    add_line(after, "two();", 1);
    add_line(after, "three();", 2);
    add_line(after, "log(x);", 3); // moved one line down: the nearest copy
    for (int line = 4; line < 12; ++line)
        add_line(after, "four();", line);
    add_line(after, "log(x);", 12); // an identical call much further away
    const MorphPlan plan = plan_morph(before, after);
    ASSERT_TRUE(plan.usable);
    // Where the 'l' of "log" ends up: the copy on line 3 (y = 60), not the one on line 12.
    std::size_t l_from = before.glyphs.size();
    for (std::size_t i = 0; i < before.glyphs.size(); ++i)
        if (before.glyphs[i].key.glyph == 'l')
            l_from = i;
    ASSERT_LT(l_from, before.glyphs.size());
    bool paired = false;
    for (const auto& [from, to] : plan.matched)
        if (from == l_from) {
            paired = true;
            EXPECT_FLOAT_EQ(after.glyphs[to].y, 60.0f) << "paired with the far copy";
        }
    EXPECT_TRUE(paired);
}
