#pragma once

#include "headless_obs.hpp"

#include <functional>
#include <vector>

namespace stagehand::bench {

using test::draw_into;
using test::HeadlessObs;

// Milliseconds a frame with the GPU's work: `batch` frames of `draw` into `target` (w x h), then
// one read-back that waits for all of them (amortised over the batch).
double frame_ms(const std::function<void()>& draw, gs_texrender_t* target, gs_stagesurf_t* stage,
                std::uint32_t w, std::uint32_t h, int batch);
double median(std::vector<double> v);

// Prints the rows of the card table: each overlay in its default card against a color_source of
// its size plus a text_ft2_source with its text, measured alternately (ms per frame with the
// GPU's work), and the ratio. `frames`: how long to measure.
void card_table(HeadlessObs& obs, int frames);

} // namespace stagehand::bench
