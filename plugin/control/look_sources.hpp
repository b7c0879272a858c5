#pragma once

#include "core/preset/preset.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stagehand::control {

// One Stagehand overlay source (code, slides or question) as presets see it.
struct LookSource {
    std::string name;
    std::string uuid; // empty before OBS 30
    core::preset::Overlay overlay = core::preset::Overlay::code;
    bool on_program = false;
};

// A source's look values by field path ("card/background"), as the preset field table has them.
using LookValues = std::map<std::string, core::preset::Value>;

// One source of a stage made from a preset: a new overlay source, its look and where it sits.
struct StageItem {
    core::preset::Overlay overlay = core::preset::Overlay::code;
    std::string source; // the new source's name
    core::preset::Placement placement;
    LookValues look;
};

// A small picture of a preset's look: RGBA8, premultiplied alpha; empty when none was drawn.
struct Thumbnail {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<std::uint8_t> rgba;
};
// Called once, from whatever thread drew the picture.
using ThumbnailDone = std::function<void(Thumbnail)>;

// The overlay sources' look settings, as presets read and change them. The plugin implements it
// over libobs (plugin/obs/obs_look_sources.cpp); tests use a fake. Never called from OBS's video
// or graphics thread.
class LookSources {
public:
    virtual ~LookSources() = default;
    virtual std::vector<LookSource> list() = 0;
    // Every look value of the source's overlay as its settings hold them now; nothing when the
    // source is gone.
    virtual std::optional<LookValues> read(const std::string& name) = 0;
    // Merges `values` into the source's settings (OBS applies them on its next tick). False
    // when the source is gone.
    virtual bool apply(const std::string& name, const LookValues& values) = 0;
    // Makes the scene `scene` holding a new source for each item, placed as it says. "" when it
    // was made, else why not (a source of that name exists, ...); nothing is left half made.
    virtual std::string create_stage(const std::string& scene,
                                     const std::vector<StageItem>& items) = 0;
    // Draws the preset's look `width` pixels wide, off the caller's thread (the caller never
    // waits), and hands it to `done`.
    virtual void thumbnail(const core::preset::Preset& preset, std::uint32_t width,
                           ThumbnailDone done) = 0;
};

} // namespace stagehand::control
