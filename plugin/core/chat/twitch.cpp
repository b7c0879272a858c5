#include "core/chat/twitch.hpp"
#include "core/chat/platform.hpp"

#include "core/chat/text_safety.hpp"

#include <algorithm>
#include <charconv>

namespace stagehand::core::chat {

namespace {

template <typename Number>
std::optional<Number> to_number(std::string_view text) {
    Number value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// Code point index -> byte offset table of a UTF-8 string (one past the end included).
std::vector<std::size_t> code_point_offsets(std::string_view text) {
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            offsets.push_back(i);
    offsets.push_back(text.size());
    return offsets;
}

std::uint32_t roles_from(const IrcMessage& line) {
    std::uint32_t roles = 0;
    const std::string_view badges = line.tag("badges").value_or("");
    auto has = [&](std::string_view badge) {
        std::size_t at = 0;
        while (at < badges.size()) {
            const std::size_t comma = badges.find(',', at);
            const std::string_view item = badges.substr(at, comma - at);
            if (item.substr(0, item.find('/')) == badge)
                return true;
            if (comma == std::string_view::npos)
                break;
            at = comma + 1;
        }
        return false;
    };
    if (has("broadcaster"))
        roles |= kBroadcaster;
    if (has("moderator") || line.tag("mod").value_or("0") == "1")
        roles |= kModerator;
    if (has("vip") || line.tag("vip").has_value())
        roles |= kVip;
    if (has("subscriber") || has("founder") || line.tag("subscriber").value_or("0") == "1")
        roles |= kSubscriber;
    return roles;
}

// Times and durations from the wire are bounded before they become time points: a forged
// tmi-sent-ts or ban-duration must not overflow the clock's nanoseconds.
constexpr long long kLatestMs = 4102444800000LL; // 2100-01-01
// Twitch times out for at most two weeks; ten years leaves room for any change without letting a
// forged duration overflow the clock.
constexpr long long kLongestBanSeconds = 10LL * 366 * 86400;

Clock::time_point sent_at(const IrcMessage& line, Clock::time_point now) {
    if (auto ms = to_number<long long>(line.tag("tmi-sent-ts").value_or(""));
        ms && *ms >= 0 && *ms <= kLatestMs)
        return Clock::time_point(std::chrono::milliseconds(*ms));
    return now;
}

TwitchLine message_event(const IrcMessage& line, Clock::time_point now) {
    if (line.params.size() < 2 || line.params[0].size() < 2 || line.params[0][0] != '#')
        return {std::nullopt, true};
    ChatMessage m;
    m.platform = "twitch";
    m.channel = line.params[0].substr(1);
    m.id = std::string(line.tag("id").value_or(""));
    m.author_id = std::string(line.tag("user-id").value_or(""));
    m.login = std::string(line.nick());
    if (m.login.empty())
        return {std::nullopt, true};
    m.name = std::string(line.tag("display-name").value_or(""));
    if (m.name.empty())
        m.name = m.login;
    m.roles = roles_from(line);
    if (m.login == m.channel)
        m.roles |= kBroadcaster;
    std::string_view raw = line.params[1];
    // "/me waves" arrives as CTCP ACTION; emote positions count in the inner text.
    constexpr std::string_view kAction = "\x01"
                                         "ACTION ";
    if (raw.starts_with(kAction)) {
        raw.remove_prefix(kAction.size());
        if (!raw.empty() && raw.back() == '\x01')
            raw.remove_suffix(1);
    }
    const auto emotes = parse_twitch_emotes(line.tag("emotes").value_or(""), raw);
    SafeText safe = make_safe(raw, false);
    m.text = std::move(safe.text);
    for (const Emote& e : emotes) {
        if (e.end >= safe.index_of.size())
            continue;
        const std::size_t start = safe.index_of[e.start];
        const std::size_t end = safe.index_of[e.end];
        // Kept only when the emote's text is still there, whole and in one piece.
        if (start != std::string::npos && end != std::string::npos &&
            end - start == e.end - e.start)
            m.emotes.push_back(Emote{start, end, e.name});
    }
    if (auto parent = line.tag("reply-parent-msg-id"); parent && !parent->empty())
        m.reply_to = std::string(*parent);
    m.time = sent_at(line, now);
    return {ChatEvent(std::move(m)), false};
}

} // namespace

std::vector<Emote> parse_twitch_emotes(std::string_view tag, std::string_view text) {
    std::vector<Emote> emotes;
    if (tag.empty())
        return emotes;
    const auto offsets = code_point_offsets(text);
    const std::size_t count = offsets.size() - 1;
    std::size_t at = 0;
    while (at < tag.size()) {
        const std::size_t slash = tag.find('/', at);
        const std::string_view group = tag.substr(at, slash - at);
        at = slash == std::string_view::npos ? tag.size() : slash + 1;
        const std::size_t colon = group.find(':');
        if (colon == std::string_view::npos)
            continue;
        std::string_view ranges = group.substr(colon + 1);
        while (!ranges.empty()) {
            const std::size_t comma = ranges.find(',');
            const std::string_view range = ranges.substr(0, comma);
            ranges =
                comma == std::string_view::npos ? std::string_view{} : ranges.substr(comma + 1);
            const std::size_t dash = range.find('-');
            if (dash == std::string_view::npos)
                continue;
            const auto start = to_number<std::size_t>(range.substr(0, dash));
            const auto end = to_number<std::size_t>(range.substr(dash + 1));
            if (!start || !end || *start > *end || *end >= count)
                continue;
            emotes.push_back(Emote{
                *start, *end,
                std::string(text.substr(offsets[*start], offsets[*end + 1] - offsets[*start]))});
        }
    }
    std::sort(emotes.begin(), emotes.end(),
              [](const Emote& a, const Emote& b) { return a.start < b.start; });
    return emotes;
}

TwitchLine twitch_event(const IrcMessage& line, Clock::time_point now) {
    if (line.command == "PRIVMSG")
        return message_event(line, now);
    if (line.command == "CLEARMSG") {
        const auto target = line.tag("target-msg-id");
        if (!target || target->empty())
            return {std::nullopt, true};
        return {ChatEvent(ChatDelete{"twitch", std::string(*target)}), false};
    }
    if (line.command == "CLEARCHAT") {
        if (line.params.size() < 2 || line.params[1].empty())
            return {ChatEvent(ChatClear{"twitch"}), false};
        ChatBan ban;
        ban.platform = "twitch";
        ban.author_id = std::string(line.tag("target-user-id").value_or(""));
        if (ban.author_id.empty())
            return {std::nullopt, true};
        if (auto seconds = to_number<long long>(line.tag("ban-duration").value_or(""));
            seconds && *seconds >= 0)
            ban.until =
                sent_at(line, now) + std::chrono::seconds(std::min(*seconds, kLongestBanSeconds));
        return {ChatEvent(std::move(ban)), false};
    }
    return {};
}

TwitchLine twitch_event(std::string_view raw, Clock::time_point now) {
    const auto line = parse_irc_line(raw);
    if (!line)
        return {std::nullopt, true};
    return twitch_event(*line, now);
}

std::string twitch_channel_login(std::string_view typed) {
    for (std::string_view prefix : {"https://", "http://", "www.", "twitch.tv/", "#"})
        if (typed.starts_with(prefix))
            typed.remove_prefix(prefix.size());
    if (const std::size_t end = typed.find_first_of("/?#"); end != std::string_view::npos)
        typed = typed.substr(0, end);
    std::string login;
    for (char c : typed) {
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (!((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '_'))
            return {};
        login += lower;
    }
    return login.size() >= 1 && login.size() <= 25 ? login : std::string();
}

} // namespace stagehand::core::chat

namespace stagehand::core::chat {

PlatformInfo twitch_platform() {
    PlatformInfo p;
    p.id = "twitch";
    p.name = "Twitch";
    p.color = Color{0.57f, 0.27f, 1.0f, 1.0f};
    p.cli = "--twitch";
    p.target = "channel";
    p.target_prefix = "#";
    PlatformParam channel{"channel", "Channel", "the channel to read (its name or URL)", true};
    channel.check = [](const std::string& value) {
        return twitch_channel_login(value).empty()
                   ? std::string("expected a channel name (letters, digits and _)")
                   : std::string();
    };
    channel.cli = "--twitch";
    p.params.push_back(channel);
    PlatformParam server{"server", "Server",
                         "ircs://, irc://, wss:// or ws:// URL (default: Twitch's TLS IRC)"};
    server.in_dock = false;
    server.cli = "--twitch-server";
    p.params.push_back(server);
    p.params.push_back(extra_ca_param());
    return p;
}

} // namespace stagehand::core::chat
