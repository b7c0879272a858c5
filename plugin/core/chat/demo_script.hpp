#pragma once

#include "core/chat/chat_event.hpp"
#include "core/chat/platform.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core::chat {

// A scripted chat (data/demo/chat.json, format "stagehand.demo-chat" version 1) for the demo
// and for trying Stagehand without an account: timed messages, deletes and bans that loop.
struct DemoScript {
    struct Entry {
        std::chrono::milliseconds at{0};
        ChatEvent event;
    };
    std::vector<Entry> entries; // in time order
    std::chrono::milliseconds loop_after{0};

    // The events of round `round` (0-based): message ids (and what deletes and replies point
    // at) get a "-r<round>" suffix after the first round, so every round is new chat.
    std::vector<Entry> round(std::size_t round, Clock::time_point start) const;
};

// Nothing, with `error` saying where (JSON pointer) and what was expected, when it is not a
// demo chat script.
std::optional<DemoScript> parse_demo_script(std::string_view json, std::string& error);

// Its description in the platform registry (platforms.cpp).
PlatformInfo demo_platform();

} // namespace stagehand::core::chat
