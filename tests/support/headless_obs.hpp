#pragma once

#include "image.hpp"
#include "offscreen/headless.hpp"

#include <string>

namespace stagehand::test {

using offscreen::draw_into;

// The plugin's headless libobs (plugin/offscreen) with the modules at their build-time places,
// overridable from the environment so the same binary runs against an installed plugin or on
// another machine (the GPU benchmark run): STAGEHAND_MODULE_PATH, STAGEHAND_DATA_PATH,
// OBS_STOCK_PLUGIN_DIR, OBS_STOCK_DATA_DIR.
class HeadlessObs : public offscreen::Headless {
public:
    struct Options {
        std::uint32_t width = 640;
        std::uint32_t height = 360;
        bool load_stagehand = true;
        bool load_text_freetype2 = true;
        bool load_image_source = false; // color_source, for the benchmark
    };
    bool start(const Options& options, std::string& error);
};

} // namespace stagehand::test
