#include "core/chat/discord.hpp"

#include "core/chat/platform.hpp"
#include "core/chat/text_safety.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>
#include <optional>

namespace stagehand::core::chat {

namespace {

using nlohmann::json;
using Then = DiscordSession::Step::Then;

// Gateway opcodes.
enum Op : int {
    kDispatch = 0,
    kHeartbeat = 1,
    kIdentify = 2,
    kResume = 6,
    kReconnect = 7,
    kInvalidSession = 9,
    kHello = 10,
    kHeartbeatAck = 11,
};

// Permission bits that make a role a moderator's.
constexpr std::uint64_t kModeratingPermissions =
    (1ull << 1) | (1ull << 2) | (1ull << 3) | (1ull << 13) | (1ull << 40);
// Snowflakes are 64-bit integers written in decimal: at most 20 digits.
constexpr std::size_t kMaxSnowflakeDigits = 20;

bool is_snowflake(std::string_view text) {
    if (text.empty() || text.size() > kMaxSnowflakeDigits)
        return false;
    for (const char c : text)
        if (c < '0' || c > '9')
            return false;
    return true;
}

std::string string_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string snowflake_at(const json& object, const char* key) {
    std::string id = string_at(object, key);
    return is_snowflake(id) ? id : std::string();
}

// A role's permissions: a 64-bit field written in decimal. Twenty digits may still be past
// 2^64: refused, never thrown (this runs in a Qt slot).
std::optional<std::uint64_t> permission_bits(std::string_view text) {
    std::uint64_t bits = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), bits);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return bits;
}

const json* object_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_object() ? &*it : nullptr;
}

const json* array_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_array() ? &*it : nullptr;
}

} // namespace

std::string discord_channel_id(std::string_view typed) {
    while (!typed.empty() && std::isspace(static_cast<unsigned char>(typed.front())))
        typed.remove_prefix(1);
    while (!typed.empty() && std::isspace(static_cast<unsigned char>(typed.back())))
        typed.remove_suffix(1);
    // https://discord.com/channels/GUILD/CHANNEL[/MESSAGE]: the channel is the second number.
    constexpr std::string_view kLink = "discord.com/channels/";
    if (const auto at = typed.find(kLink); at != std::string_view::npos) {
        std::string_view rest = typed.substr(at + kLink.size());
        const auto slash = rest.find('/');
        if (slash == std::string_view::npos)
            return {};
        rest = rest.substr(slash + 1);
        typed = rest.substr(0, rest.find('/'));
    }
    return is_snowflake(typed) ? std::string(typed) : std::string();
}

std::string discord_plain_text(std::string_view content,
                               const std::map<std::string, std::string>& mentions) {
    std::string out;
    out.reserve(content.size());
    std::size_t i = 0;
    while (i < content.size()) {
        const auto close = content[i] == '<' ? content.find('>', i) : std::string_view::npos;
        if (close == std::string_view::npos || close - i > 120) {
            out += content[i++];
            continue;
        }
        const std::string_view tag = content.substr(i + 1, close - i - 1);
        std::string replaced;
        if (tag.starts_with(":") || tag.starts_with("a:")) { // <:name:id>, <a:name:id>
            const std::string_view body = tag.substr(tag.find(':') + 1);
            const auto colon = body.find(':');
            if (colon != std::string_view::npos && colon > 0 &&
                is_snowflake(body.substr(colon + 1)))
                replaced = ":" + std::string(body.substr(0, colon)) + ":";
        } else if (tag.starts_with("@&") && is_snowflake(tag.substr(2))) {
            replaced = "@role";
        } else if (tag.starts_with("@")) { // <@id>, <@!id> (an older nickname form)
            std::string_view id = tag.substr(1);
            if (id.starts_with("!"))
                id.remove_prefix(1);
            if (is_snowflake(id)) {
                const auto name = mentions.find(std::string(id));
                replaced = "@" + (name != mentions.end() ? name->second : std::string("someone"));
            }
        } else if (tag.starts_with("#") && is_snowflake(tag.substr(1))) {
            replaced = "#channel";
        }
        if (replaced.empty()) {
            out += content[i++];
            continue;
        }
        out += replaced;
        i = close + 1;
    }
    return out;
}

