#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stagehand::core {

// A large card's picture without its repeated columns and rows. A card's static layer is a few
// rounded rectangles (shadow, border, fill); between their rounded ends every column of the
// picture is the same column again (each shape's coverage there depends on the row alone: the
// straight part of its edge, or saturated inside or outside its soft edge), and every row the
// same row again. Such a run is kept as one column (or row) and stretched back when drawn, with
// point sampling: the very texels. A 1080x520 card keeps some hundred by hundred texels.

// One rounded rectangle of the layer along one axis, as its vertices carry it
// (core::build_vertices: half size, corner radius and softness after clamping).
struct AxisShape {
    float centre = 0.0f;   // in the source's pixels
    float half = 0.0f;     // half its size along the axis
    float radius = 0.0f;   // its corner radius
    float softness = 1.0f; // the width its edge fades over (at least 1)
    // Its colour changes along the axis (a vertical gradient, along y): no two of its lines are
    // alike.
    bool graded = false;
};

// Texels of the full picture along one axis (columns or rows), in order, covering it once.
struct StretchRun {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
    bool collapsed = false; // every texel line of the run is the same: one is kept for all
};

struct StretchPlan {
    std::vector<StretchRun> runs;
    std::uint32_t kept = 0; // the lines the picture holds: what it keeps of each run
};

// The runs along one axis of a picture `texels` long, made at `scale` texels a source pixel, of
// a layer made of `shapes` (along that axis). Lines near any shape's rounded or soft edge are
// kept as they are; a run of lines in which every shape is in the same state (inside its
// straight part, or wholly to one side of it) becomes one collapsed run. With no shapes, the whole
// picture is one run.
StretchPlan plan_stretch(const std::vector<AxisShape>& shapes, std::uint32_t texels, float scale);

// The layer's shapes along x (axis 0) or y (axis 1), read back from its vertex streams in the
// layout of core::VertexStreams (positions and both texture coordinates four floats a vertex, a
// colour each, six vertices a shape): position - tex0 is the centre, tex1 the half sizes, radius
// and softness; a shape's top and bottom colours differ when it is a gradient (along y).
std::vector<AxisShape> axis_shapes(const float* position, const std::uint32_t* color,
                                   const float* tex0, const float* tex1, std::size_t vertices,
                                   int axis);

} // namespace stagehand::core
