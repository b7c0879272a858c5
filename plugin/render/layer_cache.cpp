#include "render/layer_cache.hpp"

#include "core/base/cpu_cost.hpp"

#include "render/graphics_handles.hpp"
#include "render/quad_batch.hpp"

#include <graphics/matrix4.h>
#include <graphics/vec3.h>
#include <graphics/vec4.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace stagehand::render {

namespace {

// The largest picture made: past it (a card scaled up beyond 4K) the layer is drawn directly.
constexpr std::uint32_t kMaxPicture = 8192;

// How much the current world transform scales a source's pixels, along each axis.
void world_scale(float& sx, float& sy) {
    matrix4 m;
    gs_matrix_get(&m);
    sx = std::sqrt(m.x.x * m.x.x + m.x.y * m.x.y);
    sy = std::sqrt(m.y.x * m.y.x + m.y.y * m.y.y);
}

// STAGEHAND_LAYER_CACHE=0 draws every card's shapes every frame, as before the cache (for the
// benchmark's comparison and for ruling the cache out when a picture looks wrong).
bool cache_enabled() {
    static const bool enabled = [] {
        const char* value = std::getenv("STAGEHAND_LAYER_CACHE");
        return !(value && value[0] == '0');
    }();
    return enabled;
}

// The bytes of a picture's texture, for core::texture_bytes().
std::int64_t picture_bytes(gs_texrender_t* picture) {
    return texture_bytes(picture ? gs_texrender_get_texture(picture) : nullptr);
}

// The bytes of a picture of `batch` whole at scale (sx, sy): RGBA, a texel a pixel.
double whole_bytes(const QuadBatch& batch, float sx, float sy) {
    return 4.0 * std::ceil(batch.width() * static_cast<double>(sx)) *
           std::ceil(batch.height() * static_cast<double>(sy));
}

// Where each run of `plan` lies along one axis: in the source's pixels (from, to) and in the
// picture's texture coordinates (a collapsed run at its one texel's centre, so that point sampling
// reads that texel only).
struct RunPlace {
    float from, to, t0, t1;
};
std::vector<RunPlace> run_places(const core::StretchPlan& plan, std::uint32_t texels, float scale) {
    std::vector<RunPlace> places;
    places.reserve(plan.runs.size());
    const float size = static_cast<float>(texels);
    std::uint32_t at = 0; // the run's first texel in the picture
    for (const core::StretchRun& run : plan.runs) {
        RunPlace p{};
        p.from = static_cast<float>(run.first) / scale;
        p.to = static_cast<float>(run.first + run.count) / scale;
        p.t0 =
            run.collapsed ? (static_cast<float>(at) + 0.5f) / size : static_cast<float>(at) / size;
        p.t1 = run.collapsed ? p.t0 : static_cast<float>(at + run.count) / size;
        places.push_back(p);
        at += run.collapsed ? 1 : run.count;
    }
    return places;
}

// The quads drawing a picture made from `columns` and `rows` (`width` x `height` texels, at scale
// (sx, sy)): each run of columns by each run of rows. For OBS's default effect in libobs's sprite
// layout (a position, two texture coordinates), as OBS's preview draws that effect: a software
// renderer compiles a program's vertex processing for each layout (llvmpipe: ~0.9 MiB each).
// While fading (the effect's colour bitmap), in Stagehand's layout: TEXCOORD0 is (u, v, u, v),
// the texel last, the first two to the clip test, which holds every pixel outside a transition.
VertexBufferPtr stretch_quads(const core::StretchPlan& columns, const core::StretchPlan& rows,
                              std::uint32_t width, std::uint32_t height, float sx, float sy,
                              bool fading) {
    const auto xs = run_places(columns, width, sx);
    const auto ys = run_places(rows, height, sy);
    const std::size_t count = core::kVerticesPerQuad * xs.size() * ys.size();
    gs_vb_data* data = fading ? make_vertex_data(count) : make_sprite_vertex_data(count);
    const std::size_t stride = data->tvarray[0].width;
    auto* tex0 = static_cast<float*>(data->tvarray[0].array);
    std::size_t v = 0;
    for (const RunPlace& y : ys)
        for (const RunPlace& x : xs) {
            // Corners 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right, in two triangles.
            for (const int corner : {0, 1, 2, 1, 3, 2}) {
                const bool right = corner % 2 == 1, bottom = corner >= 2;
                const float u = right ? x.t1 : x.t0, t = bottom ? y.t1 : y.t0;
                vec3_set(&data->points[v], right ? x.to : x.from, bottom ? y.to : y.from, 0.0f);
                if (data->colors)
                    data->colors[v] = 0xFFFFFFFFu;
                const float uv[4] = {u, t, u, t};
                std::copy(uv, uv + stride, tex0 + stride * v);
                ++v;
            }
        }
    return VertexBufferPtr(gs_vertexbuffer_create(data, 0)); // libobs owns data from here
}

void destroy_picture(gs_texrender_t*& picture) {
    if (!picture)
        return;
    core::add_texture_bytes(-picture_bytes(picture));
    gs_texrender_destroy(picture);
    picture = nullptr;
}

} // namespace

