#include "core/draw/panel.hpp"

#include <gtest/gtest.h>

using namespace stagehand::core;

namespace {
PanelStyle plain(std::uint32_t w, std::uint32_t h) {
    PanelStyle s;
    s.width = w;
    s.height = h;
    s.background = Color{0.1f, 0.2f, 0.3f, 1.0f};
    s.corner_radius = 12;
    return s;
}
} // namespace

TEST(Panel, PlainPanelIsOneShapeFillingTheSource) {
    RenderList list;
    build_panel(plain(320, 180), list);
    ASSERT_EQ(list.shapes.size(), 1u);
    EXPECT_EQ(list.shapes[0].rect, (Rect{0, 0, 320, 180}));
    EXPECT_FLOAT_EQ(list.shapes[0].radius, 12.0f);
    EXPECT_EQ(list.shapes[0].top, (Color{0.1f, 0.2f, 0.3f, 1.0f}));
}

TEST(Panel, ShadowInsetsTheCardAndIsDrawnFirst) {
    PanelStyle s = plain(320, 180);
    s.shadow = Color{0, 0, 0, 0.5f};
    s.shadow_blur = 20;
    s.shadow_offset_y = 6;
    RenderList list;
    build_panel(s, list);
    ASSERT_EQ(list.shapes.size(), 2u);
    // Card: 10 px (half the blur) in from the sides and top, 16 px from the bottom.
    EXPECT_EQ(list.shapes[1].rect, (Rect{10, 10, 300, 154}));
    EXPECT_EQ(list.shapes[0].rect, (Rect{10, 16, 300, 154}));
    EXPECT_FLOAT_EQ(list.shapes[0].softness, 20.0f);
    EXPECT_FLOAT_EQ(list.shapes[1].softness, 1.0f);
}

TEST(Panel, BorderIsAnOuterShapeWithTheBackgroundInsetByItsWidth) {
    PanelStyle s = plain(100, 60);
    s.border = Color{1, 1, 1, 1};
    s.border_width = 4;
    RenderList list;
    build_panel(s, list);
    ASSERT_EQ(list.shapes.size(), 2u);
    EXPECT_EQ(list.shapes[0].rect, (Rect{0, 0, 100, 60}));
    EXPECT_EQ(list.shapes[0].top, (Color{1, 1, 1, 1}));
    EXPECT_EQ(list.shapes[1].rect, (Rect{4, 4, 92, 52}));
    EXPECT_FLOAT_EQ(list.shapes[1].radius, 8.0f);
}

TEST(Panel, InvisiblePartsAreSkipped) {
    PanelStyle s = plain(100, 60);
    s.background.a = 0;
    s.border_width = 3; // border colour is transparent by default
    s.shadow_blur = 10; // shadow colour too
    RenderList list;
    build_panel(s, list);
    EXPECT_TRUE(list.empty());
}

TEST(Panel, TooSmallForItsShadowDrawsNothingRatherThanANegativeRect) {
    PanelStyle s = plain(10, 10);
    s.shadow = Color{0, 0, 0, 1};
    s.shadow_blur = 40;
    RenderList list;
    build_panel(s, list);
    EXPECT_TRUE(list.empty());
}

TEST(Panel, RadiusNeverExceedsHalfTheShortSide) {
    PanelStyle s = plain(100, 30);
    s.corner_radius = 500;
    RenderList list;
    build_panel(s, list);
    ASSERT_EQ(list.shapes.size(), 1u);
    EXPECT_FLOAT_EQ(list.shapes[0].radius, 15.0f);
}
