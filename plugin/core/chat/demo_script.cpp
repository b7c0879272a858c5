#include "core/chat/demo_script.hpp"
#include "core/chat/platform.hpp"

#include "core/chat/text_safety.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

namespace stagehand::core::chat {

namespace {

using nlohmann::json;

struct Bad {
    std::string message;
};

// `where` is a view, not a const reference: a reference parameter bound to a temporary string
// makes g++ 14 warn that the returned reference may dangle (-Wdangling-reference).
const json& field(const json& object, const char* key, std::string_view where,
                  bool (json::*is)() const noexcept, const char* expected) {
    const auto it = object.find(key);
    if (it == object.end() || !((*it).*is)())
        throw Bad{std::string(where) + "/" + key + ": expected " + expected};
    return *it;
}

std::string text_field(const json& object, const char* key, const std::string& where) {
    return field(object, key, where, &json::is_string, "a string").get<std::string>();
}

std::uint32_t roles_of(const json& entry, const std::string& where) {
    std::uint32_t roles = 0;
    const auto it = entry.find("roles");
    if (it == entry.end())
        return roles;
    if (!it->is_array())
        throw Bad{where + "/roles: expected a list of role names"};
    for (const auto& r : *it) {
        const std::string name = r.is_string() ? r.get<std::string>() : "";
        if (name == "broadcaster")
            roles |= kBroadcaster;
        else if (name == "moderator")
            roles |= kModerator;
        else if (name == "vip")
            roles |= kVip;
        else if (name == "subscriber")
            roles |= kSubscriber;
        else if (name == "member")
            roles |= kMember;
        else
            throw Bad{where + "/roles: unknown role " + r.dump() +
                      " (expected broadcaster, moderator, vip, subscriber or member)"};
    }
    return roles;
}

ChatEvent event_of(const json& e, const std::string& where, const std::string& channel) {
    const std::string type = text_field(e, "type", where);
    if (type == "message") {
        ChatMessage m;
        m.platform = "demo";
        // A line may stand for another platform's chat (a question from the Discord server).
        if (const auto platform = e.find("platform"); platform != e.end()) {
            if (!platform->is_string() || !find_platform(platform->get<std::string>()))
                throw Bad{where + "/platform: expected " + platform_list()};
            m.platform = platform->get<std::string>();
        }
        m.channel = channel;
        m.id = text_field(e, "id", where);
        const json& author =
            field(e, "author", where, &json::is_object, "an object with id, login and name");
        m.author_id = text_field(author, "id", where + "/author");
        m.login = text_field(author, "login", where + "/author");
        m.name = text_field(author, "name", where + "/author");
        m.roles = roles_of(author, where + "/author");
        m.text = make_safe(text_field(e, "text", where), true).text;
        if (const auto emotes = e.find("emotes"); emotes != e.end() && emotes->is_array())
            for (const auto& em : *emotes)
                m.emotes.push_back(Emote{em.value("start", std::size_t{0}),
                                         em.value("end", std::size_t{0}),
                                         em.value("name", std::string())});
        if (e.contains("reply_to"))
            m.reply_to = text_field(e, "reply_to", where);
        return m;
    }
    if (type == "delete")
        return ChatDelete{"demo", text_field(e, "id", where)};
    if (type == "ban") {
        ChatBan ban{"demo", text_field(e, "author_id", where), std::nullopt};
        if (const auto d = e.find("duration"); d != e.end()) {
            if (!d->is_number())
                throw Bad{where + "/duration: expected seconds"};
            const long long seconds = d->get<long long>();
            if (seconds < 0 || seconds > 14 * 86400)
                throw Bad{where + "/duration: expected 0 to 1209600 seconds (two weeks)"};
            ban.until = Clock::time_point{} + std::chrono::seconds(seconds);
        }
        return ban;
    }
    if (type == "clear")
        return ChatClear{"demo"};
    throw Bad{where + "/type: expected message, delete, ban or clear, got \"" + type + "\""};
}

std::string suffixed(const std::string& id, std::size_t round) {
    return round == 0 ? id : id + "-r" + std::to_string(round);
}

} // namespace

std::optional<DemoScript> parse_demo_script(std::string_view text, std::string& error) {
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        error = "/: expected a JSON object";
        return std::nullopt;
    }
    try {
        if (text_field(doc, "format", "") != "stagehand.demo-chat")
            throw Bad{"/format: expected \"stagehand.demo-chat\""};
        const json& version = field(doc, "version", "", &json::is_number_integer, "1");
        if (version.get<int>() != 1)
            throw Bad{"/version: expected 1, got " + version.dump()};
        const std::string channel = doc.value("channel", std::string("demo"));
        DemoScript script;
        const json& events = field(doc, "events", "", &json::is_array, "a list of events");
        for (std::size_t i = 0; i < events.size(); ++i) {
            const std::string where = "/events/" + std::to_string(i);
            if (!events[i].is_object())
                throw Bad{where + ": expected an object"};
            const double at =
                field(events[i], "at", where, &json::is_number, "seconds").get<double>();
            script.entries.push_back(
                {std::chrono::milliseconds(static_cast<long long>(at * 1000.0)),
                 event_of(events[i], where, channel)});
        }
        std::stable_sort(script.entries.begin(), script.entries.end(),
                         [](const auto& a, const auto& b) { return a.at < b.at; });
        const double loop = doc.value("loop_after", 0.0);
        script.loop_after = std::chrono::milliseconds(static_cast<long long>(loop * 1000.0));
        if (!script.entries.empty() && script.loop_after <= script.entries.back().at)
            script.loop_after = script.entries.back().at + std::chrono::milliseconds(1000);
        return script;
    } catch (const Bad& bad) {
        error = bad.message;
    } catch (const json::exception& e) {
        error = std::string("/: ") + e.what();
    }
    return std::nullopt;
}

std::vector<DemoScript::Entry> DemoScript::round(std::size_t n, Clock::time_point start) const {
    std::vector<Entry> out;
    for (const Entry& entry : entries) {
        Entry copy = entry;
        std::visit(
            [&](auto& e) {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, ChatMessage>) {
                    e.id = suffixed(e.id, n);
                    if (e.reply_to)
                        e.reply_to = suffixed(*e.reply_to, n);
                    e.time = start + loop_after * n + entry.at;
                } else if constexpr (std::is_same_v<T, ChatDelete>) {
                    e.id = suffixed(e.id, n);
                } else if constexpr (std::is_same_v<T, ChatBan>) {
                    if (e.until) // a duration: from the moment of the ban
                        e.until = start + loop_after * n + entry.at + e.until->time_since_epoch();
                }
            },
            copy.event);
        out.push_back(std::move(copy));
    }
    return out;
}

} // namespace stagehand::core::chat

namespace stagehand::core::chat {

PlatformInfo demo_platform() {
    PlatformInfo p;
    p.id = "demo";
    p.name = "Demo chat";
    p.color = Color{0.0f, 0.65f, 0.6f, 1.0f};
    p.cli = "--demo";
    PlatformParam file{"file", "Script", "a demo chat script (default: the shipped one)"};
    file.in_dock = false;
    file.remote = false; // a remote client names no file for OBS to read
    file.cli = "--demo-file";
    p.params.push_back(file);
    return p;
}

} // namespace stagehand::core::chat
