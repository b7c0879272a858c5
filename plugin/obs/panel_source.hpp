#pragma once

#include "core/panel.hpp"
#include "core/published.hpp"
#include "core/render_list.hpp"
#include "render/quad_batch.hpp"
#include "render/shape_effect.hpp"
#include "render/text_resources.hpp"

#include <obs-module.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace stagehand {

// What distinguishes one Stagehand source type from another: its id, its name in the locale
// file, the look of its panel when first added, and what it draws on the panel.
struct OverlayKind {
    const char* id;
    const char* name_key;
    core::PanelStyle defaults;
    // Optional content on the card. build_content runs where settings are applied (OBS's video
    // thread for video sources) and must not block: it lays out, it does no I/O.
    void (*content_defaults)(obs_data_t* settings) = nullptr;
    void (*content_properties)(obs_properties_t* props) = nullptr;
    void (*build_content)(obs_data_t* settings, const core::Rect& card, core::RenderList& list,
                          std::vector<std::string>& warnings) = nullptr;
};

// A source that draws a panel from its settings. Threads: update() builds an immutable
// RenderList and publishes it; video_tick() notices the new revision and refills the vertex
// buffer inside the graphics context; video_render() only binds and draws.
class PanelSource {
public:
    PanelSource(const OverlayKind& kind, obs_data_t* settings, obs_source_t* source);
    ~PanelSource();
    PanelSource(const PanelSource&) = delete;
    PanelSource& operator=(const PanelSource&) = delete;

    void update(obs_data_t* settings);
    void tick();
    void render();
    std::uint32_t width() const { return width_.load(std::memory_order_relaxed); }
    std::uint32_t height() const { return height_.load(std::memory_order_relaxed); }

    static core::PanelStyle style_from_settings(obs_data_t* settings);
    static void write_defaults(const core::PanelStyle& style, obs_data_t* settings);
    static void add_panel_properties(obs_properties_t* props);

private:
    void report(const std::vector<std::string>& warnings);

    const OverlayKind& kind_;
    obs_source_t* source_;
    std::shared_ptr<render::TextResources> text_;
    std::uint64_t atlas_epoch_ = 0;
    std::string last_warnings_;
    core::Published<core::RenderList> content_;
    std::uint64_t uploaded_revision_ = 0;
    std::atomic<std::uint32_t> width_{0};
    std::atomic<std::uint32_t> height_{0};
    render::ShapeEffect effect_;
    render::QuadBatch batch_;
    core::VertexStreams scratch_;
};

// Registers a source type that draws a PanelSource. `kind` must outlive the module.
void register_panel_source(const OverlayKind& kind);

} // namespace stagehand
