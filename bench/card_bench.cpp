// What a card costs per frame: each Stagehand overlay in its default card next to the stock
// sources a presenter would otherwise stack for the same picture (a color_source of the card's
// size under a text_ft2_source with the same text), measured alternately in one headless libobs
// run. Also a frame while a Magic-Move glide runs, and text that changes every frame.
#include "card_bench.hpp"

#include <callback/calldata.h>
#include <callback/proc.h>
#include <obs.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace stagehand::bench {

namespace {

using Clock = std::chrono::steady_clock;

// The issue's case: 16 lines of C# at 28 px in a 1840x1000 card.
constexpr const char* kCSharp = R"(public sealed class QuestionQueue
{
    private readonly List<Question> _items = new();
    private readonly object _lock = new();

    public Question? Next(int minimumVotes = 3)
    {
        lock (_lock)
        {
            var best = _items
                .Where(q => q.Votes >= minimumVotes && !q.Answered)
                .OrderByDescending(q => q.Votes)
                .FirstOrDefault();
            return best;
        }
    }
})";

obs_data_t* font(const char* face, int size) {
    obs_data_t* f = obs_data_create();
    obs_data_set_string(f, "face", face);
    obs_data_set_int(f, "size", size);
    return f;
}

obs_source_t* make(const char* id, const char* name, const std::function<void(obs_data_t*)>& set) {
    obs_data_t* s = obs_data_create();
    set(s);
    obs_source_t* source = obs_source_create_private(id, name, s);
    obs_data_release(s);
    return source;
}

// The stock stack: a flat colour the card's size with OBS's text source on it.
struct Stock {
    obs_source_t* color = nullptr;
    obs_source_t* text = nullptr;
};

Stock stock(std::uint32_t w, std::uint32_t h, const std::string& text, const char* face, int size) {
    Stock out;
    out.color = make("color_source_v3", "bench color", [&](obs_data_t* s) {
        obs_data_set_int(s, "color", 0xFF221E1E);
        obs_data_set_int(s, "width", w);
        obs_data_set_int(s, "height", h);
    });
    out.text = make("text_ft2_source", "bench text", [&](obs_data_t* s) {
        obs_data_t* f = font(face, size);
        obs_data_set_obj(s, "font", f);
        obs_data_release(f);
        obs_data_set_string(s, "text", text.c_str());
    });
    return out;
}

void release(Stock& s) {
    obs_source_release(s.color);
    obs_source_release(s.text);
}

struct Row {
    std::string what;
    double stagehand;
    double stock;
    const char* goal;
};

// One overlay against its stock stack: both drawn alternately, `rounds` batches each.
Row compare(const std::string& what, obs_source_t* ours, const Stock& theirs, std::uint32_t w,
            std::uint32_t h, int rounds, const char* goal) {
    obs_enter_graphics();
    gs_texrender_t* target = gs_texrender_create(GS_RGBA, GS_ZS_NONE);
    gs_stagesurf_t* stage = gs_stagesurface_create(w, h, GS_RGBA);
    obs_leave_graphics();
    std::vector<double> a, b;
    for (int i = 0; i < rounds; ++i) {
        a.push_back(frame_ms([&] { obs_source_video_render(ours); }, target, stage, w, h, 10));
        b.push_back(frame_ms(
            [&] {
                obs_source_video_render(theirs.color);
                obs_source_video_render(theirs.text);
            },
            target, stage, w, h, 10));
    }
    obs_enter_graphics();
    gs_stagesurface_destroy(stage);
    gs_texrender_destroy(target);
    obs_leave_graphics();
    return {what, median(a), median(b), goal};
}

// The module's control layer, as a script calls it.
void request(const char* name, const std::string& json) {
    calldata_t cd;
    calldata_init(&cd);
    calldata_set_string(&cd, "request", name);
    calldata_set_string(&cd, "data", json.c_str());
    proc_handler_call(obs_get_proc_handler(), "stagehand_request", &cd);
    calldata_free(&cd);
}

double cpu_ms() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

