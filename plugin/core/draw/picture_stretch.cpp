#include "core/draw/picture_stretch.hpp"

#include <algorithm>
#include <cmath>

namespace stagehand::core {

namespace {

// How a shape treats one line of texels across the axis (a column, for x): the classes a line's
// pixels can share with its neighbour.
enum Where : std::uint8_t {
    kLeft = 0,   // wholly before the shape's soft edge: nothing drawn
    kInside = 1, // within the straight part: coverage follows the other axis alone
    kRight = 2,  // wholly after it
    kEdge = 3,   // near a rounded or soft edge: the line is its own
};

// A pixel's margin on each side of every bound, for rounding in the rasteriser and the shader.
constexpr float kMargin = 1.0f;

Where where(const AxisShape& s, float x) {
    const float p = x - s.centre;
    const float a = std::fabs(p);
    // The shader's coverage is saturate(0.5 - d / softness) of the signed distance d: nothing
    // where d >= softness / 2, which for |p| >= half + softness / 2 holds all along the line.
    if (a >= s.half + s.softness * 0.5f + kMargin)
        return p < 0.0f ? kLeft : kRight;
    if (s.graded)
        return kEdge; // its colour differs from line to line
    // Within half - radius the distance is the other axis's (or, where this axis's side is
    // nearer, at most -softness / 2: full coverage either way) as long as that side is softness /
    // 2 away too.
    if (a <= s.half - std::max(s.radius, s.softness * 0.5f) - kMargin)
        return kInside;
    return kEdge;
}

} // namespace

StretchPlan plan_stretch(const std::vector<AxisShape>& shapes, std::uint32_t texels, float scale) {
    StretchPlan plan;
    if (texels == 0)
        return plan;
    if (!(scale > 0.0f) || !std::isfinite(scale)) {
        plan.runs.push_back(StretchRun{0, texels, false});
        plan.kept = texels;
        return plan;
    }
    std::vector<std::uint8_t> previous(shapes.size(), kEdge);
    std::vector<std::uint8_t> current(shapes.size(), kEdge);
    bool previous_edge = true;
    for (std::uint32_t c = 0; c < texels; ++c) {
        const float x = (static_cast<float>(c) + 0.5f) / scale;
        bool edge = false;
        for (std::size_t i = 0; i < shapes.size(); ++i) {
            current[i] = where(shapes[i], x);
            edge = edge || current[i] == kEdge;
        }
        // A line joins the run before it when both are kept as they are, or when neither is near
        // an edge and every shape treats them alike.
        const bool joins = c > 0 && (edge ? previous_edge : !previous_edge && current == previous);
        if (joins)
            ++plan.runs.back().count;
        else
            plan.runs.push_back(StretchRun{c, 1, !edge}); // collapsed, if more join it
        previous.swap(current);
        previous_edge = edge;
    }
    for (StretchRun& run : plan.runs) {
        run.collapsed = run.collapsed && run.count > 1;
        plan.kept += run.collapsed ? 1 : run.count;
    }
    return plan;
}

std::vector<AxisShape> axis_shapes(const float* position, const std::uint32_t* color,
                                   const float* tex0, const float* tex1, std::size_t vertices,
                                   int axis) {
    constexpr std::size_t kPerShape = 6;
    constexpr std::size_t kFloats = 4;
    std::vector<AxisShape> shapes;
    if (!position || !color || !tex0 || !tex1 || (axis != 0 && axis != 1))
        return shapes;
    const auto a = static_cast<std::size_t>(axis);
    shapes.reserve(vertices / kPerShape);
    for (std::size_t v = 0; v + kPerShape <= vertices; v += kPerShape) {
        AxisShape s;
        s.centre = position[kFloats * v + a] - tex0[kFloats * v + a];
        s.half = tex1[kFloats * v + a];
        s.radius = tex1[kFloats * v + 2];
        s.softness = std::max(tex1[kFloats * v + 3], 1.0f);
        // Corners 0 top-left, 1 top-right, 2 bottom-left (core::build_vertices): the gradient
        // runs top to bottom.
        s.graded = axis == 1 && color[v] != color[v + 2];
        shapes.push_back(s);
    }
    return shapes;
}

} // namespace stagehand::core
