#pragma once

#include "core/chat/chat_event.hpp"
#include "core/chat/platform.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// YouTube Data API v3 responses as chat events: videos.list (part liveStreamingDetails) finds a
// broadcast's live chat, liveChatMessages.list pages through it. Parsing only: the connector
// does the HTTP.
namespace stagehand::core::chat {

// What API calls cost in quota units (YouTube's published figures), for the presenter's estimate
// of how long a key lasts.
inline constexpr int kYouTubeVideosListCost = 1;
inline constexpr int kYouTubeMessagesListCost = 5;
inline constexpr int kYouTubeDefaultDailyQuota = 10000;
// What an answer may hold before it is not believed: bodies (a full page of 2000 messages is
// about 2 MB), items a page (maxResults), the length of an id or page token, and the wait the
// server asks for between polls.
inline constexpr long long kYouTubeMaxBodyBytes = 8LL * 1024 * 1024;
inline constexpr std::size_t kYouTubeMaxItems = 2000;
inline constexpr std::size_t kYouTubeMaxIdBytes = 512;
inline constexpr long long kYouTubeMaxIntervalMs = 10LL * 60 * 1000;

// An error response: {"error": {"code": 403, "message": "...", "errors": [{"reason": ...}]}}.
struct YouTubeError {
    int code = 0;
    std::string reason; // "quotaExceeded", "liveChatEnded", "liveChatNotFound", ...
    std::string message;
    bool ends_chat() const; // the chat is over or gone: stop polling
    bool is_quota() const;
};
// Nothing when the body is not an API error object (an HTML page from a proxy, say).
std::optional<YouTubeError> parse_youtube_error(std::string_view body);

struct YouTubeVideo {
    std::string live_chat_id; // empty when the video has no live chat now
    bool ended = false;       // the broadcast has ended (actualEndTime)
    bool found = false;       // the video exists
};
// Nothing, with `error` saying why, when the body is not a videos.list response.
std::optional<YouTubeVideo> parse_youtube_video(std::string_view body, std::string& error);

struct YouTubePage {
    std::vector<ChatEvent> events;
    std::string next_page_token;
    std::chrono::milliseconds polling_interval{0};
    bool ended = false;      // offlineAt or a chatEndedEvent: the chat is over
    std::size_t skipped = 0; // items that were malformed
};
std::optional<YouTubePage>
parse_youtube_messages(std::string_view body, std::string_view live_chat_id, std::string& error);

// A video id from what a presenter pastes: the id itself, a watch / live / youtu.be / shorts
// URL. Empty when there is none.
std::string youtube_video_id(std::string_view typed);

// Its description in the platform registry (platforms.cpp).
PlatformInfo youtube_platform();

} // namespace stagehand::core::chat
