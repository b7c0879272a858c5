// The chat thread of the module (QtChatHub) against the fake Twitch server: what the controller
// receives from it, and in how many batches.
#include "chat_waits.hpp"
#include "fake_twitch_server.hpp"

#include "obs/chat_hub.hpp"

#include <QElapsedTimer>

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

using namespace stagehand;
using stagehand::testing::FakeTwitchServer;
using stagehand::testing::pump;
using stagehand::testing::twitch_privmsg;
using stagehand::testing::wait_until;

namespace {

// What the hub handed over, from its chat thread.
struct Batches {
    std::mutex mutex;
    std::vector<std::string> ids;    // messages, in order
    std::size_t message_batches = 0; // batches that held a message
    // Each batch that held a message or a deletion: "msg-1", "deleted msg-1", in order.
    std::vector<std::vector<std::string>> batches;
    QtChatHub::Sink sink() {
        return [this](const std::vector<core::chat::ChatEvent>& batch) {
            std::lock_guard lock(mutex);
            bool any = false;
            std::vector<std::string> seen;
            for (const auto& event : batch)
                if (const auto* m = std::get_if<core::chat::ChatMessage>(&event)) {
                    ids.push_back(m->id);
                    seen.push_back(m->id);
                    any = true;
                } else if (const auto* d = std::get_if<core::chat::ChatDelete>(&event)) {
                    seen.push_back("deleted " + d->id);
                }
            message_batches += any ? 1 : 0;
            if (!seen.empty())
                batches.push_back(std::move(seen));
        };
    }
    std::size_t count() {
        std::lock_guard lock(mutex);
        return ids.size();
    }
    std::size_t batch_count() {
        std::lock_guard lock(mutex);
        return batches.size();
    }
};

// The hub connected to a fake Twitch server that it joined.
struct HubSession {
    explicit HubSession(std::chrono::milliseconds window = QtChatHub::kBatchWindow)
        : hub(got.sink(), QString(), window) {}
    FakeTwitchServer server{FakeTwitchServer::Transport::tcp};
    Batches got;
    QtChatHub hub;
    std::string error;
    bool open() {
        if (!server.start())
            return false;
        control::ChatConnect request;
        request.platform = "twitch";
        request.params = {{"channel", "talk"}, {"server", server.url().toStdString()}};
        const control::Result connected = hub.connect(request);
        error = connected.error;
        return connected.ok && wait_until([&] { return server.joined() == 1; });
    }
};

} // namespace

// A busy chat delivers messages one read at a time; the hub gathers a window's worth of them
// into one batch (one queue change, one announcement) and loses or reorders none.
TEST(ChatHub, GathersAWindowOfChatIntoOneBatch) {
    HubSession session;
    ASSERT_TRUE(session.open()) << session.error;
    FakeTwitchServer& server = session.server;
    Batches& got = session.got;

    constexpr int kMessages = 30;
    QElapsedTimer sending;
    sending.start();
    for (int i = 1; i <= kMessages; ++i) {
        server.send_lines({twitch_privmsg(i)}); // one write each, a few milliseconds apart
        pump(3);
    }
    const qint64 sent_in_ms = sending.elapsed();
    ASSERT_TRUE(wait_until([&] { return got.count() == kMessages; }))
        << got.count() << " of " << kMessages << " messages arrived";
    std::lock_guard lock(got.mutex);
    for (int i = 1; i <= kMessages; ++i)
        EXPECT_EQ(got.ids[static_cast<std::size_t>(i - 1)], "msg-" + std::to_string(i));
    // A batch per window the sending spanned (about 0.1 to 0.2 s here, longer on a loaded
    // machine), and one more at each end; handing over each read made one batch per message.
    const auto window_ms = static_cast<qint64>(QtChatHub::kBatchWindow.count());
    EXPECT_LE(got.message_batches, static_cast<std::size_t>(sent_in_ms / window_ms + 2))
        << "messages sent in " << sent_in_ms << " ms came in " << got.message_batches << " batches";
    EXPECT_LT(got.message_batches, static_cast<std::size_t>(kMessages));
    // The dock's "messages a minute" counts every one of them.
    const auto status = session.hub.status();
    ASSERT_EQ(status.size(), 1u);
    EXPECT_EQ(status[0].messages_per_minute, kMessages);
}

// A single message in a quiet chat is not held longer than the window.
TEST(ChatHub, ALoneMessageArrivesWithinTheWindow) {
    HubSession session;
    ASSERT_TRUE(session.open()) << session.error;
    session.server.send_lines({twitch_privmsg(7, QStringLiteral("is anyone there?"))});
    // Generous for a loaded machine; the window itself is half a second.
    EXPECT_TRUE(wait_until([&] { return session.got.count() == 1; }, 2000));
    session.hub.stop();
}

// A moderator's deletion is not held for the window: it goes at once, after the messages that
// came before it, so a withdrawn question leaves the screen as chat loses it. Messages alone
// wait for the window (a minute here, so that nothing but the deletion can hand them over).
TEST(ChatHub, ADeletionGoesAtOnceWithTheMessagesBeforeIt) {
    HubSession session{std::chrono::minutes(1)};
    ASSERT_TRUE(session.open()) << session.error;
    session.server.send_lines({twitch_privmsg(1), twitch_privmsg(2)});
    pump(300);
    EXPECT_EQ(session.got.batch_count(), 0u) << "messages were handed over before the window ended";
    session.server.send_lines(
        {QStringLiteral("@login=viewer1;target-msg-id=msg-1 :tmi.twitch.tv CLEARMSG #talk :x")});
    ASSERT_TRUE(wait_until([&] { return session.got.batch_count() == 1; }))
        << "the deletion waited for the window";
    {
        std::lock_guard lock(session.got.mutex);
        const std::vector<std::string> expected = {"msg-1", "msg-2", "deleted msg-1"};
        EXPECT_EQ(session.got.batches[0], expected);
    }
    session.hub.stop();
}
