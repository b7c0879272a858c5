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

namespace {

// A run of consecutive glyphs on one baseline: a line of code (or of the gutter).
struct Run {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

std::vector<Run> runs_of(const std::vector<text::PositionedGlyph>& glyphs) {
    std::vector<Run> runs;
    for (std::uint32_t i = 0; i < glyphs.size(); ++i) {
        if (runs.empty() || glyphs[i].y != glyphs[runs.back().end - 1].y)
            runs.push_back(Run{i, i + 1});
        else
            runs.back().end = i + 1;
    }
    return runs;
}

bool same_run(const std::vector<text::PositionedGlyph>& a, const Run& ra,
              const std::vector<text::PositionedGlyph>& b, const Run& rb) {
    if (ra.end - ra.begin != rb.end - rb.begin)
        return false;
    for (std::uint32_t k = 0; k < ra.end - ra.begin; ++k)
        if (!same_glyph(a[ra.begin + k], b[rb.begin + k]))
            return false;
    return true;
}

// Longest common subsequence of two ranges, by dynamic programming; `equal(i, j)` compares
// the i-th of the first with the j-th of the second. Calls `pair(i, j)` for matches and
// `left(i)` / `right(j)` for the rest, in order. Returns false (calling nothing) past
// `max_cells`.
template <typename Equal, typename Pair, typename Left, typename Right>
bool lcs(std::size_t n, std::size_t m, std::size_t max_cells, Equal equal, Pair pair, Left left,
         Right right) {
    if (n * m > max_cells)
        return false;
    std::vector<std::uint32_t> dp((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& {
        return dp[i * (m + 1) + j];
    };
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            at(i, j) = equal(i, j) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    std::size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (equal(i, j)) {
            pair(i++, j++);
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            left(i++);
        } else {
            right(j++);
        }
    }
    for (; i < n; ++i)
        left(i);
    for (; j < m; ++j)
        right(j);
    return true;
}

} // namespace

MorphPlan plan_morph(const RenderList& from, const RenderList& to, std::size_t max_cells) {
    // Two levels, so forty lines of code cost a few thousand comparisons, not millions: lines
    // first (a line that is unchanged moves as a whole), then glyphs within each stretch of
    // changed lines (an edited line keeps the glyphs it still has).
    MorphPlan plan;
    const auto& a = from.glyphs;
    const auto& b = to.glyphs;
    const std::vector<Run> ra = runs_of(a), rb = runs_of(b);

    struct Gap {
        std::vector<std::uint32_t> from_runs, to_runs;
    };
    std::vector<Gap> gaps(1);
    const bool lines_ok = lcs(
        ra.size(), rb.size(), max_cells,
        [&](std::size_t i, std::size_t j) { return same_run(a, ra[i], b, rb[j]); },
        [&](std::size_t i, std::size_t j) {
            for (std::uint32_t k = 0; k < ra[i].end - ra[i].begin; ++k)
                plan.matched.push_back({ra[i].begin + k, rb[j].begin + k});
            gaps.emplace_back();
        },
        [&](std::size_t i) { gaps.back().from_runs.push_back(static_cast<std::uint32_t>(i)); },
        [&](std::size_t j) { gaps.back().to_runs.push_back(static_cast<std::uint32_t>(j)); });
    if (!lines_ok)
        return plan;

    for (const Gap& gap : gaps) {
        std::vector<std::uint32_t> ga, gb;
        for (std::uint32_t r : gap.from_runs)
            for (std::uint32_t k = ra[r].begin; k < ra[r].end; ++k)
                ga.push_back(k);
        for (std::uint32_t r : gap.to_runs)
            for (std::uint32_t k = rb[r].begin; k < rb[r].end; ++k)
                gb.push_back(k);
        const bool glyphs_ok = lcs(
            ga.size(), gb.size(), max_cells,
            [&](std::size_t i, std::size_t j) { return same_glyph(a[ga[i]], b[gb[j]]); },
            [&](std::size_t i, std::size_t j) {
                plan.matched.push_back({ga[i], gb[j]});
            },
            [&](std::size_t i) { plan.only_from.push_back(ga[i]); },
            [&](std::size_t j) { plan.only_to.push_back(gb[j]); });
        if (!glyphs_ok) {
            // Too big a rewrite to match glyph by glyph: that stretch fades instead.
            plan.only_from.insert(plan.only_from.end(), ga.begin(), ga.end());
            plan.only_to.insert(plan.only_to.end(), gb.begin(), gb.end());
        }
    }
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
