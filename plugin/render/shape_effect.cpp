#include "render/shape_effect.hpp"

#include <graphics/vec4.h>
#include <util/bmem.h>

namespace stagehand::render {

bool ShapeEffect::load(const std::string& path, std::string& error) {
    char* errors = nullptr;
    gs_effect_t* effect = gs_effect_create_from_file(path.c_str(), &errors);
    if (!effect) {
        error = path + ": " + (errors ? errors : "could not be read");
        bfree(errors);
        return false;
    }
    bfree(errors);
    shape_glyph_ = gs_effect_get_technique(effect, "ShapeGlyph");
    color_glyph_linear_ = gs_effect_get_technique(effect, "ColorGlyphLinear");
    if (!shape_glyph_ || !color_glyph_linear_) {
        error = path + ": techniques \"ShapeGlyph\" and \"ColorGlyphLinear\" are expected";
        return false;
    }
    atlas_ = gs_effect_get_param_by_name(effect, "atlas");
    opacity_ = gs_effect_get_param_by_name(effect, "opacity");
    morph_t_ = gs_effect_get_param_by_name(effect, "morph_t");
    morph_clip_ = gs_effect_get_param_by_name(effect, "morph_clip");
    draw_kind_ = gs_effect_get_param_by_name(effect, "draw_kind");
    draw_morph_ = gs_effect_get_param_by_name(effect, "draw_morph");
    draw_linear_ = gs_effect_get_param_by_name(effect, "draw_linear");
    if (!atlas_ || !opacity_ || !morph_t_ || !morph_clip_ || !draw_kind_ || !draw_morph_ ||
        !draw_linear_) {
        error = path + ": parameters \"atlas\", \"opacity\", \"morph_t\", \"morph_clip\", "
                       "\"draw_kind\", \"draw_morph\" and \"draw_linear\" are expected";
        return false;
    }
    effect_ = effect;
    return true;
}

gs_technique_t* ShapeEffect::technique(Kind kind, bool linear) const {
    const bool color = kind == Kind::ColorGlyph || kind == Kind::ColorGlyphMorph;
    return color && linear ? color_glyph_linear_ : shape_glyph_;
}

void ShapeEffect::set_kind(Kind kind, bool linear) const {
    const bool morph = kind == Kind::GlyphMorph || kind == Kind::ColorGlyphMorph;
    const bool color = kind == Kind::ColorGlyph || kind == Kind::ColorGlyphMorph;
    gs_effect_set_float(draw_kind_, kind == Kind::Shape ? 0.0f : color ? 2.0f : 1.0f);
    gs_effect_set_float(draw_morph_, morph ? 1.0f : 0.0f);
    gs_effect_set_float(draw_linear_, linear ? 1.0f : 0.0f);
}

void ShapeEffect::set_atlas(gs_texture_t* page) const {
    gs_effect_set_texture(atlas_, page);
}

void ShapeEffect::set_picture(gs_texture_t* picture, gs_samplerstate_t* sampler) const {
    gs_effect_set_next_sampler(atlas_, sampler);
    gs_effect_set_texture(atlas_, picture);
}

void ShapeEffect::set_opacity(float opacity) const {
    gs_effect_set_float(opacity_, opacity);
}

void ShapeEffect::set_morph(float t, float x0, float y0, float x1, float y1) const {
    gs_effect_set_float(morph_t_, t);
    vec4 clip;
    if (x1 > x0 && y1 > y0)
        vec4_set(&clip, x0, y0, x1, y1);
    else
        vec4_set(&clip, -1e9f, -1e9f, 1e9f, 1e9f);
    gs_effect_set_vec4(morph_clip_, &clip);
}

} // namespace stagehand::render
