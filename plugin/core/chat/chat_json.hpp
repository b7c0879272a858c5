#pragma once

#include "core/chat/chat_event.hpp"

#include <nlohmann/json.hpp>

// Chat events as the JSON objects `stagehand-cli chat` prints, one a line. The types and keys are
// a documented contract with users' scripts: add keys, never rename.
namespace stagehand::core::chat {

nlohmann::json to_json(const ChatEvent& event);

struct ChatStats {
    std::size_t messages = 0;
    std::size_t skipped = 0;
    std::size_t reconnects = 0;
};
nlohmann::json stats_json(Platform platform, const ChatStats& stats);

} // namespace stagehand::core::chat
