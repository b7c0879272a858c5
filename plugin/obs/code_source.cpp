#include "obs/file_watches.hpp"
#include "obs/hotkeys.hpp"
#include "obs/obs_code_sources.hpp"
#include "obs/obs_handles.hpp"
#include "obs/overlay_sources.hpp"
#include "obs/settings_keys.hpp"

#include "core/code/code_view.hpp"
#include "core/code/line_ranges.hpp"
#include "core/highlight/languages.hpp"
#include "core/highlight/theme.hpp"
#include "core/text/text_layout.hpp"

#include <algorithm>
#include <cstring>

namespace stagehand {

namespace {

// OBS's font picker stores bold and italic as flags next to the face and style names.
constexpr long long kObsFontBold = 1 << 0;
constexpr long long kObsFontItalic = 1 << 1;

std::string module_data_path() {
    const char* data = obs_get_module_data_path(obs_current_module());
    return data ? data : "";
}

core::text::TextStyle text_style(obs_data_t* settings) {
    core::text::TextStyle style;
    style.generic = "monospace"; // a code font that is not installed still keeps columns
    if (obs::Data owned{obs_data_get_obj(settings, keys::kFont)}) {
        obs_data_t* font = owned.get();
        const char* face = obs_data_get_string(font, "face");
        if (face && *face)
            style.family = face;
        const char* named_style = obs_data_get_string(font, "style");
        const long long flags = obs_data_get_int(font, "flags");
        style.weight =
            (flags & kObsFontBold) || (named_style && std::strstr(named_style, "Bold")) ? 700 : 400;
        style.italic =
            (flags & kObsFontItalic) || (named_style && (std::strstr(named_style, "Italic") ||
                                                         std::strstr(named_style, "Oblique")));
        style.size_px =
            static_cast<float>(std::clamp<long long>(obs_data_get_int(font, "size"), 4, 400));
    }
    style.color = core::from_obs_abgr(
        static_cast<std::uint32_t>(obs_data_get_int(settings, keys::kTextColor)));
    style.ligatures = obs_data_get_bool(settings, keys::kLigatures);
    style.tab_width =
        static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, keys::kTabWidth), 1, 16));
    style.wrap = false; // the code view wraps (or clips) by its own wrap setting
    style.line_height = 1.35f;
    return style;
}

void code_defaults(obs_data_t* settings) {
    obs::Data font(obs_data_create());
    obs_data_set_default_string(font.get(), "face", "JetBrains Mono");
    obs_data_set_default_string(font.get(), "style", "Regular");
    obs_data_set_default_int(font.get(), "size", 28);
    obs_data_set_default_int(font.get(), "flags", 0);
    obs_data_set_default_obj(settings, keys::kFont, font.get());
    obs_data_set_default_string(settings, keys::kText, "");
    obs_data_set_default_string(settings, keys::kFile, "");
    obs_data_set_default_int(settings, keys::kTextColor,
                             core::to_obs_abgr(core::Color{0.831f, 0.831f, 0.831f, 1.0f}));
    obs_data_set_default_double(settings, keys::kPadding, 28.0);
    obs_data_set_default_bool(settings, keys::kLigatures, true);
    obs_data_set_default_int(settings, keys::kTabWidth, 4);
    obs_data_set_default_string(settings, keys::kLanguage, "auto");
    obs_data_set_default_string(settings, keys::kTheme, "dark-plus");
    obs_data_set_default_bool(settings, keys::kLineNumbers, true);
    obs_data_set_default_bool(settings, keys::kWindowChrome, true);
    obs_data_set_default_bool(settings, keys::kFit, false);
    obs_data_set_default_bool(settings, keys::kWrap, false);
    obs_data_set_default_string(settings, keys::kTitle, "");
    obs_data_set_default_string(settings, keys::kFocus, "");
    obs_data_set_default_string(settings, keys::kSteps, "");
    obs_data_set_default_int(settings, keys::kStep, 1);
    for (const char* key : {keys::kAdded, keys::kRemoved, keys::kMarked})
        obs_data_set_default_string(settings, key, "");
    obs_data_set_default_int(settings, keys::kTextOutlineColor, 0xFF000000);
    obs_data_set_default_double(settings, keys::kTextOutlineWidth, 0.0);
    obs_data_set_default_int(settings, keys::kTextShadowColor, 0);
    obs_data_set_default_double(settings, keys::kTextShadowOffset, 2.0);
}

