#include "core/chat/chat_json.hpp"

namespace stagehand::core::chat {

namespace {

using nlohmann::json;

struct ToJson {
    json operator()(const ChatMessage& m) const {
        json emotes = json::array();
        for (const Emote& e : m.emotes)
            emotes.push_back({{"start", e.start}, {"end", e.end}, {"name", e.name}});
        return {{"type", "message"},
                {"platform", m.platform},
                {"channel", m.channel},
                {"id", m.id},
                {"author",
                 {{"id", m.author_id},
                  {"login", m.login},
                  {"name", m.name},
                  {"roles", role_names(m.roles)}}},
                {"text", m.text},
                {"emotes", std::move(emotes)},
                {"reply_to", m.reply_to ? json(*m.reply_to) : json(nullptr)},
                {"time", format_time(m.time)}};
    }
    json operator()(const ChatDelete& d) const {
        return {{"type", "delete"}, {"platform", d.platform}, {"id", d.id}};
    }
    json operator()(const ChatBan& b) const {
        return {{"type", "ban"},
                {"platform", b.platform},
                {"author_id", b.author_id},
                {"until", b.until ? json(format_time(*b.until)) : json(nullptr)}};
    }
    json operator()(const ChatClear& c) const {
        return {{"type", "clear"}, {"platform", c.platform}};
    }
    json operator()(const ChatStatus& s) const {
        return {{"type", "status"},
                {"platform", s.platform},
                {"state", to_string(s.state)},
                {"detail", s.detail}};
    }
};

} // namespace

json to_json(const ChatEvent& event) {
    return std::visit(ToJson{}, event);
}

json stats_json(Platform platform, const ChatStats& stats) {
    return {{"type", "stats"},
            {"platform", platform},
            {"messages", stats.messages},
            {"skipped", stats.skipped},
            {"reconnects", stats.reconnects}};
}

} // namespace stagehand::core::chat
