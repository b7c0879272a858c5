#pragma once

#include <string>

// Registration of the presenter dock with the OBS frontend. No Qt in this header: the module
// entry point includes it without pulling Qt into libobs glue.
namespace stagehand::ui {

struct DockHostOptions {
    // Where the dock remembers that it was shown once (the module's config folder).
    std::string config_dir;
    std::string title;
    std::string subtitle;
    std::string version;
};

inline constexpr const char* kDockId = "stagehand-dock";

// Creates the dock and adds it to OBS's Docks menu. Does nothing (and says so in the log) when
// there is no Qt application, as in headless libobs programs such as the render tests.
void install_dock(const DockHostOptions& options);
void remove_dock();

} // namespace stagehand::ui
