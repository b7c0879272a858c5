#include "core/questions/question_look.hpp"

#include "core/chat/platform.hpp"

namespace stagehand::core::questions {

Color platform_color(std::string_view platform) {
    if (const auto* p = chat::find_platform(platform))
        return p->color;
    return Color{0.45f, 0.47f, 0.55f, 1.0f}; // typed in the dock: from the room
}

std::string platform_label(std::string_view platform) {
    if (const auto* p = chat::find_platform(platform))
        return p->name;
    return "In the room";
}

} // namespace stagehand::core::questions
