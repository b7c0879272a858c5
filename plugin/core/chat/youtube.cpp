#include "core/chat/youtube.hpp"
#include "core/chat/platform.hpp"

#include "core/chat/text_safety.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

namespace stagehand::core::chat {

namespace {

using nlohmann::json;

std::string string_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// An id (a message's, a channel's, a page token): YouTube's are tens of characters. A longer
// one is not an id: treated as missing, so the item counts as malformed.
std::string id_at(const json& object, const char* key) {
    std::string id = string_at(object, key);
    return id.size() <= kYouTubeMaxIdBytes ? id : std::string();
}

bool bool_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

const json* object_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_object() ? &*it : nullptr;
}

// One liveChatMessage resource; nothing for kinds that carry no chat event (memberships,
// polls) and for malformed items (`malformed` set).
std::optional<ChatEvent> item_event(const json& item, std::string_view live_chat_id,
                                    bool& malformed, bool& ended) {
    malformed = false;
    const json* snippet = item.is_object() ? object_at(item, "snippet") : nullptr;
    if (!snippet) {
        malformed = true;
        return std::nullopt;
    }
    const std::string type = string_at(*snippet, "type");
    if (type == "textMessageEvent" || type == "superChatEvent" || type == "superStickerEvent") {
        ChatMessage m;
        m.platform = "youtube";
        m.channel = std::string(live_chat_id);
        m.id = id_at(item, "id");
        std::string text;
        if (const json* details = object_at(*snippet, "textMessageDetails"))
            text = string_at(*details, "messageText");
        else if (const json* super = object_at(*snippet, "superChatDetails"))
            text = string_at(*super, "userComment");
        if (text.empty())
            text = string_at(*snippet, "displayMessage");
        const json* author = object_at(item, "authorDetails");
        m.author_id = author ? id_at(*author, "channelId") : std::string();
        if (m.author_id.empty())
            m.author_id = id_at(*snippet, "authorChannelId");
        if (m.id.empty() || m.author_id.empty()) {
            malformed = true;
            return std::nullopt;
        }
        m.login = m.author_id;
        m.name =
            make_safe(author ? string_at(*author, "displayName") : "", false, kMaxNameCodePoints)
                .text;
        if (author) {
            if (bool_at(*author, "isChatOwner"))
                m.roles |= kBroadcaster;
            if (bool_at(*author, "isChatModerator"))
                m.roles |= kModerator;
            if (bool_at(*author, "isChatSponsor"))
                m.roles |= kMember;
        }
        m.text = make_safe(text, true).text;
        m.time = parse_time(string_at(*snippet, "publishedAt")).value_or(Clock::time_point{});
        return ChatEvent(std::move(m));
    }
    if (type == "messageDeletedEvent") {
        const json* details = object_at(*snippet, "messageDeletedDetails");
        const std::string id = details ? id_at(*details, "deletedMessageId") : "";
        if (id.empty()) {
            malformed = true;
            return std::nullopt;
        }
        return ChatEvent(ChatDelete{"youtube", id});
    }
    if (type == "userBannedEvent") {
        const json* details = object_at(*snippet, "userBannedDetails");
        const json* user = details ? object_at(*details, "bannedUserDetails") : nullptr;
        const std::string channel = user ? id_at(*user, "channelId") : "";
        if (channel.empty()) {
            malformed = true;
            return std::nullopt;
        }
        ChatBan ban{"youtube", channel, std::nullopt};
        if (string_at(*details, "banType") == "temporary") {
            // banDurationSeconds is an unsigned long sent as a string (or a number).
            long long seconds = 0;
            const auto it = details->find("banDurationSeconds");
            if (it != details->end() && it->is_string())
                seconds = std::atoll(it->get<std::string>().c_str());
            else if (it != details->end() && it->is_number_integer())
                seconds = it->get<long long>();
            const auto at = parse_time(string_at(*snippet, "publishedAt")).value_or(Clock::now());
            // Bounded: a forged duration must not overflow the clock.
            ban.until = at + std::chrono::seconds(std::clamp(seconds, 0LL, 10LL * 366 * 86400));
        }
        return ChatEvent(std::move(ban));
    }
    if (type == "chatEndedEvent")
        ended = true;
    return std::nullopt;
}

} // namespace

bool YouTubeError::ends_chat() const {
    return reason == "liveChatEnded" || reason == "liveChatNotFound" ||
           reason == "liveChatDisabled" || reason == "forbidden" || code == 404;
}

bool YouTubeError::is_quota() const {
    return reason == "quotaExceeded" || reason == "dailyLimitExceeded";
}

