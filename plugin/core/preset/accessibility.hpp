#pragma once

#include "core/base/color.hpp"
#include "core/preset/preset.hpp"

#include <string>
#include <vector>

// Can everyone read what a preset draws? Checked on save and import and by `stagehand-cli preset
// check`; shown as warnings with a suggested fix, never changing the preset.
namespace stagehand::core::preset {

// WCAG 2.x relative luminance of an sRGB colour (alpha ignored), 0 (black) to 1 (white).
double relative_luminance(const Color& color);
// WCAG 2.x contrast ratio, 1 to 21, of two opaque colours (order does not matter).
double contrast_ratio(const Color& a, const Color& b);
// `top` with its alpha over opaque `bottom`.
Color over(const Color& top, const Color& bottom);

// The colour vision deficiencies checked, simulated at full severity (Machado, Oliveira and
// Fernandes, 2009): red-blind, green-blind and blue-blind.
enum class Deficiency { protanopia, deuteranopia, tritanopia };
const char* to_string(Deficiency deficiency);
Color simulate(const Color& color, Deficiency deficiency);
// CIE76 colour difference of two opaque colours (CIELAB, D65).
double delta_e(const Color& a, const Color& b);

// Text at least this big counts as large (WCAG: 18 pt = 24 px; 14 pt = 18.7 px when bold).
inline constexpr double kLargeTextPx = 24.0;
inline constexpr double kBodyContrast = 4.5;
inline constexpr double kLargeContrast = 3.0;
// Code smaller than this at the output resolution is hard to read on a stream.
inline constexpr double kMinCodePx = 16.0;
// A mark closer than this (CIE76) to what is under it, as someone with a deficiency sees both,
// does not stand out.
inline constexpr double kDistinctDeltaE = 12.0;

struct Warning {
    std::string pointer;    // the setting that should change
    std::string problem;    // "text on the card has a contrast of 2.9:1; body text needs 4.5:1"
    std::string suggestion; // "use \"#D4D4D4\" (4.6:1)"
    std::string text() const { return pointer + ": " + problem + "; " + suggestion; }
};

struct CheckContext {
    // Output height over canvas height: code at 20 px on a 1080p canvas streamed at 720p is
    // 13 px to a viewer.
    double output_scale = 1.0;
    // Marks drawn on the question card that must stand out from it (the chat platforms'
    // pills), with their names.
    std::vector<std::pair<std::string, Color>> marks = {};
};

// Every warning for the preset's colours and sizes. Only what the preset sets is checked: a
// colour it leaves to the source is not judged here.
std::vector<Warning> check(const Preset& preset, const CheckContext& context = {});

} // namespace stagehand::core::preset
