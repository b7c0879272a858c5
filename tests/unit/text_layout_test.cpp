#include "core/text/text_layout.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace stagehand::core;
using namespace stagehand::core::text;

namespace {

TextStyle sans(float size = 32.0f) {
    TextStyle s;
    s.family = "DejaVu Sans";
    s.size_px = size;
    return s;
}

TextStyle mono(float size = 32.0f) {
    TextStyle s;
    s.family = "JetBrains Mono";
    s.size_px = size;
    return s;
}

std::string family_of(const PositionedGlyph& g) {
    return FontRegistry::global().file(g.key.face).family;
}

std::vector<std::uint32_t> glyph_ids(const TextLayout& l) {
    std::vector<std::uint32_t> ids;
    for (const auto& g : l.glyphs)
        ids.push_back(g.key.glyph);
    return ids;
}

// Layout goldens live in tests/unit/golden/NAME.txt as describe() text, reviewed by a person.
// STAGEHAND_UPDATE_GOLDENS=1 rewrites them.
void expect_golden(const std::string& name, const TextLayout& layout) {
    const std::string path = std::string(STAGEHAND_UNIT_GOLDEN_DIR) + "/" + name + ".txt";
    const std::string actual = describe(layout);
    const char* update = std::getenv("STAGEHAND_UPDATE_GOLDENS");
    if (update && std::string(update) == "1") {
        std::ofstream(path) << actual;
        return;
    }
    std::ifstream in(path);
    ASSERT_TRUE(in.good()) << "missing golden " << path << "; actual:\n" << actual;
    std::stringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(actual, expected.str()) << "golden " << path;
}

} // namespace

TEST(TextLayout, LatinIsOneGlyphPerLetterAdvancingRightOnOneBaseline) {
    TextEngine engine;
    const TextLayout l = engine.layout("Hello, stage", sans(), 0, 0);
    ASSERT_EQ(l.lines.size(), 1u);
    ASSERT_EQ(l.glyphs.size(), 12u);
    for (std::size_t i = 1; i < l.glyphs.size(); ++i) {
        EXPECT_GT(l.glyphs[i].x, l.glyphs[i - 1].x);
        EXPECT_EQ(l.glyphs[i].y, l.glyphs[0].y);
        EXPECT_EQ(family_of(l.glyphs[i]), "DejaVu Sans");
    }
    EXPECT_TRUE(l.warnings.empty());
    EXPECT_FALSE(l.truncated);
    expect_golden("latin", l);
}

TEST(TextLayout, CodeFontLigaturesCanBeTurnedOff) {
    TextEngine engine;
    TextStyle on = mono();
    TextStyle off = mono();
    off.ligatures = false;
    const auto with = glyph_ids(engine.layout("a => b != c", on, 0, 0));
    const auto without = glyph_ids(engine.layout("a => b != c", off, 0, 0));
    const auto plain = glyph_ids(engine.layout("a = > b ! = c", off, 0, 0));
    // Without ligatures `=>` is the glyphs of `=` and `>`; with them it is something else.
    EXPECT_NE(with, without);
    EXPECT_EQ(without[2], plain[2]); // '='
    EXPECT_EQ(without[3], plain[4]); // '>'
    expect_golden("ligatures_on", engine.layout("=> !=", on, 0, 0));
}

TEST(TextLayout, ArabicRunsRightToLeftWithJoinedForms) {
    TextEngine engine;
    const TextLayout word = engine.layout("سلام", sans(), 0, 0);
    ASSERT_EQ(word.lines.size(), 1u);
    EXPECT_TRUE(word.lines[0].rtl);
    ASSERT_GE(word.glyphs.size(), 3u);
    // Visual order is left to right, so clusters (logical positions) decrease.
    EXPECT_GT(word.glyphs.front().cluster, word.glyphs.back().cluster);
    // Joining: the first letter inside the word is not drawn with its isolated form.
    const TextLayout isolated = engine.layout("س", sans(), 0, 0);
    EXPECT_NE(word.glyphs.back().key.glyph, isolated.glyphs[0].key.glyph);
    expect_golden("arabic", word);
}

