#include "core/text/text_layout.hpp"

#include "core/text/utf8.hpp"

#include <fribidi.h>
#include <hb.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>

namespace stagehand::core::text {

namespace {

struct Codepoint {
    char32_t cp;
    std::uint32_t byte; // offset in the whole text
};

// Invalid UTF-8 shows as U+FFFD, one per bad byte, and never stops the layout.
std::vector<Codepoint> decode_utf8(std::string_view s, std::uint32_t begin, std::uint32_t end) {
    std::vector<Codepoint> out;
    out.reserve(end - begin);
    const std::string_view range = s.substr(0, end);
    std::uint32_t i = begin;
    while (i < end) {
        char32_t cp = 0xFFFD;
        std::size_t len = decode_utf8_at(range, i, cp);
        if (len == 0) {
            cp = 0xFFFD;
            len = 1;
        }
        out.push_back(Codepoint{cp, i});
        i += static_cast<std::uint32_t>(len);
    }
    return out;
}

// Characters that must stay in the font of the character they attach to.
bool attaches_to_previous(char32_t cp, hb_unicode_funcs_t* ufuncs) {
    if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
        (cp >= 0xE0020 && cp <= 0xE007F))
        return true;
    const auto gc = hb_unicode_general_category(ufuncs, cp);
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK;
}

bool looks_like_emoji(char32_t cp, char32_t next) {
    return next == 0xFE0F || (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF);
}

bool is_space(char32_t cp) {
    return cp == ' ' || cp == 0x3000 || cp == 0xA0 || cp == '\t';
}

struct ResolvedStyle {
    FontRequest font;
    Color color;
    bool underline = false;
    std::optional<Color> background;

