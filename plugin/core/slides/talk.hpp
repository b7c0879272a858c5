#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Where a talk is and whether it is on time. Pure logic: times are given in milliseconds by the
// caller (OBS's clock in the plugin, a number in tests), so nothing here reads a clock.
namespace stagehand::core::slides {

struct Section {
    std::string title;
    int first_slide = 1;
    double minutes = 0; // planned; 0: not planned
};

// A talk file ("stagehand.talk" version 1, data/schema/talk.schema.json), or just a total.
struct Talk {
    std::string title;
    int slides = 0;                // total slides; 0: unknown
    double minutes = 0;            // planned length; 0: the sections' sum
    std::vector<Section> sections; // in slide order
    double planned_minutes() const;
};

// Parses a talk file. On error: nothing, and `error` says where by JSON pointer and what was
// expected ("/sections/1/first_slide: expected a slide number 1..40, got 0").
std::optional<Talk> parse_talk(std::string_view json, std::string& error);
nlohmann::json to_json(const Talk& talk);

// The talk timer: counts while running, keeps its value while paused (pausing for Q&A and
// resuming never jumps), and can be given more time.
class TalkTimer {
public:
    void start(std::int64_t now_ms);
    void pause(std::int64_t now_ms);
    void reset();
    void add_planned(std::int64_t ms) { extra_ms_ += ms; }
    bool running() const { return running_; }
    std::int64_t elapsed_ms(std::int64_t now_ms) const;
    std::int64_t extra_ms() const { return extra_ms_; }

    // For persistence: what was counted before the current run, and when the run started.
    nlohmann::json to_json(std::int64_t now_ms, std::int64_t wall_now_ms) const;
    // Restores; a timer that was running continues by the wall-clock time that passed (OBS was
    // closed or crashed meanwhile).
    void from_json(const nlohmann::json& json, std::int64_t now_ms, std::int64_t wall_now_ms);

private:
    bool running_ = false;
    std::int64_t banked_ms_ = 0;  // counted before the current run
    std::int64_t started_ms_ = 0; // when the current run started
    std::int64_t extra_ms_ = 0;   // time added to the plan
};

// Everything the overlays and the dock show about the talk at one moment.
struct TalkStatus {
    int current = 1;
    int total = 0;
    int section_index = -1; // -1: no sections
    std::string section;
    int sections = 0;
    std::string next_section; // the next section's title ("next up"); empty at the last
    double progress = 0;      // 0..1 through the slides
    bool running = false;
    std::int64_t elapsed_ms = 0;
    std::int64_t planned_ms = 0; // 0: no plan
    std::int64_t pace_ms = 0;    // > 0 ahead of plan, < 0 behind; 0 without a plan
    bool warning = false;        // behind by more than the threshold
    bool overtime = false;       // elapsed past the plan
};

// The position and the plan together.
class TalkState {
public:
    const Talk& talk() const { return talk_; }
    int current() const { return current_; }
    int total() const { return talk_.slides; }

    // Moves are clamped: past the end lands on the last slide, before the start on the first.
    void set_total(int total);
    void set_title(std::string title) { talk_.title = std::move(title); }
    void go_to(int slide);
    void move(int delta) { go_to(current_ + delta); }
    // A new talk file: keeps the position when it still fits.
    void load(Talk talk);

    TalkTimer& timer() { return timer_; }
    const TalkTimer& timer() const { return timer_; }

    // `warning_ms`: how far behind the plan the pace turns to a warning.
    TalkStatus status(std::int64_t now_ms, std::int64_t warning_ms = 60000) const;

    nlohmann::json to_json(std::int64_t now_ms, std::int64_t wall_now_ms) const;
    bool from_json(const nlohmann::json& json, std::int64_t now_ms, std::int64_t wall_now_ms,
                   std::string& error);

private:
    Talk talk_;
    int current_ = 1;
    TalkTimer timer_;
};

// A position written by a tool that can only write files: "12/40", "12 / 40" or "12" (the first
// line; whitespace ignored). Nothing when it is not one.
struct Position {
    int current = 0;
    std::optional<int> total;
};
std::optional<Position> parse_position(std::string_view text);

// "2 min ahead", "1:30 behind", "on time" (within 30 s).
std::string pace_words(std::int64_t pace_ms);
// "12:34", "1:02:03".
std::string clock_text(std::int64_t ms);

} // namespace stagehand::core::slides