TEST(TextLayout, HebrewParagraphAlignsToTheRightByDefault) {
    TextEngine engine;
    const TextLayout l = engine.layout("שלום עולם", sans(), 600, 0);
    ASSERT_EQ(l.lines.size(), 1u);
    EXPECT_TRUE(l.lines[0].rtl);
    EXPECT_NEAR(l.lines[0].x + l.lines[0].width, 600.0f, 0.01f);
    EXPECT_GT(l.glyphs.front().cluster, l.glyphs.back().cluster);
    expect_golden("hebrew", l);
}

TEST(TextLayout, MixedDirectionKeepsLatinWordsLeftToRightInsideHebrew) {
    TextEngine engine;
    const TextLayout l = engine.layout("abc שלום def", sans(), 0, 0);
    ASSERT_EQ(l.lines.size(), 1u);
    EXPECT_FALSE(l.lines[0].rtl); // first strong character is Latin
    ASSERT_EQ(l.glyphs.size(), 12u);
    EXPECT_EQ(l.glyphs[0].cluster, 0u); // 'a' leftmost
    // The Hebrew word is reversed in place: its first letter (byte 4) is its rightmost glyph.
    EXPECT_EQ(l.glyphs[7].cluster, 4u);
    EXPECT_EQ(l.glyphs[11].cluster, 15u); // 'f' rightmost
}

TEST(TextLayout, JapaneseFallsBackToAFontThatHasItAndWrapsBetweenCharacters) {
    TextEngine engine;
    const std::string text = "日本語のテキストを折り返します";
    const TextLayout l = engine.layout(text, sans(), 200, 0);
    ASSERT_FALSE(l.glyphs.empty());
    for (const auto& g : l.glyphs) {
        EXPECT_NE(g.key.glyph, 0u) << "missing glyph (tofu) at byte " << g.cluster;
        EXPECT_NE(family_of(g), "DejaVu Sans");
    }
    EXPECT_GT(l.lines.size(), 1u) << "no spaces, yet CJK text must wrap";
    for (const auto& line : l.lines)
        EXPECT_LE(line.width, 200.0f);
    expect_golden("japanese_wrapped", l);
}

TEST(TextLayout, EmojiSequencesAreSingleColourGlyphs) {
    TextEngine engine;
    // Family (ZWJ sequence), thumbs up with a skin tone, the flag of Japan.
    for (const char* emoji : {"👨‍👩‍👧", "👍🏽", "🇯🇵"}) {
        const TextLayout l = engine.layout(emoji, sans(), 0, 0);
        ASSERT_EQ(l.glyphs.size(), 1u) << emoji;
        EXPECT_TRUE(l.glyphs[0].color_glyph) << emoji;
        EXPECT_NE(l.glyphs[0].key.glyph, 0u) << emoji;
    }
    expect_golden("emoji", engine.layout("ok 👍🏽 🇯🇵", sans(), 0, 0));
}

TEST(TextLayout, WrapsAtWordBoundaries) {
    TextEngine engine;
    const TextLayout l = engine.layout("the quick brown fox jumps over", sans(24), 200, 0);
    ASSERT_GT(l.lines.size(), 1u);
    for (const auto& line : l.lines) {
        EXPECT_LE(line.width, 200.0f);
        ASSERT_GT(line.glyph_count, 0u);
        // Every line after the first starts at the beginning of a word.
        const auto first = l.glyphs[line.first_glyph].cluster;
        EXPECT_TRUE(first == 0 || std::string("the quick brown fox jumps over")[first - 1] == ' ')
            << "line starts mid-word at byte " << first;
    }
    EXPECT_GT(l.lines[1].baseline, l.lines[0].baseline);
    expect_golden("wrap", l);
}

TEST(TextLayout, HardWrapsATokenLongerThanTheLine) {
    TextEngine engine;
    const TextLayout l = engine.layout("aVeryLongIdentifierWithoutAnyBreaks", mono(20), 150, 0);
    ASSERT_GT(l.lines.size(), 2u);
    for (const auto& line : l.lines)
        EXPECT_LE(line.width, 150.0f);
}

TEST(TextLayout, TabsAdvanceToTheNextStop) {
    TextEngine engine;
    TextStyle s = mono(20);
    s.tab_width = 4;
    const TextLayout l = engine.layout("a\tb\n\tc\nabcde\tf", s, 0, 0);
    ASSERT_EQ(l.lines.size(), 3u);
    const float cell = l.glyphs[1].x; // the advance of one character cell
    // 'b' and 'c' sit on the first tab stop, four cells in; 'f' on the second one.
    EXPECT_NEAR(l.glyphs[1].x, l.glyphs[2].x, 0.01f);
    const float stop = l.glyphs[2].x;
    EXPECT_GT(stop, 0.0f);
    const auto& f = l.glyphs.back();
    EXPECT_NEAR(f.x, 2 * stop, 0.01f);
    (void)cell;
}