LayerCache::~LayerCache() {
    for (gs_texrender_t*& picture : pictures_)
        destroy_picture(picture);
    for (gs_texrender_t*& spare : spares_)
        destroy_picture(spare);
}

void LayerCache::count_held() {
    std::int64_t bytes = 0;
    for (gs_texrender_t* picture : pictures_)
        bytes += picture_bytes(picture);
    for (gs_texrender_t* spare : spares_)
        bytes += picture_bytes(spare);
    held_bytes_.store(bytes, std::memory_order_relaxed);
}

bool LayerCache::retire_dropped() {
    bool any = false;
    for (std::size_t i = 0; i < pictures_.size(); ++i)
        if (pictures_[i] && !plan_.holds(i)) {
            retire(i);
            any = true;
        }
    return any;
}

void LayerCache::retire(std::size_t slot) {
    stretches_[slot] = Stretch{};
    gs_texrender_t*& picture = pictures_[slot];
    if (!picture)
        return;
    for (gs_texrender_t*& spare : spares_)
        if (!spare) {
            spare = picture;
            picture = nullptr;
            return;
        }
    destroy_picture(picture);
}

std::size_t LayerCache::draw(const QuadBatch& batch, const ShapeEffect& effect, bool linear,
                             float opacity, bool settled) {
    // The content moved on: a whole picture of what it was is never drawn again.
    for (std::size_t i = 0; i < whole_.size(); ++i)
        if (whole_[i] && plan_.holds(i) && plan_.key_of(i) != batch.whole_key())
            plan_.forget(i);
    const std::size_t card = batch.static_vertices();
    if (card == 0)
        return 0;
    // A large source at rest: its content's shapes go into its card's picture, one pass a frame
    // fewer (and no signed distance per pixel of a focus band). While it moves, its card alone.
    const std::size_t shapes = batch.shape_vertices();
    bool content = settled && opacity >= 1.0f && shapes > card && cache_enabled() && !linear;
    float sx = 1.0f, sy = 1.0f;
    if (content) {
        world_scale(sx, sy);
        content = whole_bytes(batch, sx, sy) > static_cast<double>(kMaxWholeBytes);
    }
    const std::uint64_t shapes_key = content ? batch.shapes_key() : 0;
    content = content && shapes_key != unstretched_shapes_;
    for (std::size_t i = 0; i < shapes_.size(); ++i)
        if (shapes_[i] && plan_.holds(i) && (!content || plan_.key_of(i) != shapes_key))
            plan_.forget(i);
    if (content) {
        // The card alone is drawn no more while the source rests: its picture's texture becomes
        // the spare the picture with the content's shapes is made in (one texture, not two).
        bool dropped = false;
        for (std::size_t i = 0; i < shapes_.size(); ++i)
            if (!shapes_[i] && !whole_[i] && plan_.holds(i) &&
                plan_.key_of(i) == batch.static_key() && core::same_scale(plan_.scale_x(i), sx) &&
                core::same_scale(plan_.scale_y(i), sy)) {
                plan_.forget(i);
                dropped = true;
            }
        if (dropped && retire_dropped())
            count_held();
        if (draw_picture(batch, shapes_key, Layer::shapes, shapes, effect, linear, opacity,
                         [&] { batch.draw_leading(effect, shapes); }))
            return shapes;
    }
    return draw_picture(batch, batch.static_key(), Layer::card, card, effect, linear, opacity,
                        [&] { batch.draw_leading(effect, card); })
               ? card
               : 0;
}

bool LayerCache::draw_whole(const QuadBatch& batch, const ShapeEffect& effect, bool linear,
                            PageTextures page_texture) {
    if (batch.vertex_count() == 0)
        return false;
    float sx = 1.0f, sy = 1.0f;
    world_scale(sx, sy);
    if (whole_bytes(batch, sx, sy) > static_cast<double>(kMaxWholeBytes))
        return false;
    paint_onto_card(batch, effect, linear, page_texture);
    if (!draw_picture(batch, batch.whole_key(), Layer::whole, 0, effect, linear, 1.0f, [&] {
            batch.draw_all(effect, page_texture);
            whole_builds_.fetch_add(1, std::memory_order_relaxed);
        }))
        return false;
    plan_.keep_only(batch.whole_key());
    if (retire_dropped())
        count_held();
    return true;
}

