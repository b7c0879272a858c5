#include "offscreen/headless.hpp"

#include <filesystem>

#include <obs-module.h>
#include <obs-nix-platform.h>
#include <util/platform.h>

#include <X11/Xlib.h>

#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <thread>
#include <utility>

namespace stagehand::offscreen {

namespace {

// libobs' OpenGL module as this OBS names it: libobs-opengl.so.1 (OBS 29), .so.0 (OBS 32), ...
// Looked up beside libobs itself; the plain name needs the dev symlink.
std::string opengl_module() {
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&obs_startup), &info) && info.dli_fname) {
        const std::filesystem::path folder = std::filesystem::path(info.dli_fname).parent_path();
        std::error_code ec;
        std::string best; // the shortest versioned name is the library's soname
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
            const std::string name = entry.path().filename().string();
            if (name.rfind("libobs-opengl.so.", 0) == 0 &&
                (best.empty() || name.size() < best.size()))
                best = name;
        }
        if (!best.empty())
            return best;
    }
    return "libobs-opengl.so.1";
}

} // namespace

Headless::~Headless() {
    if (started_)
        obs_shutdown();
    if (display_)
        XCloseDisplay(static_cast<Display*>(display_));
    if (!config_dir_.empty())
        std::filesystem::remove_all(config_dir_); // modules leave their config files there
}

bool Headless::open_module(const std::string& path, const std::string& data, std::string& error) {
    obs_module_t* module = nullptr;
    const int rc = obs_open_module(&module, path.c_str(), data.c_str());
    if (rc != MODULE_SUCCESS) {
        error = "obs_open_module(" + path + ") failed with code " + std::to_string(rc);
        return false;
    }
    if (!obs_init_module(module)) {
        error = "obs_init_module(" + path + ") failed";
        return false;
    }
    return true;
}

bool Headless::start(const Options& options, std::string& error) {
    Display* display = XOpenDisplay(nullptr);
    if (!display) {
        error = "no X display (DISPLAY is unset or unreachable): run under xvfb-run";
        return false;
    }
    display_ = display;
    obs_set_nix_platform(OBS_NIX_PLATFORM_X11_EGL);
    obs_set_nix_platform_display(display);

    // A private config dir: modules write their config there, never into the user's profile.
    char templ[] = "/tmp/stagehand-obs-XXXXXX";
    if (!mkdtemp(templ)) {
        error = "could not create a temporary config folder";
        return false;
    }
    config_dir_ = templ;
    if (!obs_startup("en-US", config_dir_.c_str(), nullptr)) {
        error = "obs_startup failed";
        return false;
    }
    started_ = true;

    obs_video_info ovi = {};
    const std::string graphics = opengl_module();
    ovi.graphics_module = graphics.c_str();
    ovi.fps_num = 30;
    ovi.fps_den = 1;
    ovi.base_width = ovi.output_width = options.width;
    ovi.base_height = ovi.output_height = options.height;
    ovi.output_format = VIDEO_FORMAT_BGRA;
    ovi.adapter = 0;
    ovi.gpu_conversion = true;
    ovi.colorspace = VIDEO_CS_709;
    ovi.range = VIDEO_RANGE_PARTIAL;
    ovi.scale_type = OBS_SCALE_BICUBIC;
    const int video = obs_reset_video(&ovi);
    if (video != OBS_VIDEO_SUCCESS) {
        error = "obs_reset_video failed with code " + std::to_string(video);
        return false;
    }
    obs_audio_info oai = {};
    oai.samples_per_sec = 48000;
    oai.speakers = SPEAKERS_STEREO;
    if (!obs_reset_audio(&oai)) {
        error = "obs_reset_audio failed";
        return false;
    }

    if (!options.stagehand_module.empty() &&
        !open_module(options.stagehand_module, options.stagehand_data, error))
        return false;
    for (const std::string& name : options.stock_modules)
        if (!open_module(options.stock_plugin_dir + "/" + name + ".so",
                         options.stock_data_dir + "/" + name, error))
            return false;
    obs_post_load_modules();
    return true;
}

Image Headless::capture(std::uint32_t width, std::uint32_t height,
                        const std::function<void()>& draw) {
    return stagehand::capture(width, height, draw);
}

Image Headless::render(obs_source_t* source, std::uint32_t width, std::uint32_t height) {
    return capture(width, height, [source] { obs_source_video_render(source); });
}

Image Headless::render_when_ready(obs_source_t* source, std::uint32_t width, std::uint32_t height,
                                  std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    Image image = render(source, width, height);
    while (!image.any_coverage() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        image = render(source, width, height);
    }
    // One more frame after the first non-empty one: a source may fill in over two ticks.
    std::this_thread::sleep_for(std::chrono::milliseconds(70));
    return render(source, width, height);
}

bool Headless::wait_for_size(obs_source_t* source, std::chrono::milliseconds timeout) {
    return stagehand::wait_for_size(source, timeout);
}

} // namespace stagehand::offscreen
