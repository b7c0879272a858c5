#include "core/preset/accessibility.hpp"

#include "core/questions/question_look.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace stagehand::core::preset {

namespace {

double linear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double encoded(double c) {
    c = std::clamp(c, 0.0, 1.0);
    return c <= 0.0031308 ? c * 12.92 : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}

std::string ratio_text(double ratio) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f:1", std::floor(ratio * 10) / 10);
    return buffer;
}

std::string hex_rgb(const Color& c) {
    return to_hex(Color{c.r, c.g, c.b, 1.0f}).substr(0, 7);
}

const Color* color_at(const std::map<std::string, Value>& look, const std::string& path) {
    const auto it = look.find(path);
    return it == look.end() ? nullptr : std::get_if<Color>(&it->second);
}

const double* number_at(const std::map<std::string, Value>& look, const std::string& path) {
    const auto it = look.find(path);
    return it == look.end() ? nullptr : std::get_if<double>(&it->second);
}

// The colour nearest `text` (mixed towards black or white, whichever gets there) that reaches
// `needed` on `background`.
std::optional<Color> fix(const Color& text, const Color& background, double needed) {
    for (const Color target : {Color{0, 0, 0, 1}, Color{1, 1, 1, 1}}) {
        for (int step = 1; step <= 100; ++step) {
            const float t = static_cast<float>(step) / 100.0f;
            const Color mixed{text.r + (target.r - text.r) * t, text.g + (target.g - text.g) * t,
                              text.b + (target.b - text.b) * t, 1.0f};
            if (contrast_ratio(mixed, background) >= needed)
                return mixed;
        }
    }
    return std::nullopt;
}

// The card under text: its colour over black and over white (a translucent card shows the
// video behind it); the worse of the two is what a viewer may get.
std::vector<Color> backdrops(const Color& card) {
    if (card.a >= 0.999f)
        return {card};
    return {over(card, Color{0, 0, 0, 1}), over(card, Color{1, 1, 1, 1})};
}

void check_text(const std::string& overlay, const std::map<std::string, Value>& look,
                const std::string& text_path, const std::string& what, double size_px,
                std::vector<Warning>& out) {
    const Color* text = color_at(look, text_path);
    const Color* card = color_at(look, "card/background");
    if (!text || !card)
        return;
    const bool large = size_px >= kLargeTextPx;
    const double needed = large ? kLargeContrast : kBodyContrast;
    for (const Color& backdrop : backdrops(*card)) {
        const Color shown = over(*text, backdrop);
        const double ratio = contrast_ratio(shown, backdrop);
        if (ratio >= needed)
            continue;
        const auto better = fix(shown, backdrop, needed);
        out.push_back(
            {"/" + overlay + "/" + text_path,
             what + " on the card has a contrast of " + ratio_text(ratio) + "; " +
                 (large ? "large" : "body") + " text needs " + ratio_text(needed) + " (WCAG 2.x)" +
                 (card->a < 0.999f
                      ? " where the translucent card lies over " +
                            std::string(relative_luminance(backdrop) < 0.5 ? "a dark picture"
                                                                           : "a light picture")
                      : ""),
             better ? "use \"" + hex_rgb(*better) + "\" (" +
                          ratio_text(contrast_ratio(*better, backdrop)) + ")"
                    : "make the card more opaque"});
        return;
    }
}

} // namespace

