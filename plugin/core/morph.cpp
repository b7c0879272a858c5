#include "core/morph.hpp"

#include <algorithm>

namespace stagehand::core {

namespace {

// Glyph identity for matching: the same glyph of the same font at the same size. Colour is
// not part of it, so a token that changes colour (re-highlighted) still moves.
bool same_glyph(const text::PositionedGlyph& a, const text::PositionedGlyph& b) {
    return a.key == b.key && a.color_glyph == b.color_glyph;
}

Color mix(const Color& a, const Color& b, float t) {
    return Color{a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t,
                 a.a + (b.a - a.a) * t};
}

} // namespace

MorphPlan plan_morph(const RenderList& from, const RenderList& to, std::size_t max_cells) {
    MorphPlan plan;
    const auto& a = from.glyphs;
    const auto& b = to.glyphs;
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && same_glyph(a[head], b[head]))
        ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head &&
           same_glyph(a[a.size() - 1 - tail], b[b.size() - 1 - tail]))
        ++tail;
    const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
    if (n * m > max_cells)
        return plan;

    // Longest common subsequence over the middle part (dynamic programming, lengths only).
    std::vector<std::uint32_t> dp((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& {
        return dp[i * (m + 1) + j];
    };
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            at(i, j) = same_glyph(a[head + i], b[head + j]) ? at(i + 1, j + 1) + 1
                                                            : std::max(at(i + 1, j), at(i, j + 1));

    for (std::size_t k = 0; k < head; ++k)
        plan.matched.push_back({static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k)});
    std::size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (same_glyph(a[head + i], b[head + j])) {
            plan.matched.push_back(
                {static_cast<std::uint32_t>(head + i), static_cast<std::uint32_t>(head + j)});
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            plan.only_from.push_back(static_cast<std::uint32_t>(head + i++));
        } else {
            plan.only_to.push_back(static_cast<std::uint32_t>(head + j++));
        }
    }
    for (; i < n; ++i)
        plan.only_from.push_back(static_cast<std::uint32_t>(head + i));
    for (; j < m; ++j)
        plan.only_to.push_back(static_cast<std::uint32_t>(head + j));
    for (std::size_t k = 0; k < tail; ++k)
        plan.matched.push_back({static_cast<std::uint32_t>(a.size() - tail + k),
                                static_cast<std::uint32_t>(b.size() - tail + k)});
    plan.usable = true;
    return plan;
}

RenderList morph_frame(const MorphPlan& plan, const RenderList& from, const RenderList& to,
                       float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    RenderList out;
    out.width = to.width;
    out.height = to.height;
    out.shapes = to.shapes;
    out.text_effects = to.text_effects;
    out.glyphs.reserve(plan.matched.size() + plan.only_from.size() + plan.only_to.size());
    for (std::uint32_t k : plan.only_from) {
        text::PositionedGlyph g = from.glyphs[k];
        g.color.a *= 1.0f - t;
        out.glyphs.push_back(g);
    }
    for (const MorphPlan::Pair& p : plan.matched) {
        const text::PositionedGlyph& a = from.glyphs[p.from];
        text::PositionedGlyph g = to.glyphs[p.to];
        g.x = a.x + (g.x - a.x) * t;
        g.y = a.y + (g.y - a.y) * t;
        g.color = mix(a.color, g.color, t);
        out.glyphs.push_back(g);
    }
    for (std::uint32_t k : plan.only_to) {
        text::PositionedGlyph g = to.glyphs[k];
        g.color.a *= t;
        out.glyphs.push_back(g);
    }
    return out;
}

} // namespace stagehand::core
