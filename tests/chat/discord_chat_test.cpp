// The Discord connector against a fake Gateway on 127.0.0.1 (label "chat").
#include "chat_waits.hpp"
#include "fake_discord_gateway.hpp"

#include "chat/discord_connector.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

using namespace stagehand;
using core::chat::ChatBan;
using core::chat::ChatDelete;
using core::chat::ConnectionState;
using nlohmann::json;
using stagehand::testing::Collector;
using stagehand::testing::FakeDiscordGateway;
using stagehand::testing::pump;
using stagehand::testing::wait_until;

namespace {

constexpr const char* kChannel = "555";

json message(int n, const std::string& text = {}, const std::string& channel = kChannel) {
    return {{"id", std::to_string(100000 + n)},
            {"channel_id", channel},
            {"guild_id", "77"},
            {"author",
             {{"id", std::to_string(5000 + n % 50)},
              {"username", "viewer" + std::to_string(n % 50)},
              {"global_name", nullptr}}},
            {"member", {{"roles", json::array()}}},
            {"content", text.empty() ? "message number " + std::to_string(n) : text},
            {"timestamp", "2026-12-04T12:00:00.000000+00:00"},
            {"mentions", json::array()}};
}

// A gateway and a connector that identified on it and is reading channel 555.
struct DiscordSession {
    FakeDiscordGateway gateway;
    Collector got;
    std::unique_ptr<chat::DiscordConnector> discord;
    chat::DiscordConnector::Options options() {
        chat::DiscordConnector::Options o;
        o.channel = kChannel;
        o.token = "test-token";
        o.gateway = QUrl(gateway.url());
        o.backoff_initial_ms = 10;
        o.backoff_max_ms = 50;
        return o;
    }
    bool open(chat::DiscordConnector::Options o) {
        if (!gateway.start())
            return false;
        o.gateway = QUrl(gateway.url());
        discord = std::make_unique<chat::DiscordConnector>(o, got.sink());
        discord->start();
        return wait_until([&] { return got.has_state(ConnectionState::connected); });
    }
    bool open() { return gateway.start() && open_started(); }
    bool open_started() {
        discord = std::make_unique<chat::DiscordConnector>(options(), got.sink());
        discord->start();
        return wait_until([&] { return got.has_state(ConnectionState::connected); });
    }
};

} // namespace

TEST(DiscordChat, IdentifiesWithTheIntentsAndDeliversMessagesWithRolesRepliesAndEmoji) {
    DiscordSession s;
    ASSERT_TRUE(s.open());
    const auto identify = s.gateway.sent_with_op(2);
    ASSERT_EQ(identify.size(), 1u);
    const json& d = identify[0].frame["d"];
    EXPECT_EQ(d["token"], "test-token");
    EXPECT_EQ(d["intents"].get<unsigned>(), (1u << 0) | (1u << 2) | (1u << 9) | (1u << 15));
    EXPECT_TRUE(d["properties"].contains("os"));

    json from_mod = message(1, "Is <:party:123> fine with <@42>?");
    from_mod["member"] = {{"nick", "Mod Ann"}, {"roles", {"900"}}};
    from_mod["author"]["global_name"] = "Ann";
    from_mod["mentions"] = {{{"id", "42"}, {"username", "bob"}, {"global_name", "Bob"}}};
    from_mod["message_reference"] = {{"message_id", "99999"}, {"channel_id", kChannel}};
    json regular = message(2, "What about <a:wave:124> threads?");
    regular["member"]["roles"] = {"901"};
    regular["author"]["global_name"] = "Bea";
    json owner = message(3, "Welcome all");
    owner["author"]["id"] = "1";
    json bot = message(4);
    bot["author"]["bot"] = true;
    s.gateway.dispatch("MESSAGE_CREATE", from_mod);
    s.gateway.dispatch("MESSAGE_CREATE", message(5, "elsewhere", "556"));
    s.gateway.dispatch("MESSAGE_CREATE", bot);
    s.gateway.dispatch("MESSAGE_CREATE", regular);
    s.gateway.dispatch("MESSAGE_CREATE", owner);
    ASSERT_TRUE(wait_until([&] { return s.got.messages().size() >= 3; }));
    pump(50);
    const auto messages = s.got.messages();
    ASSERT_EQ(messages.size(), 3u) << "another channel's message and a bot's are not questions";
    EXPECT_EQ(messages[0].platform, "discord");
    EXPECT_EQ(messages[0].name, "Mod Ann") << "the server nickname first";
    EXPECT_EQ(messages[0].text, "Is :party: fine with @Bob?");
    EXPECT_TRUE(messages[0].roles & core::chat::kModerator);
    EXPECT_EQ(messages[0].reply_to, std::optional<std::string>("99999"));
    EXPECT_EQ(messages[1].name, "Bea");
    EXPECT_EQ(messages[1].text, "What about :wave: threads?");
    EXPECT_FALSE(messages[1].roles & core::chat::kModerator);
    EXPECT_TRUE(messages[1].roles & core::chat::kMember);
    EXPECT_TRUE(messages[2].roles & core::chat::kBroadcaster) << "the server's owner";
    EXPECT_EQ(core::chat::format_time(messages[0].time), "2026-12-04T12:00:00.000Z");
}

