#pragma once

#include "core/base/latest_job_worker.hpp"
#include "core/base/published.hpp"
#include "core/draw/morph.hpp"
#include "core/draw/panel.hpp"
#include "core/draw/render_list.hpp"
#include "core/draw/transition.hpp"
#include "render/layer_cache.hpp"
#include "render/quad_batch.hpp"
#include "render/shape_effect.hpp"
#include "render/text_resources.hpp"

#include <obs-module.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace stagehand {

namespace core::text {
class TextEngine;
}

// Builds a source's content on its worker thread from values read out of the settings. It may
// restyle the panel (a code theme brings its own background) before the panel is drawn under
// the content.
using ContentJob = std::function<void(core::PanelStyle& panel, core::RenderList& list,
                                      std::vector<std::string>& warnings)>;

// The text engine of the worker thread a content job runs on: one per thread (FreeType and
// HarfBuzz objects are never shared between threads), so the kinds that share a thread
// (OverlayKind::worker) share its font cache too.
core::text::TextEngine& worker_text_engine();

// What distinguishes one Stagehand source type from another: its id, its name in the locale
// file, the look of its panel when first added, and what it draws on the panel.
struct OverlayKind {
    const char* id;
    const char* name_key;
    core::PanelStyle defaults;
    // Optional content on the card. prepare_content runs where OBS applies settings (its video
    // thread for video sources): it only reads the settings into plain values and returns the
    // job that does the real work (shaping, layout) on the source's worker thread.
    void (*content_defaults)(obs_data_t* settings) = nullptr;
    void (*content_properties)(obs_properties_t* props) = nullptr;
    ContentJob (*prepare_content)(obs_source_t* source, obs_data_t* settings,
                                  const core::Rect& card) = nullptr;
    // Optional per-source hotkeys (they are released with the source).
    void (*register_hotkeys)(obs_source_t* source) = nullptr;
    // Optional: content that depends on state outside the settings (the featured question, a
    // code source's live step). When the revision it returns for the source changes, the
    // content is prepared again. Read on the video thread, only on the ticks after something was
    // published (core::publish_epoch()) and once `recheck_ms` has passed: content that changes
    // by itself with time (the talk timer's seconds) sets how many milliseconds from now it
    // next may; left alone, it waits for a publish. Must be cheap and never wait on a lock held
    // for long.
    std::uint64_t (*content_revision)(obs_source_t* source, std::int64_t& recheck_ms) = nullptr;
    // Content that comes and goes (an empty list means "nothing") slides in and out instead of
    // a plain dissolve.
    bool animate_presence = false;
    // The control domain whose snapshot it draws ("code", "talk", "questions"), and whose dock
    // section (ui/dock_sections.cpp) and hotkeys (control/actions.cpp) drive it.
    const char* domain = "";
    // The thread its sources' layout runs on, shared by every source of the kinds that name it
    // (core::LatestJobWorker::Thread::shared): one font cache and heap arena for all of them. Code
    // snippets have their own, so that highlighting a large followed file never holds up the
    // talk timer or a featured question.
    const char* worker = "stagehand-draw";
};

// A source that draws a panel and its content from its settings. Threads: update() reads the
// settings and hands a job to the source's worker, which builds an immutable RenderList and
// publishes it; video_tick() notices the new revision and refills the vertex buffer inside the
// graphics context; video_render() only binds and draws. Until a new list is ready the source
// keeps drawing the previous one.
class PanelSource {
public:
    PanelSource(const OverlayKind& kind, obs_data_t* settings, obs_source_t* source);
    ~PanelSource();
    PanelSource(const PanelSource&) = delete;
    PanelSource& operator=(const PanelSource&) = delete;

    void update(obs_data_t* settings);
    // Finishes a running content job and drops a waiting one (before destruction, outside the
    // graphics context).
    void stop_worker();
    void tick();
    void render();
    std::uint32_t width() const { return width_.load(std::memory_order_relaxed); }
    std::uint32_t height() const { return height_.load(std::memory_order_relaxed); }

