#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core::chat {

inline constexpr std::size_t kMaxMessageCodePoints = 2000;
// A display name: platforms allow about 25 to 100; more is not a name.
inline constexpr std::size_t kMaxNameCodePoints = 100;

// Chat text made safe at the door: invalid UTF-8 becomes U+FFFD, control characters are removed
// (a newline is kept only when `keep_newlines`: YouTube messages may have them, IRC lines
// cannot), and text over `max_code_points` is cut with an ellipsis. Nothing here interprets
// markup: the text stays plain text all the way to the screen.
struct SafeText {
    std::string text;
    // For each code point of the input, its index in `text`, or npos when it was removed or cut:
    // emote ranges are counted in the input's code points and must follow the text.
    std::vector<std::size_t> index_of;
    bool changed = false;
};
SafeText make_safe(std::string_view input, bool keep_newlines,
                   std::size_t max_code_points = kMaxMessageCodePoints);

} // namespace stagehand::core::chat
