#pragma once

#include "core/preset/preset.hpp"
#include "offscreen/headless.hpp"

#include <optional>
#include <string>

namespace stagehand::offscreen {

// What the overlays show in a drawing.
struct Content {
    std::string code_file;         // the code source shows and highlights this file
    std::string language = "auto"; // a language id, or "auto" (from the file's name)
    std::string question;          // the live question source shows this, featured
    std::string author;            // ... under this label ("from the room" when empty)
    int slide = 0;                 // the slide progress source shows slide `slide` of `total`
    int total = 0;
    std::string talk_file; // ... of this talk (sections, planned time)
};

struct Size {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

// Parses "1280x720"; nothing when it is not two whole numbers from 16 to 16384.
std::optional<Size> parse_size(const std::string& text);

// One overlay as the real source draws it with the preset's look, at `size`, else the preset's
// stage size for it, else its card size, else the source's own default. The module must be
// loaded. Waits until the drawing has settled (the file read, the question featured). An empty
// image with `error` set when it cannot.
Image render_overlay(Headless& obs, const core::preset::Preset& preset,
                     core::preset::Overlay overlay, const Content& content,
                     std::optional<Size> size, std::string& error);

// The whole stage: the three overlays placed as the preset's `stage` says on a 1920x1080 canvas,
// drawn at `scale` (0.5: 960x540). An overlay the preset does not place is left out.
Image render_stage(Headless& obs, const core::preset::Preset& preset, const Content& content,
                   double scale, std::string& error);

} // namespace stagehand::offscreen
