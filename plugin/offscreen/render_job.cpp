#include "offscreen/render_job.hpp"

#include "offscreen/headless.hpp"
#include "offscreen/preset_render.hpp"

#include <util/base.h>

#include <cstdarg>
#include <cstdio>

namespace stagehand::offscreen {

namespace {

// libobs logs every module it loads; a command-line tool shows its warnings and errors only.
void quiet_log(int level, const char* format, va_list args, void* verbose) {
    if (level > LOG_WARNING && !*static_cast<bool*>(verbose))
        return;
    std::vfprintf(stderr, format, args);
    std::fputc('\n', stderr);
}

} // namespace

std::string run_render_job(const RenderJob& job) {
    std::optional<Size> size;
    if (!job.size.empty() && !(size = parse_size(job.size)))
        return "--size: expected WIDTHxHEIGHT in pixels (16 to 16384 each), got \"" + job.size +
               "\"";
    static bool verbose = false;
    verbose = job.verbose;
    base_set_log_handler(quiet_log, &verbose);
    Headless obs;
    Headless::Options options;
    options.stagehand_module = job.module;
    options.stagehand_data = job.data;
    std::string error;
    if (!obs.start(options, error))
        return "could not start libobs: " + error;
    Content content;
    content.code_file = job.code_file;
    content.language = job.language;
    content.question = job.question;
    content.author = job.author;
    content.slide = job.slide;
    content.total = job.total;
    content.talk_file = job.talk_file;
    const Image image = job.overlay
                            ? render_overlay(obs, job.preset, *job.overlay, content, size, error)
                            : render_stage(obs, job.preset, content, job.scale, error);
    if (image.empty() || !error.empty())
        return error.empty() ? "nothing was drawn" : error;
    if (!save_png(image, job.out))
        return "could not write " + job.out;
    return {};
}

} // namespace stagehand::offscreen
