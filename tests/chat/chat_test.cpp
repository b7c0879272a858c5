// The Twitch and demo chat connectors against protocol-faithful fake servers on 127.0.0.1 (label
// "chat"); YouTube and Discord have files of their own.
#include "chat_waits.hpp"
#include "fake_discord_gateway.hpp"
#include "fake_twitch_server.hpp"

#include "chat/demo_connector.hpp"
#include "chat/twitch_connector.hpp"
#include "core/base/error_report.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

using namespace stagehand;
using core::chat::ChatBan;
using core::chat::ChatClear;
using core::chat::ChatDelete;
using core::chat::ChatEvent;
using core::chat::ChatMessage;
using core::chat::ChatStatus;
using core::chat::ConnectionState;
using stagehand::testing::Collector;
using stagehand::testing::FakeTwitchServer;
using stagehand::testing::pump;
using stagehand::testing::twitch_privmsg;
using stagehand::testing::wait_until;

namespace {

QString g_cert_dir;

chat::TwitchConnector::Options twitch_options(const FakeTwitchServer& server) {
    chat::TwitchConnector::Options o;
    o.channel = "talk";
    o.server = QUrl(server.url());
    o.backoff_initial_ms = 10;
    o.backoff_max_ms = 50;
    return o;
}

// A fake Twitch server over plain TCP with a connector that has joined its channel: what most
// Twitch tests start from.
struct TwitchSession {
    FakeTwitchServer server{FakeTwitchServer::Transport::tcp};
    Collector got;
    std::unique_ptr<chat::TwitchConnector> twitch;
    bool open() {
        if (!server.start())
            return false;
        twitch = std::make_unique<chat::TwitchConnector>(twitch_options(server), got.sink());
        twitch->start();
        return wait_until([&] { return server.joined() == 1; });
    }
    std::tuple<FakeTwitchServer&, Collector&, chat::TwitchConnector&> parts() {
        return {server, got, *twitch};
    }
};

QSslCertificate certificate() {
    QFile f(g_cert_dir + QStringLiteral("/cert.pem"));
    if (!f.open(QIODevice::ReadOnly))
        ADD_FAILURE() << "cannot read " << f.fileName().toStdString();
    return QSslCertificate(&f, QSsl::Pem);
}

QSslKey key() {
    QFile f(g_cert_dir + QStringLiteral("/key.pem"));
    if (!f.open(QIODevice::ReadOnly))
        ADD_FAILURE() << "cannot read " << f.fileName().toStdString();
    return QSslKey(&f, QSsl::Rsa, QSsl::Pem);
}

} // namespace

TEST(TwitchChat, PlainIrcLogsInAnonymouslyJoinsAndDeliversTaggedMessages) {
    TwitchSession session;
    ASSERT_TRUE(session.open());
    auto [server, got, twitch] = session.parts(); // references into the session
    ASSERT_TRUE(wait_until([&] { return got.has_state(ConnectionState::connected); }));
    const QStringList sent = server.received();
    EXPECT_TRUE(sent.contains(QStringLiteral("CAP REQ :twitch.tv/tags twitch.tv/commands")));
    EXPECT_TRUE(sent.contains(QStringLiteral("JOIN #talk")));
    bool anonymous = false;
    for (const QString& line : sent)
        anonymous = anonymous || line.startsWith(QLatin1String("NICK justinfan"));
    EXPECT_TRUE(anonymous) << sent.join(QLatin1Char('|')).toStdString();

    server.send_lines({QStringLiteral("@badges=moderator/1;display-name=Ann;emotes=25:0-4;"
                                      "id=a1;tmi-sent-ts=1764590400000;user-id=7 "
                                      ":ann!ann@ann.tmi.twitch.tv PRIVMSG #talk :Kappa is "
                                      "this\\sescaped? 日本語 🎉")});
    ASSERT_TRUE(wait_until([&] { return got.messages().size() == 1; }));
    const ChatMessage m = got.messages()[0];
    EXPECT_EQ(m.id, "a1");
    EXPECT_EQ(m.name, "Ann");
    EXPECT_EQ(m.roles, core::chat::kModerator);
    EXPECT_EQ(m.text, "Kappa is this\\sescaped? 日本語 🎉") << "escapes apply to tags, not text";
    ASSERT_EQ(m.emotes.size(), 1u);
    EXPECT_EQ(m.emotes[0].name, "Kappa");
    twitch.stop();
    EXPECT_TRUE(got.has_state(ConnectionState::ended));
}

