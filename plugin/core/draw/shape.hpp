#pragma once

#include "core/base/color.hpp"

namespace stagehand::core {

struct Rect {
    float x = 0.0f;
    float y = 0.0f;
    float w = 0.0f;
    float h = 0.0f;

    friend bool operator==(const Rect&, const Rect&) = default;
};

// One drawable: a rounded rectangle whose edge is computed per pixel from its signed distance
// (so corners stay crisp at any size, and a large softness turns it into a soft shadow).
// Colours run top to bottom for a vertical gradient.
struct ShapeQuad {
    Rect rect;
    float radius = 0.0f;
    // Width in pixels over which coverage falls from 1 to 0 at the edge: 1 is an anti-aliased
    // hard edge, larger values blur (drop shadows, glows).
    float softness = 1.0f;
    Color top;
    Color bottom;

    friend bool operator==(const ShapeQuad&, const ShapeQuad&) = default;
};

} // namespace stagehand::core
