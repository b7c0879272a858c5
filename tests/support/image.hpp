#pragma once

#include "offscreen/picture.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace stagehand::test {

using offscreen::Image;
using offscreen::load_png;
using offscreen::save_png;

struct Comparison {
    std::uint32_t max_channel_delta = 0;
    std::size_t pixels_over_tolerance = 0;
    double fraction_over_tolerance = 0.0;
    bool same_size = false;
    // The same counted per square tile of kTile pixels, leaving out pixels that match within
    // one pixel of their place (an edge hinted a pixel over by another FreeType): the worst
    // tile, and where it is. A wrong colour on one glyph is a sliver of a large image but a
    // large part of its tile.
    static constexpr std::uint32_t kTile = 16;
    double worst_tile_fraction = 0.0;
    std::uint32_t worst_tile_x = 0, worst_tile_y = 0;
};

// Per-pixel comparison: a pixel is "over tolerance" when any channel differs by more than
// `channel_tolerance` counts (0-255).
// Tiles are counted in the rows above `tile_rows` only (an image whose lower part is someone
// else's rendering, kept for a person to compare).
Comparison compare(const Image& actual, const Image& expected, std::uint32_t channel_tolerance,
                   std::uint32_t tile_rows = UINT32_MAX);

// A picture of where two images differ, for a person to look at: red where over tolerance,
// the expected image dimmed elsewhere.
Image diff_image(const Image& actual, const Image& expected, std::uint32_t channel_tolerance);

} // namespace stagehand::test