// An exception in a connector's slot would unwind through the chat thread's event loop and end
// OBS. Here the sink throws on one message (standing for any failure while a read is handled):
// it is logged with the platform and what was being done, and the next line arrives.
TEST(TwitchChat, AFailureWhileAReadIsHandledIsLoggedAndTheNextLineArrives) {
    FakeTwitchServer server(FakeTwitchServer::Transport::tcp);
    ASSERT_TRUE(server.start());
    Collector got;
    int thrown = 0;
    chat::ChatSink sink = [&](const core::chat::ChatEvent& e) {
        const auto* m = std::get_if<ChatMessage>(&e);
        if (m && m->text == "boom") {
            ++thrown;
            throw std::runtime_error("the sink failed");
        }
        got.events.push_back(e);
    };
    std::vector<std::string> logged;
    core::set_error_sink([&](const std::string& m) { logged.push_back(m); });
    chat::TwitchConnector twitch(twitch_options(server), sink);
    twitch.start();
    ASSERT_TRUE(wait_until([&] { return server.joined() == 1; }));
    server.send_lines({QStringLiteral(":ann!ann@ann.tmi.twitch.tv PRIVMSG #talk :boom")});
    ASSERT_TRUE(wait_until([&] { return thrown == 1; }));
    server.send_lines({QStringLiteral(":bo!bo@bo.tmi.twitch.tv PRIVMSG #talk :still here?")});
    const bool arrived = wait_until([&] { return got.messages().size() == 1; });
    core::set_error_sink(nullptr);
    ASSERT_TRUE(arrived);
    EXPECT_EQ(got.messages()[0].text, "still here?");
    ASSERT_EQ(logged.size(), 1u);
    EXPECT_EQ(logged[0], "Twitch chat: reading failed: the sink failed");
    EXPECT_EQ(twitch.state(), ConnectionState::connected);
    twitch.stop();
}

TEST(TwitchChat, AnswersPingAndPingsAQuietServerThenReconnectsWhenItDoesNotAnswer) {
    FakeTwitchServer server(FakeTwitchServer::Transport::tcp);
    ASSERT_TRUE(server.start());
    Collector got;
    auto options = twitch_options(server);
    options.keepalive_ms = 300;
    options.pong_timeout_ms = 300;
    chat::TwitchConnector twitch(options, got.sink());
    twitch.start();
    ASSERT_TRUE(wait_until([&] { return server.joined() == 1; }));
    server.send_lines({QStringLiteral("PING :tmi.twitch.tv")});
    ASSERT_TRUE(wait_until(
        [&] { return server.received().contains(QStringLiteral("PONG :tmi.twitch.tv")); }));
    // The answer echoes whatever token the server sent, not a fixed one.
    server.send_lines({QStringLiteral("PING :edge-7f3a.tmi.example 1733340000")});
    ASSERT_TRUE(wait_until([&] {
        return server.received().contains(QStringLiteral("PONG :edge-7f3a.tmi.example 1733340000"));
    }));
    // Silence: the client pings; the server answers, so the connection stays.
    ASSERT_TRUE(
        wait_until([&] { return server.received().contains(QStringLiteral("PING :stagehand")); }));
    pump(400);
    EXPECT_EQ(server.connections(), 1);
    // Now the server stops answering: the client gives up on this connection and comes back.
    server.answer_pings = false;
    ASSERT_TRUE(
        wait_until([&] { return server.connections() >= 2 && server.joined() == 1; }, 5000));
    EXPECT_GE(twitch.stats().reconnects, 1u);
}

