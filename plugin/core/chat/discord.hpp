#pragma once

#include "core/chat/chat_event.hpp"
#include "core/chat/platform.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Discord's Gateway (API v10, JSON encoding) as a state machine: frames in, frames to send and
// chat events out. No sockets and no timers here, so every path is unit-tested and fuzzed; the
// connector (plugin/chat/discord_connector) owns the WebSocket and the heartbeat timer.
namespace stagehand::core::chat {

// Gateway intents: GUILDS (roles and the owner, to tell moderators), GUILD_MODERATION (bans),
// GUILD_MESSAGES, and MESSAGE_CONTENT (privileged: enabled per bot in the developer portal).
inline constexpr std::uint32_t kDiscordIntents = (1u << 0) | (1u << 2) | (1u << 9) | (1u << 15);
inline constexpr std::size_t kDiscordMaxFrameBytes = 4u * 1024u * 1024u;
inline constexpr const char* kDiscordGateway = "wss://gateway.discord.gg/?v=10&encoding=json";

// A Discord snowflake as a user pastes it (digits; a channel link also works): the id, or "".
std::string discord_channel_id(std::string_view typed);

// "<:party:123>" as ":party:", "<@42>" as "@Ann" (when the message names the user), "<#7>" as
// "#channel", "<@&9>" as "@role": what a viewer reads, not markup.
std::string discord_plain_text(std::string_view content,
                               const std::map<std::string, std::string>& mentions);

class DiscordSession {
public:
    DiscordSession(std::string token, std::string channel_id);

    // What the connector does after a frame, a heartbeat tick or a close.
    struct Step {
        std::vector<std::string> send; // text frames, in order
        std::vector<ChatEvent> events;
        std::optional<int> heartbeat_ms; // HELLO: heartbeat every this many ms from now on
        bool connected = false;          // READY or RESUMED: the chat is live
        enum class Then { carry_on, reconnect, stop } then = Then::carry_on;
        std::string detail;     // why it reconnects or stops (never the token)
        bool malformed = false; // the frame was skipped (counted by the connector)
    };

    // A new connection opened (fresh or resuming); per-connection state starts over.
    void opened();
    Step on_frame(std::string_view text, Clock::time_point now);
    // The heartbeat timer fired: a heartbeat, or a reconnect when the last one was not ACKed
    // (a zombied connection).
    Step on_heartbeat_due();
    // The server closed the connection with `code` (WebSocket close codes; Discord's 4000-4014).
    Step on_closed(int code);
    // Where the next connection goes: the resume URL while a session can resume, else
    // `gateway`.
    std::string next_url(const std::string& gateway) const;
    bool can_resume() const { return !session_id_.empty(); }
    std::optional<std::int64_t> sequence() const { return sequence_; }

private:
    std::string identify() const;
    std::string resume() const;
    std::string heartbeat() const;
    void dispatch(std::string_view type, const void* data, Clock::time_point now, Step& step);

    std::string token_;
    std::string channel_id_;
    std::string session_id_;
    std::string resume_url_;
    std::optional<std::int64_t> sequence_;
    bool acked_ = true;
    bool hello_ = false;
    // The guild's owner and the roles that moderate (ADMINISTRATOR, KICK/BAN_MEMBERS,
    // MANAGE_MESSAGES, MODERATE_MEMBERS), from GUILD_CREATE, to tell a moderator's message.
    std::map<std::string, std::string> owners_;    // guild id -> owner id
    std::map<std::string, bool> moderating_roles_; // role id -> moderates
};

// Its description in the platform registry (platforms.cpp).
PlatformInfo discord_platform();

} // namespace stagehand::core::chat
