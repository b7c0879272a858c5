#include "offscreen/preset_render.hpp"

#include "core/base/bounded_file.hpp"
#include "core/highlight/languages.hpp"
#include "obs/look_settings.hpp"

#include <callback/calldata.h>
#include <callback/proc.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

namespace stagehand::offscreen {

namespace {

using core::preset::Overlay;
using core::preset::Preset;

constexpr std::uint64_t kMaxCodeBytes = 5u << 20; // as the code source follows a file

// The module's control layer, called as a script calls it (the stagehand_request procedure).
nlohmann::json request(const char* name, const nlohmann::json& data) {
    calldata_t cd;
    calldata_init(&cd);
    calldata_set_string(&cd, "request", name);
    calldata_set_string(&cd, "data", data.dump().c_str());
    nlohmann::json answer = {{"ok", false}, {"error", "the Stagehand module is not loaded"}};
    if (proc_handler_call(obs_get_proc_handler(), "stagehand_request", &cd))
        answer = nlohmann::json::parse(calldata_string(&cd, "response"), nullptr, false);
    calldata_free(&cd);
    return answer;
}

bool succeeded(const nlohmann::json& answer, const char* what, std::string& error) {
    if (answer.is_object() && answer.value("ok", false))
        return true;
    error = std::string(what) + ": " +
            (answer.is_object() ? answer.value("error", "no answer") : "no answer");
    return false;
}

std::optional<Size> size_for(const Preset& preset, Overlay overlay, std::optional<Size> asked) {
    if (asked)
        return asked;
    if (const auto placed = preset.stage.find(overlay);
        placed != preset.stage.end() && placed->second.width > 0 && placed->second.height > 0)
        return Size{static_cast<std::uint32_t>(placed->second.width),
                    static_cast<std::uint32_t>(placed->second.height)};
    return std::nullopt; // the look's card size, else the source's default
}

// The overlay's source with the preset's look, the content's settings, no transitions; the
// module's state (featured question, slide) set as the content says.
obs::SourceRef make_overlay(const Preset& preset, Overlay overlay, const Content& content,
                            std::optional<Size> size, std::string& error) {
    control::LookValues look;
    if (const auto found = preset.looks.find(overlay); found != preset.looks.end())
        look = found->second;
    if (size) {
        look["card/width"] = static_cast<long long>(size->width);
        look["card/height"] = static_cast<long long>(size->height);
    }
    obs::Data settings = look_settings(overlay, look);
    obs_data_set_int(settings.get(), "transition_ms", 0); // a still: the final frame at once
    switch (overlay) {
    case Overlay::code: {
        // The file's text as the text setting, the file's name as the title and its language
        // as a followed file would have them: the same drawing without waiting for the file
        // watcher's first look.
        const core::FileRead read = core::read_bounded_file(content.code_file, kMaxCodeBytes);
        if (!read.text) {
            error = content.code_file + ": " + read.error;
            return nullptr;
        }
        std::string language = content.language;
        if (language.empty() || language == "auto")
            if (const auto* by_extension = core::highlight::language_for_path(content.code_file))
                language = std::string(by_extension->id);
        obs_data_set_string(settings.get(), "text", read.text->c_str());
        obs_data_set_string(settings.get(), "language", language.c_str());
        obs_data_set_string(settings.get(), "title",
                            std::filesystem::path(content.code_file).filename().string().c_str());
        break;
    }
    case Overlay::question: {
        const auto added =
            request("question_add", {{"text", content.question}, {"label", content.author}});
        if (!succeeded(added, "question_add", error))
            return nullptr;
        if (!succeeded(request("question_feature", {{"id", added.value("id", 0)}}),
                       "question_feature", error))
            return nullptr;
        break;
    }
    case Overlay::slides:
        if (!content.talk_file.empty() &&
            !succeeded(request("talk_load", {{"file", content.talk_file}}), "talk_load", error))
            return nullptr;
        if (!succeeded(
                request("slides_set", {{"current", content.slide}, {"total", content.total}}),
                "slides_set", error))
            return nullptr;
        break;
    }
    obs::SourceRef source(obs_source_create_private(overlay_source_id(overlay),
                                                    "stagehand-cli render", settings.get()));
    if (!source)
        error = std::string("libobs did not make a ") + overlay_source_id(overlay) + " source";
    return source;
}

} // namespace

std::optional<Size> parse_size(const std::string& text) {
    const auto x = text.find('x');
    if (x == std::string::npos)
        return std::nullopt;
    Size size;
    const auto parse = [](std::string_view part, std::uint32_t& out) {
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return ec == std::errc() && end == part.data() + part.size() && out >= 16 && out <= 16384;
    };
    const std::string_view all(text);
    if (!parse(all.substr(0, x), size.width) || !parse(all.substr(x + 1), size.height))
        return std::nullopt;
    return size;
}

Image render_overlay(Headless& obs, const Preset& preset, Overlay overlay, const Content& content,
                     std::optional<Size> size, std::string& error) {
    obs::SourceRef source =
        make_overlay(preset, overlay, content, size_for(preset, overlay, size), error);
    if (!source)
        return {};
    if (!obs.wait_for_size(source.get())) {
        error = "the source never took a size";
        return {};
    }
    const std::uint32_t width = obs_source_get_width(source.get());
    const std::uint32_t height = obs_source_get_height(source.get());
    Image image = settled([&] { return obs.render(source.get(), width, height); });
    if (!image.any_coverage())
        error = "the source drew nothing";
    return image;
}

Image render_stage(Headless& obs, const Preset& preset, const Content& content, double scale,
                   std::string& error) {
    obs_scene_t* scene = obs_scene_create_private("stagehand-cli stage");
    if (!scene) {
        error = "libobs did not make a scene";
        return {};
    }
    std::vector<obs::SourceRef> sources;
    for (const auto& [overlay, placement] : preset.stage) {
        if (overlay == Overlay::code && content.code_file.empty())
            continue;
        if (overlay == Overlay::question && content.question.empty())
            continue;
        if (overlay == Overlay::slides && content.total <= 0)
            continue;
        obs::SourceRef source = make_overlay(preset, overlay, content,
                                             Size{static_cast<std::uint32_t>(placement.width),
                                                  static_cast<std::uint32_t>(placement.height)},
                                             error);
        if (!source) {
            obs_scene_release(scene);
            return {};
        }
        if (obs_sceneitem_t* item = obs_scene_add(scene, source.get())) {
            vec2 position;
            vec2_set(&position, static_cast<float>(placement.x), static_cast<float>(placement.y));
            obs_sceneitem_set_pos(item, &position);
        }
        sources.push_back(std::move(source));
    }
    obs_source_t* stage = obs_scene_get_source(scene);
    const auto width = static_cast<std::uint32_t>(1920 * scale + 0.5);
    const auto height = static_cast<std::uint32_t>(1080 * scale + 0.5);
    Image image = settled([&] {
        return obs.capture(width, height, [&] {
            gs_matrix_push();
            gs_matrix_scale3f(static_cast<float>(scale), static_cast<float>(scale), 1.0f);
            obs_source_video_render(stage);
            gs_matrix_pop();
        });
    });
    obs_scene_release(scene);
    if (!image.any_coverage())
        error = "the stage drew nothing";
    return image;
}

} // namespace stagehand::offscreen
