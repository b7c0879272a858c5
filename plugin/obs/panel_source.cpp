#include "obs/panel_source.hpp"

#include "control/status_board.hpp"
#include "core/base/cpu_cost.hpp"
#include "core/base/error_report.hpp"
#include "core/text/text_layout.hpp"
#include "obs/log.hpp"
#include "obs/obs_handles.hpp"
#include "obs/settings_keys.hpp"
#include "render/graphics_handles.hpp"

#include <callback/calldata.h>
#include <callback/proc.h>
#include <util/bmem.h>
#include <util/platform.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <string>
#include <utility>

namespace stagehand {

namespace {

float get_float(obs_data_t* settings, const char* key) {
    return static_cast<float>(obs_data_get_double(settings, key));
}

std::uint32_t get_size(obs_data_t* settings, const char* key) {
    return static_cast<std::uint32_t>(
        std::clamp<long long>(obs_data_get_int(settings, key), 1, 16384));
}

std::uint32_t get_color(obs_data_t* settings, const char* key) {
    return static_cast<std::uint32_t>(obs_data_get_int(settings, key));
}

// The comparisons a replan on the video thread may make (a few hundred microseconds at most);
// the worker plans with a thousand times more.
constexpr std::size_t kReplanCells = 20'000;

std::string effect_path() {
    return obs::take_string(obs_module_file("effects/stagehand-shapes.effect"));
}

} // namespace

PanelSource::PanelSource(const OverlayKind& kind, obs_data_t* settings, obs_source_t* source)
    : kind_(kind)
    , source_(source)
    , worker_(kind.worker, core::LatestJobWorker::Thread::shared) {
    {
        render::GraphicsScope graphics;
        text_ = render::TextResources::acquire();
        std::string error;
        const std::string path = effect_path();
        if (path.empty())
            log(LOG_ERROR, "%s: effects/stagehand-shapes.effect is missing from the plugin data",
                obs_source_get_name(source));
        else if (!effect_.load(path, error))
            log(LOG_ERROR, "%s: %s", obs_source_get_name(source), error.c_str());
    }
    // How many pictures of its layers the source has made, how many were whole and how many held
    // a large card with its content's shapes: for the render tests and anyone checking that a
    // still overlay is drawn from one picture; the bytes of every texture Stagehand holds now
    // (all sources and the glyph atlas); the vertices held for transitions (what fades out,
    // a glide's glyphs), none once they end; and how often the state outside the settings was
    // looked at (after a publish, or when the content said it would change by itself).
    proc_handler_add(
        obs_source_get_proc_handler(source),
        "void stagehand_layer_stats(out int pictures, out int whole_pictures, "
        "out int content_pictures, out int texture_bytes, out int picture_bytes, "
        "out int transition_vertices, out int outside_checks)",
        [](void* data, calldata_t* cd) noexcept {
            // The source's data is gone once it is destroyed: then nothing is answered.
            const auto* self =
                static_cast<const PanelSource*>(obs_obj_get_data(static_cast<obs_source_t*>(data)));
            if (!self)
                return;
            calldata_set_int(cd, "pictures", static_cast<long long>(self->layers_.builds()));
            calldata_set_int(cd, "whole_pictures",
                             static_cast<long long>(self->layers_.whole_builds()));
            calldata_set_int(cd, "content_pictures",
                             static_cast<long long>(self->layers_.content_builds()));
            calldata_set_int(cd, "texture_bytes", static_cast<long long>(core::texture_bytes()));
            calldata_set_int(cd, "picture_bytes",
                             static_cast<long long>(self->layers_.held_bytes()));
            calldata_set_int(
                cd, "transition_vertices",
                static_cast<long long>(self->idle_vertices_.load(std::memory_order_relaxed)));
            calldata_set_int(
                cd, "outside_checks",
                static_cast<long long>(self->outside_checks_.load(std::memory_order_relaxed)));
        },
        source);
    // The first content already reflects the outside state: no second build on the first tick.
    if (kind_.content_revision)
        content_revision_seen_ = check_outside(os_gettime_ns());
    update(settings);
}

core::PanelStyle PanelSource::style_from_settings(obs_data_t* settings) {
    core::PanelStyle s;
    s.width = get_size(settings, keys::kWidth);
    s.height = get_size(settings, keys::kHeight);
    s.background = core::from_obs_abgr(get_color(settings, keys::kBackgroundColor));
    s.corner_radius = get_float(settings, keys::kCornerRadius);
    s.border = core::from_obs_abgr(get_color(settings, keys::kBorderColor));
    s.border_width = get_float(settings, keys::kBorderWidth);
    s.shadow = core::from_obs_abgr(get_color(settings, keys::kShadowColor));
    s.shadow_blur = get_float(settings, keys::kShadowBlur);
    s.shadow_offset_y = get_float(settings, keys::kShadowOffset);
    return s;
}

void PanelSource::write_defaults(const core::PanelStyle& s, obs_data_t* settings) {
    obs_data_set_default_int(settings, keys::kWidth, s.width);
    obs_data_set_default_int(settings, keys::kHeight, s.height);
    obs_data_set_default_int(settings, keys::kBackgroundColor, core::to_obs_abgr(s.background));
    obs_data_set_default_double(settings, keys::kCornerRadius, s.corner_radius);
    obs_data_set_default_int(settings, keys::kBorderColor, core::to_obs_abgr(s.border));
    obs_data_set_default_double(settings, keys::kBorderWidth, s.border_width);
    obs_data_set_default_int(settings, keys::kShadowColor, core::to_obs_abgr(s.shadow));
    obs_data_set_default_double(settings, keys::kShadowBlur, s.shadow_blur);
    obs_data_set_default_double(settings, keys::kShadowOffset, s.shadow_offset_y);
    obs_data_set_default_int(settings, keys::kTransitionMs, 250);
    obs_data_set_default_bool(settings, keys::kMorph, true);
}

void PanelSource::add_panel_properties(obs_properties_t* props) {
    obs_properties_add_int(props, keys::kWidth, obs_module_text("Panel.Width"), 16, 16384, 1);
    obs_properties_add_int(props, keys::kHeight, obs_module_text("Panel.Height"), 16, 16384, 1);
    obs_properties_add_color_alpha(props, keys::kBackgroundColor,
                                   obs_module_text("Panel.Background"));
    obs_properties_add_float_slider(props, keys::kCornerRadius,
                                    obs_module_text("Panel.CornerRadius"), 0.0, 200.0, 1.0);
    obs_properties_add_color_alpha(props, keys::kBorderColor, obs_module_text("Panel.Border"));
    obs_properties_add_float_slider(props, keys::kBorderWidth, obs_module_text("Panel.BorderWidth"),
                                    0.0, 40.0, 0.5);
    obs_properties_add_color_alpha(props, keys::kShadowColor, obs_module_text("Panel.Shadow"));
    obs_properties_add_float_slider(props, keys::kShadowBlur, obs_module_text("Panel.ShadowBlur"),
                                    0.0, 200.0, 1.0);
    obs_properties_add_float_slider(props, keys::kShadowOffset,
                                    obs_module_text("Panel.ShadowOffset"), 0.0, 100.0, 1.0);
    obs_properties_add_int_slider(props, keys::kTransitionMs, obs_module_text("Panel.TransitionMs"),
                                  0, 2000, 10);
    obs_properties_add_bool(props, keys::kMorph, obs_module_text("Panel.Morph"));
}

void PanelSource::update(obs_data_t* settings) {
    const core::PanelStyle style = style_from_settings(settings);
    morph_.store(obs_data_get_bool(settings, keys::kMorph), std::memory_order_relaxed);
    transition_ns_.store(static_cast<std::uint64_t>(std::max<long long>(
                             obs_data_get_int(settings, keys::kTransitionMs), 0)) *
                             1000000ull,
                         std::memory_order_relaxed);
    width_.store(style.width, std::memory_order_relaxed);
    height_.store(style.height, std::memory_order_relaxed);
    ContentJob content;
    if (kind_.prepare_content)
        content = kind_.prepare_content(source_, settings, core::panel_card_rect(style));
    const char* name = obs_source_get_name(source_);
    worker_.submit(
        [this, style, content = std::move(content), name = std::string(name ? name : "")] {
            auto list = std::make_shared<core::RenderList>();
            list->width = style.width;
            list->height = style.height;
            std::vector<std::string> warnings;
            core::PanelStyle panel = style;
            if (content)
                content(panel, *list, warnings);
            // The panel goes under whatever the content drew.
            if (!panel.hidden) {
                core::RenderList card;
                core::build_panel(panel, card);
                list->shapes.insert(list->shapes.begin(), card.shapes.begin(), card.shapes.end());
                list->static_shapes = card.shapes.size();
            }
            report(name, warnings);
            // Plan a glide from what is on screen now, if the source morphs and both pictures
            // have text to match.
            auto published = std::make_shared<Content>();
            const auto previous = content_.snapshot().value;
            // No plan when there is no transition to spend it on.
            if (morph_.load(std::memory_order_relaxed) &&
                transition_ns_.load(std::memory_order_relaxed) > 0 && previous && previous->list &&
                !previous->list->glyphs.empty() && !list->glyphs.empty()) {
                auto plan = std::make_shared<core::MorphPlan>(
                    core::plan_morph(*previous->list, *list, 1'000'000));
                if (plan->usable) {
                    published->from = previous->list;
                    published->plan = std::move(plan);
                }
            }
            // Render the glyphs the video thread has not seen yet here, off its clock: it will
            // only copy them into the atlas.
            thread_local core::text::GlyphRasterizer rasterizer;
            text_->atlas().staging().prepare(core::glyph_keys(*list), rasterizer);
            published->list = std::move(list);
            content_.publish(std::move(published));
        });
}

core::text::TextEngine& worker_text_engine() {
    thread_local core::text::TextEngine engine;
    return engine;
}

void PanelSource::report(const std::string& name, const std::vector<std::string>& warnings) {
    std::string joined;
    for (const std::string& w : warnings)
        joined += w + "; ";
    // Say it once, not every time the settings are applied; the dock shows it until it is gone.
    if (joined != last_warnings_) {
        if (!joined.empty())
            log(LOG_WARNING, "%s: %s", name.c_str(), joined.c_str());
        control::StatusBoard::global().set("sources", name, control::Severity::warning, warnings);
    }
    last_warnings_ = joined;
    reported_name_ = name;
}

void PanelSource::stop_worker() {
    worker_.stop();
}

PanelSource::~PanelSource() {
    worker_.stop();
    // Cleared under the name it was posted with (the source may have been renamed since).
    if (!last_warnings_.empty())
        control::StatusBoard::global().set("sources", reported_name_, control::Severity::warning,
                                           {});
}

std::uint64_t PanelSource::check_outside(std::uint64_t now_ns) {
    // The epoch is read before the state: a publish after this read moves it again, and the
    // next tick looks once more.
    outside_epoch_seen_ = core::publish_epoch();
    std::int64_t recheck_ms = -1;
    const std::uint64_t revision = kind_.content_revision(source_, recheck_ms);
    outside_recheck_ns_ =
        recheck_ms < 0 ? UINT64_MAX : now_ns + static_cast<std::uint64_t>(recheck_ms) * 1'000'000;
    outside_checks_.fetch_add(1, std::memory_order_relaxed);
    return revision;
}

void PanelSource::tick() {
    const std::uint64_t now = os_gettime_ns();
    // State outside the settings changed (a question was featured): prepare the content again
    // from the current settings, as an update would. Asked only when something was published
    // or the content said it would change by now: a still overlay costs one atomic read here.
    if (kind_.content_revision &&
        (core::publish_epoch() != outside_epoch_seen_ || now >= outside_recheck_ns_)) {
        const std::uint64_t revision = check_outside(now);
        if (revision != content_revision_seen_) {
            content_revision_seen_ = revision;
            obs::Data settings(obs_source_get_settings(source_));
            update(settings.get());
        }
    }
    core::text::GlyphAtlas& atlas = text_->atlas();
    // A page was reused, or glyphs a frame wanted were rendered by the stager: build again.
    const std::uint64_t staged = text_->staged_revision();
    const bool stale_atlas = atlas.epoch() != atlas_epoch_ || staged != staged_seen_;
    // The revision alone first (no lock, no pointer copied): most ticks end here.
    if (content_.revision() == uploaded_revision_ && !stale_atlas && !morphing_)
        return;
    auto snapshot = content_.snapshot();
    const bool fresh = snapshot.revision != uploaded_revision_;
    if ((!fresh && !stale_atlas && !morphing_) || !snapshot.value || !snapshot.value->list)
        return;
    const std::uint64_t duration = transition_ns_.load(std::memory_order_relaxed);
    render::GraphicsScope graphics;
    if (fresh) {
        morph_target_.reset();
        if (!(snapshot.value->plan && duration > 0) && morphing_ && morph_on_gpu_) {
            // A dissolve starts while the GPU draws a morph: what is on screen is not in
            // batch_ (its glyphs are in morph_batch_), so freeze that frame to fade it out.
            const Content& m = *morphing_;
            atlas.begin_frame();
            core::build_vertices(core::morph_frame(*m.plan, *m.from, *m.list, morph_t_), &atlas,
                                 scratch_);
            text_->upload_dirty_pages();
            batch_.upload(scratch_);
            morphing_.reset();
        }
        morph_on_gpu_ = false;
        if (snapshot.value->plan && duration > 0) {
            // Glide: the glyphs are uploaded once below and the GPU moves them every frame.
            auto next = snapshot.value;
            if (morphing_) {
                // A new change while a glide runs (Next pressed twice): glide on from the
                // picture on screen, not from where the cut-short glide was heading.
                const Content& m = *morphing_;
                auto shown = std::make_shared<core::RenderList>(
                    core::morph_frame(*m.plan, *m.from, *m.list, morph_t_));
                // On the video thread, so with a small budget: a snippet too large for it
                // glides on from the worker's plan instead (from the last target).
                auto replan = std::make_shared<core::MorphPlan>(
                    core::plan_morph(*shown, *next->list, kReplanCells));
                if (replan->usable) {
                    auto from_screen = std::make_shared<Content>(*next);
                    from_screen->from = std::move(shown);
                    from_screen->plan = std::move(replan);
                    next = std::move(from_screen);
                }
            }
            morphing_ = std::move(next);
            morph_target_ = snapshot.value;
            morph_start_ns_ = now;
            transition_start_ns_ = 0; // no dissolve on top
        } else {
            morphing_.reset();
            // Dissolve: the old buffer becomes the one that fades out.
            std::swap(batch_, previous_batch_);
            transition_start_ns_ = now;
            const bool now_empty = snapshot.value->list->empty();
            if (snapshot.value->list->instant) {
                transition_start_ns_ = 0; // gone at once: nothing fades
                exit_start_ns_ = 0;
            } else if (kind_.animate_presence && shown_empty_ && !now_empty) {
                entrance_start_ns_ = now; // slides in; nothing to fade out
                transition_start_ns_ = 0;
            } else if (kind_.animate_presence && !shown_empty_ && now_empty) {
                exit_start_ns_ = now; // what was shown slides out
                transition_start_ns_ = 0;
            }
            shown_empty_ = now_empty;
        }
    }
    core::RenderList frame_storage;
    const core::RenderList* frame = snapshot.value->list.get();
    if (morphing_) {
        const std::uint64_t elapsed = now - morph_start_ns_;
        if (elapsed >= duration || morph_target_ != snapshot.value) {
            morphing_.reset(); // done (or superseded): show the new picture as it is
            morph_target_.reset();
            morph_on_gpu_ = false;
        } else {
            const Content& m = *morphing_;
            const float t =
                core::ease_in_out(static_cast<float>(elapsed) / static_cast<float>(duration));
            if (!morph_on_gpu_ || stale_atlas) {
                // Once per transition (again if the atlas lost a page): every glyph's start
                // and end, for the GPU to interpolate.
                for (int attempt = 0; attempt < 2; ++attempt) {
                    const std::uint64_t epoch = atlas.epoch();
                    atlas.begin_frame();
                    morph_on_gpu_ =
                        core::build_morph_vertices(*m.plan, *m.from, *m.list, atlas, scratch_);
                    if (atlas.epoch() == epoch)
                        break;
                }
                if (morph_on_gpu_) {
                    text_->upload_dirty_pages();
                    morph_batch_.upload(scratch_);
                }
            }
            frame_storage.width = m.list->width;
            frame_storage.height = m.list->height;
            morph_t_ = t;
            if (morph_on_gpu_) {
                frame_storage.shapes = core::morph_shapes(*m.plan, *m.from, *m.list, t);
            } else {
                frame_storage = core::morph_frame(*m.plan, *m.from, *m.list, t);
            }
            // The card stays while the content glides: its picture is drawn, not its shapes.
            frame_storage.static_shapes =
                core::unchanged_static_shapes(*m.list, frame_storage.shapes);
            frame = &frame_storage;
        }
    }
    // Placing new glyphs can clear an atlas page; if that happens mid-build, build again so
    // no quad points at a page that has been reused.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const std::uint64_t epoch = atlas.epoch();
        atlas.begin_frame();
        core::build_vertices(*frame, &atlas, scratch_);
        if (atlas.epoch() == epoch)
            break;
    }
    text_->upload_dirty_pages();
    batch_.upload(scratch_);
    uploaded_revision_ = snapshot.revision;
    atlas_epoch_ = atlas.epoch();
    staged_seen_ = staged;
    text_->stage_wanted(); // what this frame lacked, rendered off this thread
}

