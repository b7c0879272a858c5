#include "obs/hotkeys.hpp"
#include "obs/obs_handles.hpp"
#include "obs/overlay_sources.hpp"

#include "core/base/color.hpp"
#include "core/questions/question_card.hpp"

#include <obs-module.h>

#include <algorithm>

namespace stagehand {

namespace {

constexpr const char* kQuestionFont = "question_font";   // OBS font object: face, size
constexpr const char* kShowNumber = "show_number";       // "#7", the number viewers vote with
constexpr const char* kShowWaiting = "show_waiting";     // "3 more waiting"
constexpr const char* kQuestionColor = "question_color"; // the question's text colour
constexpr const char* kAuthorColor = "author_color";     // the author's name above it

void question_defaults(obs_data_t* settings) {
    obs::Data font(obs_data_create());
    obs_data_set_default_string(font.get(), "face", "sans-serif");
    obs_data_set_default_int(font.get(), "size", 40);
    obs_data_set_default_obj(settings, kQuestionFont, font.get());
    obs_data_set_default_bool(settings, kShowNumber, true);
    obs_data_set_default_bool(settings, kShowWaiting, false);
    obs_data_set_default_int(settings, kQuestionColor, 0xFFFFFFFF);
    obs_data_set_default_int(settings, kAuthorColor,
                             core::to_obs_abgr(core::questions::QuestionCardStyle{}.author));
}

void question_properties(obs_properties_t* props) {
    obs_properties_add_font(props, kQuestionFont, obs_module_text("Question.Font"));
    obs_properties_add_color_alpha(props, kQuestionColor, obs_module_text("Question.Color"));
    obs_properties_add_color_alpha(props, kAuthorColor, obs_module_text("Question.AuthorColor"));
    obs_properties_add_bool(props, kShowNumber, obs_module_text("Question.ShowNumber"));
    obs_properties_add_bool(props, kShowWaiting, obs_module_text("Question.ShowWaiting"));
}

// The featured question's revision: the source prepares its content again when it moves.
std::uint64_t featured_revision(obs_source_t*, std::int64_t&) {
    const auto controller = module_controller();
    const auto featured = controller ? controller->featured_question() : nullptr;
    return featured ? featured->revision + 1 : 0;
}

ContentJob prepare_question(obs_source_t*, obs_data_t* settings, const core::Rect& card) {
    const auto controller = module_controller();
    auto featured = controller ? controller->featured_question() : nullptr;
    core::questions::QuestionCardStyle style;
    if (obs::Data font{obs_data_get_obj(settings, kQuestionFont)}) {
        const std::string face = obs::get_string(font.get(), "face");
        if (!face.empty())
            style.family = face;
        style.text_px =
            static_cast<float>(std::clamp<long long>(obs_data_get_int(font.get(), "size"), 8, 300));
        style.author_px = std::max(12.0f, style.text_px * 0.6f);
        style.min_text_px = std::min(style.text_px, 18.0f);
    }
    style.text =
        core::from_obs_abgr(static_cast<std::uint32_t>(obs_data_get_int(settings, kQuestionColor)));
    style.author =
        core::from_obs_abgr(static_cast<std::uint32_t>(obs_data_get_int(settings, kAuthorColor)));
    style.show_number = obs_data_get_bool(settings, kShowNumber);
    style.show_waiting = obs_data_get_bool(settings, kShowWaiting);
    // Values only: the worker lays the question out.
    return [featured = std::move(featured), style, card](core::PanelStyle& panel,
                                                         core::RenderList& list,
                                                         std::vector<std::string>& warnings) {
        list.instant = featured && featured->instant;
        if (!featured || !featured->question) {
            panel.hidden = true; // nothing featured: nothing on screen, not even the card
            return;
        }
        core::text::TextEngine& engine = worker_text_engine();
        const auto said = core::questions::build_question_card(
            *featured->question, featured->waiting, style, card, engine, list);
        warnings.insert(warnings.end(), said.begin(), said.end());
    };
}

} // namespace

// The live question overlay (stagehand_question): a lower-third card for the question the
// presenter features, sliding in and out; nothing at all while none is featured.
const OverlayKind& question_source_kind() {
    static const OverlayKind kind{
        "stagehand_question",
        "Source.Question",
        core::PanelStyle{
            .width = 800,
            .height = 200,
            .background = core::Color{0.16f, 0.17f, 0.27f, 0.96f},
            .corner_radius = 20.0f,
            .border = core::Color{0.39f, 0.55f, 1.0f, 1.0f},
            .border_width = 3.0f,
            .shadow = core::Color{0.0f, 0.0f, 0.0f, 0.4f},
            .shadow_blur = 24.0f,
            .shadow_offset_y = 6.0f,
        },
        question_defaults,
        question_properties,
        prepare_question,
        nullptr,
        featured_revision,
        true,
        "questions",
    };
    return kind;
}

} // namespace stagehand
