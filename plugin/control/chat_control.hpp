#pragma once

#include "control/chat_hub.hpp"
#include "control/event_bus.hpp"
#include "control/result.hpp"
#include "control/store.hpp"
#include "core/chat/chat_event.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace stagehand::control {

// The chat domain: which platforms are connected and how (chat.json), their secrets
// (secrets.json, owner-only), reconnecting them at start, and their health on the status board.
// The connections themselves run in a ChatHub (the plugin's chat thread; a fake in tests).
class ChatControl {
public:
    ChatControl(std::shared_ptr<ChatHub> hub, std::shared_ptr<Store> store, const EventBus& bus);

    Result execute(const ChatConnect& command);
    Result execute(const ChatDisconnect& command);
    Result status() const;
    // Reconnects the chats that were connected when OBS last stopped (or crashed).
    void resume();
    // A connection's state changed: the status board and a chat_status_changed event.
    void on_status(const core::chat::ChatStatus& status, std::vector<Event>& events);

private:
    void save_settings(const ChatPlatform& platform, const ChatConnect* settings);
    // secrets.json, checked: {platform: {name: string}}; empty when there is none. Under
    // save_mutex_.
    nlohmann::json saved_secrets();

    std::shared_ptr<ChatHub> hub_;
    std::shared_ptr<Store> store_;
    const EventBus& bus_;
    std::mutex save_mutex_; // chat.json and secrets.json are read-modify-written
    std::atomic<std::uint64_t> revision_{0};
};

} // namespace stagehand::control
