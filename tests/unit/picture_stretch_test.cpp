// A large card's picture keeps one column for each run of columns that are all alike, and one
// row for each run of rows (core/draw/picture_stretch): checked against the coverage the shapes'
// shader gives each pixel, evaluated here for every pixel of real cards at several scales.
#include "core/draw/panel.hpp"
#include "core/draw/picture_stretch.hpp"
#include "core/draw/render_list.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace stagehand::core;

namespace {

// The static layer's streams of a panel: what the renderer draws its picture from.
VertexStreams panel_streams(const PanelStyle& style) {
    RenderList list;
    list.width = style.width;
    list.height = style.height;
    build_panel(style, list);
    list.static_shapes = list.shapes.size();
    VertexStreams streams;
    build_vertices(list, nullptr, streams);
    return streams;
}

PanelStyle card_style(std::uint32_t width, std::uint32_t height, float radius = 12.0f,
                      float blur = 24.0f) {
    PanelStyle style;
    style.width = width;
    style.height = height;
    style.corner_radius = radius;
    style.border = Color{1.0f, 1.0f, 1.0f, 0.2f};
    style.border_width = 1.0f;
    style.background = Color{0.1f, 0.1f, 0.12f, 1.0f};
    style.shadow = Color{0.0f, 0.0f, 0.0f, 0.5f};
    style.shadow_blur = blur;
    style.shadow_offset_y = 6.0f;
    return style;
}

// The shapes' pixel shader (data/effects/stagehand-shapes.effect, PSShape) for one shape at
// (x, y) of the source's pixels: its coverage before colour and opacity.
struct Shape2 {
    AxisShape x;
    AxisShape y;
};

float coverage(const Shape2& s, float px, float py) {
    const float hx = s.x.half - s.x.radius, hy = s.y.half - s.y.radius;
    const float qx = std::fabs(px - s.x.centre) - hx;
    const float qy = std::fabs(py - s.y.centre) - hy;
    const float ox = std::max(qx, 0.0f), oy = std::max(qy, 0.0f);
    const float d = std::sqrt(ox * ox + oy * oy) + std::min(std::max(qx, qy), 0.0f) - s.x.radius;
    const float ramp = std::clamp(0.5f - d / s.x.softness, 0.0f, 1.0f);
    return s.x.softness >= 1.5f ? ramp * ramp * (3.0f - 2.0f * ramp) : ramp;
}

std::vector<Shape2> shapes_of(const VertexStreams& v) {
    const auto xs = axis_shapes(v.position.data(), v.color.data(), v.tex0.data(), v.tex1.data(),
                                v.static_vertices, 0);
    const auto ys = axis_shapes(v.position.data(), v.color.data(), v.tex0.data(), v.tex1.data(),
                                v.static_vertices, 1);
    std::vector<Shape2> shapes;
    for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i)
        shapes.push_back({xs[i], ys[i]});
    return shapes;
}

// Every line (column for axis 0, row for axis 1) of every collapsed run equals the run's first
// all along it, for every shape; the runs cover the picture once, in order.
void expect_runs_hold(const VertexStreams& streams, float scale, int axis) {
    const auto shapes = shapes_of(streams);
    ASSERT_FALSE(shapes.empty());
    const auto size = [&](std::uint32_t pixels) {
        return static_cast<std::uint32_t>(std::ceil(static_cast<float>(pixels) * scale));
    };
    const std::uint32_t along = size(axis == 0 ? streams.width : streams.height);
    const std::uint32_t across = size(axis == 0 ? streams.height : streams.width);
    const StretchPlan plan =
        plan_stretch(axis_shapes(streams.position.data(), streams.color.data(), streams.tex0.data(),
                                 streams.tex1.data(), streams.static_vertices, axis),
                     along, scale);
    // The coverage of `shape` at line `line` (along the axis), texel `at` across it.
    const auto cover = [&](const Shape2& shape, std::uint32_t line, std::uint32_t at) {
        const float a = (static_cast<float>(line) + 0.5f) / scale;
        const float b = (static_cast<float>(at) + 0.5f) / scale;
        return axis == 0 ? coverage(shape, a, b) : coverage(shape, b, a);
    };
    std::uint32_t next = 0, kept = 0;
    std::size_t differing = 0;
    for (const StretchRun& run : plan.runs) {
        ASSERT_EQ(run.first, next);
        ASSERT_GT(run.count, 0u);
        next += run.count;
        kept += run.collapsed ? 1 : run.count;
        if (!run.collapsed)
            continue;
        for (std::uint32_t line = run.first + 1; line < run.first + run.count; ++line)
            for (std::uint32_t at = 0; at < across; ++at)
                for (const Shape2& s : shapes)
                    differing += std::fabs(cover(s, run.first, at) - cover(s, line, at)) > 1e-5f;
    }
    EXPECT_EQ(next, along);
    EXPECT_EQ(kept, plan.kept);
    EXPECT_EQ(differing, 0u) << "pixels of a collapsed run unlike its kept line";
}

} // namespace