void LayerCache::paint_onto_card(const QuadBatch& batch, const ShapeEffect& effect, bool linear,
                                 PageTextures page_texture) {
    if (!cache_enabled() || linear || batch.static_vertices() == 0 || !effect.loaded())
        return;
    float sx = 1.0f, sy = 1.0f;
    world_scale(sx, sy);
    const std::size_t slot = plan_.relabel(batch.static_key(), batch.whole_key(), sx, sy);
    if (slot >= pictures_.size())
        return;
    gs_texrender_t* picture = pictures_[slot];
    gs_texture_t* texture =
        picture && !stretches_[slot].quads ? gs_texrender_get_texture(picture) : nullptr;
    const float made_sx = plan_.scale_x(slot);
    const float made_sy = plan_.scale_y(slot);
    bool began = false;
    if (texture && made_sx > 0.0f && made_sy > 0.0f) {
        // Begun again at its own size, a texrender keeps its texture and what it holds.
        gs_texrender_reset(picture);
        began = gs_texrender_begin(picture, gs_texture_get_width(texture),
                                   gs_texture_get_height(texture));
    }
    if (!began) {
        plan_.forget(slot); // it holds the card alone, not what its key now says
        return;
    }
    // The same projection the card was drawn with (LayerCache::draw_picture).
    gs_ortho(0.0f, static_cast<float>(gs_texture_get_width(texture)) / made_sx, 0.0f,
             static_cast<float>(gs_texture_get_height(texture)) / made_sy, -100.0f, 100.0f);
    batch.draw_dynamic(effect, page_texture);
    gs_texrender_end(picture);
    whole_[slot] = true;
    shapes_[slot] = false;
    whole_builds_.fetch_add(1, std::memory_order_relaxed);
}

