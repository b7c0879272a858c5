#include "render/shape_effect.hpp"

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
    static const char* const names[6] = {"Shape",       "ShapeLinear", "Glyph",
                                         "GlyphLinear", "ColorGlyph",  "ColorGlyphLinear"};
    for (int i = 0; i < 6; ++i) {
        techniques_[i] = gs_effect_get_technique(effect, names[i]);
        if (!techniques_[i]) {
            error = path + ": technique \"" + names[i] + "\" is missing";
            return false;
        }
    }
    atlas_ = gs_effect_get_param_by_name(effect, "atlas");
    opacity_ = gs_effect_get_param_by_name(effect, "opacity");
    if (!atlas_ || !opacity_) {
        error = path + ": parameters \"atlas\" and \"opacity\" are expected";
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

} // namespace stagehand::render
