// The static layer (a source's card) is drawn once into a picture and reused: when a picture is
// made, reused or skipped, and what marks the layer in the vertex streams.
#include "core/draw/layer_plan.hpp"
#include "core/draw/render_list.hpp"

#include <gtest/gtest.h>

using stagehand::core::build_vertices;
using stagehand::core::Color;
using stagehand::core::kVerticesPerQuad;
using stagehand::core::LayerPlan;
using stagehand::core::RenderList;
using stagehand::core::ShapeQuad;
using stagehand::core::unchanged_static_shapes;
using stagehand::core::VertexStreams;
using Action = LayerPlan::Action;

namespace {

RenderList card_list() {
    RenderList list;
    list.width = 400;
    list.height = 200;
    list.shapes.push_back({{10, 10, 380, 180}, 12.0f, 30.0f, {0, 0, 0, 0.5f}, {0, 0, 0, 0.5f}});
    list.shapes.push_back(
        {{8, 8, 384, 184}, 14.0f, 1.0f, {0.2f, 0.2f, 0.2f, 1}, {0.2f, 0.2f, 0.2f, 1}});
    list.shapes.push_back({{20, 40, 360, 24}, 0.0f, 1.0f, {1, 1, 1, 0.1f}, {1, 1, 1, 0.1f}});
    list.static_shapes = 2;
    return list;
}

} // namespace

// Made once at a steady scale, then reused frame after frame while only the rest moves.
TEST(LayerPlan, MadeOnceThenReused) {
    LayerPlan plan;
    EXPECT_EQ(plan.next(7, 1.0f, 1.0f).action, Action::direct); // a first frame: no scale yet
    const auto made = plan.next(7, 1.0f, 1.0f);
    EXPECT_EQ(made.action, Action::build);
    for (int frame = 0; frame < 100; ++frame) {
        const auto d = plan.next(7, 1.0f, 1.0f);
        ASSERT_EQ(d.action, Action::reuse);
        EXPECT_EQ(d.slot, made.slot);
    }
    EXPECT_EQ(plan.builds(), 1u);
}

// A settled source's text drawn onto its card's picture: that picture then holds the whole
// source and is reused as such, at its own scale only; the card alone is made again when asked.
TEST(LayerPlan, ACardsPictureRelabelledHoldsTheWholeSource) {
    LayerPlan plan;
    plan.next(7, 2.0f, 2.0f);
    const auto card = plan.next(7, 2.0f, 2.0f);
    ASSERT_EQ(card.action, Action::build);
    EXPECT_EQ(plan.relabel(7, 9, 1.0f, 1.0f), LayerPlan::kSlots) << "no card at that scale";
    EXPECT_EQ(plan.relabel(8, 9, 2.0f, 2.0f), LayerPlan::kSlots) << "no such card";
    ASSERT_EQ(plan.relabel(7, 9, 2.0f, 2.0f), card.slot);
    EXPECT_EQ(plan.key_of(card.slot), 9u);
    EXPECT_FLOAT_EQ(plan.scale_x(card.slot), 2.0f);
    EXPECT_FLOAT_EQ(plan.scale_y(card.slot), 2.0f);
    const auto whole = plan.next(9, 2.0f, 2.0f);
    EXPECT_EQ(whole.action, Action::reuse);
    EXPECT_EQ(whole.slot, card.slot);
    EXPECT_EQ(plan.builds(), 1u) << "drawing onto a picture makes none";
    EXPECT_EQ(plan.relabel(7, 9, 2.0f, 2.0f), LayerPlan::kSlots) << "the whole is held already";
    EXPECT_EQ(plan.next(7, 2.0f, 2.0f).action, Action::build) << "the card alone is gone";
}

// A zoom: while the scale moves every frame the layer is drawn directly (no picture per
// frame); once it holds, one picture at the new scale, sharp rather than stretched.
TEST(LayerPlan, AMovingScaleDrawsDirectlyAndASettledOneMakesOnePicture) {
    LayerPlan plan;
    plan.next(7, 1.0f, 1.0f);
    ASSERT_EQ(plan.next(7, 1.0f, 1.0f).action, Action::build);
    for (int i = 1; i <= 18; ++i) { // 1.05 to 1.9
        const float s = 1.0f + 0.05f * static_cast<float>(i);
        EXPECT_EQ(plan.next(7, s, s).action, Action::direct) << s;
    }
    EXPECT_EQ(plan.next(7, 2.0f, 2.0f).action, Action::direct);
    EXPECT_EQ(plan.next(7, 2.0f, 2.0f).action, Action::build);
    EXPECT_EQ(plan.next(7, 2.0f, 2.0f).action, Action::reuse);
    EXPECT_EQ(plan.next(7, 2.0004f, 2.0f).action, Action::reuse); // within a tenth of a percent
    EXPECT_EQ(plan.builds(), 2u);
}