    bool operator==(const ResolvedStyle& o) const {
        return font == o.font && color == o.color && underline == o.underline &&
               background == o.background;
    }
};

struct Glyph {
    GlyphKey key;
    float advance = 0.0f;
    float x_offset = 0.0f;
    float y_offset = 0.0f;
    std::uint32_t cluster = 0;
    std::uint8_t level = 0;
    std::uint16_t style = 0;
    bool color = false;
    bool tab = false;
    bool space = false;
    bool break_before = false;
};

struct Paragraph {
    std::vector<Glyph> glyphs; // logical order
    bool rtl = false;
};

struct ShapeContext {
    UBreakIterator* breaker;
    FontCache& fonts;
    const TextStyle& style;
    std::uint32_t size_64;
    std::vector<ResolvedStyle> styles;
    std::vector<std::shared_ptr<const FontChain>> chains; // per style
    std::vector<std::string>& warnings;
};

void add_features(bool ligatures, std::vector<hb_feature_t>& features) {
    features.clear();
    if (ligatures)
        return;
    for (const char* f : {"-liga", "-clig", "-calt", "-dlig"}) {
        hb_feature_t feature;
        if (hb_feature_from_string(f, -1, &feature))
            features.push_back(feature);
    }
}

Paragraph shape_paragraph(ShapeContext& ctx, std::string_view text, std::uint32_t begin,
                          std::uint32_t end, const std::vector<std::uint16_t>& style_of_byte) {
    Paragraph para;
    const std::vector<Codepoint> cps = decode_utf8(text, begin, end);
    if (cps.empty())
        return para;
    const auto n = static_cast<FriBidiStrIndex>(cps.size());

    // Bidi levels (FriBidi), paragraph direction from its first strong character.
    std::vector<FriBidiChar> chars(cps.size());
    for (std::size_t i = 0; i < cps.size(); ++i)
        chars[i] = static_cast<FriBidiChar>(cps[i].cp);
    std::vector<FriBidiCharType> types(cps.size());
    std::vector<FriBidiBracketType> brackets(cps.size());
    std::vector<FriBidiLevel> levels(cps.size());
    fribidi_get_bidi_types(chars.data(), n, types.data());
    fribidi_get_bracket_types(chars.data(), n, types.data(), brackets.data());
    FriBidiParType base = FRIBIDI_PAR_ON;
    if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &base,
                                            levels.data()) == 0)
        std::fill(levels.begin(), levels.end(), FriBidiLevel{0});
    para.rtl = FRIBIDI_IS_RTL(base);

    // Line break opportunities (UAX #14) from ICU: may a line start at this byte?
    std::vector<bool> break_at(end - begin + 1, false);
    {
        UErrorCode status = U_ZERO_ERROR;
        UText* ut = utext_openUTF8(nullptr, text.data() + begin,
                                   static_cast<std::int64_t>(end - begin), &status);
        if (U_SUCCESS(status) && ctx.breaker) {
            ubrk_setUText(ctx.breaker, ut, &status);
            for (std::int32_t pos = ubrk_first(ctx.breaker); pos != UBRK_DONE;
                 pos = ubrk_next(ctx.breaker))
                if (U_SUCCESS(status) && pos >= 0 && static_cast<std::uint32_t>(pos) <= end - begin)
                    break_at[static_cast<std::size_t>(pos)] = true;
        }
        utext_close(ut);
    }
    std::vector<std::int32_t> cp_at_byte(end - begin, -1);
    for (std::size_t i = 0; i < cps.size(); ++i)
        cp_at_byte[cps[i].byte - begin] = static_cast<std::int32_t>(i);

    // Font per character: the first in the style's chain that has it.
    hb_unicode_funcs_t* ufuncs = hb_unicode_funcs_get_default();
    std::vector<std::uint16_t> entry(cps.size());
    std::vector<hb_script_t> script(cps.size());
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const std::uint16_t s = style_of_byte[cps[i].byte];
        const char32_t next = i + 1 < cps.size() ? cps[i + 1].cp : 0;
        if (i > 0 && attaches_to_previous(cps[i].cp, ufuncs) && style_of_byte[cps[i - 1].byte] == s)
            entry[i] = entry[i - 1];
        else
            entry[i] = static_cast<std::uint16_t>(
                ctx.chains[s]->entry_for(cps[i].cp, looks_like_emoji(cps[i].cp, next)));
        script[i] = hb_unicode_script(ufuncs, cps[i].cp);
    }
    // Common and inherited characters (spaces, digits, marks) join the script around them.
    hb_script_t last = HB_SCRIPT_COMMON;
    for (auto& s : script) {
        if (s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED)
            s = last;
        else
            last = s;
    }
    for (std::size_t i = script.size(); i-- > 0;)
        if (script[i] == HB_SCRIPT_COMMON && i + 1 < script.size())
            script[i] = script[i + 1];

    hb_buffer_t* buffer = hb_buffer_create();
    std::vector<hb_feature_t> features;
    add_features(ctx.style.ligatures, features);

    std::size_t run_start = 0;
    while (run_start < cps.size()) {
        const std::uint16_t s = style_of_byte[cps[run_start].byte];
        std::size_t run_end = run_start + 1;
        const bool tab = cps[run_start].cp == '\t';
        if (!tab)
            while (run_end < cps.size() && cps[run_end].cp != '\t' &&
                   levels[run_end] == levels[run_start] && entry[run_end] == entry[run_start] &&
                   script[run_end] == script[run_start] && style_of_byte[cps[run_end].byte] == s)
                ++run_end;
        const std::uint32_t byte_begin = cps[run_start].byte;
        const std::uint32_t byte_end = run_end < cps.size() ? cps[run_end].byte : end;
        const ChainEntry& font_entry = ctx.chains[s]->entries.empty()
                                           ? ChainEntry{}
                                           : ctx.chains[s]->entries[entry[run_start]];
        std::string error;
        const SizedFace* face = ctx.fonts.face(font_entry.face, ctx.size_64, &error);
        if (!face) {
            ctx.warnings.push_back(error);
            run_start = run_end;
            continue;
        }

        const std::size_t first_glyph = para.glyphs.size();
        if (tab) {
            Glyph g;
            g.key = GlyphKey{font_entry.face, 0, ctx.size_64};
            g.cluster = byte_begin;
            g.level = levels[run_start];
            g.style = s;
            g.tab = true;
            g.space = true;
            para.glyphs.push_back(g);
        } else {
            hb_buffer_clear_contents(buffer);
            hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), byte_begin,
                               static_cast<int>(byte_end - byte_begin));
            hb_buffer_set_direction(buffer,
                                    (levels[run_start] & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
            hb_buffer_set_script(buffer, script[run_start]);
            hb_buffer_set_language(buffer, hb_language_get_default());
            hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
            hb_shape(face->hb, buffer, features.data(), static_cast<unsigned>(features.size()));
            unsigned count = 0;
            const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
            const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
            for (unsigned k = 0; k < count; ++k) {
                Glyph g;
                g.key = GlyphKey{font_entry.face, info[k].codepoint, ctx.size_64};
                g.advance = static_cast<float>(pos[k].x_advance) / 64.0f * face->scale;
                g.x_offset = static_cast<float>(pos[k].x_offset) / 64.0f * face->scale;
                g.y_offset = static_cast<float>(pos[k].y_offset) / 64.0f * face->scale;
                g.cluster = info[k].cluster;
                g.level = levels[run_start];
                g.style = s;
                g.color = face->color;
                const std::int32_t ci = cp_at_byte[g.cluster - begin];
                g.space = ci >= 0 && is_space(cps[static_cast<std::size_t>(ci)].cp);
                para.glyphs.push_back(g);
            }
            // HarfBuzz returns right-to-left runs in visual order; keep everything logical
            // until lines are known, then reorder each line (UAX #9 rule L2).
            if (levels[run_start] & 1)
                std::reverse(para.glyphs.begin() + static_cast<std::ptrdiff_t>(first_glyph),
                             para.glyphs.end());
        }
        run_start = run_end;
    }
    hb_buffer_destroy(buffer);

    // A line may break before the first glyph of a cluster that follows a break opportunity.
    std::uint32_t previous_cluster = UINT32_MAX;
    for (Glyph& g : para.glyphs) {
        if (g.cluster != previous_cluster) {
            g.break_before = g.cluster > begin && break_at[g.cluster - begin];
        }
        previous_cluster = g.cluster;
    }
    return para;
}

