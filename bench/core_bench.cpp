// Core timings: layout of 1, 40 and 400 lines of code, filling the glyph atlas, building the
// vertex streams, and what changing one line of a 400-line text costs the atlas.
#include "bench_text.hpp"
#include "core/code/code_view.hpp"
#include "core/draw/morph.hpp"
#include "core/draw/render_list.hpp"
#include "core/text/glyph_atlas.hpp"
#include "core/text/text_layout.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <fstream>
#include <sstream>

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

// What the video thread pays to put never-seen glyphs in the atlas (printable ASCII plus an
// outline copy of each, as a source with an outline needs): rendering them itself (arg 0), or
// copying bitmaps a worker staged (arg 1, the staging is not timed: it runs on the worker).
void BM_AtlasNewGlyphsOnVideoThread(benchmark::State& state) {
    TextEngine engine;
    std::string ascii;
    for (char c = 33; c < 127; ++c)
        ascii += c;
    RenderList list;
    list.glyphs = engine.layout(ascii, code_style(), 0, 0).glyphs;
    list.text_effects.outline = stagehand::core::Color{0, 0, 0, 1};
    list.text_effects.outline_width = 2.0f;
    const std::vector<GlyphKey> keys = glyph_keys(list);
    const bool staged = state.range(0) == 1;
    GlyphRasterizer worker;
    for (auto _ : state) {
        state.PauseTiming();
        auto atlas = std::make_unique<GlyphAtlas>();
        if (staged)
            atlas->staging().prepare(keys, worker);
        state.ResumeTiming();
        for (const GlyphKey& key : keys)
            benchmark::DoNotOptimize(atlas->find_or_add(key));
        state.PauseTiming();
        atlas.reset();
        state.ResumeTiming();
    }
    state.counters["glyphs"] = static_cast<double>(keys.size());
}
BENCHMARK(BM_AtlasNewGlyphsOnVideoThread)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

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

// Changing one line of 400: re-layout, rebuild the vertices, and count the atlas pages that
// change (each dirty page is one texture upload; the other pages are not sent again). Small
// 256x256 pages here so the atlas has several and the count means something.
void change_one_line(benchmark::State& state, bool new_glyphs) {
    TextEngine engine;
    GlyphAtlas atlas(256, 64);
    std::string text = stagehand::bench::code_lines(400);
    RenderList list;
    VertexStreams v;
    // A lived-in atlas: the same code at the sizes other sources and the dock might use, and
    // every digit, so that an everyday edit finds its glyphs already there.
    for (float size : {18.0f, 32.0f, 40.0f, 24.0f}) {
        TextStyle style = code_style();
        style.size_px = size;
        list.glyphs = engine.layout(text + "0123456789", style, 1800, 0).glyphs;
        build_vertices(list, &atlas, v);
    }
    for (std::size_t i = 0; i < atlas.pages().size(); ++i)
        atlas.mark_uploaded(i);
    const std::size_t pos = text.find('\n', text.size() / 2) + 1;
    double dirty = 0, dirty_bytes = 0;
    std::int64_t n = 0;
    // Same length every time, so only this line changes. With new_glyphs each edit brings a
    // character the atlas has not seen (the atlas grows); without, an everyday edit.
    for (auto _ : state) {
        std::string edit = "let v" + std::to_string(10000 + n % 90000) + " = 1;";
        if (new_glyphs) {
            const char32_t cp = 0x4E00 + static_cast<char32_t>(n % 20000); // a CJK ideograph
            edit = std::string("// ") + char(0xE0 | (cp >> 12)) + char(0x80 | ((cp >> 6) & 0x3F)) +
                   char(0x80 | (cp & 0x3F)) + "      ";
        }
        text.replace(pos, edit.size(), edit);
        list.glyphs = engine.layout(text, code_style(), 1800, 0).glyphs;
        build_vertices(list, &atlas, v);
        for (std::size_t i = 0; i < atlas.pages().size(); ++i)
            if (atlas.pages()[i].dirty) {
                dirty += 1;
                dirty_bytes += static_cast<double>(atlas.pages()[i].pixels.size());
                atlas.mark_uploaded(i);
            }
        ++n;
    }
    std::size_t atlas_bytes = 0;
    for (const auto& p : atlas.pages())
        atlas_bytes += p.pixels.size();
    state.counters["pages_uploaded_per_edit"] = dirty / static_cast<double>(n);
    state.counters["bytes_uploaded_per_edit"] = dirty_bytes / static_cast<double>(n);
    state.counters["atlas_pages"] = static_cast<double>(atlas.pages().size());
    state.counters["atlas_bytes"] = static_cast<double>(atlas_bytes);
}