// Lines coming keep the connection from being pinged; once they stop, the ping comes a keepalive
// time after the last of them, not after the first.
TEST(TwitchChat, ABusyConnectionIsPingedOnlyAfterItFallsQuiet) {
    FakeTwitchServer server(FakeTwitchServer::Transport::tcp);
    ASSERT_TRUE(server.start());
    Collector got;
    auto options = twitch_options(server);
    options.keepalive_ms = 400;
    chat::TwitchConnector twitch(options, got.sink());
    twitch.start();
    ASSERT_TRUE(wait_until([&] { return server.joined() == 1; }));
    for (int i = 0; i < 12; ++i) {
        server.send_lines(
            {QStringLiteral(":ann!ann@ann.tmi.twitch.tv PRIVMSG #talk :line %1").arg(i)});
        pump(100);
    }
    EXPECT_FALSE(server.received().contains(QStringLiteral("PING :stagehand")))
        << "pinged while lines were coming";
    EXPECT_EQ(got.messages().size(), 12u);
    const auto quiet_from = std::chrono::steady_clock::now();
    ASSERT_TRUE(
        wait_until([&] { return server.received().contains(QStringLiteral("PING :stagehand")); }));
    EXPECT_GE(std::chrono::steady_clock::now() - quiet_from, std::chrono::milliseconds(250))
        << "the ping did not wait for the quiet time after the last line";
    twitch.stop();
}

TEST(TwitchChat, OverTlsTheCertificateIsVerified) {
    FakeTwitchServer server(FakeTwitchServer::Transport::tls);
    ASSERT_TRUE(server.start(certificate(), key()));
    {
        // Not trusted: the self-signed test certificate is refused and nothing is read.
        Collector got;
        chat::TwitchConnector twitch(twitch_options(server), got.sink());
        twitch.start();
        ASSERT_TRUE(wait_until([&] {
            for (const auto& s : got.statuses())
                if (s.detail.find("TLS certificate refused") != std::string::npos)
                    return true;
            return false;
        }));
        EXPECT_FALSE(twitch.ever_connected());
        EXPECT_EQ(server.joined(), 0);
        twitch.stop();
    }
    Collector got;
    auto options = twitch_options(server);
    options.ca_file = g_cert_dir + QStringLiteral("/cert.pem");
    chat::TwitchConnector twitch(options, got.sink());
    twitch.start();
    ASSERT_TRUE(wait_until([&] { return server.joined() == 1; }));
    server.send_lines({twitch_privmsg(1)});
    ASSERT_TRUE(wait_until([&] { return got.messages().size() == 1; }));
    EXPECT_TRUE(twitch.ever_connected());
}

TEST(TwitchChat, OverWebSocketWithSeveralLinesInOneFrame) {
    FakeTwitchServer server(FakeTwitchServer::Transport::websocket);
    ASSERT_TRUE(server.start());
    Collector got;
    chat::TwitchConnector twitch(twitch_options(server), got.sink());
    twitch.start();
    ASSERT_TRUE(wait_until([&] { return server.joined() == 1; }));
    QStringList lines;
    for (int i = 1; i <= 7; ++i)
        lines << twitch_privmsg(i);
    server.send_lines(lines, 3);
    ASSERT_TRUE(wait_until([&] { return got.messages().size() == 7; }));
    EXPECT_EQ(got.messages()[6].id, "msg-7");
}

TEST(TwitchChat, DeletesBansTimeoutsAndClearsArrive) {
    TwitchSession session;
    ASSERT_TRUE(session.open());
    auto [server, got, twitch] = session.parts(); // references into the session
    server.send_lines({twitch_privmsg(1),
                       QStringLiteral("@login=viewer1;target-msg-id=msg-1 :tmi.twitch.tv CLEARMSG "
                                      "#talk :message number 1"),
                       QStringLiteral("@ban-duration=60;target-user-id=2 :tmi.twitch.tv CLEARCHAT "
                                      "#talk :viewer2"),
                       QStringLiteral("@target-user-id=3 :tmi.twitch.tv CLEARCHAT #talk :viewer3"),
                       QStringLiteral(":tmi.twitch.tv CLEARCHAT #talk")});
    ASSERT_TRUE(wait_until([&] { return got.count<ChatClear>() == 1; }));
    EXPECT_EQ(got.count<ChatDelete>(), 1u);
    EXPECT_EQ(got.count<ChatBan>(), 2u);
}

