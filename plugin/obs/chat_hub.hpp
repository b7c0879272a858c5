#pragma once

#include "control/chat_hub.hpp"
#include "core/chat/chat_event.hpp"

#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace stagehand {

// The chat connections inside OBS: each platform's connector lives on one chat thread of its
// own (its sockets, timers and parsing never touch OBS's UI, video or graphics threads) and
// hands its events to `sink` there, in order, in batches: the messages that arrive within
// `batch_window` of the first one (or 500 of them) together, and a deletion, a ban, a cleared
// chat or a connection's new state at once, with the messages waiting before it. Safe to call
// from any thread.
class QtChatHub final : public control::ChatHub {
public:
    using Sink = std::function<void(const std::vector<core::chat::ChatEvent>&)>;
    // A batch is one change of the queue, one announcement to the dock, obs-websocket and
    // scripts (each obs-websocket event wakes a thread of its pool), one look at the question
    // card. A busy chat arrives a message a read (10,000 a minute is some 170 reads a second);
    // at ten batches a second, announcing them was a fifth of the chat thread's time in the
    // soak, at four a second still a tenth. A question reaching the dock half a second later
    // goes unseen: the dock looks twice a second, and in a flood moves its rows every two
    // seconds. A deletion, a ban or a cleared chat does not wait (see handle()).
    static constexpr std::chrono::milliseconds kBatchWindow{500};
    QtChatHub(Sink sink, QString demo_file, std::chrono::milliseconds batch_window = kBatchWindow);
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
