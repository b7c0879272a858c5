#pragma once

#include "control/status_board.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace stagehand::control {

// One code snippet source as the dock and remote panels show it.
struct CodeSourceState {
    std::string name;
    std::string uuid;
    std::string text;
    std::string file;     // the followed file; empty when it shows its text
    std::string language; // "auto" or a language id
    std::string focus;
    std::size_t step = 0;  // 1-based; 0 when it has no steps
    std::size_t steps = 0; // how many steps its list has
    bool on_program = false;
    bool chosen = false; // the dock's choice, which commands without a target act on
};

// An immutable picture of everything the control layer knows, with the revision it was taken
// at: the revision moves on every change made through the control layer.
struct ControlState {
    std::uint64_t revision = 0;
    std::vector<CodeSourceState> code;
    std::string chosen_code_source;
    std::vector<StatusEntry> status;
    std::uint64_t status_revision = 0;
    // The question queue in brief (questions_list has the whole of it).
    std::uint64_t questions_revision = 0;
    int featured_question = 0; // 0: none on screen
    std::size_t questions_pending = 0;
    std::size_t questions_approved = 0;
    std::size_t questions_total = 0;
    // The talk.
    int slide = 1;
    int slides = 0;
    std::string section;
    bool timer_running = false;
    std::int64_t elapsed_ms = 0;
    std::int64_t planned_ms = 0;
    // Presets: {"revision", "sources": {source name: the preset it follows}}.
    nlohmann::json preset = nlohmann::json::object();
};

// The head of the question queue in brief: `fingerprint` changes when any of its first rows
// (which ones, their place, votes, state, pin or text) or the featured question does; `total`
// is how many questions there are.
struct QuestionsHead {
    std::uint64_t fingerprint = 0;
    std::size_t total = 0;
};

// An event, emitted after the state changed: to the dock, and to obs-websocket clients as a
// vendor event of the same name and data.
struct Event {
    std::string name; // "state_changed", "code_step_changed", ...
    nlohmann::json data;
};

// The JSON remote clients get from get_state (without "ok").
nlohmann::json to_json(const ControlState& state);

} // namespace stagehand::control