// UAX #9 rule L2 over the glyphs of one line: reverse every run at or above each level, from
// the highest level down to the lowest odd one.
void reorder_visually(std::vector<Glyph>& line) {
    if (line.empty())
        return;
    std::uint8_t highest = 0, lowest_odd = 255;
    for (const Glyph& g : line) {
        highest = std::max(highest, g.level);
        if (g.level & 1)
            lowest_odd = std::min(lowest_odd, g.level);
    }
    for (int level = highest; level >= lowest_odd && level > 0; --level) {
        std::size_t i = 0;
        while (i < line.size()) {
            if (line[i].level < level) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < line.size() && line[j].level >= level)
                ++j;
            std::reverse(line.begin() + static_cast<std::ptrdiff_t>(i),
                         line.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    }
}

float line_width(const std::vector<Glyph>& glyphs) {
    float w = 0.0f;
    for (const Glyph& g : glyphs)
        w += g.advance;
    return w;
}

} // namespace

void TextEngine::BreakerDeleter::operator()(UBreakIterator* b) const noexcept {
    ubrk_close(b);
}

TextEngine::TextEngine(FontRegistry& registry)
    : fonts_(registry) {
    // Opening a break iterator loads ICU's rules: once per engine, not per layout.
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(ubrk_open(UBRK_LINE, nullptr, nullptr, 0, &status));
    if (U_FAILURE(status))
        breaker_.reset();
}

TextLayout TextEngine::layout(std::string_view text, const TextStyle& style, float box_width,
                              float box_height, std::span<const TextSpan> spans) {
    TextLayout best = layout_at(text, style, style.size_px, box_width, box_height, spans);
    if (!best.truncated || style.min_size_px <= 0.0f || style.min_size_px >= style.size_px)
        return best;
    // Shrink to fit: the largest size (to a quarter pixel) at which nothing is cut.
    float lo = style.min_size_px, hi = style.size_px;
    TextLayout at_min = layout_at(text, style, lo, box_width, box_height, spans);
    if (at_min.truncated)
        return at_min;
    best = std::move(at_min);
    while (hi - lo > 0.25f) {
        const float mid = (lo + hi) * 0.5f;
        TextLayout attempt = layout_at(text, style, mid, box_width, box_height, spans);
        if (attempt.truncated) {
            hi = mid;
        } else {
            lo = mid;
            best = std::move(attempt);
        }
    }
    return best;
}

