#pragma once

#include <algorithm>
#include <cstdint>

namespace stagehand::core {

// A dissolve between a source's previous content and its new one: the new content is drawn
// fully, and the previous one over it with this opacity, easing from 1 to 0. Unchanged parts
// look the same throughout (they are the same pixels twice), while what changes (a focus bar,
// dimmed lines, a new step) fades. Pure function of time, so tests need no clock.
inline float ease_in_out(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

inline float previous_content_opacity(std::uint64_t elapsed_ns, std::uint64_t duration_ns) {
    if (duration_ns == 0 || elapsed_ns >= duration_ns)
        return 0.0f;
    return 1.0f - ease_in_out(static_cast<float>(elapsed_ns) / static_cast<float>(duration_ns));
}

// How an overlay that comes and goes (the featured question) looks `t` of the way through its
// entrance (entering) or its exit: it slides up from `distance` pixels below while fading in,
// and leaves the same way backwards. Pure function of time.
struct Presence {
    float opacity = 1.0f;
    float offset_y = 0.0f; // pixels down from its place
};
inline Presence presence_at(float t, bool entering, float distance = 24.0f) {
    const float eased = ease_in_out(t);
    const float shown = entering ? eased : 1.0f - eased;
    return Presence{shown, (1.0f - shown) * distance};
}

} // namespace stagehand::core