void code_properties(obs_properties_t* props) {
    obs_properties_add_text(props, keys::kText, obs_module_text("Code.Text"), OBS_TEXT_MULTILINE);
    obs_properties_add_path(props, keys::kFile, obs_module_text("Code.File"), OBS_PATH_FILE,
                            nullptr, nullptr);
    obs_property_t* language =
        obs_properties_add_list(props, keys::kLanguage, obs_module_text("Code.Language"),
                                OBS_COMBO_TYPE_LIST, OBS_COMBO_FORMAT_STRING);
    obs_property_list_add_string(language, obs_module_text("Code.Language.Auto"), "auto");
    for (const auto& l : core::highlight::languages())
        obs_property_list_add_string(language, std::string(l.name).c_str(),
                                     std::string(l.id).c_str());
    obs_property_t* theme =
        obs_properties_add_list(props, keys::kTheme, obs_module_text("Code.Theme"),
                                OBS_COMBO_TYPE_LIST, OBS_COMBO_FORMAT_STRING);
    // Properties are built on the UI thread, where reading the theme folder is fine.
    for (const auto& entry : core::highlight::list_themes(module_data_path() + "/themes"))
        obs_property_list_add_string(theme, entry.name.c_str(), entry.id.c_str());
    obs_property_list_add_string(theme, obs_module_text("Theme.custom"), "custom");
    obs_properties_add_bool(props, keys::kLineNumbers, obs_module_text("Code.LineNumbers"));
    obs_properties_add_bool(props, keys::kWindowChrome, obs_module_text("Code.WindowChrome"));
    obs_properties_add_bool(props, keys::kWrap, obs_module_text("Code.Wrap"));
    obs_properties_add_bool(props, keys::kFit, obs_module_text("Code.Fit"));
    obs_properties_add_text(props, keys::kTitle, obs_module_text("Code.Title"), OBS_TEXT_DEFAULT);
    obs_property_t* focus = obs_properties_add_text(
        props, keys::kFocus, obs_module_text("Code.Focus"), OBS_TEXT_DEFAULT);
    obs_property_set_long_description(focus, obs_module_text("Code.Focus.Help"));
    obs_property_t* steps = obs_properties_add_text(
        props, keys::kSteps, obs_module_text("Code.Steps"), OBS_TEXT_DEFAULT);
    obs_property_set_long_description(steps, obs_module_text("Code.Steps.Help"));
    // No Step here: where the walk through the steps is lives in the control layer (the dock,
    // hotkeys and remote requests move it), not in the scene collection.
    obs_properties_add_text(props, keys::kAdded, obs_module_text("Code.Added"), OBS_TEXT_DEFAULT);
    obs_properties_add_text(props, keys::kRemoved, obs_module_text("Code.Removed"),
                            OBS_TEXT_DEFAULT);
    obs_properties_add_text(props, keys::kMarked, obs_module_text("Code.Marked"), OBS_TEXT_DEFAULT);
    obs_properties_add_font(props, keys::kFont, obs_module_text("Code.Font"));
    obs_properties_add_color_alpha(props, keys::kTextColor, obs_module_text("Code.TextColor"));
    obs_properties_add_bool(props, keys::kLigatures, obs_module_text("Code.Ligatures"));
    obs_properties_add_int(props, keys::kTabWidth, obs_module_text("Code.TabWidth"), 1, 16, 1);
    obs_properties_add_float_slider(props, keys::kPadding, obs_module_text("Code.Padding"), 0.0,
                                    200.0, 1.0);
    obs_properties_add_color_alpha(props, keys::kTextOutlineColor,
                                   obs_module_text("Text.OutlineColor"));
    obs_properties_add_float_slider(props, keys::kTextOutlineWidth,
                                    obs_module_text("Text.OutlineWidth"), 0.0, 10.0, 0.25);
    obs_properties_add_color_alpha(props, keys::kTextShadowColor,
                                   obs_module_text("Text.ShadowColor"));
    obs_properties_add_float_slider(props, keys::kTextShadowOffset,
                                    obs_module_text("Text.ShadowOffset"), 0.0, 20.0, 0.5);
}

