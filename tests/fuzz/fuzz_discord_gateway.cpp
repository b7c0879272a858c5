// libFuzzer target: frames as a Discord Gateway sends them, fed to the session one after another
// (the input split at newlines), with heartbeats and closes between them. Nothing may crash,
// hang or read out of bounds; every message that comes out is in the configured channel, has
// safe text and ids, and nothing the session sends carries anything but the token it was given.
#include "core/chat/discord.hpp"
#include "core/chat/text_safety.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stagehand::core::chat;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    DiscordSession session("fuzz-token", "555");
    session.opened();
    int n = 0;
    while (!bytes.empty()) {
        const auto end = bytes.find('\n');
        const std::string_view frame = bytes.substr(0, end);
        bytes = end == std::string_view::npos ? std::string_view() : bytes.substr(end + 1);
        const auto step = session.on_frame(frame, Clock::time_point{});
        for (const auto& event : step.events)
            if (const auto* m = std::get_if<ChatMessage>(&event)) {
                if (m->channel != "555" || m->id.empty() || m->author_id.empty())
                    std::abort();
                if (make_safe(m->text, true).changed || make_safe(m->name, false).changed)
                    std::abort();
            }
        if (step.heartbeat_ms && *step.heartbeat_ms <= 0)
            std::abort();
        if (++n % 3 == 0)
            session.on_heartbeat_due();
        if (n % 7 == 0) {
            session.on_closed(4000 + n % 16);
            session.opened();
        }
        (void)session.next_url("wss://gateway.discord.gg/?v=10&encoding=json");
    }
    return 0;
}