DiscordSession::DiscordSession(std::string token, std::string channel_id)
    : token_(std::move(token))
    , channel_id_(std::move(channel_id)) {}

void DiscordSession::opened() {
    acked_ = true;
    hello_ = false;
}

std::string DiscordSession::identify() const {
    return json{
        {"op", kIdentify},
        {"d",
         {{"token", token_},
          {"intents", kDiscordIntents},
          {"properties", {{"os", "linux"}, {"browser", "stagehand"}, {"device", "stagehand"}}}}}}
        .dump();
}

std::string DiscordSession::resume() const {
    return json{{"op", kResume},
                {"d",
                 {{"token", token_},
                  {"session_id", session_id_},
                  {"seq", sequence_ ? json(*sequence_) : json(nullptr)}}}}
        .dump();
}

std::string DiscordSession::heartbeat() const {
    return json{{"op", kHeartbeat}, {"d", sequence_ ? json(*sequence_) : json(nullptr)}}.dump();
}

std::string DiscordSession::next_url(const std::string& gateway) const {
    if (!can_resume() || resume_url_.empty())
        return gateway;
    // The resume URL comes without the query that picks the version and encoding.
    return resume_url_ + (resume_url_.find('?') == std::string::npos ? "/?v=10&encoding=json" : "");
}

DiscordSession::Step DiscordSession::on_heartbeat_due() {
    Step step;
    if (!acked_) {
        step.then = Then::reconnect;
        step.detail = "the gateway did not acknowledge a heartbeat";
        return step;
    }
    acked_ = false;
    step.send.push_back(heartbeat());
    return step;
}

DiscordSession::Step DiscordSession::on_closed(int code) {
    Step step;
    step.then = Then::reconnect;
    switch (code) {
    case 4004:
        step.then = Then::stop;
        step.detail = "Discord refused the bot token (4004): copy it again from the developer "
                      "portal (Bot, Reset Token)";
        break;
    case 4014:
        step.then = Then::stop;
        step.detail = "Discord refused the intents (4014): enable Message Content Intent for this "
                      "bot in the developer portal (Bot, Privileged Gateway Intents)";
        break;
    case 4010:
    case 4011:
    case 4012:
    case 4013:
        step.then = Then::stop;
        step.detail = "Discord closed the gateway with " + std::to_string(code) +
                      " (shard, version or intents not accepted)";
        break;
    case 4007: // invalid sequence
    case 4009: // session timed out
        session_id_.clear();
        sequence_.reset();
        step.detail = "the Discord session ended (" + std::to_string(code) + "): identifying again";
        break;
    case 4008:
        step.detail = "Discord rate-limited the connection (4008)";
        break;
    default:
        step.detail = "the Discord gateway closed the connection (" + std::to_string(code) + ")";
        break;
    }
    return step;
}

