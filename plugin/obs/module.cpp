#include "obs/chat_hub.hpp"
#include "obs/dock_registration.hpp"
#include "obs/file_watches.hpp"
#include "obs/hotkeys.hpp"
#include "obs/log.hpp"
#include "obs/obs_code_sources.hpp"
#include "obs/obs_handles.hpp"
#include "obs/obs_look_sources.hpp"
#include "obs/overlay_sources.hpp"
#include "obs/script_bridge.hpp"
#include "obs/thumbnails.hpp"
#include "obs/vendor_bridge.hpp"
#include "ui/qt_clipboard.hpp"

#include "control/controller.hpp"
#include "control/store.hpp"
#include "core/base/error_report.hpp"
#include "core/base/json_fields.hpp"
#include "core/base/published.hpp"

#include <obs-frontend-api.h>
#include <obs-module.h>
#include <util/platform.h>

#include <memory>
#include <mutex>
#include <string>

OBS_DECLARE_MODULE()
OBS_MODULE_USE_DEFAULT_LOCALE("stagehand", "en-US")

namespace stagehand {

namespace {

constexpr const char* kDockStore = "dock"; // dock.json: shown once, hotkey bindings

// What the module owns between load and unload.
struct Plugin {
    std::shared_ptr<control::Store> store;
    std::shared_ptr<control::Controller> controller;
    std::unique_ptr<VendorBridge> bridge;
    std::shared_ptr<QtChatHub> chat;
    bool frontend = false;
    // Our frontend event callback is still registered with OBS.
    bool frontend_callback = false;
};

std::mutex g_mutex;
std::unique_ptr<Plugin> g_plugin;

std::string module_text(const char* key) {
    return obs_module_text(key);
}

// dock.json, checked whole: {"shown_once": bool, "hotkeys": {action: [bindings]}}. A file of
// another shape is set aside and the dock starts as on a first run.
nlohmann::json dock_store() {
    nlohmann::json saved = nlohmann::json::object();
    g_plugin->store->read(kDockStore, "the dock's settings", [&](const nlohmann::json& json) {
        const core::Fields root(json);
        root.boolean("shown_once", false);
        if (const auto hotkeys = root.object("hotkeys"))
            for (const auto& [action, bindings] : hotkeys->raw().items())
                if (!bindings.is_array())
                    throw core::ShapeError(hotkeys->pointer(action) + ": expected a list, " +
                                           core::got(bindings));
        saved = json;
    });
    return saved;
}

void update_dock_store(const std::function<void(nlohmann::json&)>& change) {
    auto saved = dock_store();
    change(saved);
    std::string error;
    if (!g_plugin->store->save(kDockStore, saved, error))
        log(LOG_WARNING, "the dock's settings were not saved: %s", error.c_str());
}

void on_frontend_event(obs_frontend_event event, void*) noexcept {
    core::run_guarded("a frontend event", [&] {
        if (!g_plugin)
            return;
        if (event == OBS_FRONTEND_EVENT_FINISHED_LOADING) {
            if (!dock_store().value("shown_once", false)) {
                show_dock_first_time();
                update_dock_store([](nlohmann::json& s) { s["shown_once"] = true; });
            }
        } else if (event == OBS_FRONTEND_EVENT_EXIT) {
            // obs-websocket is still loaded now but not at module unload: stop talking to it.
            g_plugin->bridge->close();
            // Chat stops while Qt's event loop still runs; the queue is written to disk.
            if (g_plugin->chat)
                g_plugin->chat->stop();
            g_plugin->controller->flush();
            const nlohmann::json bindings = save_and_unregister_global_hotkeys();
            update_dock_store([&](nlohmann::json& s) { s["hotkeys"] = bindings; });
            // Stop touching OBS's sources before they are released, and drawing before OBS
            // frees its graphics.
            detach_dock();
            stop_thumbnails();
            // Unregister now, while the frontend API is alive: OBS 32 tears it down before it
            // unloads modules and logs an error for the call made from obs_module_unload.
            // OBS walks its callbacks from the last, so removing ourselves here is safe.
            obs_frontend_remove_event_callback(on_frontend_event, nullptr);
            g_plugin->frontend_callback = false;
        }
    });
}

} // namespace

std::shared_ptr<control::Controller> module_controller() {
    std::lock_guard lock(g_mutex);
    return g_plugin ? g_plugin->controller : nullptr;
}

} // namespace stagehand

MODULE_EXPORT const char* obs_module_name(void) {
    return "Stagehand";
}

MODULE_EXPORT const char* obs_module_description(void) {
    return obs_module_text("Module.Description");
}

