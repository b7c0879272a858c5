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

    enum class Kind { Shape, Glyph, ColorGlyph, GlyphMorph, ColorGlyphMorph };

    // The technique for a kind of range, for a target that expects linear values (OBS's
    // sRGB-aware rendering) or sRGB-encoded ones; set_kind() (with the range's other parameters,
    // before the technique begins) tells it which of the kinds it draws this is. All kinds share
    // one technique but colour glyphs for a linear target, so that the driver links fewer
    // programs (data/effects/stagehand-shapes.effect says what that costs).
    gs_technique_t* technique(Kind kind, bool linear) const;
    void set_kind(Kind kind, bool linear) const;

    void set_atlas(gs_texture_t* page) const;
    // A picture (LayerCache) drawn as a colour bitmap (Kind::ColorGlyph) while it fades: the
    // texture, read with `sampler` instead of the atlas' linear one, for the next technique only.
    void set_picture(gs_texture_t* picture, gs_samplerstate_t* sampler) const;
    void set_opacity(float opacity) const;
    // For the morph techniques: the moment t and the clip rectangle (empty: no clip).
    void set_morph(float t, float x0, float y0, float x1, float y1) const;

private:
    gs_effect_t* effect_ = nullptr; // owned by libobs' effect cache
    gs_technique_t* shape_glyph_ = nullptr;
    gs_technique_t* color_glyph_linear_ = nullptr;
    gs_eparam_t* draw_kind_ = nullptr;
    gs_eparam_t* draw_morph_ = nullptr;
    gs_eparam_t* draw_linear_ = nullptr;
    gs_eparam_t* atlas_ = nullptr;
    gs_eparam_t* opacity_ = nullptr;
    gs_eparam_t* morph_t_ = nullptr;
    gs_eparam_t* morph_clip_ = nullptr;
};

} // namespace stagehand::render