DiscordSession::Step DiscordSession::on_frame(std::string_view text, Clock::time_point now) {
    Step step;
    if (text.size() > kDiscordMaxFrameBytes) {
        step.malformed = true;
        return step;
    }
    const json frame = json::parse(text, nullptr, false);
    const auto op = frame.is_object() ? frame.find("op") : frame.end();
    if (!frame.is_object() || op == frame.end() || !op->is_number_integer()) {
        step.malformed = true;
        return step;
    }
    const auto data = frame.find("d");
    switch (op->get<int>()) {
    case kHello: {
        const json* d = data != frame.end() && data->is_object() ? &*data : nullptr;
        const auto interval = d ? d->find("heartbeat_interval") : frame.end();
        if (!d || interval == d->end() || !interval->is_number() || interval->get<double>() < 1 ||
            interval->get<double>() > 10 * 60 * 1000) {
            step.malformed = true;
            step.then = Then::reconnect;
            step.detail = "the Discord gateway's HELLO had no usable heartbeat interval";
            return step;
        }
        hello_ = true;
        acked_ = true;
        step.heartbeat_ms = static_cast<int>(interval->get<double>());
        step.send.push_back(can_resume() ? resume() : identify());
        return step;
    }
    case kHeartbeat: // the gateway asks for one now
        step.send.push_back(heartbeat());
        return step;
    case kHeartbeatAck:
        acked_ = true;
        return step;
    case kReconnect:
        step.then = Then::reconnect;
        step.detail = "Discord asked for a reconnect";
        return step;
    case kInvalidSession: {
        const bool resumable = data != frame.end() && data->is_boolean() && data->get<bool>();
        if (!resumable) {
            session_id_.clear();
            sequence_.reset();
        }
        step.then = Then::reconnect;
        step.detail = resumable ? "Discord invalidated the session: resuming"
                                : "Discord invalidated the session: identifying again";
        return step;
    }
    case kDispatch: {
        const auto seq = frame.find("s");
        if (seq != frame.end() && seq->is_number_integer())
            sequence_ = seq->get<std::int64_t>();
        const auto type = frame.find("t");
        if (type == frame.end() || !type->is_string() || data == frame.end()) {
            step.malformed = true;
            return step;
        }
        dispatch(type->get<std::string>(), &*data, now, step);
        return step;
    }
    default:
        return step; // an opcode a newer gateway added: nothing for a reader
    }
}

