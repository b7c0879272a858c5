#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// One normalized stream of chat events, whatever platform they came from. Parsers (IRC for
// Twitch, JSON for YouTube) turn platform input into these; the question queue and the CLI only
// ever see these. Text in them is already safe (see text_safety.hpp).
namespace stagehand::core::chat {

// A platform's id ("twitch"): core/chat/platform.hpp describes each.
using Platform = std::string;

// Roles an author holds in the channel, as flags.
enum Role : std::uint32_t {
    kBroadcaster = 1u << 0,
    kModerator = 1u << 1,
    kVip = 1u << 2,
    kSubscriber = 1u << 3,
    kMember = 1u << 4, // a YouTube channel member
};
std::vector<std::string> role_names(std::uint32_t roles);

using Clock = std::chrono::system_clock;

// An emote inside a message: code point offsets into `text`, both ends inclusive (Twitch's own
// convention), and its name as written.
struct Emote {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string name;
    friend bool operator==(const Emote&, const Emote&) = default;
};

struct ChatMessage {
    Platform platform;
    std::string channel;
    std::string id;
    std::string author_id;
    std::string login; // the account name (lower case on Twitch); the channel id on YouTube
    std::string name;  // the display name
    std::uint32_t roles = 0;
    std::string text;
    std::vector<Emote> emotes;
    std::optional<std::string> reply_to; // the id of the message it answers
    Clock::time_point time{};
};

// A message deleted by a moderator (Twitch CLEARMSG, YouTube messageDeletedEvent).
struct ChatDelete {
    Platform platform;
    std::string id;
};

// An author banned (no `until`) or timed out until a time: their messages are gone too.
struct ChatBan {
    Platform platform;
    std::string author_id;
    std::optional<Clock::time_point> until;
};

// The whole chat cleared by a moderator.
struct ChatClear {
    Platform platform;
};

enum class ConnectionState { connecting, connected, reconnecting, ended, error };
const char* to_string(ConnectionState state);

struct ChatStatus {
    Platform platform;
    ConnectionState state = ConnectionState::connecting;
    std::string detail;
};

using ChatEvent = std::variant<ChatMessage, ChatDelete, ChatBan, ChatClear, ChatStatus>;

// "2026-12-01T12:00:00.000Z" (UTC, milliseconds).
std::string format_time(Clock::time_point time);
// Parses RFC 3339 times as YouTube writes them ("2026-12-01T12:00:00.123456+00:00" or "...Z").
std::optional<Clock::time_point> parse_time(std::string_view text);

} // namespace stagehand::core::chat