// The process's CPU per frame for `frames` frames at 60 per second, each drawing `source` after
// `change` (every thread: OBS's video thread ticking it, a source's own worker, the software
// renderer), less the same loop with no change.
double changing_cpu_ms(obs_source_t* source, std::uint32_t w, std::uint32_t h, int frames,
                       const std::function<void(int)>& change) {
    obs_enter_graphics();
    gs_texrender_t* target = gs_texrender_create(GS_RGBA, GS_ZS_NONE);
    obs_leave_graphics();
    const auto run = [&](bool changing) {
        const double start = cpu_ms();
        auto next = Clock::now();
        for (int i = 0; i < frames; ++i) {
            if (changing)
                change(i);
            obs_enter_graphics();
            draw_into(target, w, h, [&] { obs_source_video_render(source); });
            obs_leave_graphics();
            next += std::chrono::microseconds(16667);
            std::this_thread::sleep_until(next);
        }
        return cpu_ms() - start;
    };
    // Three rounds of both, alternating; the median difference (the machine is shared: one
    // round's noise can be larger than the cost measured).
    std::vector<double> costs;
    for (int round = 0; round < 3; ++round) {
        const double idle = run(false);
        const double busy = run(true);
        costs.push_back((busy - idle) / frames);
    }
    obs_enter_graphics();
    gs_texrender_destroy(target);
    obs_leave_graphics();
    std::sort(costs.begin(), costs.end());
    return std::max(0.0, costs[1]);
}

} // namespace

