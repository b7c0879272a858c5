#pragma once

#include "control/controller.hpp"

#include <string_view>
#include <vector>

namespace stagehand::control {

// The global OBS hotkeys (Settings > Hotkeys) and what each does through the controller. The
// names are saved with users' key bindings: keep them.
struct Action {
    const char* name;     // OBS hotkey name
    const char* text_key; // locale key of its description
    // Reads the clipboard: run it on the UI thread (a hotkey thread must not wait for it).
    bool on_ui_thread;
    Result (*run)(Controller& controller);
};

const std::vector<Action>& global_actions();
// By its hotkey name; nullptr when there is none.
const Action* find_action(std::string_view name);

// What a source's own hotkeys do: step that source.
Result step_source(Controller& controller, const std::string& source, int delta);

} // namespace stagehand::control
