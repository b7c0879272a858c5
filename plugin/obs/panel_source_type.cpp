// The libobs source type of every PanelSource kind: its callbacks, each guarded, handing libobs'
// calls to the source (plugin/obs/panel_source.hpp).
#include "obs/panel_source.hpp"

#include "core/base/cpu_cost.hpp"
#include "core/base/error_report.hpp"
#include "render/graphics_handles.hpp"

#include <obs-module.h>

#include <memory>
#include <utility>

namespace stagehand {

namespace {

// libobs is C: every callback goes through core::guarded / run_guarded, which report what
// failed (once a minute per message: a tick failing every frame must not flood the log) and
// return a safe fallback.
using core::guarded;

template <typename Body>
void guarded_void(const char* what, Body&& body) noexcept {
    core::run_guarded(what, std::forward<Body>(body));
}

} // namespace

void register_panel_source(const OverlayKind& kind) {
    obs_source_info info = {};
    info.id = kind.id;
    info.type = OBS_SOURCE_TYPE_INPUT;
    // Not OBS_SOURCE_SRGB: overlays are designed like editor and web UIs, whose translucent
    // colours (focus bars, shadows, anti-aliased text) blend in sRGB space. Declared sRGB-aware,
    // OBS would blend them in linear light, where an 8% white bar reads as 25% grey.
    info.output_flags = OBS_SOURCE_VIDEO | OBS_SOURCE_CUSTOM_DRAW;
    info.type_data = const_cast<OverlayKind*>(&kind);
    info.icon_type = OBS_ICON_TYPE_TEXT;

    info.get_name = [](void* type_data) noexcept {
        return obs_module_text(static_cast<const OverlayKind*>(type_data)->name_key);
    };
    info.create = [](obs_data_t* settings, obs_source_t* source) noexcept -> void* {
        return guarded<void*>("create", nullptr, [&]() -> void* {
            // Ownership passes to libobs until destroy.
            const auto& source_kind =
                *static_cast<const OverlayKind*>(obs_source_get_type_data(source));
            auto created = std::make_unique<PanelSource>(source_kind, settings, source);
            if (source_kind.register_hotkeys)
                source_kind.register_hotkeys(source);
            return created.release();
        });
    };
    info.destroy = [](void* data) noexcept {
        guarded_void("destroy", [&] {
            std::unique_ptr<PanelSource> owned(static_cast<PanelSource*>(data));
            // Wait for a running layout job outside the graphics context: holding it while the
            // worker finishes would stall every other source's rendering for that long.
            owned->stop_worker();
            // The vertex buffer is a graphics object: release it inside the context.
            render::GraphicsScope graphics;
            owned.reset();
        });
    };
    info.get_defaults2 = [](void* type_data, obs_data_t* settings) noexcept {
        guarded_void("defaults", [&] {
            const auto& registered = *static_cast<const OverlayKind*>(type_data);
            PanelSource::write_defaults(registered.defaults, settings);
            if (registered.content_defaults)
                registered.content_defaults(settings);
        });
    };
    info.get_properties2 = [](void*, void* type_data) noexcept -> obs_properties_t* {
        return guarded<obs_properties_t*>("properties", nullptr, [&] {
            const auto& registered = *static_cast<const OverlayKind*>(type_data);
            obs_properties_t* props = obs_properties_create();
            if (registered.content_properties)
                registered.content_properties(props);
            PanelSource::add_panel_properties(props);
            return props;
        });
    };
    info.update = [](void* data, obs_data_t* settings) noexcept {
        guarded_void("update", [&] { static_cast<PanelSource*>(data)->update(settings); });
    };
    info.video_tick = [](void* data, float) noexcept {
        const core::CostMeter meter(core::CostPlace::tick);
        guarded_void("video_tick", [&] { static_cast<PanelSource*>(data)->tick(); });
    };
    info.video_render = [](void* data, gs_effect_t*) noexcept {
        const core::CostMeter meter(core::CostPlace::draw);
        guarded_void("video_render", [&] { static_cast<PanelSource*>(data)->render(); });
    };
    info.get_width = [](void* data) noexcept {
        return static_cast<PanelSource*>(data)->width();
    };
    info.get_height = [](void* data) noexcept {
        return static_cast<PanelSource*>(data)->height();
    };
    obs_register_source(&info);
}

} // namespace stagehand
