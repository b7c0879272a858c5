#pragma once

#include "control/chat_hub.hpp"

#include <string>
#include <vector>

namespace stagehand::testing {

// Chat connections as the control layer sees them, without a network: it records what was asked
// and reports every requested connection as connected.
class FakeChatHub : public control::ChatHub {
public:
    std::vector<control::ChatConnect> connected;
    std::vector<std::string> disconnected;
    control::Result connect(const control::ChatConnect& request) override {
        if (request.platform == "twitch" && request.param("channel").empty())
            return control::Result::failure("twitch channel \"\": expected a channel name");
        connected.push_back(request);
        return control::Result::success();
    }
    control::Result disconnect(const std::string& platform) override {
        disconnected.push_back(platform);
        return control::Result::success();
    }
    std::vector<control::ChatConnectionStatus> status() override {
        std::vector<control::ChatConnectionStatus> out;
        for (const auto& c : connected)
            out.push_back({c.platform, "connected", "", c.param("channel"), 12, 3.5, 1, 0, -1, -1});
        return out;
    }
};

} // namespace stagehand::testing
