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
    gs_technique_t* technique = gs_effect_get_technique(effect, "Draw");
    gs_eparam_t* linear = gs_effect_get_param_by_name(effect, "linear_output");
    gs_eparam_t* atlas = gs_effect_get_param_by_name(effect, "atlas");
    if (!technique || !linear || !atlas) {
        error = path + ": expected technique \"Draw\" and parameters \"linear_output\", \"atlas\"";
        return false;
    }
    atlas_ = atlas;
    effect_ = effect;
    technique_ = technique;
    linear_output_ = linear;
    return true;
}

void ShapeEffect::set_atlas(gs_texture_t* page) const {
    gs_effect_set_texture(atlas_, page);
}

void ShapeEffect::set_linear_output(bool linear) const {
    gs_effect_set_bool(linear_output_, linear);
}

} // namespace stagehand::render