void DiscordSession::dispatch(std::string_view type, const void* raw, Clock::time_point now,
                              Step& step) {
    const json& d = *static_cast<const json*>(raw);
    if (!d.is_object()) {
        step.malformed = true;
        return;
    }
    if (type == "READY") {
        session_id_ = string_at(d, "session_id");
        resume_url_ = string_at(d, "resume_gateway_url");
        if (session_id_.size() > 256 || resume_url_.size() > 2048)
            session_id_.clear(), resume_url_.clear();
        if (!resume_url_.starts_with("wss://") && !resume_url_.starts_with("ws://"))
            resume_url_.clear();
        step.connected = true;
        step.detail = "reading channel " + channel_id_;
        return;
    }
    if (type == "RESUMED") {
        step.connected = true;
        step.detail = "resumed reading channel " + channel_id_;
        return;
    }
    if (type == "GUILD_CREATE" || type == "GUILD_UPDATE") {
        const std::string guild = snowflake_at(d, "id");
        if (const std::string owner = snowflake_at(d, "owner_id"); !guild.empty() && !owner.empty())
            owners_[guild] = owner;
        if (const json* roles = array_at(d, "roles"))
            for (const auto& role : *roles) {
                if (!role.is_object())
                    continue;
                const std::string id = snowflake_at(role, "id");
                const auto bits = permission_bits(string_at(role, "permissions"));
                if (!id.empty() && bits)
                    moderating_roles_[id] = (*bits & kModeratingPermissions) != 0;
            }
        return;
    }
    if (type == "GUILD_ROLE_CREATE" || type == "GUILD_ROLE_UPDATE") {
        if (const json* role = object_at(d, "role")) {
            const std::string id = snowflake_at(*role, "id");
            const auto bits = permission_bits(string_at(*role, "permissions"));
            if (!id.empty() && bits)
                moderating_roles_[id] = (*bits & kModeratingPermissions) != 0;
        }
        return;
    }
    if (type == "MESSAGE_CREATE") {
        if (snowflake_at(d, "channel_id") != channel_id_)
            return; // another channel of the server
        const json* author = object_at(d, "author");
        ChatMessage m;
        m.platform = "discord";
        m.channel = channel_id_;
        m.id = snowflake_at(d, "id");
        m.author_id = author ? snowflake_at(*author, "id") : std::string();
        if (m.id.empty() || m.author_id.empty()) {
            step.malformed = true;
            return;
        }
        const auto bot = author->find("bot");
        if (bot != author->end() && bot->is_boolean() && bot->get<bool>())
            return; // bots (this one included) ask no questions
        m.login = make_safe(string_at(*author, "username"), false, kMaxNameCodePoints).text;
        std::string name;
        const json* member = object_at(d, "member");
        if (member)
            name = string_at(*member, "nick");
        if (name.empty())
            name = string_at(*author, "global_name");
        if (name.empty())
            name = string_at(*author, "username");
        m.name = make_safe(name, false, kMaxNameCodePoints).text;
        const std::string guild = snowflake_at(d, "guild_id");
        if (const auto owner = owners_.find(guild);
            owner != owners_.end() && owner->second == m.author_id)
            m.roles |= kBroadcaster;
        if (const json* roles = member ? array_at(*member, "roles") : nullptr) {
            for (const auto& role : *roles) {
                if (!role.is_string())
                    continue;
                const auto known = moderating_roles_.find(role.get<std::string>());
                if (known != moderating_roles_.end() && known->second)
                    m.roles |= kModerator;
            }
            if (!roles->empty())
                m.roles |= kMember;
        }
        std::map<std::string, std::string> mentions;
        if (const json* list = array_at(d, "mentions"))
            for (const auto& user : *list)
                if (user.is_object() && mentions.size() < 100) {
                    std::string shown = string_at(user, "global_name");
                    if (shown.empty())
                        shown = string_at(user, "username");
                    if (const std::string id = snowflake_at(user, "id"); !id.empty())
                        mentions[id] = make_safe(shown, false, kMaxNameCodePoints).text;
                }
        m.text = make_safe(discord_plain_text(string_at(d, "content"), mentions), true).text;
        if (const json* reference = object_at(d, "message_reference"))
            if (std::string replied = snowflake_at(*reference, "message_id"); !replied.empty())
                m.reply_to = std::move(replied);
        m.time = parse_time(string_at(d, "timestamp")).value_or(now);
        step.events.emplace_back(std::move(m));
        return;
    }
    if (type == "MESSAGE_DELETE") {
        if (snowflake_at(d, "channel_id") != channel_id_)
            return;
        const std::string id = snowflake_at(d, "id");
        if (id.empty()) {
            step.malformed = true;
            return;
        }
        step.events.emplace_back(ChatDelete{"discord", id});
        return;
    }
    if (type == "MESSAGE_DELETE_BULK") {
        if (snowflake_at(d, "channel_id") != channel_id_)
            return;
        const json* ids = array_at(d, "ids");
        if (!ids) {
            step.malformed = true;
            return;
        }
        for (const auto& id : *ids)
            if (id.is_string() && is_snowflake(id.get<std::string>()))
                step.events.emplace_back(ChatDelete{"discord", id.get<std::string>()});
        return;
    }
    if (type == "GUILD_BAN_ADD") {
        const json* user = object_at(d, "user");
        const std::string id = user ? snowflake_at(*user, "id") : std::string();
        if (id.empty()) {
            step.malformed = true;
            return;
        }
        step.events.emplace_back(ChatBan{"discord", id, std::nullopt});
        return;
    }
    // Every other event (typing, reactions, presence) means nothing for questions.
}

PlatformInfo discord_platform() {
    PlatformInfo p;
    p.id = "discord";
    p.name = "Discord";
    p.color = Color{0.345f, 0.396f, 0.949f, 1.0f}; // Discord's blurple
    p.cli = "--discord";
    p.target = "channel";
    p.target_prefix = "#";
    PlatformParam channel{"channel", "Channel id",
                          "the channel's id (Developer Mode: right-click, Copy Channel ID)", true};
    channel.cli = "--discord";
    channel.check = [](const std::string& value) {
        return discord_channel_id(value).empty()
                   ? std::string("expected a channel id (digits) or a discord.com/channels link")
                   : std::string();
    };
    p.params.push_back(channel);
    PlatformParam token{"token", "Bot token", "a bot token (developer portal, Bot)", true, true};
    token.env = "STAGEHAND_DISCORD_TOKEN";
    p.params.push_back(token);
    PlatformParam gateway{"gateway", "Gateway URL",
                          "the gateway's wss:// URL (default: Discord's)"};
    gateway.in_dock = false;
    gateway.cli = "--discord-gateway";
    p.params.push_back(gateway);
    p.params.push_back(extra_ca_param());
    return p;
}

} // namespace stagehand::core::chat