TextLayout TextEngine::layout_at(std::string_view text, const TextStyle& style, float size_px,
                                 float box_width, float box_height,
                                 std::span<const TextSpan> spans) {
    TextLayout out;
    out.size_px = size_px;
    const std::uint32_t size_64 = to_26_6(std::max(size_px, 1.0f));

    ShapeContext ctx{breaker_.get(), fonts_, style, size_64, {}, {}, out.warnings};
    ResolvedStyle base{FontRequest{style.family, style.weight, style.italic, style.generic},
                       style.color, false, std::nullopt};
    ctx.styles.push_back(base);
    std::vector<std::uint16_t> style_of_byte(text.size(), 0);
    for (const TextSpan& span : spans) {
        ResolvedStyle s = base;
        if (span.color)
            s.color = *span.color;
        if (span.weight)
            s.font.weight = *span.weight;
        if (span.italic)
            s.font.italic = *span.italic;
        s.underline = span.underline;
        s.background = span.background;
        auto it = std::find(ctx.styles.begin(), ctx.styles.end(), s);
        const auto index = static_cast<std::uint16_t>(it - ctx.styles.begin());
        if (it == ctx.styles.end())
            ctx.styles.push_back(s);
        for (std::uint32_t b = span.begin; b < std::min<std::size_t>(span.end, text.size()); ++b)
            style_of_byte[b] = index;
    }
    for (const ResolvedStyle& s : ctx.styles) {
        ctx.chains.push_back(fonts_.registry().chain(s.font));
        for (const std::string& w : ctx.chains.back()->warnings)
            if (std::find(out.warnings.begin(), out.warnings.end(), w) == out.warnings.end())
                out.warnings.push_back(w);
    }

    // Vertical metrics and tab stops come from the primary font.
    const FontChain& primary_chain = *ctx.chains[0];
    const SizedFace* primary = primary_chain.entries.empty()
                                   ? nullptr
                                   : fonts_.face(primary_chain.entries[0].face, size_64);
    const float ascender = primary ? primary->ascender : size_px * 0.8f;
    const float descender = primary ? primary->descender : size_px * 0.2f;
    const float advance_y = size_px * style.line_height;
    const float half_leading = (advance_y - (ascender + descender)) * 0.5f;
    float space_advance = size_px * 0.5f;
    if (primary) {
        hb_codepoint_t space_glyph = 0;
        if (hb_font_get_nominal_glyph(primary->hb, ' ', &space_glyph))
            space_advance =
                static_cast<float>(hb_font_get_glyph_h_advance(primary->hb, space_glyph)) / 64.0f *
                primary->scale;
    }
    const float tab_stop =
        std::max(1.0f, space_advance * static_cast<float>(std::max(style.tab_width, 1)));
    const bool wrap = style.wrap && box_width > 0.0f;

    struct PendingLine {
        std::vector<Glyph> glyphs;
        bool rtl;
        std::uint32_t paragraph;
        bool continuation;
        float indent; // hanging indent of a wrapped row, pixels from the left
    };
    std::vector<PendingLine> lines;
    std::uint32_t para_begin = 0;
    std::uint32_t para_index = 0;
    while (para_begin <= text.size()) {
        std::size_t nl = text.find('\n', para_begin);
        const auto para_end =
            static_cast<std::uint32_t>(nl == std::string_view::npos ? text.size() : nl);
        std::uint32_t content_end = para_end;
        if (content_end > para_begin && text[content_end - 1] == '\r')
            --content_end;
        Paragraph para = shape_paragraph(ctx, text, para_begin, content_end, style_of_byte);

        // Hanging indent: wrapped rows start where the paragraph's text does (after its leading
        // spaces and tabs), as code editors wrap; never more than half the box.
        float hang = 0.0f;
        if (wrap && style.hanging_indent && !para.rtl) {
            for (const Glyph& g : para.glyphs) {
                if (!g.space && !g.tab)
                    break;
                hang += g.tab ? tab_stop - std::fmod(hang, tab_stop) : g.advance;
            }
            hang = std::min(hang, box_width * 0.5f);
        }

        std::size_t start = 0;
        do {
            const float room = start > 0 ? box_width - hang : box_width;
            float pen = 0.0f;
            std::size_t i = start, last_break = start;
            for (; i < para.glyphs.size(); ++i) {
                Glyph& g = para.glyphs[i];
                if (g.tab)
                    g.advance = tab_stop - std::fmod(pen, tab_stop);
                if (g.break_before && i > start)
                    last_break = i;
                if (wrap && i > start && pen + g.advance > room + 0.01f && !g.space) {
                    std::size_t cut = last_break > start ? last_break : i;
                    // A word longer than the line breaks between clusters, never inside one.
                    while (cut > start + 1 &&
                           para.glyphs[cut].cluster == para.glyphs[cut - 1].cluster)
                        --cut;
                    i = cut;
                    break;
                }
                pen += g.advance;
            }
            PendingLine line{{para.glyphs.begin() + static_cast<std::ptrdiff_t>(start),
                              para.glyphs.begin() + static_cast<std::ptrdiff_t>(i)},
                             para.rtl,
                             para_index,
                             start > 0,
                             start > 0 ? hang : 0.0f};
            // Spaces at the end of a line hang outside it: they neither count nor show.
            while (!line.glyphs.empty() && line.glyphs.back().space && i < para.glyphs.size())
                line.glyphs.pop_back();
            lines.push_back(std::move(line));
            start = i;
            // Spaces at a wrap point are consumed by the break.
            while (start < para.glyphs.size() && start > 0 && para.glyphs[start].space &&
                   !para.glyphs[start].tab)
                ++start;
        } while (start < para.glyphs.size());

        if (nl == std::string_view::npos)
            break;
        para_begin = static_cast<std::uint32_t>(nl + 1);
        ++para_index;
    }

    // Lines that do not fit the box's height are cut; the last kept one shows the ellipsis.
    std::size_t kept = lines.size();
    if (box_height > 0.0f) {
        kept = 0;
        while (kept < lines.size() && static_cast<float>(kept + 1) * advance_y <= box_height + 0.5f)
            ++kept;
        if (kept < lines.size())
            out.truncated = true;
    }
    const bool cut_vertically = kept < lines.size();
    lines.resize(kept);

    // The ellipsis glyph, shaped once in the primary font.
    Glyph ellipsis;
    bool have_ellipsis = false;
    if (style.overflow == Overflow::Ellipsis && primary) {
        hb_codepoint_t glyph = 0;
        if (hb_font_get_nominal_glyph(primary->hb, 0x2026, &glyph)) {
            ellipsis.key = GlyphKey{primary_chain.entries[0].face, glyph, size_64};
            ellipsis.advance = static_cast<float>(hb_font_get_glyph_h_advance(primary->hb, glyph)) /
                               64.0f * primary->scale;
            have_ellipsis = true;
        }
    }

    for (std::size_t li = 0; li < lines.size(); ++li) {
        PendingLine& line = lines[li];
        const bool too_wide = box_width > 0.0f && line_width(line.glyphs) > box_width + 0.01f;
        if (too_wide)
            out.truncated = true;
        const bool last_kept = li + 1 == lines.size() && cut_vertically;
        if ((too_wide || last_kept) && have_ellipsis) {
            while (!line.glyphs.empty() &&
                   (box_width > 0.0f &&
                    line_width(line.glyphs) + ellipsis.advance > box_width + 0.01f))
                line.glyphs.pop_back();
            while (!line.glyphs.empty() && line.glyphs.back().space)
                line.glyphs.pop_back();
            Glyph e = ellipsis;
            e.level = line.rtl ? 1 : 0;
            e.cluster = line.glyphs.empty() ? 0 : line.glyphs.back().cluster;
            e.style = line.glyphs.empty() ? 0 : line.glyphs.back().style;
            line.glyphs.push_back(e);
        } else if (too_wide) {
            // Clip: drop what starts beyond the box (in logical order, so the start stays).
            float pen = 0.0f;
            std::size_t keep = 0;
            while (keep < line.glyphs.size() &&
                   pen + line.glyphs[keep].advance <= box_width + 0.01f)
                pen += line.glyphs[keep++].advance;
            line.glyphs.resize(keep);
        }
        reorder_visually(line.glyphs);

        LayoutLine out_line;
        out_line.rtl = line.rtl;
        out_line.paragraph = line.paragraph;
        out_line.continuation = line.continuation;
        out_line.width = line_width(line.glyphs);
        out_line.baseline = static_cast<float>(li) * advance_y + half_leading + ascender;
        Align align = style.align;
        if (align == Align::Start)
            align = line.rtl ? Align::Right : Align::Left;
        const float room = box_width > 0.0f ? box_width - out_line.width : 0.0f;
        out_line.x = align == Align::Center  ? std::floor(room * 0.5f)
                     : align == Align::Right ? room
                                             : line.indent;
        out_line.first_glyph = static_cast<std::uint32_t>(out.glyphs.size());

        float pen = out_line.x;
        // Decorations: one rectangle per stretch of glyphs with the same decorated style.
        std::size_t deco_start = 0;
        float deco_x = pen;
        auto flush_decoration = [&](std::size_t end_index, float end_x) {
            if (end_index <= deco_start)
                return;
            const ResolvedStyle& s = ctx.styles[line.glyphs[deco_start].style];
            if (s.background)
                out.decorations.push_back(
                    ShapeQuad{Rect{deco_x, out_line.baseline - ascender - half_leading * 0.5f,
                                   end_x - deco_x, ascender + descender + half_leading},
                              std::min(4.0f, size_px * 0.15f), 1.0f, *s.background, *s.background});
            if (s.underline && primary)
                out.decorations.push_back(
                    ShapeQuad{Rect{deco_x,
                                   out_line.baseline + primary->underline_position -
                                       primary->underline_thickness * 0.5f,
                                   end_x - deco_x, primary->underline_thickness},
                              0.0f, 1.0f, s.color, s.color});
        };
        for (std::size_t k = 0; k < line.glyphs.size(); ++k) {
            const Glyph& g = line.glyphs[k];
            if (k > 0 && g.style != line.glyphs[deco_start].style) {
                flush_decoration(k, pen);
                deco_start = k;
                deco_x = pen;
            }
            if (!g.tab) {
                PositionedGlyph p;
                p.key = g.key;
                p.x = pen + g.x_offset;
                p.y = out_line.baseline - g.y_offset;
                p.color = ctx.styles[g.style].color;
                p.cluster = g.cluster;
                p.color_glyph = g.color;
                out.glyphs.push_back(p);
            }
            pen += g.advance;
        }
        flush_decoration(line.glyphs.size(), pen);
        out_line.glyph_count = static_cast<std::uint32_t>(out.glyphs.size()) - out_line.first_glyph;
        out.width = std::max(out.width, out_line.width);
        out.lines.push_back(out_line);
    }
    out.height = static_cast<float>(out.lines.size()) * advance_y;
    return out;
}

