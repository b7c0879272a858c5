// Core timings: layout of 1, 40 and 400 lines of code, filling the glyph atlas, building the
// vertex streams, and what changing one line of a 400-line text costs the atlas.
#include "bench_text.hpp"
#include "core/render_list.hpp"
#include "core/text/glyph_atlas.hpp"
#include "core/text/text_layout.hpp"

#include <benchmark/benchmark.h>

using namespace stagehand::core;
using namespace stagehand::core::text;

namespace {

TextStyle code_style() {
    TextStyle s;
    s.family = "JetBrains Mono";
    s.size_px = 24.0f;
    s.wrap = false;
    return s;
}

void BM_Layout(benchmark::State& state) {
    TextEngine engine;
    const std::string text = stagehand::bench::code_lines(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        TextLayout l = engine.layout(text, code_style(), 1800, 0);
        benchmark::DoNotOptimize(l.glyphs.data());
    }
    state.counters["lines"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_Layout)->Arg(1)->Arg(40)->Arg(400)->Unit(benchmark::kMicrosecond);

void BM_AtlasFillPrintableAscii(benchmark::State& state) {
    TextEngine engine;
    std::string ascii;
    for (char c = 33; c < 127; ++c)
        ascii += c;
    const TextLayout l = engine.layout(ascii, code_style(), 0, 0);
    for (auto _ : state) {
        GlyphAtlas atlas;
        for (const auto& g : l.glyphs)
            benchmark::DoNotOptimize(atlas.find_or_add(g.key));
    }
    state.counters["glyphs"] = static_cast<double>(l.glyphs.size());
}
BENCHMARK(BM_AtlasFillPrintableAscii)->Unit(benchmark::kMicrosecond);

void BM_BuildVertices(benchmark::State& state) {
    TextEngine engine;
    GlyphAtlas atlas;
    const TextLayout l = engine.layout(
        stagehand::bench::code_lines(static_cast<int>(state.range(0))), code_style(), 1800, 0);
    RenderList list;
    list.glyphs = l.glyphs;
    VertexStreams v;
    build_vertices(list, &atlas, v); // warm: every glyph already in the atlas
    for (auto _ : state) {
        build_vertices(list, &atlas, v);
        benchmark::DoNotOptimize(v.position.data());
    }
    state.counters["vertices"] = static_cast<double>(v.vertex_count());
}
BENCHMARK(BM_BuildVertices)->Arg(40)->Arg(400)->Unit(benchmark::kMicrosecond);

// Changing one line of 400: re-layout, rebuild vertices, and how many atlas pages that dirties
// (each dirty page is one texture upload; the rest of the atlas is not sent again).
void BM_ChangeOneLineOf400(benchmark::State& state) {
    TextEngine engine;
    GlyphAtlas atlas;
    std::string text = stagehand::bench::code_lines(400);
    RenderList list;
    VertexStreams v;
    list.glyphs = engine.layout(text, code_style(), 1800, 0).glyphs;
    build_vertices(list, &atlas, v);
    for (std::size_t i = 0; i < atlas.pages().size(); ++i)
        atlas.mark_uploaded(i);
    const std::size_t pos = text.find('\n', text.size() / 2) + 1;
    double dirty_total = 0;
    std::int64_t n = 0;
    for (auto _ : state) {
        // A new identifier with glyphs the atlas has not seen yet (digits cycle through).
        text.replace(pos, 12, "let ÄÖÜ_" + std::to_string(1000 + n % 9000));
        list.glyphs = engine.layout(text, code_style(), 1800, 0).glyphs;
        build_vertices(list, &atlas, v);
        for (std::size_t i = 0; i < atlas.pages().size(); ++i)
            if (atlas.pages()[i].dirty) {
                dirty_total += 1;
                atlas.mark_uploaded(i);
            }
        ++n;
    }
    state.counters["dirty_pages_per_change"] = dirty_total / static_cast<double>(n);
    state.counters["atlas_pages"] = static_cast<double>(atlas.pages().size());
}
BENCHMARK(BM_ChangeOneLineOf400)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
