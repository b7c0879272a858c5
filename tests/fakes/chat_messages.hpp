#pragma once

#include "core/chat/chat_event.hpp"

#include <string>
#include <utility>

namespace stagehand::testing {

// A Twitch chat message as the connector hands it over: `author` is the viewer's id, login and
// display name at once.
inline core::chat::ChatMessage twitch_message(std::string id, const std::string& author,
                                              std::string text) {
    core::chat::ChatMessage m;
    m.platform = "twitch";
    m.id = std::move(id);
    m.author_id = author;
    m.name = author;
    m.text = std::move(text);
    return m;
}

} // namespace stagehand::testing
