#pragma once

#include "core/chat/chat_event.hpp"
#include "core/chat/irc.hpp"
#include "core/chat/platform.hpp"

#include <optional>
#include <string_view>

namespace stagehand::core::chat {

// What one Twitch IRC line means for the chat: an event, nothing (PING, JOIN, ROOMSTATE and the
// like, which the connector handles or ignores), or malformed (skipped and counted).
struct TwitchLine {
    std::optional<ChatEvent> event;
    bool malformed = false;
};

// Maps a parsed line to a chat event: PRIVMSG (with tags: id, user-id, display-name, badges,
// emotes, tmi-sent-ts, reply-parent-msg-id), CLEARMSG (a deleted message), CLEARCHAT with a user
// (a ban, or a timeout with ban-duration) and without (the chat cleared). `now` dates events
// whose line has no tmi-sent-ts.
TwitchLine twitch_event(const IrcMessage& line, Clock::time_point now);
// The same from raw text: a line that is not IRC at all is malformed.
TwitchLine twitch_event(std::string_view line, Clock::time_point now);

// "25:0-4,12-16/1902:6-10" as emote ranges with names taken from `text` (code points, both ends
// inclusive). Ranges outside the text or reversed are left out.
std::vector<Emote> parse_twitch_emotes(std::string_view tag, std::string_view text);

// A channel as a user types it ("#Ann", "Ann", "https://twitch.tv/ann") as Twitch's lower-case
// login; empty when it cannot be one (Twitch logins are 1-25 of a-z, 0-9, _).
std::string twitch_channel_login(std::string_view typed);

// Its description in the platform registry (platforms.cpp).
PlatformInfo twitch_platform();

} // namespace stagehand::core::chat
