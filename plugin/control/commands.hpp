#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

// The typed commands of the control layer: one struct each. The dock, hotkeys, obs-websocket
// vendor requests, the CLI and tests build these and hand them to the Controller, which
// validates them in one place.
namespace stagehand::control {

// Which source a command acts on: a name, a UUID (OBS 30+), or empty for the default (the
// source chosen in the dock, else the first of that kind on the program output).
struct Target {
    std::string source;
};

// New text starts clean: its steps, focus and diff marks are cleared unless given here (the
// previous snippet's lines mean nothing in the new one). The same text again keeps them.
struct CodeShow {
    Target target;
    std::string text;
    std::string language; // empty: keep the source's; "auto": detect; else a language id or alias
    std::optional<std::string> steps = std::nullopt; // "1-3 | 4-6"
    std::optional<std::string> focus = std::nullopt; // "3-5,9"
    std::optional<long long> step = std::nullopt;    // 1-based, within `steps`
};

struct CodeShowClipboard {
    Target target;
    std::string language;
};

struct CodeFollow {
    Target target;
    std::string file; // an absolute path to a readable file
};

// Go to `step` (1-based) or move by `delta`; exactly one of them.
struct CodeStep {
    Target target;
    std::optional<long long> step;
    std::optional<long long> delta;
};

struct CodeFocus {
    Target target;
    std::string lines; // "3-5,9"; empty clears the focus
};

// The dock's choice of code source, which commands without a target act on.
struct ChooseCodeSource {
    std::string source; // empty: no choice (commands fall back to the program output)
};

// The live question queue. Ids are the numbers the dock and the overlay show.
struct QuestionApprove {
    int id = 0;
};
struct QuestionFeature {
    std::optional<int> id; // none: the next approved question in queue order
};
struct QuestionHide {};
struct QuestionAnswered {
    std::optional<int> id; // none: the featured one
};
struct QuestionDismiss {
    int id = 0;
};
struct QuestionPin {
    int id = 0;
    bool pinned = true;
};
struct QuestionAdd {
    std::string text;
    std::string label; // empty: "from the room"
};
// Changes how chat becomes questions; only the keys given change (see core::questions::
// settings_from_json: detect, auto_approve_moderators, platforms, roles, blocklist,
// auto_hide_seconds).
struct QuestionsSettings {
    nlohmann::json changes = nlohmann::json::object();
};

struct QuestionsExport {
    std::string format; // "markdown" or "csv"
    std::string file;   // a file name in the export folder (ExportFolder); written atomically
};

// The talk: slide position and timer. A clicker, a hotkey, the reveal.js bridge, a watched file
// and the dock all send these.
struct SlidesSet {
    std::optional<int> current;
    std::optional<int> total;
    std::optional<std::string> title;
};
struct SlidesMove {
    int delta = 1; // next: +1, previous: -1
};
struct SlidesGoTo {
    int slide = 1; // past the end lands on the last slide
};
struct SlidesEdge {
    bool last = false; // false: the first slide
};
struct TalkLoad {
    std::string file; // a stagehand.talk JSON file, absolute path
};
enum class TimerAction { start, pause, toggle, reset };
struct TimerControl {
    TimerAction action = TimerAction::toggle;
};
struct TimerAdd {
    int seconds = 0; // more (or, negative, less) time for the talk
};

// Presets: the look of the overlays as one shareable file (core/preset/preset.hpp).
struct PresetApply {
    std::string name;   // a built-in or user preset's name
    std::string source; // empty: every Stagehand overlay source
};
struct PresetSave {
    std::string name;   // becomes presets/NAME.json
    std::string source; // empty: the look of one source of each overlay (the first found)
};
struct PresetImport {
    std::string file; // an absolute path to a preset file
};
// A new scene with one source of each overlay, in the preset's look, placed as its "stage" says.
struct PresetCreateStage {
    std::string name;
    std::string scene; // empty: "Stage: NAME"
};
struct PresetExport {
    std::string name;
    std::string file; // a file name in the export folder (ExportFolder)
};
// A user preset under a new name (its file and the sources that follow it); built-ins stay.
struct PresetRename {
    std::string name;
    std::string new_name;
};
// A copy of any preset, built-in or the user's, as a new user preset (revision 1).
struct PresetDuplicate {
    std::string name;
    std::string new_name;
};
// A user preset's file removed; the sources that followed it keep their look.
struct PresetDelete {
    std::string name;
};

} // namespace stagehand::control
