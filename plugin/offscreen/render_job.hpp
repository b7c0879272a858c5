#pragma once

// stagehand-cli render's drawing, behind a header free of libobs types so the CLI layer can call
// it: start a headless libobs with the plugin, draw one overlay (or the whole stage) with a
// preset's look through the real sources, write a PNG.

#include "core/preset/preset.hpp"

#include <optional>
#include <string>

namespace stagehand::offscreen {

struct RenderJob {
    core::preset::Preset preset;
    // The overlay to draw; nothing: the stage (every overlay the preset places).
    std::optional<core::preset::Overlay> overlay;
    std::string code_file;
    std::string language = "auto";
    std::string question;
    std::string author;
    int slide = 0;
    int total = 0;
    std::string talk_file;
    std::string size;     // "WxH", or empty for the preset's size
    double scale = 0.5;   // the stage's drawing scale
    std::string out;      // the PNG to write
    std::string module;   // the plugin's .so
    std::string data;     // its data folder
    bool verbose = false; // libobs' whole log on stderr (else its warnings and errors only)
};

// Draws and writes the PNG; "" when done, else why not. Needs an X display (DISPLAY).
std::string run_render_job(const RenderJob& job);

} // namespace stagehand::offscreen
