#include "obs/code_control.hpp"
#include "obs/file_watches.hpp"
#include "obs/log.hpp"
#include "obs/overlay_sources.hpp"
#include "ui/dock_host.hpp"

#include <obs-module.h>
#include <util/bmem.h>

#include <string>

OBS_DECLARE_MODULE()
OBS_MODULE_USE_DEFAULT_LOCALE("stagehand", "en-US")

namespace {

std::string module_config_dir() {
    char* path = obs_module_config_path("");
    std::string result = path ? path : "";
    bfree(path);
    return result;
}

} // namespace

MODULE_EXPORT const char* obs_module_name(void) {
    return "Stagehand";
}

MODULE_EXPORT const char* obs_module_description(void) {
    return obs_module_text("Module.Description");
}

bool obs_module_load(void) {
    using namespace stagehand;
    register_panel_source(code_source_kind());
    register_panel_source(slides_source_kind());
    register_panel_source(question_source_kind());
    log(LOG_INFO, "version %s loaded (libobs %s, built against %d.%d)", STAGEHAND_VERSION,
        obs_get_version_string(), LIBOBS_API_MAJOR_VER, LIBOBS_API_MINOR_VER);

    ui::DockHostOptions options;
    options.config_dir = module_config_dir();
    options.title = obs_module_text("Dock.Title");
    options.subtitle = obs_module_text("Dock.Subtitle");
    options.version = STAGEHAND_VERSION;
    options.code_control = make_obs_code_control();
    options.text = [](const char* key) {
        return std::string(obs_module_text(key));
    };
    ui::install_dock(options);
    return true;
}

void obs_module_unload(void) {
    stagehand::FileWatches::global().stop_all();
    stagehand::ui::remove_dock();
    stagehand::log(LOG_INFO, "unloaded");
}
