#include "core/draw/render_list.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace stagehand::core;

namespace {
RenderList one_shape(float x, float y, float w, float h, float radius, float softness) {
    RenderList list;
    list.width = 200;
    list.height = 100;
    const Color c{0.2f, 0.4f, 0.8f, 1.0f};
    list.shapes.push_back(ShapeQuad{Rect{x, y, w, h}, radius, softness, c, c});
    return list;
}
} // namespace

TEST(VertexStreams, EachShapeIsTwoTrianglesWithMatchingStreamSizes) {
    RenderList list = one_shape(10, 20, 100, 50, 8, 1);
    list.shapes.push_back(list.shapes.front());
    VertexStreams v;
    build_vertices(list, nullptr, v);
    ASSERT_EQ(v.vertex_count(), 12u);
    EXPECT_EQ(v.position.size(), 12u * 4);
    EXPECT_EQ(v.tex0.size(), 12u * 4);
    EXPECT_EQ(v.tex1.size(), 12u * 4);
}

TEST(VertexStreams, QuadCoversTheShapePlusItsFadingEdge) {
    VertexStreams v;
    build_vertices(one_shape(10, 20, 100, 50, 8, 20), nullptr, v);
    float min_x = 1e9f, max_x = -1e9f, min_y = 1e9f, max_y = -1e9f;
    for (std::size_t i = 0; i < v.vertex_count(); ++i) {
        min_x = std::min(min_x, v.position[i * 4]);
        max_x = std::max(max_x, v.position[i * 4]);
        min_y = std::min(min_y, v.position[i * 4 + 1]);
        max_y = std::max(max_y, v.position[i * 4 + 1]);
    }
    // A 20 px soft edge reaches 10 px beyond the outline; the quad must hold all of it.
    EXPECT_LE(min_x, 0.0f);
    EXPECT_GE(max_x, 120.0f);
    EXPECT_LE(min_y, 10.0f);
    EXPECT_GE(max_y, 80.0f);
}

TEST(VertexStreams, LocalCoordinatesAreRelativeToTheShapeCentre) {
    VertexStreams v;
    build_vertices(one_shape(10, 20, 100, 50, 8, 1), nullptr, v);
    for (std::size_t i = 0; i < v.vertex_count(); ++i) {
        EXPECT_FLOAT_EQ(v.tex0[i * 4], v.position[i * 4] - 60.0f);
        EXPECT_FLOAT_EQ(v.tex0[i * 4 + 1], v.position[i * 4 + 1] - 45.0f);
        EXPECT_FLOAT_EQ(v.tex1[i * 4], 50.0f);
        EXPECT_FLOAT_EQ(v.tex1[i * 4 + 1], 25.0f);
        EXPECT_FLOAT_EQ(v.tex1[i * 4 + 2], 8.0f);
        EXPECT_FLOAT_EQ(v.tex1[i * 4 + 3], 1.0f);
    }
}

TEST(VertexStreams, RadiusIsClampedToHalfTheShortSideAndSoftnessToOnePixel) {
    VertexStreams v;
    build_vertices(one_shape(0, 0, 40, 10, 99, 0), nullptr, v);
    EXPECT_FLOAT_EQ(v.tex1[2], 5.0f);
    EXPECT_FLOAT_EQ(v.tex1[3], 1.0f);
}

TEST(VertexStreams, GradientRunsTopToBottom) {
    RenderList list = one_shape(0, 0, 10, 10, 0, 1);
    list.shapes[0].bottom = Color{1, 0, 0, 1};
    VertexStreams v;
    build_vertices(list, nullptr, v);
    const float top_y = v.position[1];
    for (std::size_t i = 0; i < v.vertex_count(); ++i) {
        const bool is_top = v.position[i * 4 + 1] == top_y;
        EXPECT_EQ(v.color[i], is_top ? to_vertex_rgba8(list.shapes[0].top)
                                     : to_vertex_rgba8(Color{1, 0, 0, 1}));
    }
}

TEST(RenderListDescribe, IsReadableAndMentionsGradients) {
    RenderList list = one_shape(1, 2, 3, 4, 0.5f, 1);
    list.shapes[0].bottom = Color{1, 1, 1, 1};
    EXPECT_EQ(describe(list),
              "size 200x100\nshape 1.00,2.00 3.00x4.00 r=0.50 soft=1.00 #3366CCFF -> #FFFFFFFF\n");
}