std::string describe(const TextLayout& layout, FontRegistry& registry) {
    std::string out;
    char buf[256];
    std::snprintf(buf, sizeof buf, "size %.2f lines %zu width %.2f height %.2f%s\n", layout.size_px,
                  layout.lines.size(), layout.width, layout.height,
                  layout.truncated ? " truncated" : "");
    out += buf;
    for (const std::string& w : layout.warnings)
        out += "warning " + w + "\n";
    for (std::size_t li = 0; li < layout.lines.size(); ++li) {
        const LayoutLine& line = layout.lines[li];
        std::snprintf(buf, sizeof buf, "line %zu baseline %.2f x %.2f width %.2f %s\n", li,
                      line.baseline, line.x, line.width, line.rtl ? "rtl" : "ltr");
        out += buf;
        for (std::uint32_t k = 0; k < line.glyph_count; ++k) {
            const PositionedGlyph& g = layout.glyphs[line.first_glyph + k];
            std::snprintf(buf, sizeof buf, "  glyph %u '%s' x %.2f y %.2f cluster %u%s\n",
                          g.key.glyph, registry.file(g.key.face).family.c_str(), g.x, g.y,
                          g.cluster, g.color_glyph ? " colour" : "");
            out += buf;
        }
    }
    for (const ShapeQuad& d : layout.decorations) {
        std::snprintf(buf, sizeof buf, "decoration %.2f,%.2f %.2fx%.2f %s\n", d.rect.x, d.rect.y,
                      d.rect.w, d.rect.h, to_hex(d.top).c_str());
        out += buf;
    }
    return out;
}

} // namespace stagehand::core::text
