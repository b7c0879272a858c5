// The YouTube connector against a fake YouTube Data API on 127.0.0.1 (label "chat"): finding
// the live chat, paging with tokens at the server's interval, errors, quota and ended chats.
#include "chat_waits.hpp"
#include "fake_youtube_server.hpp"

#include "chat/youtube_connector.hpp"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <gtest/gtest.h>

#include <string>

using namespace stagehand;
using core::chat::ConnectionState;
using stagehand::testing::Collector;
using stagehand::testing::FakeYouTubeServer;
using stagehand::testing::pump;
using stagehand::testing::wait_until;
using stagehand::testing::youtube_live_video;

namespace {

chat::YouTubeConnector::Options youtube_options(const FakeYouTubeServer& server) {
    chat::YouTubeConnector::Options o;
    o.video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
    o.key = "SECRET-KEY-123";
    o.api = QUrl(server.api_url());
    o.min_interval_ms = 50;
    o.backoff_initial_ms = 50;
    o.backoff_max_ms = 100;
    return o;
}

QByteArray page(const QString& token, int interval_ms, const QStringList& ids) {
    QString items;
    for (const QString& id : ids)
        items +=
            QStringLiteral(
                R"(%1{"id":"%2","snippet":{"type":"textMessageEvent","publishedAt":"2026-12-01T12:00:00Z","textMessageDetails":{"messageText":"question %2?"}},"authorDetails":{"channelId":"UC%2","displayName":"V %2"}})")
                .arg(items.isEmpty() ? QString() : QStringLiteral(","), id);
    return QStringLiteral(R"({"nextPageToken":"%1","pollingIntervalMillis":%2,"items":[%3]})")
        .arg(token)
        .arg(interval_ms)
        .arg(items)
        .toUtf8();
}

bool key_leaked(const Collector& got) {
    for (const auto& s : got.statuses())
        if (s.detail.find("SECRET-KEY-123") != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST(YouTubeChat, FindsTheChatPagesWithTokensAndHonoursTheInterval) {
    FakeYouTubeServer server;
    ASSERT_TRUE(server.start());
    server.videos.push_back({200, youtube_live_video()});
    server.messages.push_back(
        {200, page(QStringLiteral("t1"), 300, {QStringLiteral("a"), QStringLiteral("b")})});
    server.messages.push_back({200, page(QStringLiteral("t2"), 200, {QStringLiteral("c")})});
    server.messages.push_back({200, page(QStringLiteral("t3"), 200, {})});
    Collector got;
    chat::YouTubeConnector youtube(youtube_options(server), got.sink());
    youtube.start();
    ASSERT_TRUE(wait_until([&] { return server.requests.size() >= 4; }));
    ASSERT_EQ(got.messages().size(), 3u);
    EXPECT_EQ(got.messages()[2].text, "question c?");
    EXPECT_EQ(server.requests[0].path, QStringLiteral("/youtube/v3/videos"));
    EXPECT_EQ(server.requests[0].query.queryItemValue(QStringLiteral("id")),
              QStringLiteral("dQw4w9WgXcQ"));
    EXPECT_EQ(server.requests[1].query.queryItemValue(QStringLiteral("liveChatId")),
              QStringLiteral("chat-1"));
    EXPECT_FALSE(server.requests[1].query.hasQueryItem(QStringLiteral("pageToken")));
    EXPECT_EQ(server.requests[2].query.queryItemValue(QStringLiteral("pageToken")),
              QStringLiteral("t1"));
    EXPECT_EQ(server.requests[3].query.queryItemValue(QStringLiteral("pageToken")),
              QStringLiteral("t2"));
    EXPECT_GE(server.requests[2].at_ms - server.requests[1].at_ms, 300)
        << "never faster than asked";
    EXPECT_GE(server.requests[3].at_ms - server.requests[2].at_ms, 200);
    ASSERT_TRUE(got.has_state(ConnectionState::connected));
    bool quota_reported = false;
    for (const auto& s : got.statuses())
        quota_reported =
            quota_reported || s.detail.find("quota units an hour") != std::string::npos;
    EXPECT_TRUE(quota_reported);
    EXPECT_EQ(youtube.quota_used(), 1 + 5 * static_cast<int>(server.requests.size() - 1));
    EXPECT_FALSE(key_leaked(got));
    youtube.stop();
}

TEST(YouTubeChat, AServerErrorWithAnHtmlBodyOrBadJsonIsRetriedWithTheSameToken) {
    FakeYouTubeServer server;
    ASSERT_TRUE(server.start());
    server.videos.push_back({200, youtube_live_video()});
    server.messages.push_back({200, page(QStringLiteral("t1"), 50, {QStringLiteral("a")})});
    server.messages.push_back({502, "<html><body>502 Bad Gateway</body></html>", "text/html"});
    server.messages.push_back({200, "{not json"});
    server.messages.push_back({200, page(QStringLiteral("t2"), 50, {QStringLiteral("b")})});
    Collector got;
    chat::YouTubeConnector youtube(youtube_options(server), got.sink());
    youtube.start();
    ASSERT_TRUE(wait_until([&] { return got.messages().size() == 2; }));
    ASSERT_GE(server.requests.size(), 5);
    for (int i : {2, 3, 4})
        EXPECT_EQ(server.requests[i].query.queryItemValue(QStringLiteral("pageToken")),
                  QStringLiteral("t1"))
            << "request " << i;
    EXPECT_TRUE(got.has_state(ConnectionState::reconnecting));
    EXPECT_EQ(youtube.stats().reconnects, 2u);
    EXPECT_EQ(youtube.stats().skipped, 1u) << "the bad JSON page";
    EXPECT_FALSE(key_leaked(got));
}

TEST(YouTubeChat, QuotaEndedChatsAndBadKeysEndInTheRightState) {
    struct Case {
        FakeYouTubeServer::Response response;
        ConnectionState expected;
        const char* says;
    };
    const Case cases[] = {
        {{403, R"({"error":{"code":403,"message":"quota","errors":[{"reason":"quotaExceeded"}]}})"},
         ConnectionState::error,
         "quota"},
        {{403, R"({"error":{"code":403,"message":"ended","errors":[{"reason":"liveChatEnded"}]}})"},
         ConnectionState::ended,
         "over"},
        {{200, R"({"items":[],"offlineAt":"2026-12-01T13:00:00Z"})"},
         ConnectionState::ended,
         "ended"},
        {{400,
          R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","errors":[{"reason":"badRequest"}]}})"},
         ConnectionState::error,
         "check the API key"},
    };
    for (const Case& c : cases) {
        FakeYouTubeServer server;
        ASSERT_TRUE(server.start());
        server.videos.push_back({200, youtube_live_video()});
        server.messages.push_back(c.response);
        Collector got;
        chat::YouTubeConnector youtube(youtube_options(server), got.sink());
        bool finished = false;
        QObject::connect(&youtube, &chat::Connector::finished, [&] { finished = true; });
        youtube.start();
        ASSERT_TRUE(wait_until([&] { return finished; })) << c.says;
        const auto last = got.statuses().back();
        EXPECT_EQ(last.state, c.expected) << last.detail;
        EXPECT_NE(last.detail.find(c.says), std::string::npos) << last.detail;
        EXPECT_FALSE(key_leaked(got));
        const auto requests = server.requests.size();
        pump(300);
        EXPECT_EQ(server.requests.size(), requests) << "no polling after the end";
    }
}

TEST(YouTubeChat, AVideoThatIsNotLiveIsAClearError) {
    FakeYouTubeServer server;
    ASSERT_TRUE(server.start());
    server.videos.push_back({200, R"({"items":[{"id":"dQw4w9WgXcQ","liveStreamingDetails":{}}]})"});
    Collector got;
    chat::YouTubeConnector youtube(youtube_options(server), got.sink());
    youtube.start();
    ASSERT_TRUE(wait_until([&] { return got.has_state(ConnectionState::error); }));
    EXPECT_NE(got.statuses().back().detail.find("has no live chat now"), std::string::npos);
}

// A body past 8 MB is no API answer: the connector stops reading it, counts it and asks again.
TEST(YouTubeChat, AnOversizedAnswerIsCutOffAndRetried) {
    FakeYouTubeServer server;
    ASSERT_TRUE(server.start());
    server.videos.push_back({200, youtube_live_video()});
    server.messages.push_back({200, QByteArray(9 * 1024 * 1024, ' ') +
                                        page(QStringLiteral("t1"), 50, {QStringLiteral("a")})});
    server.messages.push_back({200, page(QStringLiteral("t2"), 50, {QStringLiteral("b")})});
    Collector got;
    chat::YouTubeConnector youtube(youtube_options(server), got.sink());
    youtube.start();
    ASSERT_TRUE(wait_until([&] { return got.messages().size() == 1; }, 10000));
    EXPECT_EQ(got.messages()[0].text, "question b?");
    EXPECT_EQ(youtube.stats().skipped, 1u);
    EXPECT_TRUE(got.has_state(ConnectionState::reconnecting));
    bool said = false;
    for (const auto& s : got.statuses())
        said = said || s.detail.find("larger than 8 MB") != std::string::npos;
    EXPECT_TRUE(said);
    youtube.stop();
}

TEST(YouTubeChat, AnApiUrlWithATrailingSlashAsksForTheSamePaths) {
    FakeYouTubeServer server;
    ASSERT_TRUE(server.start());
    server.videos.push_back({200, youtube_live_video()});
    auto options = youtube_options(server);
    options.api = QUrl(server.api_url() + QStringLiteral("/"));
    Collector got;
    chat::YouTubeConnector youtube(options, got.sink());
    youtube.start();
    ASSERT_TRUE(wait_until([&] { return got.has_state(ConnectionState::connected); }));
    ASSERT_GE(server.requests.size(), 2);
    EXPECT_EQ(server.requests[0].path, QStringLiteral("/youtube/v3/videos"));
    EXPECT_EQ(server.requests[1].path, QStringLiteral("/youtube/v3/liveChat/messages"));
    youtube.stop();
}

TEST(YouTubeChat, NotFoundWhileFindingTheChatBlamesTheUrlNotTheChat) {
    FakeYouTubeServer server;
    ASSERT_TRUE(server.start());
    auto options = youtube_options(server);
    options.api = QUrl(server.api_url().replace(QStringLiteral("/v3"), QStringLiteral("/v2")));
    Collector got;
    chat::YouTubeConnector youtube(options, got.sink());
    bool finished = false;
    QObject::connect(&youtube, &chat::Connector::finished, [&] { finished = true; });
    youtube.start();
    ASSERT_TRUE(wait_until([&] { return finished; }));
    const auto last = got.statuses().back();
    EXPECT_EQ(last.state, ConnectionState::error) << last.detail;
    EXPECT_NE(last.detail.find("HTTP 404"), std::string::npos) << last.detail;
    EXPECT_NE(last.detail.find("/youtube/v2/videos"), std::string::npos) << last.detail;
    EXPECT_NE(last.detail.find("check the API base URL"), std::string::npos) << last.detail;
    EXPECT_EQ(last.detail.find("over"), std::string::npos) << last.detail;
    EXPECT_FALSE(key_leaked(got));
}
