#pragma once

#include "core/draw/shape.hpp"
#include "core/text/font_cache.hpp"
#include "core/text/text_style.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct UBreakIterator;

namespace stagehand::core::text {

// Identifies one rasterised glyph: which font file, which glyph, at which size, and for outlines
// the stroke width (the bitmap is then the glyph grown by that width).
struct GlyphKey {
    std::uint32_t face = 0;
    std::uint32_t glyph = 0;
    std::uint32_t size_64 = 0;
    std::uint32_t outline_64 = 0;

    friend bool operator==(const GlyphKey&, const GlyphKey&) = default;
};

// A glyph placed in the box: (x, y) is its pen position on the baseline, in pixels.
struct PositionedGlyph {
    GlyphKey key;
    float x = 0.0f;
    float y = 0.0f;
    Color color;
    std::uint32_t cluster = 0; // UTF-8 byte offset of the character it shows
    bool color_glyph = false;  // drawn in its own colours (emoji)
};

struct LayoutLine {
    std::uint32_t first_glyph = 0;
    std::uint32_t glyph_count = 0;
    float baseline = 0.0f;
    float x = 0.0f;
    float width = 0.0f;
    bool rtl = false;
    std::uint32_t paragraph = 0; // which '\n'-separated line of the text this row shows
    bool continuation = false;   // a wrapped row after the paragraph's first
};

struct TextLayout {
    std::vector<PositionedGlyph> glyphs; // per line, in visual (left to right) order
    std::vector<LayoutLine> lines;
    std::vector<ShapeQuad> decorations; // span backgrounds and underlines
    float width = 0.0f;                 // widest line
    float height = 0.0f;                // lines laid out, top of first to bottom of last
    float size_px = 0.0f;               // the size used (smaller than asked when shrunk)
    bool truncated = false;             // something did not fit and was cut or ellipsized
    std::vector<std::string> warnings;  // e.g. a missing font family
};

// Shapes and lays out text. Not thread-safe: each thread that lays out text owns an engine.
class TextEngine {
public:
    explicit TextEngine(FontRegistry& registry = FontRegistry::global());

    // Lays `text` out in a box of box_width x box_height pixels (0 = unbounded).
    TextLayout layout(std::string_view text, const TextStyle& style, float box_width,
                      float box_height, std::span<const TextSpan> spans = {});

    FontCache& fonts() { return fonts_; }

private:
    TextLayout layout_at(std::string_view text, const TextStyle& style, float size_px,
                         float box_width, float box_height, std::span<const TextSpan> spans);

    struct BreakerDeleter {
        void operator()(UBreakIterator* b) const noexcept;
    };
    FontCache fonts_;
    std::unique_ptr<UBreakIterator, BreakerDeleter> breaker_;
};

// Readable text form for golden tests: one line per glyph with its font and position.
std::string describe(const TextLayout& layout, FontRegistry& registry = FontRegistry::global());

} // namespace stagehand::core::text
