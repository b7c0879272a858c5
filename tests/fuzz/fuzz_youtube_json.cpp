// libFuzzer target: a YouTube Data API response body, read as a message page, a video and an
// error. Nothing may crash or throw; messages that come out are safe text.
#include "core/chat/text_safety.hpp"
#include "core/chat/youtube.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stagehand::core::chat;
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    std::string error;
    if (const auto page = parse_youtube_messages(body, "chat", error))
        for (const ChatEvent& event : page->events)
            if (const auto* m = std::get_if<ChatMessage>(&event))
                if (make_safe(m->text, true).changed)
                    std::abort();
    parse_youtube_video(body, error);
    parse_youtube_error(body);
    youtube_video_id(body);
    return 0;
}
