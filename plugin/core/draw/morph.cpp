#include "core/draw/morph.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

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

bool same_shape(const ShapeQuad& a, const ShapeQuad& b) {
    return a.rect == b.rect && a.radius == b.radius && a.softness == b.softness && a.top == b.top &&
           a.bottom == b.bottom;
}

void plan_shapes(const RenderList& from, const RenderList& to, std::size_t max_cells,
                 MorphPlan& plan) {
    // Identical shapes pair in order; between two such pairs, as many shapes leaving as
    // arriving pair up in order too (they moved or changed), else they fade.
    std::vector<std::uint32_t> gone, came;
    auto flush = [&] {
        if (gone.size() == came.size()) {
            for (std::size_t k = 0; k < gone.size(); ++k)
                plan.shapes_matched.push_back({gone[k], came[k]});
        } else {
            plan.shapes_only_from.insert(plan.shapes_only_from.end(), gone.begin(), gone.end());
            plan.shapes_only_to.insert(plan.shapes_only_to.end(), came.begin(), came.end());
        }
        gone.clear();
        came.clear();
    };
    const bool ok = lcs(
        from.shapes.size(), to.shapes.size(), max_cells,
        [&](std::size_t i, std::size_t j) { return same_shape(from.shapes[i], to.shapes[j]); },
        [&](std::size_t i, std::size_t j) {
            flush();
            plan.shapes_matched.push_back(
                {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
        },
        [&](std::size_t i) { gone.push_back(static_cast<std::uint32_t>(i)); },
        [&](std::size_t j) { came.push_back(static_cast<std::uint32_t>(j)); });
    if (!ok) {
        for (std::uint32_t i = 0; i < from.shapes.size(); ++i)
            gone.push_back(i);
        for (std::uint32_t j = 0; j < to.shapes.size(); ++j)
            came.push_back(j);
        plan.shapes_only_from = gone;
        plan.shapes_only_to = came;
        return;
    }
    flush();
}

// Tokens among the unmatched glyphs: index-consecutive glyphs on one baseline in one colour
// (alpha aside: dimming is not a different token).
std::vector<std::vector<std::uint32_t>> tokens_of(const std::vector<text::PositionedGlyph>& glyphs,
                                                  std::vector<std::uint32_t> unmatched) {
    std::sort(unmatched.begin(), unmatched.end());
    std::vector<std::vector<std::uint32_t>> tokens;
    for (std::uint32_t k : unmatched) {
        if (!tokens.empty()) {
            const text::PositionedGlyph& prev = glyphs[tokens.back().back()];
            const text::PositionedGlyph& g = glyphs[k];
            if (tokens.back().back() + 1 == k && prev.y == g.y && prev.color.r == g.color.r &&
                prev.color.g == g.color.g && prev.color.b == g.color.b) {
                tokens.back().push_back(k);
                continue;
            }
        }
        tokens.push_back({k});
    }
    return tokens;
}

// Pairs tokens that left with identical tokens that arrived, nearest first, and moves their
// glyphs from the fading lists into `matched`.
void pair_moved_tokens(const RenderList& from, const RenderList& to, MorphPlan& plan) {
    if (plan.only_from.empty() || plan.only_to.empty())
        return;
    const auto left = tokens_of(from.glyphs, plan.only_from);
    const auto arrived = tokens_of(to.glyphs, plan.only_to);
    auto signature = [](const std::vector<text::PositionedGlyph>& glyphs,
                        const std::vector<std::uint32_t>& token) {
        std::vector<std::uint64_t> keys;
        keys.reserve(token.size());
        for (std::uint32_t k : token) {
            const text::GlyphKey& key = glyphs[k].key;
            keys.push_back((std::uint64_t{key.face} << 48) ^ (std::uint64_t{key.glyph} << 16) ^
                           key.size_64 ^ (glyphs[k].color_glyph ? 1ull << 63 : 0));
        }
        return keys;
    };
    std::map<std::vector<std::uint64_t>, std::vector<std::size_t>> waiting; // by glyphs
    for (std::size_t t = 0; t < arrived.size(); ++t)
        waiting[signature(to.glyphs, arrived[t])].push_back(t);
    std::vector<bool> taken_from(from.glyphs.size(), false), taken_to(to.glyphs.size(), false);
    bool any = false;
    for (const auto& token : left) {
        auto it = waiting.find(signature(from.glyphs, token));
        if (it == waiting.end() || it->second.empty())
            continue;
        // The nearest arrival: a token that moved a line down pairs with that line's copy,
        // not one at the other end of the snippet.
        const text::PositionedGlyph& a = from.glyphs[token.front()];
        std::size_t best = 0;
        float best_distance = std::numeric_limits<float>::max();
        for (std::size_t c = 0; c < it->second.size(); ++c) {
            const text::PositionedGlyph& b = to.glyphs[arrived[it->second[c]].front()];
            const float d = std::hypot(b.x - a.x, b.y - a.y);
            if (d < best_distance) {
                best_distance = d;
                best = c;
            }
        }
        const auto& target = arrived[it->second[best]];
        it->second.erase(it->second.begin() + static_cast<std::ptrdiff_t>(best));
        for (std::size_t k = 0; k < token.size(); ++k) {
            plan.matched.push_back({token[k], target[k]});
            taken_from[token[k]] = true;
            taken_to[target[k]] = true;
        }
        any = true;
    }
    if (!any)
        return;
    std::erase_if(plan.only_from, [&](std::uint32_t k) { return taken_from[k]; });
    std::erase_if(plan.only_to, [&](std::uint32_t k) { return taken_to[k]; });
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
    const bool scrolling =
        from.scroll_area.h > 0.0f && to.scroll_area.h > 0.0f && from.scroll_y != to.scroll_y;
    if (scrolling) {
        // A scroll: text on screen in both pictures moves by exactly the scroll; a pair that
        // moves otherwise (a "}" matched with another "}" further down) scrolls out and in
        // like the rest instead of flying across. No token moves: the scroll is the motion.
        plan.scroll = to.scroll_y - from.scroll_y;
        // The lists' scroll positions count source lines; wrapped lines above the window make
        // the text move by more rows than that. When most kept glyphs agree on one move, that
        // move is the scroll.
        std::map<long, std::size_t> moves; // whole pixels up -> glyphs
        for (const MorphPlan::Pair& p : plan.matched)
            ++moves[std::lround(from.glyphs[p.from].y - to.glyphs[p.to].y)];
        const auto common =
            std::max_element(moves.begin(), moves.end(),
                             [](const auto& x, const auto& y) { return x.second < y.second; });
        if (common != moves.end() && common->first != 0 && common->second >= 8 &&
            common->second * 2 >= plan.matched.size())
            plan.scroll = static_cast<float>(common->first);
        std::vector<MorphPlan::Pair> kept;
        for (const MorphPlan::Pair& p : plan.matched) {
            if (std::abs(to.glyphs[p.to].y - from.glyphs[p.from].y + plan.scroll) < 0.5f) {
                kept.push_back(p);
            } else {
                plan.only_from.push_back(p.from);
                plan.only_to.push_back(p.to);
            }
        }
        plan.matched = std::move(kept);
    } else {
        pair_moved_tokens(from, to, plan);
    }
    plan_shapes(from, to, max_cells, plan);
    plan.usable = true;
    return plan;
}

std::vector<ShapeQuad> morph_shapes(const MorphPlan& plan, const RenderList& from,
                                    const RenderList& to, float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    std::vector<ShapeQuad> shapes;
    // Shapes, in the new list's order so the last frame is exactly the new list: kept ones
    // slide and resize, new ones fade in, and old ones that go fade out in their old place in
    // the stack (right above the kept shape that was below them: the card stays underneath).
    std::vector<std::int64_t> from_of(to.shapes.size(), -1);
    for (const MorphPlan::Pair& p : plan.shapes_matched)
        from_of[p.to] = p.from;
    std::vector<std::vector<std::uint32_t>> leaving_after(to.shapes.size() + 1);
    if (t < 1.0f)
        for (std::uint32_t k : plan.shapes_only_from) {
            std::size_t slot = 0; // above the kept shape with the nearest lower old index
            std::int64_t below = -1;
            for (const MorphPlan::Pair& p : plan.shapes_matched)
                if (p.from < k && std::int64_t{p.from} > below) {
                    below = p.from;
                    slot = p.to + 1;
                }
            leaving_after[slot].push_back(k);
        }
    shapes.reserve(to.shapes.size() + plan.shapes_only_from.size());
    auto fade_out = [&](std::size_t slot) {
        for (std::uint32_t k : leaving_after[slot]) {
            ShapeQuad s = from.shapes[k];
            s.top.a *= 1.0f - t;
            s.bottom.a *= 1.0f - t;
            shapes.push_back(s);
        }
    };
    auto lerp = [t](float a, float b) {
        return a + (b - a) * t;
    };
    fade_out(0);
    for (std::size_t j = 0; j < to.shapes.size(); ++j) {
        ShapeQuad s = to.shapes[j];
        if (from_of[j] < 0) {
            s.top.a *= t;
            s.bottom.a *= t;
        } else {
            const ShapeQuad& a = from.shapes[static_cast<std::size_t>(from_of[j])];
            s.rect = Rect{lerp(a.rect.x, s.rect.x), lerp(a.rect.y, s.rect.y),
                          lerp(a.rect.w, s.rect.w), lerp(a.rect.h, s.rect.h)};
            s.radius = lerp(a.radius, s.radius);
            s.softness = lerp(a.softness, s.softness);
            s.top = mix(a.top, s.top, t);
            s.bottom = mix(a.bottom, s.bottom, t);
        }
        if (from_of[j] >= 0 || t > 0.0f)
            shapes.push_back(s);
        fade_out(j + 1);
    }
    return shapes;
}

Rect morph_clip(const MorphPlan& plan, const RenderList& to) {
    return plan.scroll != 0.0f ? to.scroll_area : Rect{};
}

namespace {

// Every glyph of a morph at its first and last moment, glyph i of `start` becoming glyph i of
// `end`: glyphs that go fade (and slide with a scroll), kept ones move, new ones appear. Frames
// in between are linear in between; the CPU and GPU paths both draw from this.
void morph_endpoints(const MorphPlan& plan, const RenderList& from, const RenderList& to,
                     std::vector<text::PositionedGlyph>& start,
                     std::vector<text::PositionedGlyph>& end) {
    const std::size_t n = plan.matched.size() + plan.only_from.size() + plan.only_to.size();
    start.reserve(n);
    end.reserve(n);
    // A jump further than a window slides by one window: the old page leaves as the new one
    // arrives, instead of racing past at thousands of pixels a second.
    const float h = to.scroll_area.h;
    const float slide = plan.scroll != 0.0f ? std::clamp(plan.scroll, -h, h) : 0.0f;
    for (std::uint32_t k : plan.only_from) {
        text::PositionedGlyph g = from.glyphs[k];
        start.push_back(g);
        g.color.a = 0.0f;
        g.y -= slide;
        end.push_back(g);
    }
    for (const MorphPlan::Pair& p : plan.matched) {
        start.push_back(from.glyphs[p.from]);
        end.push_back(to.glyphs[p.to]);
    }
    for (std::uint32_t k : plan.only_to) {
        text::PositionedGlyph g = to.glyphs[k];
        end.push_back(g);
        g.color.a = 0.0f;
        g.y += slide;
        start.push_back(g);
    }
}

} // namespace

RenderList morph_frame(const MorphPlan& plan, const RenderList& from, const RenderList& to,
                       float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    RenderList out;
    out.width = to.width;
    out.height = to.height;
    out.text_effects = to.text_effects;
    out.scroll_area = to.scroll_area;
    // Where the scroll is at t: a frame frozen mid-glide can start the next glide.
    out.scroll_y = from.scroll_y + (to.scroll_y - from.scroll_y) * t;
    out.shapes = morph_shapes(plan, from, to, t);
    std::vector<text::PositionedGlyph> start, end;
    morph_endpoints(plan, from, to, start, end);
    // While scrolling, glyphs are drawn only inside the scroll area (a row at a time: a glyph
    // is in while its baseline is), so text slides in and out at the window's edges.
    const Rect& area = to.scroll_area;
    out.glyphs.reserve(end.size());
    for (std::size_t i = 0; i < end.size(); ++i) {
        text::PositionedGlyph g = end[i];
        g.x = start[i].x + (g.x - start[i].x) * t;
        g.y = start[i].y + (g.y - start[i].y) * t;
        g.color = mix(start[i].color, g.color, t);
        if (plan.scroll == 0.0f || (g.y >= area.y && g.y <= area.y + area.h))
            out.glyphs.push_back(g);
    }
    return out;
}

bool build_morph_vertices(const MorphPlan& plan, const RenderList& from, const RenderList& to,
                          text::GlyphAtlas& atlas, VertexStreams& out) {
    // Both ends built by build_vertices, so they have the same quads in the same order (same
    // keys, same layers, same pages) and differ only in place and colour.
    RenderList start, end;
    start.text_effects = end.text_effects = to.text_effects;
    morph_endpoints(plan, from, to, start.glyphs, end.glyphs);
    VertexStreams last;
    build_vertices(start, &atlas, out);
    build_vertices(end, &atlas, last);
    const std::size_t count = out.vertex_count();
    bool same = count == last.vertex_count() && out.ranges.size() == last.ranges.size();
    for (std::size_t r = 0; same && r < out.ranges.size(); ++r)
        same = out.ranges[r].page == last.ranges[r].page &&
               out.ranges[r].count == last.ranges[r].count;
    if (!same) {
        out.clear();
        return false;
    }
    for (std::size_t i = 0; i < count; ++i) {
        out.tex0[i * 4 + 0] = last.position[i * 4 + 0] - out.position[i * 4 + 0];
        out.tex0[i * 4 + 1] = last.position[i * 4 + 1] - out.position[i * 4 + 1];
        const Color c = from_obs_abgr(last.color[i]);
        out.tex1[i * 4 + 0] = c.r;
        out.tex1[i * 4 + 1] = c.g;
        out.tex1[i * 4 + 2] = c.b;
        out.tex1[i * 4 + 3] = c.a;
    }
    return true;
}

} // namespace stagehand::core
