#pragma once

#include "core/draw/render_list.hpp"
#include "core/slides/talk.hpp"
#include "core/text/text_layout.hpp"

#include <string>
#include <vector>

namespace stagehand::core::slides {

// How the slide progress overlay looks. The bar sits along the top or bottom edge of the card;
// the text row (counter, section, next up, timer) fills the rest.
struct ProgressStyle {
    enum class Look { bar, sections, dots, none };
    Look look = Look::sections;
    bool bar_at_top = false;
    bool counter = true;  // "12 / 40"
    bool section = true;  // "Section 2 of 5: Deploying"
    bool next_up = false; // "Next: Q&A"
    bool timer = true;    // "12:34 / 40:00 · 2 min ahead"
    std::string family = "sans-serif";
    float text_px = 22.0f;
    float bar_px = 8.0f;
    Color text{0.92f, 0.94f, 0.98f, 1.0f};
    Color bar{0.36f, 0.55f, 1.0f, 1.0f};
    Color track{1.0f, 1.0f, 1.0f, 0.14f};
    Color warning{1.0f, 0.66f, 0.2f, 1.0f};   // pace behind by more than the threshold
    Color overtime{1.0f, 0.33f, 0.33f, 1.0f}; // past the planned time
};

// The words of the text row, in order (tests read them; the layout draws them).
std::vector<std::string> progress_texts(const TalkStatus& status, const ProgressStyle& style);

// Lays the overlay out inside `card` and appends it to `list`. Returns layout warnings.
std::vector<std::string> build_progress_view(const Talk& talk, const TalkStatus& status,
                                             const ProgressStyle& style, const Rect& card,
                                             text::TextEngine& engine, RenderList& list);

} // namespace stagehand::core::slides
