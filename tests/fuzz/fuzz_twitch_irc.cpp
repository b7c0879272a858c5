// libFuzzer target: bytes as they arrive from a Twitch connection, split into lines, parsed as
// IRC and mapped to chat events. Nothing may crash, hang or read out of bounds, and every
// message that comes out must be valid UTF-8 within the length limit.
#include "core/chat/irc.hpp"
#include "core/chat/text_safety.hpp"
#include "core/chat/twitch.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stagehand::core::chat;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    LineBuffer buffer(4096);
    // Arrive in two pieces, as reads do.
    const std::size_t half = size / 2;
    for (const std::string_view piece : {bytes.substr(0, half), bytes.substr(half)})
        for (const std::string& line : buffer.push(piece)) {
            const TwitchLine parsed = twitch_event(line, Clock::time_point{});
            if (!parsed.event)
                continue;
            if (const auto* m = std::get_if<ChatMessage>(&*parsed.event)) {
                // Safe text is a fixed point: making it safe again changes nothing.
                if (make_safe(m->text, false).changed)
                    std::abort();
                for (const Emote& e : m->emotes)
                    if (e.start > e.end)
                        std::abort();
            }
        }
    return 0;
}
