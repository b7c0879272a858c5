#pragma once

#include "control/controller.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>

struct obs_source;

namespace stagehand {

// The global hotkeys of control/actions.hpp, registered with OBS's frontend. Each calls the
// controller; one that reads the clipboard is handed to the UI thread instead of making OBS's
// hotkey thread wait for it. `saved` holds the key bindings saved last time (by hotkey name).
void register_global_hotkeys(std::shared_ptr<control::Controller> controller,
                             const std::function<std::string(const char* key)>& text,
                             const nlohmann::json& saved);
// The current key bindings by hotkey name, to save; then the hotkeys are unregistered.
nlohmann::json save_and_unregister_global_hotkeys();

// A code source's own Next/Previous step hotkeys (released with the source by libobs).
void register_code_step_hotkeys(struct obs_source* source);

// The module's controller (nothing before load and after unload).
std::shared_ptr<control::Controller> module_controller();

} // namespace stagehand