TEST(DiscordChat, DeletesBulkDeletesAndBansArrive) {
    DiscordSession s;
    ASSERT_TRUE(s.open());
    s.gateway.dispatch("MESSAGE_DELETE", {{"id", "100001"}, {"channel_id", kChannel}});
    s.gateway.dispatch("MESSAGE_DELETE", {{"id", "100002"}, {"channel_id", "556"}});
    s.gateway.dispatch("MESSAGE_DELETE_BULK",
                       {{"ids", {"100003", "100004"}}, {"channel_id", kChannel}});
    s.gateway.dispatch("GUILD_BAN_ADD", {{"guild_id", "77"}, {"user", {{"id", "5003"}}}});
    ASSERT_TRUE(wait_until([&] { return s.got.count<ChatBan>() == 1; }));
    std::vector<std::string> deleted;
    for (const auto& e : s.got.events)
        if (const auto* d = std::get_if<ChatDelete>(&e))
            deleted.push_back(d->id);
    EXPECT_EQ(deleted, (std::vector<std::string>{"100001", "100003", "100004"}));
    for (const auto& e : s.got.events)
        if (const auto* b = std::get_if<ChatBan>(&e)) {
            EXPECT_EQ(b->author_id, "5003");
            EXPECT_FALSE(b->until.has_value());
        }
}

TEST(DiscordChat, HeartbeatsCarryTheSequenceAndAMissedAckResumesOnTheResumeUrl) {
    DiscordSession s;
    s.gateway.heartbeat_interval_ms = 150;
    ASSERT_TRUE(s.open());
    s.gateway.dispatch("MESSAGE_CREATE", message(1));
    ASSERT_TRUE(wait_until([&] { return s.got.messages().size() == 1; }));
    // READY, GUILD_CREATE, the message: the next heartbeat says 3.
    ASSERT_TRUE(wait_until([&] {
        for (const auto& beat : s.gateway.sent_with_op(1))
            if (beat.frame["d"] == 3)
                return true;
        return false;
    }));
    s.gateway.ack_heartbeats = false; // a zombie connection: the client must notice
    ASSERT_TRUE(wait_until([&] { return s.gateway.sent_with_op(6).size() == 1; }));
    const auto resume = s.gateway.sent_with_op(6)[0];
    EXPECT_TRUE(resume.path.startsWith(QStringLiteral("/resume")))
        << "RESUME goes to READY's resume URL";
    EXPECT_EQ(resume.frame["d"]["session_id"], "session-1");
    EXPECT_EQ(resume.frame["d"]["seq"], 3);
    EXPECT_EQ(resume.frame["d"]["token"], "test-token");
    EXPECT_EQ(s.gateway.sent_with_op(2).size(), 1u) << "resumed, not identified again";
    s.gateway.ack_heartbeats = true;
    s.gateway.dispatch("MESSAGE_CREATE", message(2));
    ASSERT_TRUE(wait_until([&] { return s.got.messages().size() == 2; }));
    EXPECT_GE(s.discord->stats().reconnects, 1u);
}