TEST(PictureStretch, EveryCollapsedLineIsItsRunsKeptLineAtEveryScale) {
    for (const auto& [w, h] : {std::pair{1080u, 520u}, std::pair{300u, 160u}, std::pair{96u, 64u}})
        for (const float scale : {1.0f, 2.0f, 0.5f, 1.5f, 0.37f})
            for (const int axis : {0, 1}) {
                SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h) + " at " +
                             std::to_string(scale) + ", axis " + std::to_string(axis));
                expect_runs_hold(panel_streams(card_style(w, h)), scale, axis);
                // A shadow softer than its corners are round, and square corners.
                expect_runs_hold(panel_streams(card_style(w, h, 6.0f, 48.0f)), scale, axis);
                expect_runs_hold(panel_streams(card_style(w, h, 0.0f, 8.0f)), scale, axis);
            }
}

TEST(PictureStretch, AWideCardKeepsItsEdgesAndOneLineBetween) {
    const VertexStreams streams = panel_streams(card_style(1080, 520));
    const auto xs = axis_shapes(streams.position.data(), streams.color.data(), streams.tex0.data(),
                                streams.tex1.data(), streams.static_vertices, 0);
    ASSERT_EQ(xs.size(), 3u) << "shadow, border, fill";
    const StretchPlan plan = plan_stretch(xs, 1080, 1.0f);
    // Each side keeps the shadow's and the card's rounded, soft edges: a few dozen columns.
    EXPECT_LT(plan.kept, 160u);
    EXPECT_GT(plan.kept, 20u);
    // The middle of the card is one collapsed run.
    const auto middle = std::find_if(plan.runs.begin(), plan.runs.end(), [](const StretchRun& r) {
        return r.first <= 540 && 540 < r.first + r.count;
    });
    ASSERT_NE(middle, plan.runs.end());
    EXPECT_TRUE(middle->collapsed);
    EXPECT_GT(middle->count, 800u);
    // Twice the scale keeps about twice the edge columns, still a small part of the picture.
    const StretchPlan twice = plan_stretch(xs, 2160, 2.0f);
    EXPECT_GT(twice.kept, plan.kept);
    EXPECT_LT(twice.kept, 2 * plan.kept + 4);
    // Down the card likewise: its top and bottom edges (the shadow lower, by its offset).
    const auto ys = axis_shapes(streams.position.data(), streams.color.data(), streams.tex0.data(),
                                streams.tex1.data(), streams.static_vertices, 1);
    const StretchPlan rows = plan_stretch(ys, 520, 1.0f);
    EXPECT_LT(rows.kept, 160u);
    EXPECT_GT(rows.kept, 20u);
}