core::TextEffects text_effects(obs_data_t* settings) {
    core::TextEffects fx;
    fx.outline = core::from_obs_abgr(
        static_cast<std::uint32_t>(obs_data_get_int(settings, keys::kTextOutlineColor)));
    fx.outline_width = static_cast<float>(obs_data_get_double(settings, keys::kTextOutlineWidth));
    fx.shadow = core::from_obs_abgr(
        static_cast<std::uint32_t>(obs_data_get_int(settings, keys::kTextShadowColor)));
    fx.shadow_x = fx.shadow_y =
        static_cast<float>(obs_data_get_double(settings, keys::kTextShadowOffset));
    return fx;
}

std::string theme_path(const std::string& id) {
    // The module's data folder plus the file name: no file system access here (this runs on
    // OBS's video thread); the worker reads the file.
    return module_data_path() + "/themes/" + id + ".json";
}

// This source's live step and focus moved on: its content is prepared again. Asked after a
// publish: a pointer copy and a map lookup by the source's own name (no copy of it).
std::uint64_t code_revision(obs_source_t* source, std::int64_t&) {
    const auto controller = module_controller();
    if (!controller)
        return 0;
    // Held while it is read: a step published meanwhile may drop the last other reference.
    const std::shared_ptr<const control::CodeLive> snapshot = controller->code_live();
    const auto* live = snapshot->find(code_source_key_view(source));
    return live ? live->revision : 0;
}