std::optional<YouTubeError> parse_youtube_error(std::string_view body) {
    const json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return std::nullopt;
    const json* error = object_at(doc, "error");
    if (!error)
        return std::nullopt;
    YouTubeError out;
    if (const auto code = error->find("code"); code != error->end() && code->is_number_integer())
        out.code = code->get<int>();
    out.message = make_safe(string_at(*error, "message"), false, 300).text;
    if (const auto errors = error->find("errors"); errors != error->end() && errors->is_array() &&
                                                   !errors->empty() && errors->front().is_object())
        out.reason = string_at(errors->front(), "reason");
    return out;
}

std::optional<YouTubeVideo> parse_youtube_video(std::string_view body, std::string& error) {
    const json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        error = "videos.list: the answer is not JSON";
        return std::nullopt;
    }
    const auto items = doc.find("items");
    if (items == doc.end() || !items->is_array()) {
        error = "videos.list: the answer has no \"items\" list";
        return std::nullopt;
    }
    YouTubeVideo video;
    if (items->empty())
        return video;
    video.found = true;
    const json& first = items->front();
    if (const json* live = first.is_object() ? object_at(first, "liveStreamingDetails") : nullptr) {
        video.live_chat_id = id_at(*live, "activeLiveChatId");
        video.ended = !string_at(*live, "actualEndTime").empty();
    }
    return video;
}

std::optional<YouTubePage>
parse_youtube_messages(std::string_view body, std::string_view live_chat_id, std::string& error) {
    const json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        error = "liveChatMessages.list: the answer is not JSON";
        return std::nullopt;
    }
    const auto items = doc.find("items");
    if (items == doc.end() || !items->is_array()) {
        error = "liveChatMessages.list: the answer has no \"items\" list";
        return std::nullopt;
    }
    YouTubePage page;
    page.next_page_token = id_at(doc, "nextPageToken");
    if (const auto interval = doc.find("pollingIntervalMillis");
        interval != doc.end() && interval->is_number_integer())
        page.polling_interval = std::chrono::milliseconds(
            std::clamp<long long>(interval->get<long long>(), 0, kYouTubeMaxIntervalMs));
    page.ended = !string_at(doc, "offlineAt").empty();
    // maxResults is 2000: a page with more items was not built by the API; the rest is skipped.
    std::size_t seen = 0;
    for (const json& item : *items) {
        if (++seen > kYouTubeMaxItems) {
            page.skipped += items->size() - kYouTubeMaxItems;
            break;
        }
        bool malformed = false;
        if (auto event = item_event(item, live_chat_id, malformed, page.ended))
            page.events.push_back(std::move(*event));
        else if (malformed)
            ++page.skipped;
    }
    return page;
}

std::string youtube_video_id(std::string_view typed) {
    auto valid = [](std::string_view id) {
        if (id.size() != 11)
            return false;
        for (char c : id)
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_'))
                return false;
        return true;
    };
    if (valid(typed))
        return std::string(typed);
    for (std::string_view marker : {"v=", "youtu.be/", "/live/", "/shorts/", "/embed/"}) {
        const std::size_t at = typed.find(marker);
        if (at == std::string_view::npos)
            continue;
        std::string_view rest = typed.substr(at + marker.size());
        rest = rest.substr(0, rest.find_first_of("&?/#"));
        if (valid(rest))
            return std::string(rest);
    }
    return {};
}

} // namespace stagehand::core::chat

namespace stagehand::core::chat {

PlatformInfo youtube_platform() {
    PlatformInfo p;
    p.id = "youtube";
    p.name = "YouTube";
    p.color = Color{1.0f, 0.0f, 0.0f, 1.0f};
    p.cli = "--youtube";
    p.target = "video";
    PlatformParam video{"video", "Video", "the video id or URL of the broadcast", true};
    video.cli = "--youtube";
    video.check = [](const std::string& value) {
        return youtube_video_id(value).empty()
                   ? std::string("expected a video id or a youtube.com / youtu.be link")
                   : std::string();
    };
    p.params.push_back(video);
    PlatformParam key{"key", "API key", "a YouTube Data API v3 key (from the Google Cloud console)",
                      true, true};
    key.cli = "--youtube-key";
    key.env = "STAGEHAND_YOUTUBE_KEY";
    p.params.push_back(key);
    PlatformParam api{"api", "API URL", "the API's base URL (default: Google's)"};
    api.in_dock = false;
    api.cli = "--youtube-api";
    p.params.push_back(api);
    p.params.push_back(extra_ca_param());
    return p;
}

} // namespace stagehand::core::chat
