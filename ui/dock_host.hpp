#pragma once

#include "core/code/code_control.hpp"

#include <functional>
#include <memory>
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
    // What the dock's code section drives (nothing: no code section).
    std::shared_ptr<core::code::CodeControl> code_control;
    // The module's localized strings by key.
    std::function<std::string(const char* key)> text;
};

inline constexpr const char* kDockId = "stagehand-dock";

// Creates the dock and adds it to OBS's Docks menu. Does nothing (and says so in the log) when
// there is no Qt application, as in headless libobs programs such as the render tests.
void install_dock(const DockHostOptions& options);
void remove_dock();

} // namespace stagehand::ui
