#pragma once

// What every render test file shares: the one headless libobs of the process (started by the
// environment in render_test.cpp) and the module's control layer as scripts call it.

#include "headless_obs.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <obs.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>

namespace stagehand::test {

// Null when libobs did not start (the environment reports why).
extern HeadlessObs* g_obs;

// The libobs procedure stagehand_request on the global proc handler, as an OBS script calls it.
nlohmann::json stagehand_request(const char* request, const nlohmann::json& data);

struct DataDeleter {
    void operator()(obs_data_t* d) const { obs_data_release(d); }
};
struct SourceDeleter {
    void operator()(obs_source_t* s) const { obs_source_release(s); }
};
using DataPtr = std::unique_ptr<obs_data_t, DataDeleter>;
using SourcePtr = std::unique_ptr<obs_source_t, SourceDeleter>;

inline SourcePtr make_source(const char* id, const char* name, obs_data_t* settings) {
    return SourcePtr(obs_source_create_private(id, name, settings));
}

// OBS colour settings are 0xAABBGGRR.
inline constexpr long long kOpaqueGreen = 0xFF00C000;

inline void expect_pixel(const Image& image, std::uint32_t x, std::uint32_t y, int r, int g, int b,
                         int a, int tolerance = 2) {
    const std::uint8_t* p = image.pixel(x, y);
    EXPECT_NEAR(p[0], r, tolerance) << "red at " << x << "," << y;
    EXPECT_NEAR(p[1], g, tolerance) << "green at " << x << "," << y;
    EXPECT_NEAR(p[2], b, tolerance) << "blue at " << x << "," << y;
    EXPECT_NEAR(p[3], a, tolerance) << "alpha at " << x << "," << y;
}

// An OBS font object (face, Regular, size) as the source's "font" setting.
inline void set_font(obs_data_t* settings, const char* face, int size) {
    DataPtr font(obs_data_create());
    obs_data_set_string(font.get(), "face", face);
    obs_data_set_string(font.get(), "style", "Regular");
    obs_data_set_int(font.get(), "size", size);
    obs_data_set_obj(settings, "font", font.get());
}

// How many pixels are more than faintly covered.
inline std::size_t coverage(const Image& image) {
    std::size_t n = 0;
    for (std::size_t i = 3; i < image.rgba.size(); i += 4)
        n += image.rgba[i] > 16;
    return n;
}

// Renders `source` at width x height until `done(picture)` holds or `tries` pictures were taken,
// `pause` apart: what a worker prepares reaches the source a few frames later. The last picture
// either way, for the caller to check.
template <typename Done>
Image render_until(obs_source_t* source, std::uint32_t width, std::uint32_t height, Done&& done,
                   int tries = 200,
                   std::chrono::milliseconds pause = std::chrono::milliseconds(10)) {
    Image image = g_obs->render(source, width, height);
    for (int i = 1; i < tries && !done(image); ++i) {
        std::this_thread::sleep_for(pause);
        image = g_obs->render(source, width, height);
    }
    return image;
}

// One answer of a Stagehand source's `stagehand_layer_stats` procedure
// (plugin/obs/panel_source.cpp).
inline long long source_stat(obs_source_t* source, const char* name) {
    calldata_t cd = {};
    proc_handler_call(obs_source_get_proc_handler(source), "stagehand_layer_stats", &cd);
    const long long value = calldata_int(&cd, name);
    calldata_free(&cd);
    return value;
}

// Skips when libobs did not start (the environment reports why).
class RenderTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!g_obs)
            GTEST_SKIP() << "libobs did not start (see the environment failure above)";
    }
};

} // namespace stagehand::test
