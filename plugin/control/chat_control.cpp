#include "control/chat_control.hpp"

#include "control/status_board.hpp"
#include "core/base/json_fields.hpp"

#include <algorithm>

namespace stagehand::control {

namespace {

constexpr const char* kChatStore = "chat";
// secrets.json: chat keys, owner-only, never set aside (Store::keep_secret).
constexpr const char* kSecretsStore = "secrets";

Result unknown_platform(const std::string& platform) {
    return Result::failure("platform \"" + platform + "\": expected " +
                           core::chat::platform_list());
}

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
    const ChatPlatform* platform = find_chat_platform(command.platform);
    if (!platform)
        return unknown_platform(command.platform);
    ChatConnect request = command;
    {
        // A secret not given is the one saved: a remote button need not carry the key.
        std::lock_guard lock(save_mutex_);
        const nlohmann::json secrets = store_ ? saved_secrets() : nlohmann::json::object();
        const auto saved = secrets.find(platform->id);
        for (const auto& param : platform->params)
            if (param.secret && request.param(param.name).empty() && saved != secrets.end())
                if (const auto value = saved->find(param.name); value != saved->end())
                    request.params[param.name] = value->get<std::string>();
    }
    if (const std::string error = core::chat::check_params(*platform, request.params);
        !error.empty())
        return Result::failure(platform->id + ": " + error);
    Result result = hub_->connect(request);
    if (result) {
        save_settings(*platform, &request);
        bus_.deliver({state_changed("chat", ++revision_)});
    }
    return result;
}

Result ChatControl::execute(const ChatDisconnect& command) {
    if (!hub_)
        return Result::failure("chat is not available in this process");
    const ChatPlatform* platform = find_chat_platform(command.platform);
    if (!platform)
        return unknown_platform(command.platform);
    Result result = hub_->disconnect(command.platform);
    if (result) {
        save_settings(*platform, nullptr);
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

// chat.json: per platform, whether it was connected and with which settings (secrets live in
// secrets.json). Read whole before use, so a wrong-typed value anywhere sets the file aside
// instead of half-reconnecting. An older version's secrets found in it are checked too, and
// listed in `legacy` to be moved out.
std::vector<ChatConnect> saved_chats(const nlohmann::json& saved,
                                     std::vector<ChatConnect>* legacy = nullptr) {
    const core::Fields root(saved);
    std::vector<ChatConnect> chats;
    for (const ChatPlatform& platform : chat_platforms()) {
        const auto entry = root.object(platform.id);
        if (!entry)
            continue;
        ChatConnect c{platform.id, {}};
        ChatConnect secrets{platform.id, {}};
        for (const auto& param : platform.params)
            if (std::string value = entry->string(param.name); !value.empty())
                (param.secret ? secrets : c).params[param.name] = std::move(value);
        if (legacy && !secrets.params.empty())
            legacy->push_back(secrets);
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
        for (const auto& [platform, entry] : json.items()) {
            const auto fields = root.object(platform);
            for (const auto& [name, value] : entry.items())
                fields->string(name);
        }
        secrets = json;
    });
    return secrets;
}

void ChatControl::save_settings(const ChatPlatform& platform, const ChatConnect* settings) {
    if (!store_)
        return;
    std::lock_guard lock(save_mutex_);
    nlohmann::json saved = nlohmann::json::object();
    store_->read(kChatStore, "chat settings", [&](const nlohmann::json& json) {
        saved_chats(json); // the whole file is checked before any of it is kept
        saved = json;
    });
    nlohmann::json entry = saved.contains(platform.id) && saved[platform.id].is_object()
                               ? saved[platform.id]
                               : nlohmann::json::object();
    entry["connected"] = settings != nullptr;
    nlohmann::json secrets = saved_secrets();
    nlohmann::json kept =
        secrets.contains(platform.id) ? secrets[platform.id] : nlohmann::json::object();
    bool secrets_changed = false;
    for (const auto& param : platform.params) {
        if (!param.secret) {
            if (settings)
                entry[param.name] = settings->param(param.name);
            continue;
        }
        // A disconnect keeps the secret for the next connect.
        entry.erase(param.name);
        if (!settings || kept.value(param.name, "") == settings->param(param.name))
            continue;
        if (settings->param(param.name).empty())
            kept.erase(param.name);
        else
            kept[param.name] = settings->param(param.name);
        secrets_changed = true;
    }
    saved[platform.id] = std::move(entry);
    std::string error;
    if (secrets_changed) {
        if (kept.empty())
            secrets.erase(platform.id);
        else
            secrets[platform.id] = std::move(kept);
        if (!store_->save(kSecretsStore, secrets, error))
            StatusBoard::global().set("chat", platform.id, Severity::warning,
                                      {"the chat key was not saved: " + error});
    }
    if (!store_->save(kChatStore, saved, error))
        StatusBoard::global().set("chat", platform.id, Severity::warning,
                                  {"chat settings not saved: " + error});
}

void ChatControl::resume() {
    if (!store_ || !hub_)
        return;
    std::lock_guard lock(save_mutex_);
    std::vector<ChatConnect> chats;
    std::vector<ChatConnect> legacy;
    nlohmann::json settings;
    store_->read(kChatStore, "chat settings", [&](const nlohmann::json& saved) {
        chats = saved_chats(saved, &legacy);
        settings = saved;
    });
    nlohmann::json secrets = saved_secrets();
    // An older version kept keys in chat.json: they move to the owner-only secrets file,
    // connected or not, and leave chat.json.
    for (const ChatConnect& moved : legacy)
        for (const auto& [name, value] : moved.params) {
            nlohmann::json& kept = secrets[moved.platform];
            if (!kept.is_object())
                kept = nlohmann::json::object();
            if (!kept.contains(name))
                kept[name] = value;
            settings[moved.platform].erase(name);
        }
    std::string error;
    if (!legacy.empty() && store_->save(kSecretsStore, secrets, error))
        store_->save(kChatStore, settings, error);
    for (ChatConnect& c : chats) {
        if (const auto it = secrets.find(c.platform); it != secrets.end())
            for (const auto& [name, value] : it->items())
                c.params[name] = value.get<std::string>();
        const Result result = hub_->connect(c);
        if (!result)
            StatusBoard::global().set("chat", c.platform, Severity::warning,
                                      {"not reconnected: " + result.error});
    }
}

void ChatControl::on_status(const core::chat::ChatStatus& status, std::vector<Event>& events) {
    events.push_back(Event{"chat_status_changed",
                           {{"platform", status.platform},
                            {"state", core::chat::to_string(status.state)},
                            {"detail", status.detail}}});
    const bool bad = status.state == core::chat::ConnectionState::error ||
                     status.state == core::chat::ConnectionState::reconnecting;
    StatusBoard::global().set(
        "chat", status.platform,
        status.state == core::chat::ConnectionState::error ? Severity::error : Severity::warning,
        bad ? std::vector<std::string>{status.detail} : std::vector<std::string>{});
}

} // namespace stagehand::control