double frame_ms(const std::function<void()>& draw, gs_texrender_t* target, gs_stagesurf_t* stage,
                std::uint32_t w, std::uint32_t h, int batch) {
    obs_enter_graphics();
    const auto t0 = Clock::now();
    for (int i = 0; i < batch; ++i)
        draw_into(target, w, h, draw);
    gs_stage_texture(stage, gs_texrender_get_texture(target));
    uint8_t* data = nullptr;
    uint32_t linesize = 0;
    if (gs_stagesurface_map(stage, &data, &linesize))
        gs_stagesurface_unmap(stage);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    obs_leave_graphics();
    return ms / batch;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void card_table(HeadlessObs& obs, int frames) {
    const int rounds = std::max(frames / 10, 5);
    std::vector<Row> rows;

    // The code card: default look (rounded card, border, soft shadow, title bar, line numbers).
    obs_source_t* code = make("stagehand_code", "bench card", [](obs_data_t* s) {
        obs_data_set_int(s, "width", 1840);
        obs_data_set_int(s, "height", 1000);
        obs_data_t* f = font("JetBrains Mono", 28);
        obs_data_set_obj(s, "font", f);
        obs_data_release(f);
        obs_data_set_string(s, "text", kCSharp);
        obs_data_set_string(s, "language", "csharp");
        obs_data_set_int(s, "transition_ms", 0);
    });
    Stock code_stock = stock(1840, 1000, kCSharp, "JetBrains Mono", 28);
    obs.render_when_ready(code, 1840, 1000);
    obs.wait_for_size(code_stock.text);
    rows.push_back(compare("code card, 16 lines C# 28 px, 1840x1000", code, code_stock, 1840, 1000,
                           rounds, "<= 1.5"));

    // A Magic-Move glide that lasts the whole measurement: every frame is mid-transition.
    obs_data_t* glide = obs_data_create();
    obs_data_set_int(glide, "transition_ms", 600000);
    obs_data_set_string(glide, "steps", "1-8 | 9-16");
    obs_source_update(code, glide);
    obs_data_release(glide);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    obs_data_t* step = obs_data_create();
    obs_data_set_int(step, "step", 2);
    obs_source_update(code, step);
    obs_data_release(step);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    rows.push_back(compare("same card while a Magic-Move glide runs", code, code_stock, 1840, 1000,
                           rounds, "(report)"));
    obs_source_release(code);
    release(code_stock);

    // The slide bar: a deck position, its sections and the talk timer.
    obs_source_t* slides = make("stagehand_slides", "bench slides", [](obs_data_t* s) {
        obs_data_set_int(s, "width", 1800);
        obs_data_set_int(s, "height", 64);
        obs_data_set_int(s, "transition_ms", 0);
    });
    Stock bar_stock =
        stock(1800, 64, "12 / 30  Section 2 of 4: Retries  0:00 / 30:00", "DejaVu Sans", 18);
    obs.render_when_ready(slides, 1800, 64);
    obs.wait_for_size(bar_stock.text);
    rows.push_back(compare("slide bar with counter and timer, 1800x64", slides, bar_stock, 1800, 64,
                           rounds, "<= 1.5"));
    obs_source_release(slides);
    release(bar_stock);

    // The question card: a featured question in the default card.
    request("question_add",
            R"({"text": "How do you pick the delay for the first retry?", "label": "ada_codes"})");
    request("question_feature", "{}");
    obs_source_t* question = make("stagehand_question", "bench question", [](obs_data_t* s) {
        obs_data_set_int(s, "width", 620);
        obs_data_set_int(s, "height", 220);
        obs_data_set_int(s, "transition_ms", 0);
    });
    Stock question_stock = stock(
        620, 220, "ada_codes\nHow do you pick the delay\nfor the first retry?", "DejaVu Sans", 40);
    obs.render_when_ready(question, 620, 220);
    obs.wait_for_size(question_stock.text);
    rows.push_back(compare("question card, featured question, 620x220", question, question_stock,
                           620, 220, rounds, "<= 1.5"));
    obs_source_release(question);
    release(question_stock);

    // Text that changes every frame (a clock), no card: Stagehand lays it out on its worker and
    // uploads it on the video thread; text_ft2 renders its texture in update.
    obs_source_t* clock = make("stagehand_code", "bench clock", [](obs_data_t* s) {
        obs_data_set_int(s, "width", 400);
        obs_data_set_int(s, "height", 60);
        obs_data_set_int(s, "background_color", 0);
        obs_data_set_int(s, "border_color", 0);
        obs_data_set_int(s, "shadow_color", 0);
        obs_data_set_double(s, "padding", 0.0);
        obs_data_set_bool(s, "line_numbers", false);
        obs_data_set_bool(s, "window_chrome", false);
        obs_data_set_string(s, "text", "12:00:00");
        obs_data_set_int(s, "transition_ms", 0);
    });
    obs_source_t* ft2_clock = make("text_ft2_source", "bench ft2 clock", [](obs_data_t* s) {
        obs_data_t* f = font("JetBrains Mono", 32);
        obs_data_set_obj(s, "font", f);
        obs_data_release(f);
        obs_data_set_string(s, "text", "12:00:00");
    });
    obs.render_when_ready(clock, 400, 60);
    obs.wait_for_size(ft2_clock);
    const auto time_text = [](int i) {
        char text[16];
        std::snprintf(text, sizeof text, "12:%02d:%02d", (i / 60) % 60, i % 60);
        return std::string(text);
    };
    const auto set_text = [&](obs_source_t* source, int i) {
        obs_data_t* s = obs_data_create();
        obs_data_set_string(s, "text", time_text(i).c_str());
        obs_source_update(source, s);
        obs_data_release(s);
    };
    const int clock_frames = std::max(frames, 120);
    const double ours_cpu =
        changing_cpu_ms(clock, 400, 60, clock_frames, [&](int i) { set_text(clock, i); });
    const double ft2_cpu =
        changing_cpu_ms(ft2_clock, 400, 60, clock_frames, [&](int i) { set_text(ft2_clock, i); });
    rows.push_back({"code text changing every frame, CPU ms/frame", ours_cpu, ft2_cpu, "(report)"});
    obs_source_release(clock);
    obs_source_release(ft2_clock);

    // The talk timer: the slide bar with its clock running, against text_ft2 changing its text
    // every frame.
    request("timer_reset", "{}");
    obs_source_t* bar = make("stagehand_slides", "bench timer", [](obs_data_t* s) {
        obs_data_set_int(s, "width", 1800);
        obs_data_set_int(s, "height", 64);
        obs_data_set_int(s, "transition_ms", 0);
    });
    obs.render_when_ready(bar, 1800, 64);
    const double timer_cpu = changing_cpu_ms(bar, 1800, 64, clock_frames, [](int i) {
        if (i == 0)
            request("timer_start", "{}");
    });
    request("timer_pause", "{}");
    rows.push_back({"talk timer running (slide bar), CPU ms/frame", timer_cpu, ft2_cpu, "<= 0.2"});
    obs_source_release(bar);

    for (const Row& r : rows)
        std::printf("| %-46s | %10.4f | %10.4f | %7.3f | %-8s |\n", r.what.c_str(), r.stagehand,
                    r.stock, r.stock > 0 ? r.stagehand / r.stock : 0.0, r.goal);
}

} // namespace stagehand::bench
