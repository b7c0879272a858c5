#pragma once

#include "offscreen/picture.hpp"

#include <obs.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace stagehand::offscreen {

using stagehand::draw_into;

// A libobs instance without a frontend, for stagehand-cli render, the render tests and the
// benchmark: libobs' OpenGL module on the X display DISPLAY names (Xvfb when there is no
// screen), with the modules asked for. One per process (libobs is a singleton).
class Headless {
public:
    struct Options {
        std::uint32_t width = 640; // the video canvas; drawings may be any size
        std::uint32_t height = 360;
        std::string stagehand_module; // the plugin's .so; empty: not loaded
        std::string stagehand_data;   // its data folder
        std::string stock_plugin_dir; // OBS's own plugins, for the stock modules below
        std::string stock_data_dir;
        std::vector<std::string> stock_modules; // e.g. "text-freetype2", "image-source"
    };

    Headless() = default;
    ~Headless();
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    // Starts libobs and loads the requested modules. On failure returns false with a reason.
    bool start(const Options& options, std::string& error);

    // Draws with `draw` (graphics context held, pixel projection set) into a transparent
    // width x height target and reads it back.
    Image capture(std::uint32_t width, std::uint32_t height, const std::function<void()>& draw);
    // Renders `source` alone into a transparent width x height target and reads it back.
    Image render(obs_source_t* source, std::uint32_t width, std::uint32_t height);

    // Renders until the source has drawn something or `timeout` passes: settings reach a video
    // source on libobs' next video tick, so a new source is blank for a frame or two.
    Image render_when_ready(obs_source_t* source, std::uint32_t width, std::uint32_t height,
                            std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

    // Waits until the source reports a non-zero size that holds for several frames. Text
    // sources size themselves on a tick, and OBS's text_ft2_source sets its height in two steps
    // (the tallest glyph, then the laid-out text): a size read between them is too short.
    bool wait_for_size(obs_source_t* source,
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

private:
    bool open_module(const std::string& path, const std::string& data, std::string& error);

    void* display_ = nullptr;
    bool started_ = false;
    std::string config_dir_;
};

} // namespace stagehand::offscreen
