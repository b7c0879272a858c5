#include "control/chat_control.hpp"

#include "control/status_board.hpp"
#include "core/base/json_fields.hpp"

#include <algorithm>

namespace stagehand::control {

namespace {

constexpr const char* kChatStore = "chat";
// secrets.json: chat keys, owner-only, never set aside (Store::keep_secret).
constexpr const char* kSecretsStore = "secrets";

} // namespace

ChatControl::ChatControl(std::shared_ptr<ChatHub> hub, std::shared_ptr<Store> store,
                         const EventBus& bus)
    : hub_(std::move(hub))
    , store_(std::move(store))
    , bus_(bus) {
    if (store_)
        store_->keep_secret(kSecretsStore);
}

Result ChatControl::execute(const ChatConnect& command) {
    if (!hub_)
        return Result::failure("chat is not available in this process");
    const bool known =
        command.platform == "twitch" || command.platform == "youtube" || command.platform == "demo";
    if (!known)
        return Result::failure("platform \"" + command.platform +
                               "\": expected twitch, youtube or demo");
    Result result = hub_->connect(command);
    if (result) {
        save_settings(command.platform, &command);
        bus_.deliver({state_changed("chat", ++revision_)});
    }
    return result;
}

Result ChatControl::execute(const ChatDisconnect& command) {
    if (!hub_)
        return Result::failure("chat is not available in this process");
    Result result = hub_->disconnect(command.platform);
    if (result) {
        save_settings(command.platform, nullptr);
        bus_.deliver({state_changed("chat", ++revision_)});
    }
    return result;
}

Result ChatControl::status() const {
    nlohmann::json list = nlohmann::json::array();
    if (hub_)
        for (const auto& s : hub_->status()) {
            nlohmann::json item = {
                {"platform", s.platform}, {"state", s.state},
                {"detail", s.detail},     {"target", s.target},
                {"messages", s.messages}, {"messages_per_minute", s.messages_per_minute},
                {"skipped", s.skipped},   {"reconnects", s.reconnects}};
            if (s.quota_used >= 0) {
                item["quota_used"] = s.quota_used;
                item["quota_left"] = std::max(0, s.quota_daily - s.quota_used);
            }
            list.push_back(std::move(item));
        }
    return Result::success({{"connections", std::move(list)}});
}

namespace {

constexpr const char* kChatPlatforms[] = {"twitch", "youtube", "demo"};

// chat.json: per platform, whether it was connected and how. Read whole before use, so a
// wrong-typed value anywhere sets the file aside instead of half-reconnecting.
std::vector<ChatConnect> saved_chats(const nlohmann::json& saved) {
    const core::Fields root(saved);
    std::vector<ChatConnect> chats;
    for (const char* platform : kChatPlatforms) {
        const auto entry = root.object(platform);
        if (!entry)
            continue;
        ChatConnect c;
        c.platform = platform;
        c.channel = entry->string("channel");
        c.server = entry->string("server");
        c.ca_file = entry->string("ca_file");
        c.video = entry->string("video");
        c.key = entry->string("key");
        c.api = entry->string("api");
        if (entry->boolean("connected", false))
            chats.push_back(std::move(c));
    }
    return chats;
}

} // namespace

nlohmann::json ChatControl::saved_secrets() {
    nlohmann::json secrets = nlohmann::json::object();
    store_->read(kSecretsStore, "chat keys", [&](const nlohmann::json& json) {
        const core::Fields root(json);
        for (const auto& [platform, entry] : json.items())
            root.object(platform)->string("key");
        secrets = json;
    });
    return secrets;
}

void ChatControl::save_settings(const std::string& platform, const ChatConnect* settings) {
    if (!store_)
        return;
    std::lock_guard lock(save_mutex_);
    nlohmann::json saved = nlohmann::json::object();
    store_->read(kChatStore, "chat settings", [&](const nlohmann::json& json) {
        saved_chats(json); // the whole file is checked before any of it is kept
        saved = json;
    });
    nlohmann::json& entry = saved[platform];
    if (!entry.is_object())
        entry = nlohmann::json::object();
    entry["connected"] = settings != nullptr;
    if (settings) {
        entry["channel"] = settings->channel;
        entry["server"] = settings->server;
        entry["ca_file"] = settings->ca_file;
        entry["video"] = settings->video;
        entry["api"] = settings->api;
    }
    // The key lives in the owner-only secrets file (resume_chat moves an older version's out of
    // chat.json).
    nlohmann::json secrets = saved_secrets();
    const std::string kept =
        secrets.contains(platform) ? secrets[platform].value("key", "") : std::string();
    const std::string key = settings ? settings->key : kept;
    std::string error;
    if (key != kept) {
        if (key.empty())
            secrets.erase(platform);
        else
            secrets[platform] = {{"key", key}};
        if (!store_->save(kSecretsStore, secrets, error))
            StatusBoard::global().set("chat", platform, Severity::warning,
                                      {"the chat key was not saved: " + error});
    }
    if (!store_->save(kChatStore, saved, error))
        StatusBoard::global().set("chat", platform, Severity::warning,
                                  {"chat settings not saved: " + error});
}

void ChatControl::resume() {
    if (!store_ || !hub_)
        return;
    std::lock_guard lock(save_mutex_);
    std::vector<ChatConnect> chats;
    nlohmann::json settings;
    store_->read(kChatStore, "chat settings", [&](const nlohmann::json& saved) {
        chats = saved_chats(saved);
        settings = saved;
    });
    nlohmann::json secrets = saved_secrets();
    // An older version kept keys in chat.json (saved_chats checked they are strings): they move
    // to the owner-only secrets file, connected or not.
    bool moved = false;
    for (const char* platform : kChatPlatforms) {
        if (!settings.is_object() || !settings.contains(platform))
            continue;
        nlohmann::json& entry = settings[platform];
        if (!entry.is_object() || !entry.contains("key"))
            continue;
        const std::string key = entry["key"].get<std::string>();
        if (!key.empty() && !secrets.contains(platform))
            secrets[platform] = {{"key", key}};
        entry.erase("key");
        moved = true;
    }
    std::string error;
    if (moved && store_->save(kSecretsStore, secrets, error))
        store_->save(kChatStore, settings, error);
    for (ChatConnect& c : chats) {
        if (const auto it = secrets.find(c.platform); it != secrets.end())
            c.key = it->value("key", c.key);
        const Result result = hub_->connect(c);
        if (!result)
            StatusBoard::global().set("chat", c.platform, Severity::warning,
                                      {"not reconnected: " + result.error});
    }
}

void ChatControl::on_status(const core::chat::ChatStatus& status, std::vector<Event>& events) {
    events.push_back(Event{"chat_status_changed",
                           {{"platform", core::chat::to_string(status.platform)},
                            {"state", core::chat::to_string(status.state)},
                            {"detail", status.detail}}});
    const bool bad = status.state == core::chat::ConnectionState::error ||
                     status.state == core::chat::ConnectionState::reconnecting;
    StatusBoard::global().set(
        "chat", core::chat::to_string(status.platform),
        status.state == core::chat::ConnectionState::error ? Severity::error : Severity::warning,
        bad ? std::vector<std::string>{status.detail} : std::vector<std::string>{});
}

} // namespace stagehand::control
