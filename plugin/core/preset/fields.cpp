#include "core/preset/preset.hpp"

// The look settings a preset holds, one line each: the one place a new look setting is added.
// Ranges are the properties window's.
namespace stagehand::core::preset {

namespace {

void add_card(std::vector<Field>& f, Overlay o) {
    f.push_back({o, "card/width", Kind::integer, 16, 16384, {}, 0, "width", "card width (px)"});
    f.push_back({o, "card/height", Kind::integer, 16, 16384, {}, 0, "height", "card height (px)"});
    f.push_back(
        {o, "card/background", Kind::color, 0, 0, {}, 0, "background_color", "card colour"});
    f.push_back({o,
                 "card/corner_radius",
                 Kind::number,
                 0,
                 200,
                 {},
                 0,
                 "corner_radius",
                 "corner radius (px)"});
    f.push_back({o, "card/border", Kind::color, 0, 0, {}, 0, "border_color", "border colour"});
    f.push_back(
        {o, "card/border_width", Kind::number, 0, 40, {}, 0, "border_width", "border width (px)"});
    f.push_back({o, "card/shadow", Kind::color, 0, 0, {}, 0, "shadow_color", "shadow colour"});
    f.push_back({o,
                 "card/shadow_blur",
                 Kind::number,
                 0,
                 200,
                 {},
                 0,
                 "shadow_blur",
                 "shadow softness (px)"});
    f.push_back({o,
                 "card/shadow_offset",
                 Kind::number,
                 0,
                 100,
                 {},
                 0,
                 "shadow_offset",
                 "shadow drop (px)"});
    f.push_back({o,
                 "card/transition_ms",
                 Kind::integer,
                 0,
                 2000,
                 {},
                 0,
                 "transition_ms",
                 "content transition (ms; 0 cuts)"});
    f.push_back(
        {o, "card/morph", Kind::boolean, 0, 0, {}, 0, "morph", "text glides to its new place"});
}

void add_font(std::vector<Field>& f, Overlay o, const std::string& setting) {
    f.push_back({o, "font/face", Kind::text, 0, 0, {}, 200, setting + ".face", "font family"});
    f.push_back({o,
                 "font/style",
                 Kind::text,
                 0,
                 0,
                 {},
                 100,
                 setting + ".style",
                 "font style (Regular, Bold)"});
    f.push_back({o,
                 "font/size",
                 Kind::number,
                 6,
                 400,
                 {},
                 0,
                 setting + ".size",
                 "font size (px at the canvas' resolution)"});
}

std::vector<Field> make_fields() {
    std::vector<Field> f;
    const auto c = Overlay::code;
    add_card(f, c);
    add_font(f, c, "font");
    f.push_back({c, "text", Kind::color, 0, 0, {}, 0, "text_color", "plain text colour"});
    f.push_back({c, "padding", Kind::number, 0, 200, {}, 0, "padding", "space inside the card"});
    f.push_back({c, "ligatures", Kind::boolean, 0, 0, {}, 0, "ligatures", "font ligatures"});
    f.push_back({c, "tab_width", Kind::integer, 1, 16, {}, 0, "tab_width", "spaces a tab takes"});
    f.push_back({c, "outline", Kind::color, 0, 0, {}, 0, "text_outline_color", "text outline"});
    f.push_back({c,
                 "outline_width",
                 Kind::number,
                 0,
                 10,
                 {},
                 0,
                 "text_outline_width",
                 "text outline width (px)"});
    f.push_back({c, "text_shadow", Kind::color, 0, 0, {}, 0, "text_shadow_color", "text shadow"});
    f.push_back({c,
                 "text_shadow_offset",
                 Kind::number,
                 0,
                 20,
                 {},
                 0,
                 "text_shadow_offset",
                 "text shadow offset (px)"});
    f.push_back({c,
                 "theme",
                 Kind::text,
                 0,
                 0,
                 {},
                 64,
                 "theme",
                 "a code theme's name (dark-plus, github-light, ...)"});
    f.push_back({c, "line_numbers", Kind::boolean, 0, 0, {}, 0, "line_numbers", "line numbers"});
    f.push_back({c,
                 "window_chrome",
                 Kind::boolean,
                 0,
                 0,
                 {},
                 0,
                 "window_chrome",
                 "title bar with window dots"});
    f.push_back({c, "wrap", Kind::boolean, 0, 0, {}, 0, "wrap", "long lines wrap"});
    f.push_back({c, "fit", Kind::boolean, 0, 0, {}, 0, "fit", "shrink the font to fit"});

    const auto s = Overlay::slides;
    add_card(f, s);
    add_font(f, s, "slides_font");
    f.push_back({s,
                 "look",
                 Kind::choice,
                 0,
                 0,
                 {"sections", "bar", "dots", "none"},
                 0,
                 "look",
                 "how progress is drawn"});
    f.push_back({s, "bar", Kind::color, 0, 0, {}, 0, "bar_color", "progress colour"});
    f.push_back({s, "text", Kind::color, 0, 0, {}, 0, "slides_text_color", "text colour"});
    f.push_back({s, "bar_at_top", Kind::boolean, 0, 0, {}, 0, "bar_at_top", "bar on top"});
    f.push_back({s, "show_counter", Kind::boolean, 0, 0, {}, 0, "show_counter", "12 / 40"});
    f.push_back({s, "show_section", Kind::boolean, 0, 0, {}, 0, "show_section", "the section"});
    f.push_back({s, "show_next", Kind::boolean, 0, 0, {}, 0, "show_next", "the next section"});
    f.push_back({s, "show_timer", Kind::boolean, 0, 0, {}, 0, "show_timer", "timer and pace"});

    const auto q = Overlay::question;
    add_card(f, q);
    add_font(f, q, "question_font");
    f.push_back({q, "text", Kind::color, 0, 0, {}, 0, "question_color", "question colour"});
    f.push_back({q, "author", Kind::color, 0, 0, {}, 0, "author_color", "author name colour"});
    f.push_back({q, "show_number", Kind::boolean, 0, 0, {}, 0, "show_number", "#7"});
    f.push_back({q, "show_waiting", Kind::boolean, 0, 0, {}, 0, "show_waiting", "3 more waiting"});
    return f;
}

} // namespace

const std::vector<Field>& fields() {
    static const std::vector<Field> all = make_fields();
    return all;
}

const Field* find_field(Overlay overlay, std::string_view path) {
    for (const auto& f : fields())
        if (f.overlay == overlay && f.path == path)
            return &f;
    return nullptr;
}

const char* to_string(Overlay overlay) {
    switch (overlay) {
    case Overlay::code:
        return "code";
    case Overlay::slides:
        return "slides";
    case Overlay::question:
        return "question";
    }
    return "code";
}

} // namespace stagehand::core::preset
