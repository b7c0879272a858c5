#include "ui/dock_host.hpp"

#include "plugin/obs/log.hpp"
#include "ui/dock_widget.hpp"

#include <obs-frontend-api.h>
#include <obs-module.h>
#include <util/platform.h>

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QPointer>

namespace stagehand::ui {

namespace {

DockHostOptions g_options;
QPointer<QWidget> g_content;
bool g_callback_registered = false;

// Global hotkeys that act through the dock on the code source chosen in it: a presenter copies
// code in the editor and presses one key to put it on stream, without touching OBS.
struct DockHotkey {
    const char* name;
    const char* text_key; // locale key of its description in Settings > Hotkeys
    void (*action)(CodePanel&);
    obs_hotkey_id id = OBS_INVALID_HOTKEY_ID;
};
DockHotkey g_hotkeys[] = {
    {"stagehand.dock.show_clipboard", "Dock.Hotkey.ShowClipboard",
     [](CodePanel& p) {
         p.pasteClipboard();
     }},
    {"stagehand.dock.next_step", "Dock.Hotkey.NextStep",
     [](CodePanel& p) {
         p.step(+1);
     }},
    {"stagehand.dock.previous_step", "Dock.Hotkey.PreviousStep",
     [](CodePanel& p) {
         p.step(-1);
     }},
};

void on_dock_hotkey(void* data, obs_hotkey_id, obs_hotkey_t*, bool pressed) noexcept {
    if (!pressed)
        return;
    // Hotkeys fire on OBS's hotkey thread; widgets and the clipboard belong to the UI thread.
    auto* hotkey = static_cast<DockHotkey*>(data);
    QMetaObject::invokeMethod(
        qApp,
        [hotkey] {
            auto* content = qobject_cast<DockWidget*>(g_content.data());
            if (content && content->codePanel())
                hotkey->action(*content->codePanel());
        },
        Qt::QueuedConnection);
}

std::string marker_path() {
    return g_options.config_dir + "/dock.json";
}

// The dock's own state (dock.json in the module's config folder): whether it was shown once,
// and the key bindings of its hotkeys. Nothing when the file is missing or unreadable.
obs_data_t* load_dock_state() {
    return obs_data_create_from_json_file_safe(marker_path().c_str(), "bak");
}

bool dock_was_shown_before() {
    obs_data_t* data = load_dock_state();
    if (!data)
        return false;
    const bool shown = obs_data_get_bool(data, "shown_once");
    obs_data_release(data);
    return shown;
}

// Changes dock.json with `change` and writes it back (to a temporary file renamed over the old
// one, so a crash cannot leave it half-written).
template <typename Change>
void update_dock_state(Change change) {
    if (os_mkdirs(g_options.config_dir.c_str()) == MKDIR_ERROR) {
        log(LOG_WARNING, "could not create %s: the dock's settings are not saved",
            g_options.config_dir.c_str());
        return;
    }
    obs_data_t* data = load_dock_state();
    if (!data)
        data = obs_data_create();
    change(data);
    if (!obs_data_save_json_safe(data, marker_path().c_str(), "tmp", "bak"))
        log(LOG_WARNING, "could not write %s", marker_path().c_str());
    obs_data_release(data);
}

void remember_dock_shown() {
    update_dock_state([](obs_data_t* data) { obs_data_set_bool(data, "shown_once", true); });
}

void register_hotkeys() {
    obs_data_t* state = load_dock_state();
    obs_data_t* saved = state ? obs_data_get_obj(state, "hotkeys") : nullptr;
    for (DockHotkey& hotkey : g_hotkeys) {
        const std::string description =
            g_options.text ? g_options.text(hotkey.text_key) : hotkey.text_key;
        hotkey.id =
            obs_hotkey_register_frontend(hotkey.name, description.c_str(), on_dock_hotkey, &hotkey);
        if (saved) {
            obs_data_array_t* keys = obs_data_get_array(saved, hotkey.name);
            if (keys) {
                obs_hotkey_load(hotkey.id, keys);
                obs_data_array_release(keys);
            }
        }
    }
    obs_data_release(saved);
    obs_data_release(state);
}

void save_and_unregister_hotkeys() {
    update_dock_state([](obs_data_t* data) {
        obs_data_t* saved = obs_data_create();
        for (const DockHotkey& hotkey : g_hotkeys) {
            if (hotkey.id == OBS_INVALID_HOTKEY_ID)
                continue;
            obs_data_array_t* keys = obs_hotkey_save(hotkey.id);
            obs_data_set_array(saved, hotkey.name, keys);
            obs_data_array_release(keys);
        }
        obs_data_set_obj(data, "hotkeys", saved);
        obs_data_release(saved);
    });
    for (DockHotkey& hotkey : g_hotkeys) {
        if (hotkey.id != OBS_INVALID_HOTKEY_ID)
            obs_hotkey_unregister(hotkey.id);
        hotkey.id = OBS_INVALID_HOTKEY_ID;
    }
}

QDockWidget* find_dock() {
    auto* main = static_cast<QMainWindow*>(obs_frontend_get_main_window());
    return main ? main->findChild<QDockWidget*>(QString::fromUtf8(kDockId)) : nullptr;
}

// OBS restores dock visibility from the profile after modules load, which hides a dock it has
// never seen. A first-time user must still find it, so show it once, then respect their choice.
void on_frontend_event(obs_frontend_event event, void*) noexcept {
    if (event == OBS_FRONTEND_EVENT_EXIT) {
        // OBS is closing: keep the hotkey bindings, and stop touching its sources before they
        // are released.
        save_and_unregister_hotkeys();
        if (auto* content = qobject_cast<DockWidget*>(g_content.data()))
            content->detach();
        return;
    }
    if (event != OBS_FRONTEND_EVENT_FINISHED_LOADING || dock_was_shown_before())
        return;
    if (QDockWidget* dock = find_dock()) {
        // Dock it beside the preview rather than leave it floating over OBS.
        if (auto* main = qobject_cast<QMainWindow*>(dock->parentWidget())) {
            dock->setFloating(false);
            main->addDockWidget(Qt::RightDockWidgetArea, dock);
        }
        dock->setVisible(true);
        dock->raise();
        remember_dock_shown();
        log(LOG_INFO, "dock shown for the first time");
    }
}

} // namespace

void install_dock(const DockHostOptions& options) {
    if (!qobject_cast<QApplication*>(QCoreApplication::instance())) {
        log(LOG_INFO, "no Qt application in this process: presenter dock not created");
        return;
    }
    g_options = options;
    auto* main = static_cast<QMainWindow*>(obs_frontend_get_main_window());
    if (!main) {
        log(LOG_WARNING, "OBS main window not found: presenter dock not created");
        return;
    }
    const QString title = QString::fromStdString(options.title);
    Translate text;
    if (options.text)
        text = [lookup = options.text](const char* key) {
            return QString::fromStdString(lookup(key));
        };
    auto* content =
        new DockWidget(title, QString::fromStdString(options.subtitle),
                       QString::fromStdString(options.version), options.code_control, text);
    g_content = content;

#if LIBOBS_API_MAJOR_VER >= 30
    if (!obs_frontend_add_dock_by_id(kDockId, options.title.c_str(), content)) {
        log(LOG_ERROR, "obs_frontend_add_dock_by_id refused the dock id %s", kDockId);
        delete content;
        return;
    }
#else
    // OBS 29 takes a ready QDockWidget; the main window owns it from here on.
    auto* dock = new QDockWidget(title, main);
    dock->setObjectName(QString::fromUtf8(kDockId));
    dock->setWidget(content);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                      QDockWidget::DockWidgetFloatable);
    main->addDockWidget(Qt::RightDockWidgetArea, dock);
    obs_frontend_add_dock(dock);
#endif
    if (options.code_control)
        register_hotkeys();
    obs_frontend_add_event_callback(on_frontend_event, nullptr);
    g_callback_registered = true;
    log(LOG_INFO, "presenter dock created (%s)", kDockId);
}

void remove_dock() {
    if (g_callback_registered) {
        obs_frontend_remove_event_callback(on_frontend_event, nullptr);
        g_callback_registered = false;
    }
#if LIBOBS_API_MAJOR_VER >= 30
    if (g_content)
        obs_frontend_remove_dock(kDockId);
#endif
}

} // namespace stagehand::ui
