#pragma once

#include "image.hpp"

#include <string>

namespace stagehand::test {

// Golden images: tests/render/golden/NAME.png, reviewed by a person before they are committed.
// Tolerance: a pixel counts as different when a channel is off by more than kChannelTolerance
// (of 255); an image matches when at most kMaxDifferentFraction of its pixels differ. That
// absorbs rounding differences between GPU drivers but not a wrong colour, shape or position.
inline constexpr std::uint32_t kChannelTolerance = 6;
inline constexpr double kMaxDifferentFraction = 0.005;
// And no 16x16 tile may have more than this share of its pixels off: a wrong colour on one glyph
// of a snippet is under the whole image's 0.5 % but fills most of its tile.
inline constexpr double kMaxTileDifferentFraction = 0.10;

// Compares against the golden: golden/freetype-MAJOR.MINOR/NAME.png when that variant exists
// for the FreeType in use, else golden/NAME.png. With STAGEHAND_UPDATE_GOLDENS=1 in the
// environment it writes the golden instead (then look at it before committing); add
// STAGEHAND_GOLDEN_FOR_FREETYPE=1 to write this FreeType's variant. On a mismatch or a missing
// golden it writes NAME.actual.png and NAME.diff.png to the render-out folder and returns a
// message. Returns an empty string on a match. `own_rows`: the tiles are checked in the rows above
// it only, where the image is Stagehand's own drawing (below it, OBS's text source for comparison,
// hinted by whatever FreeType the system has).
std::string check_golden(const std::string& name, const Image& actual,
                         std::uint32_t own_rows = UINT32_MAX);

} // namespace stagehand::test