TEST(TextLayout, EllipsisWhenALineIsTooWide) {
    TextEngine engine;
    TextStyle s = sans(24);
    s.wrap = false;
    s.overflow = Overflow::Ellipsis;
    const TextLayout l = engine.layout("This sentence is much too long for the box", s, 220, 0);
    ASSERT_EQ(l.lines.size(), 1u);
    EXPECT_TRUE(l.truncated);
    EXPECT_LE(l.lines[0].width, 220.0f);
    const TextLayout ellipsis = engine.layout("…", s, 0, 0);
    EXPECT_EQ(l.glyphs.back().key.glyph, ellipsis.glyphs[0].key.glyph);
    expect_golden("ellipsis", l);
}

// Cut mid-word, where no trimmed space leaves room by chance: the ellipsis's own width is kept
// free, at every box width.
TEST(TextLayout, AnEllipsisCutMidWordStaysInsideTheBox) {
    TextEngine engine;
    TextStyle s = sans(24);
    s.wrap = false;
    s.overflow = Overflow::Ellipsis;
    int cut = 0;
    for (float width = 60.0f; width < 420.0f; width += 7.0f) {
        const TextLayout l =
            engine.layout("Antidisestablishmentarianism_and_more_of_it", s, width, 0);
        ASSERT_EQ(l.lines.size(), 1u);
        if (!l.truncated)
            continue;
        ++cut;
        EXPECT_LE(l.lines[0].x + l.lines[0].width, width + 0.01f) << "box " << width;
    }
    EXPECT_GT(cut, 40);
}

TEST(TextLayout, EllipsisOnTheLastLineThatFitsTheHeight) {
    TextEngine engine;
    TextStyle s = sans(20);
    s.overflow = Overflow::Ellipsis;
    const float line = 20 * s.line_height;
    const TextLayout l =
        engine.layout("one two three four five six seven eight nine ten", s, 120, 2 * line);
    ASSERT_EQ(l.lines.size(), 2u);
    EXPECT_TRUE(l.truncated);
    const TextLayout ellipsis = engine.layout("…", s, 0, 0);
    EXPECT_EQ(l.glyphs.back().key.glyph, ellipsis.glyphs[0].key.glyph);
}

TEST(TextLayout, ShrinksToFitDownToTheMinimumSize) {
    TextEngine engine;
    TextStyle s = sans(40);
    s.wrap = false;
    s.min_size_px = 10;
    const TextLayout l = engine.layout("Shrink me to fit", s, 200, 0);
    EXPECT_FALSE(l.truncated);
    EXPECT_LT(l.size_px, 40.0f);
    EXPECT_GE(l.size_px, 10.0f);
    EXPECT_LE(l.width, 200.0f);
    // And not smaller than needed: a quarter pixel more would overflow.
    TextStyle bigger = s;
    bigger.size_px = l.size_px + 0.5f;
    bigger.min_size_px = 0;
    EXPECT_TRUE(engine.layout("Shrink me to fit", bigger, 200, 0).truncated);
}

TEST(TextLayout, CentreAndRightAlignment) {
    TextEngine engine;
    TextStyle s = sans(20);
    s.align = Align::Center;
    const TextLayout c = engine.layout("mid", s, 300, 0);
    EXPECT_NEAR(c.lines[0].x * 2 + c.lines[0].width, 300.0f, 1.0f);
    s.align = Align::Right;
    const TextLayout r = engine.layout("end", s, 300, 0);
    EXPECT_NEAR(r.lines[0].x + r.lines[0].width, 300.0f, 0.01f);
}