TEST(TwitchChat, MalformedLinesAreSkippedAndCountedAndInvalidUtf8IsReplaced) {
    TwitchSession session;
    ASSERT_TRUE(session.open());
    auto [server, got, twitch] = session.parts();        // references into the session
    server.send_raw("@id=x;user-id=1 :a!a@a PRIVMSG\r\n" // no channel, no text
                    "@@@garbage\r\n"                     // not IRC
                    "@id=u;user-id=9 :u!u@u PRIVMSG #talk :caf\xC3 \xFF ok\r\n" + // bad UTF-8
                    twitch_privmsg(2).toUtf8() +
                    "\r\n");
    ASSERT_TRUE(wait_until([&] { return got.messages().size() == 2; }));
    EXPECT_EQ(twitch.stats().skipped, 2u);
    EXPECT_EQ(got.messages()[0].text, "caf\xEF\xBF\xBD \xEF\xBF\xBD ok");
}

// A 1 MB line (a hostile or broken server) is dropped whole and counted, never buffered without
// end, and the lines after it arrive.
TEST(TwitchChat, AMegabyteLineIsDroppedAndTheConnectionGoesOn) {
    TwitchSession session;
    ASSERT_TRUE(session.open());
    auto [server, got, twitch] = session.parts();
    QByteArray huge = "@id=h;user-id=7 :h!h@h PRIVMSG #talk :";
    huge += QByteArray(1024 * 1024, 'x');
    server.send_raw(huge + "\r\n" + twitch_privmsg(3).toUtf8() + "\r\n");
    ASSERT_TRUE(wait_until([&] { return got.messages().size() == 1; }, 10000));
    EXPECT_EQ(got.messages()[0].id, "msg-3");
    EXPECT_EQ(twitch.stats().skipped, 1u);
    EXPECT_EQ(twitch.stats().reconnects, 0u);
}

TEST(TwitchChat, ReconnectFollowsTheServersRequestAndADroppedLineIsNeverAMessage) {
    TwitchSession session;
    ASSERT_TRUE(session.open());
    auto [server, got, twitch] = session.parts(); // references into the session
    server.send_lines({QStringLiteral(":tmi.twitch.tv RECONNECT")});
    ASSERT_TRUE(wait_until([&] { return server.connections() == 2 && server.joined() == 1; }));
    server.cut_mid_line(twitch_privmsg(99).toUtf8().left(60));
    ASSERT_TRUE(wait_until([&] { return server.connections() == 3 && server.joined() == 1; }));
    server.send_lines({twitch_privmsg(100)});
    ASSERT_TRUE(wait_until([&] { return got.messages().size() == 1; }));
    EXPECT_EQ(got.messages()[0].id, "msg-100");
    EXPECT_EQ(twitch.stats().reconnects, 2u);
    EXPECT_TRUE(got.has_state(ConnectionState::reconnecting));
}

// 10,000 messages in one burst: none lost, none doubled, in order.
TEST(TwitchChat, AFloodOfTenThousandMessagesArrivesWholeAndInOrder) {
    TwitchSession session;
    ASSERT_TRUE(session.open());
    auto [server, got, twitch] = session.parts(); // references into the session
    QStringList lines;
    for (int i = 0; i < 10000; ++i)
        lines << twitch_privmsg(i);
    server.send_lines(lines);
    ASSERT_TRUE(wait_until([&] { return got.messages().size() >= 10000; }, 30000))
        << got.messages().size();
    const auto messages = got.messages();
    ASSERT_EQ(messages.size(), 10000u);
    for (int i = 0; i < 10000; ++i)
        ASSERT_EQ(messages[static_cast<std::size_t>(i)].id, "msg-" + std::to_string(i));
}

