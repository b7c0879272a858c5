#pragma once

#include "core/draw/layer_plan.hpp"
#include "core/draw/picture_stretch.hpp"
#include "render/graphics_handles.hpp"
#include "render/shape_effect.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>

namespace stagehand::render {

class QuadBatch;

// A source's static layer (its card) drawn once into a texture at the output scale and drawn
// from it every frame as one textured quad, instead of shading every pixel of the card and its
// shadow per frame. Made again only when the layer's content or the scale changes
// (core::LayerPlan). Graphics context required for everything, the destructor included.
class LayerCache {
public:
    LayerCache() = default;
    ~LayerCache();
    LayerCache(const LayerCache&) = delete;
    LayerCache& operator=(const LayerCache&) = delete;

    // From video_render: draws `batch`'s static layer at `opacity`, from its picture, and
    // returns how many of the batch's first vertices that picture holds: the static layer's, or
    // for a `settled` source too large to be drawn whole (see draw_whole), every shape's (the
    // card with its content's window dots, focus band and diff tints, in one picture without
    // their repeated texels, made again when a step moves the band). 0 when they must be drawn
    // directly this frame (the scale is moving, the picture would be too large, the target is
    // linear). The caller draws the vertices after them itself.
    std::size_t draw(const QuadBatch& batch, const ShapeEffect& effect, bool linear, float opacity,
                     bool settled = false);

    // From video_render, for a source whose content has settled (nothing moves or fades): the
    // whole batch, card and text, from one picture made once for this content and scale, so a
    // still overlay costs one textured quad a frame. Pictures of other content (the card alone)
    // are given back. False when it must be drawn as usual this frame, and always for a source
    // whose picture would take more than kMaxWholeBytes: its card's picture keeps only the
    // columns and rows that differ (core::plan_stretch) and its text is drawn over it every
    // frame.
    bool draw_whole(const QuadBatch& batch, const ShapeEffect& effect, bool linear,
                    PageTextures page_texture);
    // A picture of a whole source up to this size (a question card, a slide bar, a small snippet):
    // past it, a whole picture's memory (a 1080-pixel code card's is 2.2 MiB; under a software
    // renderer it is the process's own) outweighs drawing its text every frame.
    static constexpr std::int64_t kMaxWholeBytes = std::int64_t{1} << 20;

    // Pictures made so far, and how many of them were whole (tests, the benchmark). Safe from
    // any thread.
    std::uint64_t builds() const { return builds_.load(std::memory_order_relaxed); }
    std::uint64_t whole_builds() const { return whole_builds_.load(std::memory_order_relaxed); }
    // Of them, pictures of a large settled source's card with its content's shapes.
    std::uint64_t content_builds() const { return content_builds_.load(std::memory_order_relaxed); }
    // Frames drawn from a picture (tests: that a picture, not the direct drawing, reached the
    // target). Safe from any thread.
    std::uint64_t picture_draws() const { return picture_draws_.load(std::memory_order_relaxed); }
    // The bytes of the textures this cache holds now, its spares included. Safe from any thread.
    std::int64_t held_bytes() const { return held_bytes_.load(std::memory_order_relaxed); }

private:
    // What a picture holds: the static layer (the card), every shape (card and content's), or
    // the whole batch.
    enum class Layer { card, shapes, whole };
    // Draws the picture of `key` (made with `paint` when the plan says so) at `opacity`. A
    // picture of the card or the shapes may leave out repeated texels, planned from the shapes of
    // the batch's first `vertices`.
    bool draw_picture(const QuadBatch& batch, std::uint64_t key, Layer layer, std::size_t vertices,
                      const ShapeEffect& effect, bool linear, float opacity,
                      core::FunctionRef<void()> paint);

    // Where the plan holds the card's picture at this scale, draws the rest of the batch (the
    // text) onto it, as every frame draws the text over the card: the same blends in the same
    // order as drawing the whole batch into an empty picture, so the result is that whole picture
    // without a second texture of the source's size. The card's picture is then gone; the next
    // change of content makes it again, in the texture the whole picture leaves.
    void paint_onto_card(const QuadBatch& batch, const ShapeEffect& effect, bool linear,
                         PageTextures page_texture);
    // The quads that draw a picture made without its repeated columns and rows, one for each run
    // of the full picture's columns by each run of its rows (a collapsed run stretches its one
    // column or row), in the source's pixels.
    struct Stretch {
        VertexBufferPtr quads;        // libobs's sprite layout, for OBS's default effect
        VertexBufferPtr fading_quads; // the Stagehand effect's layout, for a fade
        std::uint32_t vertices = 0;
    };
    // Draws `texture`, a picture made at scale (sx, sy), onto the source's pixels at `opacity`,
    // through `stretch` where it was made without its repeated lines (else null); false when
    // what it is drawn with could not be made.
    bool draw_texture(gs_texture_t* texture, float sx, float sy, const ShapeEffect& effect,
                      float opacity, const Stretch* stretch);
    // Makes what pictures are drawn with, at the first draw; false when any of it is missing.
    bool make_drawing_state();
    // Recounts held_bytes_ after pictures or spares changed.
    void count_held();
    // Retires the pictures of slots the plan dropped; whether there were any.
    bool retire_dropped();

    // A picture the plan no longer holds: kept (at most kSpares) for the next picture to be
    // made, which is almost always the same size (a step's card is made in the texture of the
    // step before's whole picture), so its texture is reused instead of freed and allocated
    // again every few seconds.
    void retire(std::size_t slot);
    static constexpr std::size_t kSpares = 2;

    core::LayerPlan plan_;
    std::array<bool, core::LayerPlan::kSlots> whole_{};  // the slot holds a whole picture
    std::array<bool, core::LayerPlan::kSlots> shapes_{}; // the slot holds every shape
    std::array<gs_texrender_t*, kSpares> spares_{};
    // Draws since a spare was last taken: past LayerPlan::kStaleDraws (a still overlay) the
    // spares are freed.
    std::uint64_t spares_idle_ = 0;
    std::atomic<std::uint64_t> builds_{0};
    std::atomic<std::uint64_t> whole_builds_{0};
    std::atomic<std::uint64_t> content_builds_{0};
    // The last shapes whose picture would not have been smaller than a whole one (not tried
    // again, every frame, while the source rests).
    std::uint64_t unstretched_shapes_ = 0;
    std::atomic<std::uint64_t> picture_draws_{0};
    std::atomic<std::int64_t> held_bytes_{0};
    std::array<gs_texrender_t*, core::LayerPlan::kSlots> pictures_{};
    // The slot's picture was made without its repeated lines: how it is drawn (else empty).
    std::array<Stretch, core::LayerPlan::kSlots> stretches_{};
    // What a picture is drawn with (make_drawing_state): a point sampler, OBS's default effect's
    // image parameter and Draw technique (a picture at full strength), and one quad of the
    // Stagehand effect's own vertex layout (a fading picture).
    SamplerStatePtr point_;
    gs_eparam_t* copy_image_ = nullptr;
    gs_technique_t* copy_technique_ = nullptr;
    VertexBufferPtr quad_;
};

} // namespace stagehand::render
