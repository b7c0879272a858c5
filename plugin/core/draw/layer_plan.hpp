#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace stagehand::core {

// When a source's static layer (its card: shadow, border, fill) is drawn from a picture made
// once, and when that picture is made again. A picture is made for one content key (what the
// layer holds, its size included) at one output scale, so it stays sharp when the source is
// scaled in a scene. While the scale changes from one frame to the next (a zoom, a move
// transition) the layer is drawn directly instead of being made again every frame; once the
// scale holds for a frame, the picture is made at it. Four slots: a source fading from one card to
// another draws both, and a source shown at two scales in one frame (in the program and, in
// studio mode, in a preview scene at another size) keeps a picture for each.
class LayerPlan {
public:
    enum class Action {
        direct, // draw the layer's shapes as they are, this frame
        build,  // make the picture in `slot`, then draw it
        reuse,  // draw the picture in `slot`
    };
    struct Decision {
        Action action = Action::direct;
        std::size_t slot = 0;
    };
    static constexpr std::size_t kSlots = 4;
    // Scales closer than this (relative) are the same: 1080p at 0.1 % is a pixel.
    static constexpr float kScaleTolerance = 0.001f;

    // For one draw of a layer with `key` at scale (sx, sy) of the source's pixels.
    Decision next(std::uint64_t key, float sx, float sy);
    // A picture could not be made (too large, no memory): the slot holds nothing.
    void forget(std::size_t slot);
    // The picture of `from` at scale (sx, sy) now holds `to`: its owner drew onto it what `to`
    // adds to `from` (a settled source's text onto its card), so no second picture is made.
    // Returns its slot, or kSlots where no picture of `from` is held at that scale or one of `to`
    // already is.
    std::size_t relabel(std::uint64_t from, std::uint64_t to, float sx, float sy);
    // The scale the picture in `slot` was made at (meaningful where holds(slot)).
    float scale_x(std::size_t slot) const { return slot < kSlots ? slots_[slot].sx : 0.0f; }
    float scale_y(std::size_t slot) const { return slot < kSlots ? slots_[slot].sy : 0.0f; }
    // Only pictures of `key` are wanted from now on (a settled source drawn whole needs no
    // picture of its card alone): the other slots are emptied at once.
    void keep_only(std::uint64_t key);
    // Whether `slot` holds a picture. A picture not drawn for kStaleDraws draws is dropped (its
    // memory is given back: a scale left behind, a card no longer shown).
    bool holds(std::size_t slot) const { return slot < kSlots && slots_[slot].used; }
    // The key of what `slot` holds (meaningful where holds(slot)).
    std::uint64_t key_of(std::size_t slot) const { return slot < kSlots ? slots_[slot].key : 0; }
    static constexpr std::uint64_t kStaleDraws = 600;
    // How many pictures have been made (for tests and the benchmark).
    std::uint64_t builds() const { return builds_; }

private:
    struct Slot {
        bool used = false;
        std::uint64_t key = 0;
        float sx = 0.0f;
        float sy = 0.0f;
        std::uint64_t last_use = 0;
    };
    std::array<Slot, kSlots> slots_{};
    // The scales of the two previous draws: a scale seen in either holds (two views of the source
    // at two sizes alternate).
    float seen_sx_[2] = {-1.0f, -1.0f};
    float seen_sy_[2] = {-1.0f, -1.0f};
    std::uint64_t clock_ = 0;
    std::uint64_t builds_ = 0;
};

// Whether two scales are the same for a picture (within kScaleTolerance, relative).
bool same_scale(float a, float b);

} // namespace stagehand::core
