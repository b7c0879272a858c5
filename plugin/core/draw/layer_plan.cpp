#include "core/draw/layer_plan.hpp"

#include <cmath>

namespace stagehand::core {

bool same_scale(float a, float b) {
    return std::fabs(a - b) <= LayerPlan::kScaleTolerance * std::fmax(std::fabs(a), std::fabs(b));
}

LayerPlan::Decision LayerPlan::next(std::uint64_t key, float sx, float sy) {
    ++clock_;
    for (Slot& s : slots_)
        if (s.used && clock_ - s.last_use > kStaleDraws)
            s = Slot{};
    bool steady = false;
    for (int i = 0; i < 2; ++i)
        steady = steady || (same_scale(sx, seen_sx_[i]) && same_scale(sy, seen_sy_[i]));
    seen_sx_[1] = seen_sx_[0];
    seen_sy_[1] = seen_sy_[0];
    seen_sx_[0] = sx;
    seen_sy_[0] = sy;
    if (!(sx > 0.0f) || !(sy > 0.0f))
        return {Action::direct, 0};
    for (std::size_t i = 0; i < kSlots; ++i)
        if (slots_[i].used && slots_[i].key == key && same_scale(slots_[i].sx, sx) &&
            same_scale(slots_[i].sy, sy)) {
            slots_[i].last_use = clock_;
            return {Action::reuse, i};
        }
    if (!steady)
        return {Action::direct, 0}; // the scale is moving: no picture for a passing scale
    std::size_t slot = 0;           // an empty slot, else the least recently used one
    for (std::size_t i = 0; i < kSlots; ++i) {
        if (!slots_[i].used) {
            slot = i;
            break;
        }
        if (slots_[i].last_use < slots_[slot].last_use)
            slot = i;
    }
    slots_[slot] = Slot{true, key, sx, sy, clock_};
    ++builds_;
    return {Action::build, slot};
}

std::size_t LayerPlan::relabel(std::uint64_t from, std::uint64_t to, float sx, float sy) {
    const auto at = [&](std::uint64_t key) {
        for (std::size_t i = 0; i < kSlots; ++i)
            if (slots_[i].used && slots_[i].key == key && same_scale(slots_[i].sx, sx) &&
                same_scale(slots_[i].sy, sy))
                return i;
        return kSlots;
    };
    if (from == to || at(to) < kSlots)
        return kSlots;
    const std::size_t slot = at(from);
    if (slot < kSlots)
        slots_[slot].key = to;
    return slot;
}

void LayerPlan::forget(std::size_t slot) {
    if (slot < kSlots)
        slots_[slot] = Slot{};
}

void LayerPlan::keep_only(std::uint64_t key) {
    for (Slot& s : slots_)
        if (s.used && s.key != key)
            s = Slot{};
}

} // namespace stagehand::core