TEST(DiscordChat, AForcedDropResumesAndWhatWasMissedIsReplayedOnce) {
    DiscordSession s;
    ASSERT_TRUE(s.open());
    s.gateway.dispatch("MESSAGE_CREATE", message(1));
    ASSERT_TRUE(wait_until([&] { return s.got.messages().size() == 1; }));
    s.gateway.drop_all();
    s.gateway.dispatch("MESSAGE_CREATE", message(2)); // while the client is away
    ASSERT_TRUE(wait_until([&] { return s.got.messages().size() == 2; }));
    pump(100);
    const auto messages = s.got.messages();
    ASSERT_EQ(messages.size(), 2u) << "nothing twice";
    EXPECT_EQ(messages[1].id, "100002");
    EXPECT_EQ(s.gateway.sent_with_op(6).size(), 1u);
}

TEST(DiscordChat, ReconnectAndInvalidSessionAreFollowed) {
    DiscordSession s;
    ASSERT_TRUE(s.open());
    s.gateway.send_op(7, nullptr); // RECONNECT: resume
    ASSERT_TRUE(wait_until([&] { return s.gateway.sent_with_op(6).size() == 1; }));
    ASSERT_TRUE(wait_until([&] { return s.gateway.connected() == 1; }));
    s.gateway.send_op(9, false); // INVALID_SESSION, not resumable: identify afresh
    ASSERT_TRUE(wait_until([&] { return s.gateway.sent_with_op(2).size() == 2; }));
    EXPECT_EQ(s.gateway.sent_with_op(6).size(), 1u);
    s.gateway.dispatch("MESSAGE_CREATE", message(7));
    ASSERT_TRUE(wait_until([&] { return s.got.messages().size() == 1; }));
}

TEST(DiscordChat, ABadTokenStopsAndSaysWhatToDo) {
    DiscordSession s;
    ASSERT_TRUE(s.gateway.start());
    auto o = s.options();
    o.token = "wrong";
    s.discord = std::make_unique<chat::DiscordConnector>(o, s.got.sink());
    s.discord->start();
    ASSERT_TRUE(wait_until([&] { return s.got.has_state(ConnectionState::error); }));
    pump(200);
    EXPECT_EQ(s.gateway.connections(), 1) << "a refused token is not retried";
    const auto last = s.got.statuses().back();
    EXPECT_EQ(last.state, ConnectionState::error);
    EXPECT_NE(last.detail.find("4004"), std::string::npos) << last.detail;
    EXPECT_NE(last.detail.find("token"), std::string::npos) << last.detail;
    for (const auto& status : s.got.statuses())
        EXPECT_EQ(status.detail.find("wrong"), std::string::npos) << "the token is never shown";
}

TEST(DiscordChat, DisallowedIntentsNameTheOneToEnable) {
    DiscordSession s;
    s.gateway.message_content_enabled = false; // the portal's switch is off
    ASSERT_TRUE(s.gateway.start());
    s.discord = std::make_unique<chat::DiscordConnector>(s.options(), s.got.sink());
    s.discord->start();
    ASSERT_TRUE(wait_until([&] { return s.got.has_state(ConnectionState::error); }));
    pump(200);
    EXPECT_EQ(s.gateway.connections(), 1);
    const auto last = s.got.statuses().back();
    EXPECT_NE(last.detail.find("4014"), std::string::npos) << last.detail;
    EXPECT_NE(last.detail.find("Message Content"), std::string::npos) << last.detail;
}

TEST(DiscordChat, AFloodOfTenThousandMessagesArrivesWholeAndInOrder) {
    DiscordSession s;
    ASSERT_TRUE(s.open());
    for (int n = 1; n <= 10000; ++n)
        s.gateway.dispatch("MESSAGE_CREATE", message(n));
    ASSERT_TRUE(wait_until([&] { return s.got.messages().size() == 10000; }, 60000))
        << s.got.messages().size();
    const auto messages = s.got.messages();
    for (int n = 1; n <= 10000; ++n)
        ASSERT_EQ(messages[static_cast<std::size_t>(n - 1)].id, std::to_string(100000 + n));
    EXPECT_EQ(s.discord->stats().skipped, 0u);
}

TEST(DiscordChat, MalformedFramesAreSkippedAndCounted) {
    DiscordSession s;
    ASSERT_TRUE(s.open());
    s.gateway.send_op(0, nullptr); // a dispatch without a type
    json no_author = message(1);
    no_author.erase("author");
    s.gateway.dispatch("MESSAGE_CREATE", no_author);
    s.gateway.dispatch("MESSAGE_CREATE", message(2));
    ASSERT_TRUE(wait_until([&] { return s.got.messages().size() == 1; }));
    EXPECT_EQ(s.discord->stats().skipped, 2u);
}
