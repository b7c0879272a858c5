#include "obs/overlay_sources.hpp"
#include "obs/settings_keys.hpp"

#include "core/text/text_layout.hpp"

#include <algorithm>
#include <cstring>

namespace stagehand {

namespace {

// OBS's font picker stores bold and italic as flags next to the face and style names.
constexpr long long kObsFontBold = 1 << 0;
constexpr long long kObsFontItalic = 1 << 1;

core::text::TextStyle text_style(obs_data_t* settings) {
    core::text::TextStyle style;
    obs_data_t* font = obs_data_get_obj(settings, keys::kFont);
    if (font) {
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
        obs_data_release(font);
    }
    style.color = core::from_obs_abgr(
        static_cast<std::uint32_t>(obs_data_get_int(settings, keys::kTextColor)));
    style.ligatures = obs_data_get_bool(settings, keys::kLigatures);
    style.tab_width =
        static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, keys::kTabWidth), 1, 16));
    style.wrap = false; // code keeps its lines; what does not fit is clipped
    style.line_height = 1.35f;
    return style;
}

void code_defaults(obs_data_t* settings) {
    obs_data_t* font = obs_data_create();
    obs_data_set_default_string(font, "face", "JetBrains Mono");
    obs_data_set_default_string(font, "style", "Regular");
    obs_data_set_default_int(font, "size", 28);
    obs_data_set_default_int(font, "flags", 0);
    obs_data_set_default_obj(settings, keys::kFont, font);
    obs_data_release(font);
    obs_data_set_default_string(settings, keys::kText, "");
    obs_data_set_default_int(settings, keys::kTextColor,
                             core::to_obs_abgr(core::Color{0.831f, 0.831f, 0.831f, 1.0f}));
    obs_data_set_default_double(settings, keys::kPadding, 28.0);
    obs_data_set_default_bool(settings, keys::kLigatures, true);
    obs_data_set_default_int(settings, keys::kTabWidth, 4);
    obs_data_set_default_int(settings, keys::kTextOutlineColor, 0xFF000000);
    obs_data_set_default_double(settings, keys::kTextOutlineWidth, 0.0);
    obs_data_set_default_int(settings, keys::kTextShadowColor, 0);
    obs_data_set_default_double(settings, keys::kTextShadowOffset, 2.0);
}

void code_properties(obs_properties_t* props) {
    obs_properties_add_text(props, keys::kText, obs_module_text("Code.Text"), OBS_TEXT_MULTILINE);
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

ContentJob prepare_code(obs_data_t* settings, const core::Rect& card) {
    const char* text = obs_data_get_string(settings, keys::kText);
    if (!text || !*text)
        return nullptr;
    const float padding = static_cast<float>(obs_data_get_double(settings, keys::kPadding));
    const core::Rect box{card.x + padding, card.y + padding, card.w - 2 * padding,
                         card.h - 2 * padding};
    if (box.w <= 0 || box.h <= 0)
        return nullptr;
    return [text = std::string(text), style = text_style(settings), fx = text_effects(settings),
            box](core::RenderList& list, std::vector<std::string>& warnings) {
        // One engine per thread: FreeType objects are never shared between threads.
        thread_local core::text::TextEngine engine;
        core::text::TextLayout layout = engine.layout(text, style, box.w, box.h);
        for (core::ShapeQuad& d : layout.decorations) {
            d.rect.x += box.x;
            d.rect.y += box.y;
            list.shapes.push_back(d);
        }
        list.glyphs.reserve(list.glyphs.size() + layout.glyphs.size());
        for (core::text::PositionedGlyph g : layout.glyphs) {
            g.x += box.x;
            g.y += box.y;
            list.glyphs.push_back(g);
        }
        list.text_effects = fx;
        warnings.insert(warnings.end(), layout.warnings.begin(), layout.warnings.end());
    };
}

} // namespace

// The code snippet overlay (stagehand_code): an editor-like dark card showing code. Today the
// text is plain (shaped, ligatures, any script); highlighting comes with the snippet model.
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
    };
    return kind;
}

} // namespace stagehand