namespace stagehand {
namespace {

// The part of loading that holds the plugin's state: nothing is registered with OBS yet, so a
// failure here can still return false and leave OBS as it was.
std::unique_ptr<Plugin> make_plugin() {
    auto plugin = std::make_unique<Plugin>();
    plugin->frontend = frontend_available();
    plugin->store = std::make_shared<control::Store>(
        obs::take_string(obs_module_config_path("")),
        [](const std::string& line) { log(LOG_WARNING, "%s", line.c_str()); });
    control::Controller::Options options;
    options.code = make_obs_code_sources();
    options.looks = make_obs_look_sources();
    options.presets_folder = obs::take_string(obs_module_file("presets"));
    if (plugin->frontend)
        options.clipboard = std::make_shared<ui::QtClipboard>();
    options.store = plugin->store;
    options.version = STAGEHAND_VERSION;
    // The talk timer runs on OBS's own clock.
    options.now_ms = [] {
        return static_cast<std::int64_t>(os_gettime_ns() / 1000000);
    };
    if (plugin->frontend) {
        // Chat events go to the controller, held weakly: the hub may outlive it by an event.
        auto controller_slot = std::make_shared<std::weak_ptr<control::Controller>>();
        plugin->chat = std::make_shared<QtChatHub>(
            [controller_slot](const std::vector<core::chat::ChatEvent>& batch) {
                if (auto controller = controller_slot->lock())
                    controller->on_chat(batch);
            },
            QString::fromStdString(obs::take_string(obs_module_file("demo/chat.json"))));
        options.chat = plugin->chat;
        plugin->controller = std::make_shared<control::Controller>(std::move(options));
        *controller_slot = plugin->controller;
    } else {
        plugin->controller = std::make_shared<control::Controller>(std::move(options));
    }
    plugin->bridge = std::make_unique<VendorBridge>(plugin->controller);
    return plugin;
}

// The dock, its hotkeys and the chats to resume: the sources work without them, so a failure
// here is logged and the module stays loaded.
void start_frontend() {
    DockOptions dock;
    dock.title = obs_module_text("Dock.Title");
    dock.subtitle = obs_module_text("Dock.Subtitle");
    dock.version = STAGEHAND_VERSION;
    dock.controller = g_plugin->controller;
    dock.text = module_text;
    install_dock(dock);
    register_global_hotkeys(g_plugin->controller, module_text,
                            dock_store().value("hotkeys", nlohmann::json::object()));
    obs_frontend_add_event_callback(on_frontend_event, nullptr);
    g_plugin->frontend_callback = true;
    // The chats that were connected when OBS last stopped (or crashed) come back.
    g_plugin->controller->resume_chat();
}

} // namespace
} // namespace stagehand

bool obs_module_load(void) {
    using namespace stagehand;
    core::set_error_sink([](const std::string& message) { log(LOG_ERROR, "%s", message.c_str()); });
    auto plugin = core::guarded("loading Stagehand", std::unique_ptr<Plugin>(), make_plugin);
    if (!plugin)
        return false; // said why in the log; OBS goes on without Stagehand
    {
        std::lock_guard lock(g_mutex);
        g_plugin = std::move(plugin);
    }
    core::note_published(); // sources look at the controller's state anew
    // Here, on the UI thread: sources register files from OBS's video thread, which must not
    // start a thread.
    FileWatches::global().start();

    register_script_bridge();
    for (const OverlayKind* kind : overlay_kinds())
        register_panel_source(*kind);
    log(LOG_INFO, "version %s loaded (libobs %s, built against %d.%d)", STAGEHAND_VERSION,
        obs_get_version_string(), LIBOBS_API_MAJOR_VER, LIBOBS_API_MINOR_VER);

    if (g_plugin->frontend)
        core::run_guarded("starting the Stagehand dock", start_frontend);
    else
        core::run_guarded("starting without a dock", [] { install_dock({}); });
    return true;
}

void obs_module_post_load(void) {
    using namespace stagehand;
    core::run_guarded("registering with obs-websocket", [] {
        if (g_plugin)
            g_plugin->bridge->open();
    });
}

void obs_module_unload(void) {
    using namespace stagehand;
    core::run_guarded("unloading Stagehand", [] {
        stop_thumbnails();
        FileWatches::global().stop_all();
        if (g_plugin) {
            g_plugin->bridge->close();
            if (g_plugin->chat)
                g_plugin->chat->stop();
            g_plugin->controller->flush();
            if (g_plugin->frontend_callback) // OBS is unloading us without having said EXIT
                obs_frontend_remove_event_callback(on_frontend_event, nullptr);
            if (g_plugin->frontend)
                remove_dock();
        }
        std::unique_ptr<Plugin> plugin;
        {
            std::lock_guard lock(g_mutex);
            plugin = std::move(g_plugin);
        }
        core::note_published();
        plugin.reset();
    });
    log(LOG_INFO, "unloaded");
    core::set_error_sink(nullptr);
}
