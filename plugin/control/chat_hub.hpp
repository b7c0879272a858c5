#pragma once

#include "control/result.hpp"
#include "core/chat/platform.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace stagehand::control {

// The chat platforms as the control layer's users (the dock, the CLI, remote requests) see them:
// each described once in core/chat (id, name, colour, its connect settings and their checks).
using ChatPlatform = core::chat::PlatformInfo;
using ChatPlatformParam = core::chat::PlatformParam;
using ChatParams = core::chat::ChatParams;
inline const std::vector<ChatPlatform>& chat_platforms() {
    return core::chat::platforms();
}
inline const ChatPlatform* find_chat_platform(std::string_view id) {
    return core::chat::find_platform(id);
}
inline const ChatPlatformParam* find_chat_param(const ChatPlatform& platform,
                                                std::string_view name) {
    return core::chat::find_param(platform, name);
}

// What chat_connect takes: the platform and its settings by name, as its description lists them
// (a Twitch channel; a YouTube video and API key; nothing for the demo chat). Secrets in it are
// never logged, never in an error or a status.
struct ChatConnect {
    std::string platform;
    ChatParams params;
    // The value of `name`, "" when not given.
    std::string param(const std::string& name) const {
        const auto it = params.find(name);
        return it == params.end() ? std::string() : it->second;
    }
};

struct ChatDisconnect {
    std::string platform;
};

// One chat connection's health, as the dock and chat_status show it.
struct ChatConnectionStatus {
    std::string platform;
    std::string state; // connecting, connected, reconnecting, ended, error
    std::string detail;
    std::string target; // the channel or video it reads
    std::size_t messages = 0;
    double messages_per_minute = 0;
    std::size_t skipped = 0;
    std::size_t reconnects = 0;
    int quota_used = -1; // platforms with a daily quota (YouTube); -1: none
    int quota_daily = -1;
};

// The chat connections, as the control layer drives them. The plugin runs them on a chat thread
// (plugin/obs/chat_hub.cpp) and hands every event to Controller::on_chat; tests use a fake.
class ChatHub {
public:
    virtual ~ChatHub() = default;
    // Starts (or restarts with new settings) one platform's connection; returns at once.
    virtual Result connect(const ChatConnect& request) = 0;
    virtual Result disconnect(const std::string& platform) = 0;
    virtual std::vector<ChatConnectionStatus> status() = 0;
};

} // namespace stagehand::control