TEST(PictureStretch, ShapesAreReadBackFromTheirVertices) {
    RenderList list;
    list.width = 400;
    list.height = 200;
    list.shapes.push_back({{10, 20, 300, 100}, 12.0f, 24.0f, {0, 0, 0, 1}, {0, 0, 0, 1}});
    list.shapes.push_back({{50, 60, 20, 10}, 40.0f, 0.5f, {1, 1, 1, 1}, {1, 1, 1, 1}});
    list.static_shapes = 2;
    VertexStreams v;
    build_vertices(list, nullptr, v);
    const auto xs =
        axis_shapes(v.position.data(), v.color.data(), v.tex0.data(), v.tex1.data(), 12, 0);
    const auto ys =
        axis_shapes(v.position.data(), v.color.data(), v.tex0.data(), v.tex1.data(), 12, 1);
    ASSERT_EQ(xs.size(), 2u);
    ASSERT_EQ(ys.size(), 2u);
    EXPECT_FLOAT_EQ(xs[0].centre, 160.0f);
    EXPECT_FLOAT_EQ(xs[0].half, 150.0f);
    EXPECT_FLOAT_EQ(ys[0].centre, 70.0f);
    EXPECT_FLOAT_EQ(ys[0].half, 50.0f);
    EXPECT_FLOAT_EQ(xs[0].radius, 12.0f);
    EXPECT_FLOAT_EQ(xs[0].softness, 24.0f);
    // Clamped as drawn: the radius to the half size, the softness to a pixel.
    EXPECT_FLOAT_EQ(xs[1].radius, 5.0f);
    EXPECT_FLOAT_EQ(xs[1].softness, 1.0f);
    // Neither is a gradient.
    EXPECT_FALSE(ys[0].graded);
    EXPECT_FALSE(xs[0].graded);
    EXPECT_TRUE(axis_shapes(nullptr, v.color.data(), v.tex0.data(), v.tex1.data(), 12, 0).empty());
    EXPECT_TRUE(axis_shapes(v.position.data(), v.color.data(), v.tex0.data(), v.tex1.data(), 12, 2)
                    .empty());
}

TEST(PictureStretch, NothingToStretchWithoutAScaleAndEverythingWithoutShapes) {
    const StretchPlan none = plan_stretch({}, 500, 1.0f);
    ASSERT_EQ(none.runs.size(), 1u);
    EXPECT_TRUE(none.runs[0].collapsed);
    EXPECT_EQ(none.kept, 1u);
    const StretchPlan unscaled = plan_stretch({AxisShape{50, 40, 4, 1}}, 100, 0.0f);
    ASSERT_EQ(unscaled.runs.size(), 1u);
    EXPECT_FALSE(unscaled.runs[0].collapsed);
    EXPECT_EQ(unscaled.kept, 100u);
    EXPECT_TRUE(plan_stretch({}, 0, 1.0f).runs.empty());
    // A dot (a window button) is edge everywhere it shows.
    const StretchPlan dot = plan_stretch({AxisShape{50, 6, 6, 1}}, 100, 1.0f);
    for (const StretchRun& run : dot.runs) {
        if (run.first <= 50 && 50 < run.first + run.count) {
            EXPECT_FALSE(run.collapsed);
        }
    }
}

// A shape whose colour runs from top to bottom (a gradient) has no two rows alike: its rows are
// all kept, while its columns still collapse.
TEST(PictureStretch, AGradientKeepsEveryRowItCovers) {
    RenderList list;
    list.width = 600;
    list.height = 400;
    list.shapes.push_back(
        {{50, 40, 500, 300}, 16.0f, 1.0f, {0.2f, 0.6f, 0.3f, 1}, {0.1f, 0.3f, 0.5f, 0.9f}});
    list.static_shapes = 1;
    VertexStreams v;
    build_vertices(list, nullptr, v);
    const auto ys = axis_shapes(v.position.data(), v.color.data(), v.tex0.data(), v.tex1.data(),
                                v.static_vertices, 1);
    const auto xs = axis_shapes(v.position.data(), v.color.data(), v.tex0.data(), v.tex1.data(),
                                v.static_vertices, 0);
    ASSERT_EQ(ys.size(), 1u);
    EXPECT_TRUE(ys[0].graded);
    EXPECT_FALSE(xs[0].graded);
    const StretchPlan rows = plan_stretch(ys, 400, 1.0f);
    for (const StretchRun& run : rows.runs) {
        if (run.collapsed) {
            // Only the empty rows above and below it.
            EXPECT_TRUE(run.first + run.count <= 40 || run.first >= 340)
                << run.first << " + " << run.count;
        }
    }
    EXPECT_GE(rows.kept, 300u);
    EXPECT_LT(plan_stretch(xs, 600, 1.0f).kept, 100u);
}