TEST(TextLayout, SpansSetColourWeightUnderlineAndBackground) {
    TextEngine engine;
    TextSpan span;
    span.begin = 4;
    span.end = 9; // "world"
    span.color = Color{1, 0, 0, 1};
    span.weight = 700;
    span.underline = true;
    span.background = Color{0, 0, 1, 1};
    const TextSpan spans[] = {span};
    const TextLayout l = engine.layout("big world", sans(), 0, 0, spans);
    ASSERT_EQ(l.glyphs.size(), 9u);
    EXPECT_EQ(l.glyphs[0].color, (Color{1, 1, 1, 1}));
    EXPECT_EQ(l.glyphs[5].color, (Color{1, 0, 0, 1}));
    EXPECT_NE(l.glyphs[5].key.face, l.glyphs[0].key.face) << "bold must use the bold face";
    ASSERT_EQ(l.decorations.size(), 2u);
    EXPECT_EQ(l.decorations[0].top, (Color{0, 0, 1, 1})); // background first, behind
    EXPECT_NEAR(l.decorations[0].rect.x, l.glyphs[4].x, 1.0f);
    EXPECT_GT(l.decorations[1].rect.y, l.lines[0].baseline); // underline below the baseline
}

TEST(TextLayout, MissingFontFallsBackAndSaysSo) {
    TextEngine engine;
    TextStyle s = sans();
    s.family = "No Such Font Family 42";
    const TextLayout l = engine.layout("still readable", s, 0, 0);
    ASSERT_EQ(l.glyphs.size(), 14u);
    for (const auto& g : l.glyphs)
        EXPECT_NE(g.key.glyph, 0u);
    ASSERT_EQ(l.warnings.size(), 1u);
    EXPECT_NE(l.warnings[0].find("\"No Such Font Family 42\" is not installed"), std::string::npos)
        << l.warnings[0];
}

TEST(TextLayout, InvalidUtf8ShowsReplacementCharactersAndNeverStops) {
    TextEngine engine;
    const std::string bad = std::string("ok") + char(0xC3) + char(0x28) + "end" + char(0xFF);
    const TextLayout l = engine.layout(bad, sans(), 0, 0);
    EXPECT_EQ(l.glyphs.size(), 8u);
}

TEST(TextLayout, EmptyTextAndEmptyLinesKeepTheirHeight) {
    TextEngine engine;
    EXPECT_EQ(engine.layout("", sans(), 0, 0).lines.size(), 1u);
    const TextLayout l = engine.layout("a\n\nb", sans(), 0, 0);
    ASSERT_EQ(l.lines.size(), 3u);
    EXPECT_EQ(l.lines[1].glyph_count, 0u);
    EXPECT_NEAR(l.lines[2].baseline - l.lines[0].baseline, 2 * 32 * 1.25f, 0.01f);
}

TEST(TextLayout, CombiningMarksStayWithTheirBaseLetter) {
    TextEngine engine;
    // "e" + COMBINING ACUTE ACCENT, then "a" + COMBINING RING ABOVE + COMBINING DOT BELOW.
    const TextLayout l = engine.layout("e\u0301a\u030A\u0323", sans(), 0, 0);
    ASSERT_FALSE(l.glyphs.empty());
    // Every glyph belongs to the cluster of a base letter (bytes 0 and 3), never a lone mark.
    for (const auto& g : l.glyphs) {
        EXPECT_TRUE(g.cluster == 0 || g.cluster == 3) << "glyph at cluster " << g.cluster;
        EXPECT_NE(g.key.glyph, 0u);
    }
    // Two letters wide, not five: marks take no room of their own.
    const TextLayout plain = engine.layout("ea", sans(), 0, 0);
    EXPECT_NEAR(l.lines[0].width, plain.lines[0].width, 0.5f);
}

TEST(TextLayout, SpansKeepTheirBytesOnLaterLinesAfterMultibyteText) {
    // Spans are byte offsets into the whole text; a 4-byte emoji on line 1 must not shift the
    // colour of a word on line 2.
    TextEngine engine;
    const std::string text = "🎉 ok\nred word";
    TextSpan span;
    span.begin = static_cast<std::uint32_t>(text.find("red"));
    span.end = span.begin + 3;
    span.color = Color{1, 0, 0, 1};
    const TextSpan spans[] = {span};
    const TextLayout l = engine.layout(text, sans(), 0, 0, spans);
    for (const auto& g : l.glyphs) {
        const bool in_red = g.cluster >= span.begin && g.cluster < span.end;
        EXPECT_EQ(g.color == (Color{1, 0, 0, 1}), in_red) << "glyph at byte " << g.cluster;
    }
}
