#pragma once

#include "headless_obs.hpp"

namespace stagehand::bench {

using test::draw_into;
using test::HeadlessObs;

// Prints the rows of the card table: each overlay in its default card against a color_source of
// its size plus a text_ft2_source with its text, measured alternately (ms per frame with the
// GPU's work), and the ratio. `frames`: how long to measure.
void card_table(HeadlessObs& obs, int frames);

} // namespace stagehand::bench
