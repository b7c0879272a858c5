#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stagehand::core {

// A large card's picture without its repeated columns. A card's static layer is a few rounded
// rectangles (shadow, border, fill); between their rounded ends every column of the picture is
// the same column again: there each shape's coverage depends on the row alone (the straight part
// of its edge) or is saturated (inside, or outside its soft edge). Such runs of columns are kept
// as one column each and stretched back when drawn (with point sampling: the very texels), so a
// 1080-pixel card keeps a hundred-odd columns instead of 1080.

// One rounded rectangle of the layer, along one axis, as its vertices carry it
// (core::build_vertices: half size, corner radius and softness after clamping).
struct AxisShape {
    float centre = 0.0f;   // in the source's pixels
    float half = 0.0f;     // half its size along the axis
    float radius = 0.0f;   // its corner radius
    float softness = 1.0f; // the width its edge fades over (at least 1)
};

// Texel columns of the full picture, in order, covering it once.
struct ColumnRun {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
    bool collapsed = false; // every column of the run is the same: one column is kept for all
};

struct ColumnPlan {
    std::vector<ColumnRun> runs;
    std::uint32_t kept = 0; // the columns the picture holds: what it keeps of each run
};

// The runs of a picture `columns` texels wide, made at `scale` texels a source pixel, of a layer
// made of `shapes` (along x). Columns near any shape's rounded or soft edge are kept as they are;
// a run of columns in which every shape is in the same state (inside its straight part, or wholly
// to one side of it) becomes one collapsed run. With no shapes, the whole picture is one run.
ColumnPlan plan_columns(const std::vector<AxisShape>& shapes, std::uint32_t columns, float scale);

// The layer's shapes along x (axis 0) or y (axis 1), read back from its vertex streams in the
// layout of core::VertexStreams (positions and both texture coordinates four floats a vertex, six
// vertices a shape): position - tex0 is the centre, tex1 the half sizes, radius and softness.
std::vector<AxisShape> axis_shapes(const float* position, const float* tex0, const float* tex1,
                                   std::size_t vertices, int axis);

} // namespace stagehand::core