// 100 forced disconnects, each right after the server finished some lines and began another:
// every finished line arrives exactly once, no cut-off line ever does.
TEST(TwitchChat, HundredForcedDisconnectsLoseAndDoubleNothing) {
    FakeTwitchServer server(FakeTwitchServer::Transport::tcp);
    ASSERT_TRUE(server.start());
    Collector got;
    chat::TwitchConnector twitch(twitch_options(server), got.sink());
    twitch.start();
    std::vector<std::string> finished;
    int next = 0;
    for (int round = 0; round < 100; ++round) {
        ASSERT_TRUE(wait_until([&] { return server.joined() == 1; }, 5000)) << "round " << round;
        QStringList lines;
        for (int k = 0; k < 5; ++k) {
            finished.push_back("msg-" + std::to_string(next));
            lines << twitch_privmsg(next++);
        }
        server.send_lines(lines);
        // A line the server began but never finished: it must not become a message.
        server.cut_mid_line(twitch_privmsg(1000000 + round).toUtf8().left(70 + round % 20));
    }
    ASSERT_TRUE(wait_until([&] { return got.messages().size() >= finished.size(); }, 10000))
        << got.messages().size() << " of " << finished.size();
    pump(100);
    std::vector<std::string> ids;
    for (const auto& m : got.messages())
        ids.push_back(m.id);
    EXPECT_EQ(ids, finished);
    EXPECT_EQ(twitch.stats().reconnects, 100u);
}

// A relay that repeats its last lines (after a reconnect, or twice in one read) delivers each
// message once; a message with a new id after it is delivered as usual.
TEST(TwitchChat, ARepeatedMessageIsDeliveredOnce) {
    FakeTwitchServer server(FakeTwitchServer::Transport::tcp);
    ASSERT_TRUE(server.start());
    Collector got;
    chat::TwitchConnector twitch(twitch_options(server), got.sink());
    twitch.start();
    ASSERT_TRUE(wait_until([&] { return server.joined() == 1; }));
    server.send_lines({twitch_privmsg(1), twitch_privmsg(2), twitch_privmsg(1)});
    ASSERT_TRUE(wait_until([&] { return got.messages().size() >= 2; }));
    server.cut_mid_line(twitch_privmsg(3).toUtf8().left(40)); // the connection drops
    ASSERT_TRUE(
        wait_until([&] { return twitch.stats().reconnects >= 1 && server.joined() == 1; }, 5000));
    server.send_lines({twitch_privmsg(2), twitch_privmsg(4)});
    ASSERT_TRUE(wait_until([&] { return got.messages().size() >= 3; }));
    pump(100);
    std::vector<std::string> ids;
    for (const auto& m : got.messages())
        ids.push_back(m.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"msg-1", "msg-2", "msg-4"}));
}
TEST(DemoChat, ReplaysTheScriptWithQuestionsADeleteAndABan) {
    Collector got;
    chat::DemoConnector demo({QStringLiteral(STAGEHAND_DATA_DIR "/demo/chat.json"), 10.0},
                             got.sink());
    demo.start();
    ASSERT_TRUE(
        wait_until([&] { return got.count<ChatBan>() >= 1 && got.messages().size() >= 18; }, 5000));
    EXPECT_EQ(got.count<ChatDelete>(), 1u);
    bool question = false;
    for (const auto& m : got.messages())
        question = question || m.text.find('?') != std::string::npos;
    EXPECT_TRUE(question);
    // The second round has new ids.
    ASSERT_TRUE(wait_until([&] { return got.messages().size() >= 21; }, 5000));
    std::set<std::string> ids;
    for (const auto& m : got.messages())
        EXPECT_TRUE(ids.insert(m.id).second) << m.id;
}

// The command-line probe, as a user runs it.
int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    QTemporaryDir certs;
    g_cert_dir = certs.path();
    // A self-signed certificate for 127.0.0.1, made fresh for this run.
    const QString command =
        QStringLiteral("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                       "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout %1/key.pem "
                       "-out %1/cert.pem 2>/dev/null")
            .arg(g_cert_dir);
    if (std::system(command.toLocal8Bit().constData()) != 0) {
        std::fprintf(stderr, "chat tests: openssl could not make a test certificate\n");
        return 1;
    }
    return RUN_ALL_TESTS();
}
