#pragma once

#include "control/look_sources.hpp"

namespace stagehand {

// Small pictures of presets for the dock, drawn by the real code source (a private one, never
// in a scene) with the preset's look on a short sample, on a thread of their own: the caller
// never waits, and `done` is called from that thread (with an empty picture when it could not
// draw). One picture at a time; a newer request for the same preset replaces a waiting one.
void make_thumbnail(const core::preset::Preset& preset, std::uint32_t width,
                    control::ThumbnailDone done);

// Stops drawing (and answers what waits with empty pictures) for good: called when OBS exits,
// before it frees the graphics that drawing needs, and at module unload.
void stop_thumbnails();

} // namespace stagehand
