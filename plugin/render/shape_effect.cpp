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
    static const char* const names[10] = {
        "Shape",           "ShapeLinear",          "Glyph",      "GlyphLinear",
        "ColorGlyph",      "ColorGlyphLinear",     "GlyphMorph", "GlyphMorphLinear",
        "ColorGlyphMorph", "ColorGlyphMorphLinear"};
    for (int i = 0; i < 10; ++i) {
        techniques_[i] = gs_effect_get_technique(effect, names[i]);
        if (!techniques_[i]) {
            error = path + ": technique \"" + names[i] + "\" is missing";
            return false;
        }
    }
    layer_ = gs_effect_get_technique(effect, "Layer");
    if (!layer_) {
        error = path + ": technique \"Layer\" is missing";
        return false;
    }
    atlas_ = gs_effect_get_param_by_name(effect, "atlas");
    opacity_ = gs_effect_get_param_by_name(effect, "opacity");
    morph_t_ = gs_effect_get_param_by_name(effect, "morph_t");
    morph_clip_ = gs_effect_get_param_by_name(effect, "morph_clip");
    if (!atlas_ || !opacity_ || !morph_t_ || !morph_clip_) {
        error = path + ": parameters \"atlas\", \"opacity\", \"morph_t\" and \"morph_clip\" "
                       "are expected";
        return false;
    }
    effect_ = effect;
    return true;
}

void ShapeEffect::set_atlas(gs_texture_t* page) const {
    gs_effect_set_texture(atlas_, page);
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
