#pragma once

#include "core/base/color.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace stagehand::core::text {

enum class Align { Start, Left, Center, Right };
enum class Overflow { Clip, Ellipsis };

// How a block of text looks and flows. Sizes are in pixels of the source, so text is laid out
// and rasterised at exactly the size it is shown at.
struct TextStyle {
    std::string family = "sans-serif";
    // The generic family that stands in when `family` is not installed ("monospace" for code,
    // so a missing code font still gives aligned columns); empty: fontconfig's default.
    std::string generic;
    float size_px = 32.0f;
    int weight = 400;
    bool italic = false;
    Color color{1.0f, 1.0f, 1.0f, 1.0f};
    // Code fonts draw `=>`, `!=` as ligatures; presenters can turn them off.
    bool ligatures = true;
    // Distance between baselines as a multiple of size_px.
    float line_height = 1.25f;
    // Tab stops every tab_width spaces of the primary font.
    int tab_width = 4;
    Align align = Align::Start;
    // Wrap at word boundaries (and inside words that do not fit) when the box has a width.
    bool wrap = true;
    // Wrapped rows of a paragraph start under its first non-blank character, not at the left
    // edge (how editors wrap code).
    bool hanging_indent = false;
    Overflow overflow = Overflow::Clip;
    // When > 0 and the text does not fit the box, the size shrinks down to this before
    // clipping or ellipsis apply.
    float min_size_px = 0.0f;
};

// A styled range of the text, in UTF-8 byte offsets [begin, end). Unset fields inherit.
struct TextSpan {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::optional<Color> color;
    std::optional<int> weight;
    std::optional<bool> italic;
    bool underline = false;
    std::optional<Color> background;
};

} // namespace stagehand::core::text
