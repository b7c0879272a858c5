#pragma once

#include "control/result.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace stagehand::control {

// What chat_connect takes: the platform and its settings. Twitch needs a channel; YouTube a
// video and the presenter's API key; the demo chat nothing.
struct ChatConnect {
    std::string platform; // "twitch", "youtube" or "demo"
    std::string channel;
    std::string server;  // Twitch server URL; empty: the default (TLS IRC)
    std::string ca_file; // extra trusted certificates (tests)
    std::string video;
    std::string key; // never logged, never in an error or a status
    std::string api; // YouTube API base URL; empty: Google's
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
    int quota_used = -1; // YouTube only
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