void BM_EditOneLineOf400_KnownGlyphs(benchmark::State& state) {
    change_one_line(state, false);
}
BENCHMARK(BM_EditOneLineOf400_KnownGlyphs)->Unit(benchmark::kMillisecond);

void BM_EditOneLineOf400_NewGlyph(benchmark::State& state) {
    change_one_line(state, true);
}
BENCHMARK(BM_EditOneLineOf400_NewGlyph)->Unit(benchmark::kMillisecond);

// Highlight + layout of a snippet per language family, at 40, 400 and 4,000 lines: what the
// code overlay's worker does when the presenter changes the text or saves the file.
void highlight_and_layout(benchmark::State& state, const char* language, const char* sample) {
    std::ifstream in(std::string(STAGEHAND_UNIT_DATA_DIR "/highlight/") + sample);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string unit = buffer.str();
    std::string text;
    const auto lines = static_cast<std::size_t>(state.range(0));
    while (static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) < lines)
        text += unit;
    stagehand::core::code::CodeView view;
    view.text = text;
    view.language = language;
    std::string error;
    view.theme = stagehand::core::highlight::load_theme_file(
        STAGEHAND_DATA_DIR "/themes/dark-plus.json", "dark-plus", error);
    view.style = code_style();
    view.box = Rect{0, 0, 1600, 900};
    TextEngine engine;
    stagehand::core::highlight::Highlighter highlighter;
    {
        // Warm: compiling the grammar's query happens once per worker thread, not per change.
        RenderList list;
        std::vector<std::string> warnings;
        stagehand::core::code::build_code_view(view, engine, highlighter, list, warnings);
    }
    for (auto _ : state) {
        RenderList list;
        std::vector<std::string> warnings;
        benchmark::DoNotOptimize(
            stagehand::core::code::build_code_view(view, engine, highlighter, list, warnings));
    }
    state.counters["lines"] = static_cast<double>(lines);
}

void BM_CodeView_CSharp(benchmark::State& s) {
    highlight_and_layout(s, "c_sharp", "sample.cs");
}
void BM_CodeView_TypeScript(benchmark::State& s) {
    highlight_and_layout(s, "typescript", "sample.ts");
}
void BM_CodeView_Python(benchmark::State& s) {
    highlight_and_layout(s, "python", "sample.py");
}
void BM_CodeView_Cpp(benchmark::State& s) {
    highlight_and_layout(s, "cpp", "sample.cpp");
}
void BM_CodeView_Json(benchmark::State& s) {
    highlight_and_layout(s, "json", "sample.json");
}
BENCHMARK(BM_CodeView_CSharp)->Arg(40)->Arg(400)->Arg(4000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CodeView_TypeScript)->Arg(40)->Arg(400)->Arg(4000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CodeView_Python)->Arg(40)->Arg(400)->Arg(4000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CodeView_Cpp)->Arg(40)->Arg(400)->Arg(4000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CodeView_Json)->Arg(40)->Arg(400)->Arg(4000)->Unit(benchmark::kMillisecond);

// Magic Move on 40 visible lines: planning (on the worker, once per change) and one animation
// frame (on the video thread, every frame of the transition).
void forty_lines_then_one_inserted(TextEngine& engine, RenderList& before, RenderList& after) {
    before.glyphs = engine.layout(stagehand::bench::code_lines(40), code_style(), 1800, 0).glyphs;
    after.glyphs = engine
                       .layout("// a new first line\n" + stagehand::bench::code_lines(39),
                               code_style(), 1800, 0)
                       .glyphs;
}

