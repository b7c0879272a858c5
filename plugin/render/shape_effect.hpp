#pragma once

#include <graphics/graphics.h>

#include <string>

namespace stagehand::render {

// The effect every Stagehand source draws with (data/effects/stagehand-shapes.effect), loaded
// once per source in create() with its technique and parameters looked up once. libobs caches
// effects by file, so many sources share one compiled program.
class ShapeEffect {
public:
    // Must run inside the graphics context. Returns false and leaves `error` set when the file
    // is missing or does not compile.
    bool load(const std::string& path, std::string& error);

    bool loaded() const { return effect_ != nullptr; }

    // Binds parameters that depend on the target, not the content: whether the target expects
    // linear values (OBS's sRGB-aware rendering).
    void set_linear_output(bool linear) const;

    void set_atlas(gs_texture_t* page) const;

    gs_effect_t* effect() const { return effect_; }
    gs_technique_t* technique() const { return technique_; }

private:
    gs_effect_t* effect_ = nullptr; // owned by libobs' effect cache
    gs_technique_t* technique_ = nullptr;
    gs_eparam_t* linear_output_ = nullptr;
    gs_eparam_t* atlas_ = nullptr;
};

} // namespace stagehand::render