bool LayerCache::draw_picture(const QuadBatch& batch, std::uint64_t key, Layer layer,
                              std::size_t vertices, const ShapeEffect& effect, bool linear,
                              float opacity, core::FunctionRef<void()> paint) {
    const bool whole = layer == Layer::whole;
    // The picture holds sRGB-encoded values blended as the sources blend them; a linear target
    // (OBS's sRGB-aware path) gets the shapes themselves.
    if (!cache_enabled() || linear || batch.width() == 0 || batch.height() == 0 || !effect.loaded())
        return false;
    float sx = 1.0f, sy = 1.0f;
    world_scale(sx, sy);
    const auto decision = plan_.next(key, sx, sy);
    bool changed = retire_dropped();
    if (++spares_idle_ > core::LayerPlan::kStaleDraws)
        for (gs_texrender_t*& spare : spares_)
            if (spare) {
                destroy_picture(spare);
                changed = true;
            }
    if (decision.action == core::LayerPlan::Action::direct) {
        if (changed)
            count_held();
        return false;
    }
    gs_texrender_t*& picture = pictures_[decision.slot];
    if (decision.action == core::LayerPlan::Action::build) {
        const double pw = std::ceil(batch.width() * static_cast<double>(sx));
        const double ph = std::ceil(batch.height() * static_cast<double>(sy));
        if (pw < 1 || ph < 1 || pw > kMaxPicture || ph > kMaxPicture) {
            plan_.forget(decision.slot);
            count_held();
            return false;
        }
        for (gs_texrender_t*& spare : spares_)
            if (!picture && spare) {
                picture = spare;
                spare = nullptr;
                spares_idle_ = 0;
            }
        if (!picture)
            picture = gs_texrender_create(GS_RGBA, GS_ZS_NONE);
        whole_[decision.slot] = whole;
        shapes_[decision.slot] = layer == Layer::shapes;
        // Until the picture and what draws it are made, the plan does not hold it: an exception
        // on the way (no memory) must not leave a slot that a later frame would draw from.
        struct Unmade {
            core::LayerPlan& plan;
            std::size_t slot;
            bool made = false;
            ~Unmade() {
                if (!made)
                    plan.forget(slot);
            }
        } unmade{plan_, decision.slot};
        // A card too large to be drawn whole keeps one column (row) for each run of them alike.
        core::StretchPlan columns, rows;
        if (!whole && whole_bytes(batch, sx, sy) > static_cast<double>(kMaxWholeBytes)) {
            columns = core::plan_stretch(batch.leading_shapes(0, vertices),
                                         static_cast<std::uint32_t>(pw), sx);
            rows = core::plan_stretch(batch.leading_shapes(1, vertices),
                                      static_cast<std::uint32_t>(ph), sy);
        }
        const bool stretched =
            columns.kept > 0 && rows.kept > 0 && (columns.kept < pw || rows.kept < ph);
        const auto made_w = stretched ? columns.kept : static_cast<std::uint32_t>(pw);
        const auto made_h = stretched ? rows.kept : static_cast<std::uint32_t>(ph);
        if (layer == Layer::shapes && 4.0 * made_w * made_h > static_cast<double>(kMaxWholeBytes)) {
            // Content whose shapes leave little alike (a gradient over it all, a field of dots):
            // its picture would be as large as a whole one. Its card alone is drawn from a
            // picture, and these shapes are not tried again.
            unstretched_shapes_ = key;
            count_held(); // forgotten (unmade), its texture a spare
            return false;
        }
        stretches_[decision.slot] = Stretch{};
        gs_texrender_reset(picture);
        const std::int64_t before = picture_bytes(picture);
        const bool began = picture && gs_texrender_begin(picture, made_w, made_h);
        core::add_texture_bytes(picture_bytes(picture) - before); // made again at a new size
        if (!began) {
            count_held(); // forgotten (unmade)
            return false;
        }
        vec4 clear;
        vec4_zero(&clear);
        gs_clear(GS_CLEAR_COLOR, &clear, 0.0f, 0);
        if (stretched) {
            // Each run of rows by each run of columns into its own texels of the picture: a
            // collapsed run as its first line.
            std::uint32_t y = 0;
            for (const core::StretchRun& row : rows.runs) {
                const std::uint32_t h = row.collapsed ? 1 : row.count;
                std::uint32_t x = 0;
                for (const core::StretchRun& column : columns.runs) {
                    const std::uint32_t w = column.collapsed ? 1 : column.count;
                    gs_set_viewport(static_cast<int>(x), static_cast<int>(y), static_cast<int>(w),
                                    static_cast<int>(h));
                    gs_ortho(static_cast<float>(column.first) / sx,
                             static_cast<float>(column.first + w) / sx,
                             static_cast<float>(row.first) / sy,
                             static_cast<float>(row.first + h) / sy, -100.0f, 100.0f);
                    paint();
                    x += w;
                }
                y += h;
            }
        } else {
            // The source's pixel area onto the whole picture: pw x ph texels for width x height.
            gs_ortho(0.0f, static_cast<float>(pw / sx), 0.0f, static_cast<float>(ph / sy), -100.0f,
                     100.0f);
            paint();
        }
        gs_texrender_end(picture);
        builds_.fetch_add(1, std::memory_order_relaxed);
        if (layer == Layer::shapes)
            content_builds_.fetch_add(1, std::memory_order_relaxed);
        changed = true;
        // Made once the picture is ended: nothing that allocates runs while it is begun.
        if (stretched)
            stretches_[decision.slot] =
                Stretch{stretch_quads(columns, rows, made_w, made_h, sx, sy, false),
                        stretch_quads(columns, rows, made_w, made_h, sx, sy, true),
                        static_cast<std::uint32_t>(core::kVerticesPerQuad * columns.runs.size() *
                                                   rows.runs.size())};
        if (stretched &&
            (!stretches_[decision.slot].quads || !stretches_[decision.slot].fading_quads)) {
            count_held(); // not drawable without its quads: forgotten
            return false;
        }
        unmade.made = true;
    }
    if (changed)
        count_held();
    gs_texture_t* texture = gs_texrender_get_texture(picture);
    if (!texture)
        return false;
    const Stretch& stretch = stretches_[decision.slot];
    return draw_texture(texture, sx, sy, effect, opacity, stretch.quads ? &stretch : nullptr);
}

