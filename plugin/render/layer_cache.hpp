#pragma once

#include "core/draw/layer_plan.hpp"
#include "render/shape_effect.hpp"

#include <array>
#include <cstdint>

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

    // From video_render: draws `batch`'s static layer at `opacity`, from its picture. False when
    // it must be drawn directly this frame (the scale is moving, the picture would be too large,
    // the target is linear): the caller then draws those vertices itself.
    bool draw(const QuadBatch& batch, const ShapeEffect& effect, bool linear, float opacity);

    std::uint64_t builds() const { return plan_.builds(); }

private:
    core::LayerPlan plan_;
    std::array<gs_texrender_t*, core::LayerPlan::kSlots> pictures_{};
};

} // namespace stagehand::render
