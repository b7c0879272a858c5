#pragma once

#include "chat/connector.hpp"
#include "chat/connectors.hpp"
#include "core/chat/youtube.hpp"

#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace stagehand::chat {

// YouTube live chat through the Data API v3 with the presenter's own API key: videos.list finds
// the broadcast's live chat, then liveChatMessages.list is polled, never faster than the
// pollingIntervalMillis YouTube asks for, following nextPageToken. After an error it backs off
// and retries with the same token; quota errors stop it with the reason; a chat that ended ends
// the session. The quota it spends is estimated in each status. The key never appears in a log,
// a status or an error.
class YouTubeConnector final : public Connector {
    Q_OBJECT

public:
    struct Options {
        std::string video; // an id or a URL
        std::string key;
        QUrl api = QUrl(QStringLiteral("https://www.googleapis.com/youtube/v3"));
        QString ca_file; // extra trusted certificates (tests)
        int daily_quota = 10000;
        int min_interval_ms = 1000; // when YouTube names no interval, or a shorter one
        int backoff_initial_ms = 2000;
        int backoff_max_ms = 60 * 1000;
    };
    YouTubeConnector(Options options, ChatSink sink, QObject* parent = nullptr);

    void start() override;
    void stop() override;

    // Checks the settings and returns how to make the connector (connectors.hpp).
    static MakeConnector prepare(const core::chat::ChatParams& params,
                                 const ConnectorContext& context, std::string& error);
    static std::string check(const Options& options);

    // Quota units spent so far (safe from any thread after start on the connector's thread).
    int quota_used() const { return quota_used_.load(std::memory_order_relaxed); }
    std::pair<int, int> quota() const override {
        return {quota_used(), core::chat::kYouTubeDefaultDailyQuota};
    }

private:
    void find_chat();
    void poll();
    QNetworkReply* get(const QString& path, const QList<std::pair<QString, QString>>& query);
    // The reply's body when it is a 200; else the failure is handled and nothing is returned.
    std::optional<QByteArray> take_body(QNetworkReply* reply, bool finding_chat);
    void on_video(QNetworkReply* reply);
    void on_messages(QNetworkReply* reply);
    // An HTTP or API failure: the reason in words (never the URL, which holds the key), and
    // whether to retry.
    void on_failure(QNetworkReply* reply, const QByteArray& body, bool finding_chat);
    void retry(const std::string& why, bool finding_chat);
    void finish(core::chat::ConnectionState state, const std::string& detail);
    std::string quota_note(int interval_ms) const;

    Options options_;
    std::string video_id_;
    std::string live_chat_id_;
    std::string page_token_;
    QNetworkAccessManager* network_;
    QTimer* timer_;
    Backoff backoff_;
    bool stopped_ = false;
    bool connected_ = false;
    std::atomic<int> quota_used_{0};
    int interval_ms_ = 0;
    std::optional<QSslConfiguration> tls_; // with the extra CA file
};

} // namespace stagehand::chat