bool LayerCache::make_drawing_state() {
    if (point_ && quad_ && copy_image_ && copy_technique_)
        return true;
    // The picture is made at the scale it is drawn at, texel for pixel: nearest sampling is exact
    // there and cheaper than filtering (a software renderer pays for it per pixel).
    gs_sampler_info point{};
    point.filter = GS_FILTER_POINT;
    point.address_u = GS_ADDRESS_CLAMP;
    point.address_v = GS_ADDRESS_CLAMP;
    point.address_w = GS_ADDRESS_CLAMP;
    point.max_anisotropy = 1; // unused with point filtering, but libobs asks for 1 to 16
    // OBS's default effect: one texel a pixel, and OBS has linked its program already to show
    // the preview; a technique of Stagehand's own for the same would link one more (about 1 MiB
    // under llvmpipe). It lives as long as the graphics context.
    gs_effect_t* copy = obs_get_base_effect(OBS_EFFECT_DEFAULT);
    copy_image_ = copy ? gs_effect_get_param_by_name(copy, "image") : nullptr;
    copy_technique_ = copy ? gs_effect_get_technique(copy, "Draw") : nullptr;
    // One quad of the Stagehand effect's own layout, (0, 0) to (1, 1), for a fading picture:
    // corners 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right in two triangles, as the
    // effect's other quads. TEXCOORD0 is (x, y, u, v): the position goes to the clip test, which
    // holds every pixel outside a transition; opaque white makes the texel times the opacity.
    gs_vb_data* data = make_vertex_data(core::kVerticesPerQuad);
    const float xs[4] = {0.0f, 1.0f, 0.0f, 1.0f};
    const float ys[4] = {0.0f, 0.0f, 1.0f, 1.0f};
    auto* tex0 = static_cast<float*>(data->tvarray[0].array);
    std::size_t v = 0;
    for (const int corner : {0, 1, 2, 1, 3, 2}) {
        vec3_set(&data->points[v], xs[corner], ys[corner], 0.0f);
        data->colors[v] = 0xFFFFFFFFu;
        for (std::size_t i = 0; i < 4; ++i)
            tex0[4 * v + i] = i % 2 == 0 ? xs[corner] : ys[corner];
        ++v;
    }
    quad_.reset(gs_vertexbuffer_create(data, 0)); // libobs owns data from here
    point_.reset(gs_samplerstate_create(&point));
    return point_ && quad_ && copy_image_ && copy_technique_;
}

bool LayerCache::draw_texture(gs_texture_t* texture, float sx, float sy, const ShapeEffect& effect,
                              float opacity, const Stretch* stretch) {
    if (!make_drawing_state())
        return false;
    const BlendStateScope blend(GS_BLEND_ONE, GS_BLEND_INVSRCALPHA); // premultiplied texels
    const MatrixScope matrix;
    const std::uint32_t width = gs_texture_get_width(texture);
    const std::uint32_t height = gs_texture_get_height(texture);
    // A stretched picture's quads are in the source's pixels already; a whole picture is one quad
    // in texels (the sprite) or the unit quad, scaled back by the scale it was made at. At full
    // strength both are in the sprite's vertex layout, as OBS's preview draws the same effect
    // (stretch_quads says why), and while fading in the Stagehand effect's.
    const std::uint32_t vertices = stretch ? stretch->vertices : 0;
    if (opacity >= 1.0f) {
        gs_vertbuffer_t* quads = stretch ? stretch->quads.get() : nullptr;
        // At full strength, as almost every frame draws it: a copy with OBS's default effect.
        gs_effect_set_next_sampler(copy_image_, point_.get());
        gs_effect_set_texture(copy_image_, texture);
        if (quads) {
            gs_load_vertexbuffer(quads);
            gs_load_indexbuffer(nullptr);
            draw_technique(copy_technique_, [&] { gs_draw(GS_TRIS, 0, vertices); });
            gs_load_vertexbuffer(nullptr);
        } else {
            gs_matrix_scale3f(1.0f / sx, 1.0f / sy, 1.0f);
            draw_technique(copy_technique_, [&] { gs_draw_sprite(texture, 0, width, height); });
        }
    } else {
        // Fading (a dissolve, a question leaving): a colour bitmap of the effect's ShapeGlyph
        // technique, premultiplied texels times the opacity, read with the point sampler. Its
        // program is linked for the text already; its arithmetic per pixel costs more than a
        // copy, but only for the frames of a fade.
        effect.set_picture(texture, point_.get());
        effect.set_opacity(opacity);
        effect.set_kind(ShapeEffect::Kind::ColorGlyph, false);
        gs_vertbuffer_t* quads = stretch ? stretch->fading_quads.get() : nullptr;
        if (!quads)
            gs_matrix_scale3f(static_cast<float>(width) / sx, static_cast<float>(height) / sy,
                              1.0f);
        gs_load_vertexbuffer(quads ? quads : quad_.get());
        gs_load_indexbuffer(nullptr);
        const auto count = quads ? vertices : static_cast<std::uint32_t>(core::kVerticesPerQuad);
        draw_technique(effect.technique(ShapeEffect::Kind::ColorGlyph, false),
                       [&] { gs_draw(GS_TRIS, 0, count); });
        gs_load_vertexbuffer(nullptr);
    }
    picture_draws_.fetch_add(1, std::memory_order_relaxed);
    return true;
}

} // namespace stagehand::render