// Two cards at once (a cross-fade between two looks) keep a picture each; when every slot is
// taken, a new key takes the slot used least recently.
TEST(LayerPlan, CardsKeepTheirPicturesAndANewOneTakesTheOldestSlot) {
    LayerPlan plan;
    plan.next(1, 1.0f, 1.0f);
    const auto a = plan.next(1, 1.0f, 1.0f);
    const auto b = plan.next(2, 1.0f, 1.0f);
    ASSERT_EQ(a.action, Action::build);
    ASSERT_EQ(b.action, Action::build);
    EXPECT_NE(a.slot, b.slot);
    for (int frame = 0; frame < 10; ++frame) {
        EXPECT_EQ(plan.next(1, 1.0f, 1.0f).action, Action::reuse);
        EXPECT_EQ(plan.next(2, 1.0f, 1.0f).action, Action::reuse);
    }
    // Fill the other slots; 1 is then the least recently used.
    for (std::uint64_t key = 3; key < 1 + LayerPlan::kSlots; ++key)
        ASSERT_EQ(plan.next(key, 1.0f, 1.0f).action, Action::build);
    EXPECT_EQ(plan.next(2, 1.0f, 1.0f).action, Action::reuse);
    const auto c = plan.next(100, 1.0f, 1.0f);
    EXPECT_EQ(c.action, Action::build);
    EXPECT_EQ(c.slot, a.slot);
    EXPECT_EQ(plan.next(2, 1.0f, 1.0f).action, Action::reuse);
    EXPECT_EQ(plan.next(1, 1.0f, 1.0f).action, Action::build); // 1 was dropped
    plan.forget(plan.next(1, 1.0f, 1.0f).slot);
    EXPECT_EQ(plan.next(1, 1.0f, 1.0f).action, Action::build); // a forgotten picture is made again
}

// One source shown at two sizes in the same frames (program at 1x, a studio-mode preview scene
// at half size): a picture for each, then both reused, nothing made per frame.
TEST(LayerPlan, TwoViewsAtTwoScalesKeepAPictureEach) {
    LayerPlan plan;
    for (int frame = 0; frame < 3; ++frame) {
        plan.next(7, 1.0f, 1.0f);
        plan.next(7, 0.5f, 0.5f);
    }
    const auto builds = plan.builds();
    EXPECT_EQ(builds, 2u);
    for (int frame = 0; frame < 50; ++frame) {
        EXPECT_EQ(plan.next(7, 1.0f, 1.0f).action, Action::reuse);
        EXPECT_EQ(plan.next(7, 0.5f, 0.5f).action, Action::reuse);
    }
    EXPECT_EQ(plan.builds(), builds);
}

// A picture left behind (a scale the source is no longer shown at) is dropped after a while,
// so its memory comes back; the one in use stays.
TEST(LayerPlan, APictureNoLongerDrawnIsDropped) {
    LayerPlan plan;
    plan.next(7, 1.0f, 1.0f);
    const auto old = plan.next(7, 1.0f, 1.0f);
    ASSERT_EQ(old.action, Action::build);
    plan.next(7, 0.5f, 0.5f);
    const auto now = plan.next(7, 0.5f, 0.5f);
    ASSERT_EQ(now.action, Action::build);
    EXPECT_TRUE(plan.holds(old.slot));
    for (std::uint64_t i = 0; i < LayerPlan::kStaleDraws; ++i)
        ASSERT_EQ(plan.next(7, 0.5f, 0.5f).action, Action::reuse);
    EXPECT_FALSE(plan.holds(old.slot));
    EXPECT_TRUE(plan.holds(now.slot));
}

// The static layer's vertices come first and its key names exactly what it draws: the card's
// shapes and the list's size, not the content on top.
TEST(LayerPlan, TheStaticLayerIsMarkedInTheStreamsAndKeyedByWhatItDraws) {
    RenderList list = card_list();
    VertexStreams streams;
    build_vertices(list, nullptr, streams);
    EXPECT_EQ(streams.static_vertices, 2 * kVerticesPerQuad);
    EXPECT_EQ(streams.width, 400u);
    const auto key = streams.static_key;
    EXPECT_NE(key, 0u);

    list.shapes[2].rect.y += 30; // the focus bar moves: same card
    build_vertices(list, nullptr, streams);
    EXPECT_EQ(streams.static_key, key);

    list.shapes[1].top = Color{0.3f, 0.2f, 0.2f, 1}; // the card's colour: another picture
    build_vertices(list, nullptr, streams);
    EXPECT_NE(streams.static_key, key);

    RenderList taller = card_list();
    taller.height = 220;
    build_vertices(taller, nullptr, streams);
    EXPECT_NE(streams.static_key, key);

    RenderList bare = card_list();
    bare.static_shapes = 0;
    build_vertices(bare, nullptr, streams);
    EXPECT_EQ(streams.static_vertices, 0u);
}

// A frame of a glide keeps the card's picture when the card is unchanged, and draws the shapes
// when any part of it differs.
TEST(LayerPlan, AGlideKeepsTheCardOnlyWhenAllOfItIsUnchanged) {
    const RenderList list = card_list();
    std::vector<ShapeQuad> frame = list.shapes;
    frame[2].rect.y += 5;
    EXPECT_EQ(unchanged_static_shapes(list, frame), 2u);
    frame[1].rect.w -= 10;
    EXPECT_EQ(unchanged_static_shapes(list, frame), 0u);
    EXPECT_EQ(unchanged_static_shapes(list, {}), 0u);
}