void PanelSource::render() {
    const bool previous_srgb = gs_framebuffer_srgb_enabled();
    const bool linear = gs_get_linear_srgb();
    // Set (and put back) only when it differs: each call is a state change in the driver.
    if (previous_srgb != linear)
        gs_enable_framebuffer_srgb(linear);
    const auto pages = [this](int page) {
        return text_->page_texture(page);
    };
    const std::uint64_t duration = transition_ns_.load(std::memory_order_relaxed);
    const std::uint64_t now = os_gettime_ns();
    // Draws a batch moved down by `presence.offset_y` at its opacity.
    const auto draw_present = [&](render::QuadBatch& batch, core::Presence presence) {
        gs_matrix_push();
        gs_matrix_translate3f(0.0f, presence.offset_y, 0.0f);
        batch.draw(effect_, linear, presence.opacity, pages, &layers_);
        gs_matrix_pop();
    };
    const auto progress = [&](std::uint64_t start) {
        return duration == 0 ? 1.0f
                             : static_cast<float>(now - start) / static_cast<float>(duration);
    };
    const bool entering = entrance_start_ns_ != 0 && progress(entrance_start_ns_) < 1.0f;
    const bool exiting = exit_start_ns_ != 0 && progress(exit_start_ns_) < 1.0f;
    const float fading = core::previous_content_opacity(now - transition_start_ns_, duration);
    // Content that has stood still for a few frames, with nothing entering, leaving, gliding or
    // fading, is drawn whole from one picture: a still overlay costs one quad a frame.
    if (batch_.uploads() != settled_uploads_) {
        settled_uploads_ = batch_.uploads();
        still_frames_ = 0;
    } else if (still_frames_ < kSettleFrames) {
        ++still_frames_;
    }
    const bool settled =
        still_frames_ >= kSettleFrames && !entering && !exiting && !morphing_ && fading <= 0.0f;
    if (entering)
        draw_present(batch_, core::presence_at(progress(entrance_start_ns_), true));
    else
        batch_.draw(effect_, linear, 1.0f, pages, &layers_, settled);
    if (exiting)
        draw_present(previous_batch_, core::presence_at(progress(exit_start_ns_), false));
    if (morphing_ && morph_on_gpu_)
        morph_batch_.draw_morph(effect_, linear, morph_t_,
                                core::morph_clip(*morphing_->plan, *morphing_->list), pages);
    if (fading > 0.0f)
        previous_batch_.draw(effect_, linear, fading, pages, &layers_);
    // What is drawn no more until the content changes again gives its buffers back: what faded
    // or slid out, and a finished glide's glyphs. Each held a vertex buffer the size of the
    // content (and libobs a copy of it), kept for good by a source that changed once.
    if (!exiting && fading <= 0.0f && previous_batch_.holds_buffer())
        previous_batch_.release();
    if (!(morphing_ && morph_on_gpu_) && morph_batch_.holds_buffer())
        morph_batch_.release();
    idle_vertices_.store(
        static_cast<std::int64_t>(previous_batch_.capacity() + morph_batch_.capacity()),
        std::memory_order_relaxed);
    if (previous_srgb != linear)
        gs_enable_framebuffer_srgb(previous_srgb);
}

} // namespace stagehand
