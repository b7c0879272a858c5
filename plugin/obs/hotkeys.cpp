#include "obs/hotkeys.hpp"

#include "obs/log.hpp"
#include "obs/obs_handles.hpp"

#include "control/actions.hpp"
#include "core/base/error_report.hpp"
#include "core/base/json_fields.hpp"

#include <obs-module.h>

#include <cstdint>
#include <vector>

namespace stagehand {

namespace {

struct GlobalHotkey {
    const control::Action* action;
    std::shared_ptr<control::Controller> controller;
    obs_hotkey_id id = OBS_INVALID_HOTKEY_ID;
};
// Stable addresses: libobs keeps a pointer to each entry until it is unregistered.
std::vector<std::unique_ptr<GlobalHotkey>> g_hotkeys;

void run_action(const control::Action& action, control::Controller& controller) {
    const control::Result result = action.run(controller);
    if (!result)
        log(LOG_INFO, "hotkey %s: %s", action.name, result.error.c_str());
}

void on_global_hotkey(void* data, obs_hotkey_id, obs_hotkey_t*, bool pressed) noexcept {
    if (!pressed)
        return;
    core::run_guarded("a Stagehand hotkey", [&] {
        auto* hotkey = static_cast<GlobalHotkey*>(data);
        if (!hotkey->action->on_ui_thread) {
            run_action(*hotkey->action, *hotkey->controller);
            return;
        }
        // The clipboard belongs to the UI thread; the hotkey thread only queues the action. The
        // task carries the action's index, not the hotkey: it may run after OBS began exiting.
        const auto& actions = control::global_actions();
        const auto index = static_cast<std::uintptr_t>(hotkey->action - actions.data());
        obs_queue_task(
            OBS_TASK_UI,
            [](void* param) noexcept {
                core::run_guarded("a Stagehand hotkey", [&] {
                    const auto& all = control::global_actions();
                    const auto i = reinterpret_cast<std::uintptr_t>(param);
                    if (auto controller = module_controller(); controller && i < all.size())
                        run_action(all[i], *controller);
                });
            },
            reinterpret_cast<void*>(index), false);
    });
}

// obs_data arrays of bindings to and from JSON, through an object that holds one under "keys".
nlohmann::json bindings_json(obs_data_array_t* bindings) {
    obs::Data holder(obs_data_create());
    obs_data_set_array(holder.get(), "keys", bindings);
    auto parsed = nlohmann::json::parse(obs_data_get_json(holder.get()), nullptr, false);
    return parsed.is_object() && parsed.contains("keys") ? parsed["keys"] : nlohmann::json::array();
}

obs::DataArray bindings_array(const nlohmann::json& keys) {
    const nlohmann::json holder = {{"keys", keys}};
    obs::Data data(obs_data_create_from_json(core::json_text(holder).c_str()));
    return obs::DataArray(data ? obs_data_get_array(data.get(), "keys") : nullptr);
}

void step_hotkey(void* data, int delta) noexcept {
    core::run_guarded("a code step hotkey", [&] {
        auto controller = module_controller();
        const char* name = obs_source_get_name(static_cast<obs_source_t*>(data));
        if (!controller || !name)
            return;
        const control::Result result = control::step_source(*controller, name, delta);
        if (!result)
            log(LOG_INFO, "step hotkey: %s", result.error.c_str());
    });
}

} // namespace

void register_global_hotkeys(std::shared_ptr<control::Controller> controller,
                             const std::function<std::string(const char* key)>& text,
                             const nlohmann::json& saved) {
    for (const control::Action& action : control::global_actions()) {
        auto hotkey = std::make_unique<GlobalHotkey>(GlobalHotkey{&action, controller});
        const std::string description = text ? text(action.text_key) : action.text_key;
        hotkey->id = obs_hotkey_register_frontend(action.name, description.c_str(),
                                                  on_global_hotkey, hotkey.get());
        if (saved.is_object() && saved.contains(action.name))
            if (obs::DataArray keys = bindings_array(saved[action.name]))
                obs_hotkey_load(hotkey->id, keys.get());
        g_hotkeys.push_back(std::move(hotkey));
    }
}

nlohmann::json save_and_unregister_global_hotkeys() {
    nlohmann::json saved = nlohmann::json::object();
    for (const auto& hotkey : g_hotkeys) {
        if (hotkey->id == OBS_INVALID_HOTKEY_ID)
            continue;
        obs::DataArray keys(obs_hotkey_save(hotkey->id));
        saved[hotkey->action->name] = bindings_json(keys.get());
        obs_hotkey_unregister(hotkey->id);
    }
    g_hotkeys.clear();
    return saved;
}

void register_code_step_hotkeys(obs_source_t* source) {
    obs_hotkey_register_source(
        source, "stagehand.code.next_step", obs_module_text("Code.NextStep"),
        [](void* data, obs_hotkey_id, obs_hotkey_t*, bool pressed) noexcept {
            if (pressed)
                step_hotkey(data, +1);
        },
        source);
    obs_hotkey_register_source(
        source, "stagehand.code.previous_step", obs_module_text("Code.PreviousStep"),
        [](void* data, obs_hotkey_id, obs_hotkey_t*, bool pressed) noexcept {
            if (pressed)
                step_hotkey(data, -1);
        },
        source);
}

} // namespace stagehand
