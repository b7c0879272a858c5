#include "core/morph.hpp"

#include <gtest/gtest.h>

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
