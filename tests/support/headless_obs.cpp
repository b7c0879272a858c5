#include "headless_obs.hpp"

#include <cstdlib>

namespace stagehand::test {

namespace {
std::string location(const char* variable, const char* built_in) {
    const char* value = std::getenv(variable);
    return value && *value ? value : built_in;
}
} // namespace

bool HeadlessObs::start(const Options& options, std::string& error) {
    offscreen::Headless::Options o;
    o.width = options.width;
    o.height = options.height;
    if (options.load_stagehand) {
        o.stagehand_module = location("STAGEHAND_MODULE_PATH", STAGEHAND_MODULE_PATH);
        o.stagehand_data = location("STAGEHAND_DATA_PATH", STAGEHAND_DATA_PATH);
    }
    o.stock_plugin_dir = location("OBS_STOCK_PLUGIN_DIR", OBS_STOCK_PLUGIN_DIR);
    o.stock_data_dir = location("OBS_STOCK_DATA_DIR", OBS_STOCK_DATA_DIR);
    if (options.load_text_freetype2)
        o.stock_modules.push_back("text-freetype2");
    if (options.load_image_source)
        o.stock_modules.push_back("image-source");
    return offscreen::Headless::start(o, error);
}

} // namespace stagehand::test
