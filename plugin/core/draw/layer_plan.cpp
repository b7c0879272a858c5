#include "core/draw/layer_plan.hpp"

#include <cmath>

namespace stagehand::core {

bool same_scale(float a, float b) {
    return std::fabs(a - b) <= LayerPlan::kScaleTolerance * std::fmax(std::fabs(a), std::fabs(b));
}

LayerPlan::Decision LayerPlan::next(std::uint64_t key, float sx, float sy) {
    ++clock_;
    const bool steady = same_scale(sx, seen_sx_) && same_scale(sy, seen_sy_);
    seen_sx_ = sx;
    seen_sy_ = sy;
    if (!(sx > 0.0f) || !(sy > 0.0f))
        return {Action::direct, 0};
    std::size_t found = kSlots;
    for (std::size_t i = 0; i < kSlots; ++i)
        if (slots_[i].used && slots_[i].key == key)
            found = i;
    if (found < kSlots && same_scale(slots_[found].sx, sx) && same_scale(slots_[found].sy, sy)) {
        slots_[found].last_use = clock_;
        return {Action::reuse, found};
    }
    if (!steady)
        return {Action::direct, 0}; // the scale is moving: no picture for a passing scale
    std::size_t slot = found;
    if (slot == kSlots) { // an empty slot, else the least recently used one
        slot = 0;
        for (std::size_t i = 0; i < kSlots; ++i) {
            if (!slots_[i].used) {
                slot = i;
                break;
            }
            if (slots_[i].last_use < slots_[slot].last_use)
                slot = i;
        }
    }
    slots_[slot] = Slot{true, key, sx, sy, clock_};
    ++builds_;
    return {Action::build, slot};
}

void LayerPlan::forget(std::size_t slot) {
    if (slot < kSlots)
        slots_[slot] = Slot{};
}

} // namespace stagehand::core
