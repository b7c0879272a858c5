#include "obs/file_watches.hpp"
#include "obs/hotkeys.hpp"
#include "obs/obs_handles.hpp"
#include "obs/overlay_sources.hpp"

#include "core/base/error_report.hpp"
#include "core/slides/progress_view.hpp"

#include <obs-module.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace stagehand {

namespace {

constexpr const char* kLook = "look";                // bar, sections, dots, none
constexpr const char* kBarAtTop = "bar_at_top";      // the bar along the top edge
constexpr const char* kShowCounter = "show_counter"; // "12 / 40"
constexpr const char* kShowSection = "show_section"; // "Section 2 of 5: Deploying"
constexpr const char* kShowNext = "show_next";       // "Next: Q&A"
constexpr const char* kShowTimer = "show_timer";     // elapsed / planned and pace
constexpr const char* kSlidesFont = "slides_font";   // OBS font object
constexpr const char* kBarColor = "bar_color";
constexpr const char* kSlidesTextColor = "slides_text_color";
constexpr const char* kPositionFile = "position_file"; // a file holding "12/40" or "12"

void slides_defaults(obs_data_t* settings) {
    obs_data_set_default_string(settings, kLook, "sections");
    obs_data_set_default_bool(settings, kBarAtTop, false);
    obs_data_set_default_bool(settings, kShowCounter, true);
    obs_data_set_default_bool(settings, kShowSection, true);
    obs_data_set_default_bool(settings, kShowNext, false);
    obs_data_set_default_bool(settings, kShowTimer, true);
    obs::Data font(obs_data_create());
    obs_data_set_default_string(font.get(), "face", "sans-serif");
    obs_data_set_default_int(font.get(), "size", 22);
    obs_data_set_default_obj(settings, kSlidesFont, font.get());
    obs_data_set_default_int(settings, kBarColor,
                             core::to_obs_abgr(core::slides::ProgressStyle{}.bar));
    obs_data_set_default_int(settings, kSlidesTextColor,
                             core::to_obs_abgr(core::slides::ProgressStyle{}.text));
    obs_data_set_default_string(settings, kPositionFile, "");
}

void slides_properties(obs_properties_t* props) {
    obs_property_t* look = obs_properties_add_list(props, kLook, obs_module_text("Slides.Look"),
                                                   OBS_COMBO_TYPE_LIST, OBS_COMBO_FORMAT_STRING);
    for (const char* id : {"sections", "bar", "dots", "none"})
        obs_property_list_add_string(
            look, obs_module_text((std::string("Slides.Look.") + id).c_str()), id);
    obs_properties_add_bool(props, kBarAtTop, obs_module_text("Slides.BarAtTop"));
    obs_properties_add_bool(props, kShowCounter, obs_module_text("Slides.ShowCounter"));
    obs_properties_add_bool(props, kShowSection, obs_module_text("Slides.ShowSection"));
    obs_properties_add_bool(props, kShowNext, obs_module_text("Slides.ShowNext"));
    obs_properties_add_bool(props, kShowTimer, obs_module_text("Slides.ShowTimer"));
    obs_properties_add_font(props, kSlidesFont, obs_module_text("Slides.Font"));
    obs_properties_add_color_alpha(props, kBarColor, obs_module_text("Slides.BarColor"));
    obs_properties_add_color_alpha(props, kSlidesTextColor, obs_module_text("Slides.TextColor"));
    obs_property_t* file =
        obs_properties_add_path(props, kPositionFile, obs_module_text("Slides.PositionFile"),
                                OBS_PATH_FILE, nullptr, nullptr);
    obs_property_set_long_description(file, obs_module_text("Slides.PositionFile.Help"));
}

// What the overlay shows moves with the talk and, while the timer runs, once a second: the
// content is prepared again then, never every frame, and looked at again when the next second
// begins.
std::uint64_t slides_revision(obs_source_t*, std::int64_t& recheck_ms) {
    const auto controller = module_controller();
    const auto snapshot = controller ? controller->slides() : nullptr;
    if (!snapshot)
        return 0;
    const std::int64_t now = controller->now_ms();
    const auto& timer = snapshot->talk.timer();
    if (!timer.running())
        return snapshot->revision << 32;
    const std::int64_t elapsed = std::max<std::int64_t>(timer.elapsed_ms(now), 0);
    recheck_ms = 1000 - elapsed % 1000;
    return (snapshot->revision << 32) ^ static_cast<std::uint64_t>(elapsed / 1000);
}

// A watched position file applies each new content once, through the UI thread: this runs on
// OBS's video thread, which must not take the controller's locks. What was applied is kept per
// file (a file's versions only grow), so a source that follows another file, or a new source
// at a freed address, never mistakes one file's version for another's.
void follow_position_file(obs_source_t* source, const std::string& path) {
    static std::mutex mutex;
    static std::unordered_map<std::string, std::uint64_t> applied; // by path
    const core::code::FileSnapshot file = FileWatches::global().watch(path, source);
    if (!file.text)
        return;
    {
        std::lock_guard lock(mutex);
        std::uint64_t& seen = applied[path];
        if (seen == file.version)
            return;
        seen = file.version;
    }
    const auto position = core::slides::parse_position(*file.text);
    if (!position)
        return;
    auto* task = new control::SlidesSet{position->current, position->total, std::nullopt};
    obs_queue_task(
        OBS_TASK_UI,
        [](void* param) noexcept {
            std::unique_ptr<control::SlidesSet> set(static_cast<control::SlidesSet*>(param));
            core::run_guarded("following a position file", [&] {
                if (auto controller = module_controller())
                    controller->execute(*set);
            });
        },
        task, false);
}

ContentJob prepare_slides(obs_source_t* source, obs_data_t* settings, const core::Rect& card) {
    const std::string file = obs::get_string(settings, kPositionFile);
    if (file.empty())
        FileWatches::global().forget(source);
    else
        follow_position_file(source, file);
    const auto controller = module_controller();
    auto snapshot = controller ? controller->slides() : nullptr;
    const std::int64_t now = controller ? controller->now_ms() : 0;
    core::slides::ProgressStyle style;
    const std::string look = obs::get_string(settings, kLook);
    style.look = look == "bar"    ? core::slides::ProgressStyle::Look::bar
                 : look == "dots" ? core::slides::ProgressStyle::Look::dots
                 : look == "none" ? core::slides::ProgressStyle::Look::none
                                  : core::slides::ProgressStyle::Look::sections;
    style.bar_at_top = obs_data_get_bool(settings, kBarAtTop);
    style.counter = obs_data_get_bool(settings, kShowCounter);
    style.section = obs_data_get_bool(settings, kShowSection);
    style.next_up = obs_data_get_bool(settings, kShowNext);
    style.timer = obs_data_get_bool(settings, kShowTimer);
    if (obs::Data font{obs_data_get_obj(settings, kSlidesFont)}) {
        const std::string face = obs::get_string(font.get(), "face");
        if (!face.empty())
            style.family = face;
        style.text_px =
            static_cast<float>(std::clamp<long long>(obs_data_get_int(font.get(), "size"), 8, 200));
        style.bar_px = std::max(4.0f, style.text_px * 0.36f);
    }
    style.bar =
        core::from_obs_abgr(static_cast<std::uint32_t>(obs_data_get_int(settings, kBarColor)));
    style.text = core::from_obs_abgr(
        static_cast<std::uint32_t>(obs_data_get_int(settings, kSlidesTextColor)));
    return [snapshot = std::move(snapshot), now, style,
            card](core::PanelStyle&, core::RenderList& list, std::vector<std::string>& warnings) {
        if (!snapshot)
            return;
        core::text::TextEngine& engine = worker_text_engine();
        const auto status = snapshot->talk.status(now);
        const auto said = core::slides::build_progress_view(snapshot->talk.talk(), status, style,
                                                            card, engine, list);
        warnings.insert(warnings.end(), said.begin(), said.end());
    };
}

} // namespace

// The slide progress overlay (stagehand_slides): where the talk is (a bar by section, dots or a
// plain bar, the slide counter, the section) and whether it is on time.
const OverlayKind& slides_source_kind() {
    static const OverlayKind kind{
        "stagehand_slides",
        "Source.Slides",
        core::PanelStyle{
            .width = 1280,
            .height = 64,
            .background = core::Color{0.09f, 0.10f, 0.13f, 0.92f},
            .corner_radius = 12.0f,
            .shadow = core::Color{0.0f, 0.0f, 0.0f, 0.35f},
            .shadow_blur = 16.0f,
            .shadow_offset_y = 4.0f,
        },
        slides_defaults,
        slides_properties,
        prepare_slides,
        nullptr,
        slides_revision,
        false,
        "talk",
    };
    return kind;
}

} // namespace stagehand
