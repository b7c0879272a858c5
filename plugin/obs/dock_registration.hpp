#pragma once

#include "control/controller.hpp"

#include <functional>
#include <memory>
#include <string>

// Registration of the presenter dock (ui/) with the OBS frontend. No Qt in this header: the
// module entry point includes it without pulling Qt into the rest of the libobs glue.
namespace stagehand {

struct DockOptions {
    std::string title;
    std::string subtitle;
    std::string version;
    std::shared_ptr<control::Controller> controller;
    // The module's localized strings by key.
    std::function<std::string(const char* key)> text;
};

inline constexpr const char* kDockId = "stagehand-dock";

// True when this process has a Qt application and OBS's main window (the real OBS, not a
// headless libobs program such as the render tests).
bool frontend_available();

// Creates the dock and adds it to OBS's Docks menu. Does nothing (and says so in the log)
// without a frontend.
void install_dock(const DockOptions& options);
// OBS finished loading: show the dock the first time OBS runs with the plugin (`first_time`).
void show_dock_first_time();
// OBS is exiting: the dock stops reading the controller before OBS releases its sources.
void detach_dock();
void remove_dock();

} // namespace stagehand