double relative_luminance(const Color& c) {
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double contrast_ratio(const Color& a, const Color& b) {
    const double la = relative_luminance(a);
    const double lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Color over(const Color& top, const Color& bottom) {
    const float a = std::clamp(top.a, 0.0f, 1.0f);
    return Color{top.r * a + bottom.r * (1 - a), top.g * a + bottom.g * (1 - a),
                 top.b * a + bottom.b * (1 - a), 1.0f};
}

const char* to_string(Deficiency d) {
    switch (d) {
    case Deficiency::protanopia:
        return "protanopia";
    case Deficiency::deuteranopia:
        return "deuteranopia";
    case Deficiency::tritanopia:
        return "tritanopia";
    }
    return "protanopia";
}

Color simulate(const Color& color, Deficiency d) {
    // Machado et al. 2009, severity 1.0, applied to linear RGB.
    static constexpr double kProtan[3][3] = {{0.152286, 1.052583, -0.204868},
                                             {0.114503, 0.786281, 0.099216},
                                             {-0.003882, -0.048116, 1.051998}};
    static constexpr double kDeutan[3][3] = {{0.367322, 0.860646, -0.227968},
                                             {0.280085, 0.672501, 0.047413},
                                             {-0.011820, 0.042940, 0.968881}};
    static constexpr double kTritan[3][3] = {{1.255528, -0.076749, -0.178779},
                                             {-0.078411, 0.930809, 0.147602},
                                             {0.004733, 0.691367, 0.303900}};
    const auto& m = d == Deficiency::protanopia     ? kProtan
                    : d == Deficiency::deuteranopia ? kDeutan
                                                    : kTritan;
    const double in[3] = {linear(color.r), linear(color.g), linear(color.b)};
    double out[3];
    for (int i = 0; i < 3; ++i)
        out[i] = m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2];
    return Color{static_cast<float>(encoded(out[0])), static_cast<float>(encoded(out[1])),
                 static_cast<float>(encoded(out[2])), color.a};
}

double delta_e(const Color& a, const Color& b) {
    auto lab = [](const Color& c) {
        const double r = linear(c.r), g = linear(c.g), bl = linear(c.b);
        // sRGB (D65) to XYZ, normalised by the D65 white.
        const double x = (0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047;
        const double y = 0.2126 * r + 0.7152 * g + 0.0722 * bl;
        const double z = (0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883;
        auto f = [](double t) {
            return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
        };
        return std::array<double, 3>{116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
    };
    const auto p = lab(a), q = lab(b);
    return std::sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) +
                     (p[2] - q[2]) * (p[2] - q[2]));
}

std::vector<Warning> check(const Preset& preset, const CheckContext& context) {
    std::vector<Warning> out;
    auto look_of = [&](Overlay o) -> const std::map<std::string, Value>* {
        const auto it = preset.looks.find(o);
        return it == preset.looks.end() ? nullptr : &it->second;
    };
    auto size_of = [&](const std::map<std::string, Value>& look, double fallback) {
        const double* size = number_at(look, "font/size");
        return size ? *size * context.output_scale : fallback;
    };
    if (const auto* code = look_of(Overlay::code)) {
        check_text("code", *code, "text", "code text", size_of(*code, 0), out);
        if (const double* size = number_at(*code, "font/size"))
            if (*size * context.output_scale < kMinCodePx) {
                char shown[32];
                std::snprintf(shown, sizeof shown, "%.1f", *size * context.output_scale);
                out.push_back({"/code/font/size",
                               std::string("code is ") + shown +
                                   " px high at the output resolution; smaller than " +
                                   std::to_string(static_cast<int>(kMinCodePx)) +
                                   " px is hard to read on a stream",
                               "use at least " +
                                   std::to_string(static_cast<int>(
                                       std::ceil(kMinCodePx / context.output_scale))) +
                                   " px"});
            }
    }
    if (const auto* slides = look_of(Overlay::slides)) {
        check_text("slides", *slides, "text", "slide text", size_of(*slides, 0), out);
        // The bar is a graphic, not text: WCAG 1.4.11 asks 3:1 against what is next to it.
        if (const Color* bar = color_at(*slides, "bar"))
            if (const Color* card = color_at(*slides, "card/background"))
                for (const Color& backdrop : backdrops(*card)) {
                    const double ratio = contrast_ratio(over(*bar, backdrop), backdrop);
                    if (ratio >= kLargeContrast)
                        continue;
                    const auto better = fix(over(*bar, backdrop), backdrop, kLargeContrast);
                    out.push_back({"/slides/bar",
                                   "the progress bar on the card has a contrast of " +
                                       ratio_text(ratio) + "; a graphic needs 3:1 (WCAG 1.4.11)",
                                   better ? "use \"" + hex_rgb(*better) + "\""
                                          : "make the card more opaque"});
                    break;
                }
    }
    if (const auto* question = look_of(Overlay::question)) {
        check_text("question", *question, "text", "the question", size_of(*question, 0), out);
        // The author's name is drawn at 0.6 of the question's size, in the source's own colour
        // when the preset sets none (a light blue made for dark cards).
        auto with_author = *question;
        with_author.try_emplace("author", Value(questions::QuestionCardStyle{}.author));
        const double* size = number_at(*question, "font/size");
        check_text("question", with_author, "author", "the author's name",
                   size ? std::max(12.0, *size * 0.6) * context.output_scale : 0, out);
    }
    // The platform marks on the question card: each must stand out from the card for everyone,
    // with every common colour-vision deficiency too.
    const auto* question = look_of(Overlay::question);
    const Color* card = question ? color_at(*question, "card/background") : nullptr;
    // One warning a mark at most: the first backdrop and deficiency it fails with.
    auto check_mark = [&](const std::string& name, const Color& mark) {
        for (const Color& backdrop : backdrops(*card))
            for (const Deficiency d :
                 {Deficiency::protanopia, Deficiency::deuteranopia, Deficiency::tritanopia}) {
                const double diff =
                    delta_e(simulate(over(mark, backdrop), d), simulate(backdrop, d));
                if (diff >= kDistinctDeltaE)
                    continue;
                char shown[32];
                std::snprintf(shown, sizeof shown, "%.1f", diff);
                out.push_back({"/question/card/background",
                               "with " + std::string(to_string(d)) + ", the " + name +
                                   " mark almost disappears into the card (colour difference " +
                                   shown + ")",
                               "use a card much darker or lighter than the platform colours"});
                return;
            }
    };
    if (card)
        for (const auto& [name, mark] : context.marks)
            check_mark(name, mark);
    return out;
}

} // namespace stagehand::core::preset
