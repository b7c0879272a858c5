#pragma once

#include "core/base/color.hpp"

#include <string>
#include <string_view>

namespace stagehand::core::questions {

// How the featured question is laid out on its card: the author and a platform mark on top,
// the question below in any script, shrunk to fit and ellipsized when even the smallest size
// is not enough, and optionally the number viewers vote with and how many approved questions
// wait. Chat text is plain text: nothing in it is read as markup. (Apart from the card's layout,
// so that the preset checks read the defaults without the text engine.)
struct QuestionCardStyle {
    std::string family = "sans-serif";
    float text_px = 40.0f;
    float min_text_px = 18.0f; // shrink to here before ellipsizing
    float author_px = 24.0f;
    Color text{1.0f, 1.0f, 1.0f, 1.0f};
    Color author{0.78f, 0.82f, 0.95f, 1.0f};
    float padding = 28.0f;
    bool show_number = true;  // "#7", the number viewers vote with ("!up 7")
    bool show_waiting = true; // "3 more waiting"
};

// The colour of a platform's mark (Twitch purple, YouTube red, the demo's teal, the room's grey).
Color platform_color(std::string_view platform);
// The mark's words: "Twitch", "YouTube", "Demo chat", "In the room".
std::string platform_label(std::string_view platform);

} // namespace stagehand::core::questions