ContentJob prepare_code(obs_source_t* source, obs_data_t* settings, const core::Rect& card) {
    // The text comes from the watched file when one is set, else from the text setting.
    const std::string file = obs_data_get_string(settings, keys::kFile);
    std::vector<std::string> setting_errors;
    std::shared_ptr<const std::string> file_text;
    if (file.empty()) {
        FileWatches::global().forget(source);
    } else {
        const core::code::FileSnapshot snapshot = FileWatches::global().watch(file, source);
        file_text = snapshot.text;
        if (!snapshot.error.empty())
            setting_errors.push_back(snapshot.error);
        if (!file_text)
            return [setting_errors](core::PanelStyle&, core::RenderList&,
                                    std::vector<std::string>& warnings) {
                warnings.insert(warnings.end(), setting_errors.begin(), setting_errors.end());
            };
    }
    // The file's text is shared, not copied: this runs on OBS's video thread and a followed
    // file can be megabytes. The worker makes the copy the view needs.
    std::shared_ptr<const std::string> source_text = file_text;
    if (!source_text) {
        const char* typed = obs_data_get_string(settings, keys::kText);
        source_text = std::make_shared<const std::string>(typed ? typed : "");
    }
    if (source_text->empty())
        return nullptr;
    const float padding = static_cast<float>(obs_data_get_double(settings, keys::kPadding));
    core::code::CodeView view;
    view.language = obs_data_get_string(settings, keys::kLanguage);
    if (!file.empty() && (view.language.empty() || view.language == "auto"))
        if (const auto* by_extension = core::highlight::language_for_path(file))
            view.language = std::string(by_extension->id);
    view.style = text_style(settings);
    view.line_numbers = obs_data_get_bool(settings, keys::kLineNumbers);
    view.window_chrome = obs_data_get_bool(settings, keys::kWindowChrome);
    view.fit = obs_data_get_bool(settings, keys::kFit);
    view.wrap = obs_data_get_bool(settings, keys::kWrap);
    // Legibility is judged at the output: a 1080p canvas streamed at 720p shrinks text by a third.
    obs_video_info video{};
    if (obs_get_video_info(&video) && video.base_height > 0)
        view.output_scale =
            static_cast<float>(video.output_height) / static_cast<float>(video.base_height);
    view.min_legible_px = 16.0f;
    view.title = obs_data_get_string(settings, keys::kTitle);
    if (view.title.empty() && !file.empty())
        view.title = file.substr(file.find_last_of("/\\") + 1);
    view.box =
        core::Rect{card.x + padding, card.y + padding, card.w - 2 * padding, card.h - 2 * padding};
    if (view.box.w <= 0 || view.box.h <= 0)
        return nullptr;
    // The line-range settings as typed; the worker parses them (nothing is parsed here, on
    // OBS's video thread).
    struct Ranges {
        std::string focus, steps, added, removed, marked;
    } ranges{
        obs_data_get_string(settings, keys::kFocus), obs_data_get_string(settings, keys::kSteps),
        obs_data_get_string(settings, keys::kAdded), obs_data_get_string(settings, keys::kRemoved),
        obs_data_get_string(settings, keys::kMarked)};
    // The step and focus live in the control layer (a published snapshot: a pointer copy); an
    // older version kept the step in the settings, which counts until the first step here.
    long long step = obs_data_get_int(settings, keys::kStep);
    if (const auto controller = module_controller()) {
        // Held while it is read (the find's result points into it): a step published meanwhile
        // may drop the last other reference, and the focus is a string copied out of it.
        const std::shared_ptr<const control::CodeLive> snapshot = controller->code_live();
        if (const auto* live = snapshot->find(code_source_key_view(source))) {
            step = live->step;
            if (live->focus)
                ranges.focus = *live->focus;
        }
    }
    view.step = static_cast<std::size_t>(std::max<long long>(step, 1) - 1);
    const std::string theme = obs_data_get_string(settings, keys::kTheme);
    std::string path;
    if (!theme.empty() && theme != "custom") {
        if (core::highlight::is_theme_id(theme))
            path = theme_path(theme);
        else
            setting_errors.push_back("theme \"" + theme.substr(0, 64) +
                                     "\": expected a theme name like dark-plus");
    }
    return [view = std::move(view), source_text, fx = text_effects(settings), path, theme,
            setting_errors, ranges](core::PanelStyle& panel, core::RenderList& list,
                                    std::vector<std::string>& warnings) mutable {
        warnings.insert(warnings.end(), setting_errors.begin(), setting_errors.end());
        std::string error;
        auto parse_set = [&](const char* key, const std::string& text, core::code::LineSet& set) {
            if (auto parsed = core::code::parse_line_set(text, error))
                set = std::move(*parsed);
            else
                warnings.push_back(std::string(key) + " " + error);
        };
        parse_set(keys::kFocus, ranges.focus, view.focus);
        if (auto steps = core::code::parse_steps(ranges.steps, error))
            view.steps = std::move(*steps);
        else
            warnings.push_back("steps: " + error);
        parse_set(keys::kAdded, ranges.added, view.added);
        parse_set(keys::kRemoved, ranges.removed, view.removed);
        parse_set(keys::kMarked, ranges.marked, view.marked);
        view.text = *source_text;
        // One of each per thread: FreeType and tree-sitter objects are never shared.
        core::text::TextEngine& engine = worker_text_engine();
        thread_local core::highlight::Highlighter highlighter;
        if (!path.empty()) {
            std::string why;
            if (auto cached = core::highlight::ThemeCache::global().load(path, theme, why))
                view.theme = *cached;
            else
                warnings.push_back("theme \"" + theme + "\": " + why);
        }
        if (view.theme)
            panel.background = view.theme->background;
        core::code::build_code_view(view, engine, highlighter, list, warnings);
        list.text_effects = fx;
    };
}

} // namespace

// The code snippet overlay (stagehand_code): highlighted code on an editor-like card, in a
// theme, with line numbers.
const OverlayKind& code_source_kind() {
    static const OverlayKind kind{
        "stagehand_code",
        "Source.Code",
        core::PanelStyle{
            .width = 960,
            .height = 540,
            .background = core::Color{0.118f, 0.118f, 0.118f, 1.0f},
            .corner_radius = 16.0f,
            .border = core::Color{1.0f, 1.0f, 1.0f, 0.08f},
            .border_width = 1.0f,
            .shadow = core::Color{0.0f, 0.0f, 0.0f, 0.45f},
            .shadow_blur = 32.0f,
            .shadow_offset_y = 8.0f,
        },
        code_defaults,
        code_properties,
        prepare_code,
        register_code_step_hotkeys,
        code_revision,
        false,
        "code",
        "stagehand-code",
    };
    return kind;
}

} // namespace stagehand