// Forty lines before and after inserting one, with the plan between them.
struct FortyLineMorph {
    FortyLineMorph() {
        TextEngine engine;
        forty_lines_then_one_inserted(engine, before, after);
        // What a code card has besides text: shadow, card, border, window dots, a focus bar
        // that moves down a line.
        const stagehand::core::Color c{0.2f, 0.2f, 0.2f, 1.0f};
        for (RenderList* list : {&before, &after}) {
            list->shapes.push_back({{0, 0, 1200, 1300}, 16, 32, c, c});
            list->shapes.push_back({{0, 0, 1200, 1300}, 16, 1, c, c});
            list->shapes.push_back({{0, 0, 1200, 1300}, 16, 1, c, c});
            for (float x : {20.0f, 40.0f, 60.0f})
                list->shapes.push_back({{x, 20, 12, 12}, 6, 1, c, c});
        }
        before.shapes.push_back({{20, 100, 1160, 32}, 4, 1, c, c});
        after.shapes.push_back({{20, 132, 1160, 32}, 4, 1, c, c});
        plan = plan_morph(before, after, 1'000'000);
    }
    RenderList before, after;
    MorphPlan plan;
};

void BM_MorphPlan40Lines(benchmark::State& state) {
    TextEngine engine;
    RenderList before, after;
    forty_lines_then_one_inserted(engine, before, after);
    for (auto _ : state)
        benchmark::DoNotOptimize(plan_morph(before, after, 1'000'000));
}
BENCHMARK(BM_MorphPlan40Lines)->Unit(benchmark::kMillisecond);

// The worst case for pairing moved tokens: the same 40 lines in reverse order, so the in-order
// match keeps one line and every other token is paired by content.
void BM_MorphPlan40LinesReversed(benchmark::State& state) {
    TextEngine engine;
    const std::string code = stagehand::bench::code_lines(40);
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t nl; (nl = code.find('\n', start)) != std::string::npos; start = nl + 1)
        lines.push_back(code.substr(start, nl - start));
    std::string reversed;
    for (auto it = lines.rbegin(); it != lines.rend(); ++it)
        reversed += *it + "\n";
    RenderList before, after;
    before.glyphs = engine.layout(code, code_style(), 1800, 0).glyphs;
    after.glyphs = engine.layout(reversed, code_style(), 1800, 0).glyphs;
    MorphPlan plan;
    for (auto _ : state) {
        plan = plan_morph(before, after, 1'000'000);
        benchmark::DoNotOptimize(plan.matched.data());
    }
    state.counters["faded"] = static_cast<double>(plan.only_from.size() + plan.only_to.size());
    state.counters["glyphs"] = static_cast<double>(after.glyphs.size());
}
BENCHMARK(BM_MorphPlan40LinesReversed)->Unit(benchmark::kMillisecond);

void BM_MorphFrame40Lines(benchmark::State& state) {
    GlyphAtlas atlas;
    const FortyLineMorph m;
    VertexStreams v;
    build_vertices(m.after, &atlas, v);
    float t = 0.0f;
    for (auto _ : state) {
        const RenderList frame = morph_frame(m.plan, m.before, m.after, t);
        build_vertices(frame, &atlas, v);
        t = t > 0.99f ? 0.0f : t + 0.01f;
        benchmark::DoNotOptimize(v.position.data());
    }
    state.counters["glyphs"] = static_cast<double>(m.after.glyphs.size());
}
BENCHMARK(BM_MorphFrame40Lines)->Unit(benchmark::kMicrosecond);

// The same transition with the glyphs moved by the GPU: once per transition the start and end
// streams are built (Setup), then each frame rebuilds only the shapes (Frame).
void BM_MorphGpuSetup40Lines(benchmark::State& state) {
    GlyphAtlas atlas;
    const FortyLineMorph m;
    VertexStreams v;
    for (auto _ : state) {
        build_morph_vertices(m.plan, m.before, m.after, atlas, v);
        benchmark::DoNotOptimize(v.position.data());
    }
    state.counters["vertices"] = static_cast<double>(v.vertex_count());
}
BENCHMARK(BM_MorphGpuSetup40Lines)->Unit(benchmark::kMicrosecond);

void BM_MorphGpuFrame40Lines(benchmark::State& state) {
    const FortyLineMorph m;
    VertexStreams v;
    float t = 0.0f;
    for (auto _ : state) {
        RenderList frame;
        frame.shapes = morph_shapes(m.plan, m.before, m.after, t);
        build_vertices(frame, nullptr, v);
        t = t > 0.99f ? 0.0f : t + 0.01f;
        benchmark::DoNotOptimize(v.position.data());
    }
}
BENCHMARK(BM_MorphGpuFrame40Lines)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