    static core::PanelStyle style_from_settings(obs_data_t* settings);
    static void write_defaults(const core::PanelStyle& style, obs_data_t* settings);
    static void add_panel_properties(obs_properties_t* props);

private:
    void report(const std::string& name, const std::vector<std::string>& warnings);
    // Asks kind_.content_revision now and notes when to ask again.
    std::uint64_t check_outside(std::uint64_t now_ns);

    const OverlayKind& kind_;
    obs_source_t* source_;
    std::shared_ptr<render::TextResources> text_;
    std::uint64_t atlas_epoch_ = 0;
    std::uint64_t staged_seen_ = 0; // TextResources::staged_revision() last built with
    std::string last_warnings_;     // worker thread (and the destructor, once it is idle)
    std::string reported_name_;
    // What the worker publishes: the new picture and, when it can glide there from the
    // previous one, the plan for that (computed on the worker, not the video thread).
    struct Content {
        std::shared_ptr<const core::RenderList> list;
        std::shared_ptr<const core::RenderList> from;
        std::shared_ptr<const core::MorphPlan> plan;
    };
    core::Published<Content> content_;
    std::atomic<bool> morph_{true};
    // Video-thread state of a running morph. Its glyphs are uploaded once (morph_batch_) and
    // moved by the GPU; each frame rebuilds only the shapes in batch_. Without the GPU streams
    // (they did not build) every frame is a whole morph_frame() in batch_.
    std::shared_ptr<const Content> morphing_;     // what is drawn (from may be a frozen frame)
    std::shared_ptr<const Content> morph_target_; // the published content it glides to
    std::uint64_t morph_start_ns_ = 0;
    bool morph_on_gpu_ = false; // morph_batch_ holds the running morph's glyphs
    float morph_t_ = 0.0f;
    render::QuadBatch morph_batch_;
    std::uint64_t uploaded_revision_ = 0;
    std::uint64_t content_revision_seen_ = 0;
    // The publish epoch content_revision was last asked at, and when to ask again regardless
    // (os_gettime_ns(); never while it is UINT64_MAX); how many times it was asked (tests).
    std::uint64_t outside_epoch_seen_ = 0;
    std::uint64_t outside_recheck_ns_ = 0;
    std::atomic<std::uint64_t> outside_checks_{0};
    // Presence animation (animate_presence): what is on screen arrived or is leaving.
    bool shown_empty_ = true;
    std::uint64_t entrance_start_ns_ = 0;
    std::uint64_t exit_start_ns_ = 0;
    std::atomic<std::uint32_t> width_{0};
    std::atomic<std::uint32_t> height_{0};
    render::ShapeEffect effect_;
    // The cards of batch_ and previous_batch_, drawn once into pictures (graphics context: it is
    // destroyed with the source, inside the context).
    render::LayerCache layers_;
    render::QuadBatch batch_;
    // What was shown before the latest content, faded out over transition_ns_.
    render::QuadBatch previous_batch_;
    std::uint64_t transition_start_ns_ = 0;
    std::atomic<std::uint64_t> transition_ns_{0};
    // How many frames batch_ has been drawn since its last upload (render only): after
    // kSettleFrames it is drawn whole from a picture. Content that changes every frame (typing,
    // a glide's last frames) is never pictured; the talk timer's once a second is.
    static constexpr int kSettleFrames = 3;
    std::uint64_t settled_uploads_ = 0;
    // Vertices the buffers of previous_batch_ and morph_batch_ hold after the last frame (the
    // render tests: nothing once no transition runs). Written by render, read by anyone.
    std::atomic<std::int64_t> idle_vertices_{0};
    int still_frames_ = 0;
    core::VertexStreams scratch_;
    // Last member: destroyed first, so no job outlives the state it writes to. On the thread its
    // kind shares (OverlayKind::worker), where a thread per source held a font cache, a
    // highlighter and a heap arena for each source in the scene collection, shown or not.
    core::LatestJobWorker worker_;
};

// Registers a source type that draws a PanelSource. `kind` must outlive the module.
void register_panel_source(const OverlayKind& kind);

} // namespace stagehand
