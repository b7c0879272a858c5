#pragma once

#include "control/chat_hub.hpp"
#include "core/chat/chat_event.hpp"

#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace stagehand {

// The chat connections inside OBS: each platform's connector lives on one chat thread of its
// own (its sockets, timers and parsing never touch OBS's UI, video or graphics threads) and
// hands its events to `sink` there: all the events of one read together, in order, as soon
// as the read is handled (a flood's burst is one batch, a quiet chat's message a batch of
// one). Safe to call from any thread.
class QtChatHub final : public control::ChatHub {
public:
    using Sink = std::function<void(const std::vector<core::chat::ChatEvent>&)>;
    QtChatHub(Sink sink, QString demo_file);
    ~QtChatHub() override;
    QtChatHub(const QtChatHub&) = delete;
    QtChatHub& operator=(const QtChatHub&) = delete;

    control::Result connect(const control::ChatConnect& request) override;
    control::Result disconnect(const std::string& platform) override;
    std::vector<control::ChatConnectionStatus> status() override;
    // Closes every connection and ends the chat thread (before the sink goes away).
    void stop();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

} // namespace stagehand
