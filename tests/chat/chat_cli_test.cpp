// stagehand-cli chat as a user runs it, against the fake servers (label "chat").
#include "chat_waits.hpp"
#include "fake_discord_gateway.hpp"
#include "fake_twitch_server.hpp"
#include "fake_youtube_server.hpp"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using stagehand::testing::FakeTwitchServer;
using stagehand::testing::FakeYouTubeServer;
using stagehand::testing::twitch_privmsg;
using stagehand::testing::wait_until;
using stagehand::testing::youtube_live_video;

namespace {

struct CliRun {
    int code = -1;
    QStringList lines;
    QString error;
};

CliRun run_cli(const QStringList& arguments, int timeout_ms = 20000,
               const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(STAGEHAND_CLI), QStringList{QStringLiteral("chat")} + arguments);
    CliRun run;
    if (!wait_until([&] { return process.state() == QProcess::NotRunning; }, timeout_ms)) {
        process.kill();
        process.waitForFinished();
    }
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.lines = QString::fromUtf8(process.readAllStandardOutput())
                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    run.error = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

TEST(ChatCli, BadArgumentsExitTwoWithAUsageLine) {
    const CliRun none = run_cli({});
    EXPECT_EQ(none.code, 2);
    EXPECT_TRUE(none.error.contains(QStringLiteral("usage: stagehand-cli chat")));
    EXPECT_EQ(run_cli({QStringLiteral("--twitch")}).code, 2);
    EXPECT_EQ(run_cli({QStringLiteral("--youtube"), QStringLiteral("dQw4w9WgXcQ")}).code, 2)
        << "a key is needed";
    EXPECT_EQ(
        run_cli({QStringLiteral("--demo"), QStringLiteral("--duration"), QStringLiteral("soon")})
            .code,
        2);
}

// The YouTube key from the environment, so it never shows in the process list.
TEST(ChatCli, TakesTheYouTubeKeyFromTheEnvironment) {
    FakeYouTubeServer server;
    ASSERT_TRUE(server.start());
    server.videos.push_back({200, youtube_live_video()});
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STAGEHAND_YOUTUBE_KEY"), QStringLiteral("KEY-FROM-ENV"));
    const CliRun run = run_cli({QStringLiteral("--youtube"), QStringLiteral("dQw4w9WgXcQ"),
                                QStringLiteral("--youtube-api"), server.api_url(),
                                QStringLiteral("--duration"), QStringLiteral("1.5")},
                               20000, environment);
    EXPECT_EQ(run.code, 0) << run.error.toStdString();
    ASSERT_FALSE(server.requests.isEmpty());
    EXPECT_EQ(server.requests[0].query.queryItemValue(QStringLiteral("key")),
              QStringLiteral("KEY-FROM-ENV"));
    EXPECT_FALSE(run.error.contains(QStringLiteral("KEY-FROM-ENV")));
    EXPECT_FALSE(run.lines.join(QLatin1Char('\n')).contains(QStringLiteral("KEY-FROM-ENV")));
}

TEST(ChatCli, PrintsTwitchChatAsJsonLinesWithStatsAtExit) {
    FakeTwitchServer server(FakeTwitchServer::Transport::tcp);
    ASSERT_TRUE(server.start());
    QProcess process;
    process.start(QStringLiteral(STAGEHAND_CLI),
                  {QStringLiteral("chat"), QStringLiteral("--twitch"), QStringLiteral("Talk"),
                   QStringLiteral("--twitch-server"), server.url(), QStringLiteral("--duration"),
                   QStringLiteral("2")});
    ASSERT_TRUE(wait_until([&] { return server.joined() == 1; }, 10000));
    server.send_lines({twitch_privmsg(1, QStringLiteral("how do I install it?")),
                       QStringLiteral("@id=x;user-id=1 :a!a@a PRIVMSG"), // malformed
                       QStringLiteral("@target-msg-id=msg-1 :tmi.twitch.tv CLEARMSG #talk :x")});
    ASSERT_TRUE(wait_until([&] { return process.state() == QProcess::NotRunning; }, 10000));
    EXPECT_EQ(process.exitCode(), 0);
    const QStringList lines = QString::fromUtf8(process.readAllStandardOutput())
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    std::vector<nlohmann::json> objects;
    for (const QString& line : lines)
        objects.push_back(nlohmann::json::parse(line.toStdString()));
    auto find = [&](const char* type) -> nlohmann::json {
        for (const auto& o : objects)
            if (o["type"] == type)
                return o;
        return nullptr;
    };
    const auto message = find("message");
    ASSERT_FALSE(message.is_null());
    EXPECT_EQ(message["text"], "how do I install it?");
    EXPECT_EQ(message["author"]["login"], "viewer1");
    EXPECT_EQ(message["channel"], "talk");
    EXPECT_EQ(find("delete")["id"], "msg-1");
    const auto stats = objects.back();
    EXPECT_EQ(stats["type"], "stats");
    EXPECT_EQ(stats["messages"], 1);
    EXPECT_EQ(stats["skipped"], 1);
}

TEST(ChatCli, ExitsOneWhenNoChatCouldBeConnected) {
    QTcpServer closed;
    closed.listen(QHostAddress::LocalHost, 0);
    const quint16 port = closed.serverPort();
    closed.close(); // nothing listens there now
    const CliRun run =
        run_cli({QStringLiteral("--twitch"), QStringLiteral("talk"),
                 QStringLiteral("--twitch-server"), QStringLiteral("irc://127.0.0.1:%1").arg(port),
                 QStringLiteral("--duration"), QStringLiteral("1")});
    EXPECT_EQ(run.code, 1);
    ASSERT_FALSE(run.lines.isEmpty());
    EXPECT_TRUE(run.lines.last().contains(QStringLiteral("\"type\":\"stats\"")));
}

// Discord through the same CLI: the token from the environment, the gateway from a flag.
TEST(ChatCli, ReadsADiscordChannelWithTheTokenFromTheEnvironment) {
    stagehand::testing::FakeDiscordGateway gateway;
    ASSERT_TRUE(gateway.start());
    bool sent = false;
    QTimer feed;
    QObject::connect(&feed, &QTimer::timeout, [&] {
        if (sent || gateway.sent_with_op(2).empty())
            return;
        sent = true;
        gateway.dispatch("MESSAGE_CREATE",
                         {{"id", "100001"},
                          {"channel_id", "555"},
                          {"author", {{"id", "5001"}, {"username", "ann"}, {"global_name", "Ann"}}},
                          {"content", "Will the slides be shared?"},
                          {"timestamp", "2026-12-04T12:00:00+00:00"}});
    });
    feed.start(20);
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STAGEHAND_DISCORD_TOKEN"), QStringLiteral("test-token"));
    const CliRun run = run_cli({QStringLiteral("--discord"), QStringLiteral("555"),
                                QStringLiteral("--discord-gateway"), gateway.url(),
                                QStringLiteral("--duration"), QStringLiteral("3")},
                               20000, environment);
    EXPECT_EQ(run.code, 0) << run.error.toStdString();
    bool got_message = false;
    for (const QString& line : run.lines) {
        EXPECT_FALSE(line.contains(QStringLiteral("test-token"))) << "the token is never printed";
        const auto json = nlohmann::json::parse(line.toStdString(), nullptr, false);
        if (json.value("type", "") == "message") {
            EXPECT_EQ(json["platform"], "discord");
            EXPECT_EQ(json["author"]["name"], "Ann");
            EXPECT_EQ(json["text"], "Will the slides be shared?");
            got_message = true;
        }
    }
    EXPECT_TRUE(got_message) << run.lines.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(gateway.sent_with_op(2).at(0).frame["d"]["token"], "test-token");
    // Without a token anywhere it is a usage error, not a connection that fails later.
    environment.remove(QStringLiteral("STAGEHAND_DISCORD_TOKEN"));
    const CliRun no_token =
        run_cli({QStringLiteral("--discord"), QStringLiteral("555")}, 20000, environment);
    EXPECT_EQ(no_token.code, 2);
    EXPECT_TRUE(no_token.error.contains(QStringLiteral("token"))) << no_token.error.toStdString();
}

TEST(ChatCli, TheDemoPrintsAPlausibleChat) {
    const CliRun run =
        run_cli({QStringLiteral("--demo"), QStringLiteral("--duration"), QStringLiteral("11")});
    EXPECT_EQ(run.code, 0) << run.error.toStdString();
    int messages = 0, deletes = 0, bans = 0;
    for (const QString& line : run.lines) {
        const auto o = nlohmann::json::parse(line.toStdString());
        messages += o["type"] == "message";
        deletes += o["type"] == "delete";
        bans += o["type"] == "ban";
    }
    EXPECT_GE(messages, 10);
    EXPECT_EQ(deletes, 1);
    EXPECT_EQ(bans, 1);
}
