#include "chat/youtube_connector.hpp"

#include "core/base/error_report.hpp"
#include "core/chat/youtube.hpp"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <optional>

namespace stagehand::chat {

namespace {

using core::chat::ConnectionState;

std::string http_reason(int code) {
    if (code >= 500)
        return "YouTube answered " + std::to_string(code) + " (a server error)";
    if (code == 0)
        return "YouTube could not be reached";
    return "YouTube answered " + std::to_string(code);
}

std::string duration_words(long long seconds) {
    if (seconds >= 3600)
        return std::to_string(seconds / 3600) + " h " + std::to_string((seconds % 3600) / 60) +
               " min";
    return std::to_string(seconds / 60) + " min";
}

} // namespace

YouTubeConnector::YouTubeConnector(Options options, ChatSink sink, QObject* parent)
    : Connector("youtube", std::move(sink), parent)
    , options_(std::move(options))
    , video_id_(core::chat::youtube_video_id(options_.video))
    , network_(new QNetworkAccessManager(this))
    , timer_(new QTimer(this))
    , backoff_(options_.backoff_initial_ms, options_.backoff_max_ms) {
    timer_->setSingleShot(true);
    // A coarse timer may fire a little early: never poll sooner than YouTube asked.
    timer_->setTimerType(Qt::PreciseTimer);
}

std::string YouTubeConnector::check(const Options& options) {
    if (core::chat::youtube_video_id(options.video).empty())
        return "youtube video \"" + options.video +
               "\": expected a video id or a youtube.com / youtu.be link";
    if (options.key.empty())
        return "youtube: an API key is needed (create one for the YouTube Data API v3 in the "
               "Google Cloud console)";
    if (!options.api.isValid() || options.api.host().isEmpty() ||
        !(options.api.scheme() == QLatin1String("https") ||
          options.api.scheme() == QLatin1String("http")))
        return "youtube api \"" + options.api.toString().toStdString() +
               "\": expected an http(s) URL";
    return {};
}

MakeConnector YouTubeConnector::prepare(const core::chat::ChatParams& params,
                                        const ConnectorContext&, std::string& error) {
    Options o;
    o.video = params.count("video") ? params.at("video") : std::string();
    o.key = params.count("key") ? params.at("key") : std::string();
    if (const auto api = params.find("api"); api != params.end())
        o.api = QUrl(QString::fromStdString(api->second));
    if (const auto ca = params.find("ca_file"); ca != params.end())
        o.ca_file = QString::fromStdString(ca->second);
    if (error = check(o); !error.empty())
        return {};
    return [o](ChatSink sink) {
        return new YouTubeConnector(o, std::move(sink));
    };
}

void YouTubeConnector::start() {
    if (const std::string error = check(options_); !error.empty()) {
        finish(ConnectionState::error, error);
        return;
    }
    if (!options_.ca_file.isEmpty()) {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        std::string error;
        if (!load_extra_ca(options_.ca_file, config, error)) {
            finish(ConnectionState::error, error);
            return;
        }
        tls_ = config;
    }
    stopped_ = false;
    status(ConnectionState::connecting, "looking up the live chat of video " + video_id_);
    find_chat();
}

void YouTubeConnector::stop() {
    if (stopped_)
        return;
    finish(ConnectionState::ended, "stopped");
}

void YouTubeConnector::finish(ConnectionState state, const std::string& detail) {
    stopped_ = true;
    timer_->stop();
    timer_->disconnect(this);
    status(state, detail);
    emit finished();
}

QNetworkReply* YouTubeConnector::get(const QString& path,
                                     const QList<std::pair<QString, QString>>& query) {
    QUrl url = options_.api;
    // "https://host/youtube/v3/" and ".../v3" name the same API: never ask for "//videos".
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    QUrlQuery q;
    for (const auto& [k, v] : query)
        q.addQueryItem(k, v);
    q.addQueryItem(QStringLiteral("key"), QString::fromStdString(options_.key));
    url.setQuery(q);
    QNetworkRequest request(url);
    if (tls_)
        request.setSslConfiguration(*tls_);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(20000);
    QNetworkReply* reply = network_->get(request);
    // A body past the limit is not an API answer: stop reading it rather than buffer it all.
    connect(reply, &QNetworkReply::downloadProgress, reply,
            core::guarded_slot("YouTube chat: a download", [reply](qint64 received, qint64) {
                if (received > core::chat::kYouTubeMaxBodyBytes && reply->isRunning()) {
                    reply->setProperty("stagehand_too_large", true);
                    reply->abort();
                }
            }));
    return reply;
}

void YouTubeConnector::find_chat() {
    if (stopped_)
        return;
    quota_used_ += core::chat::kYouTubeVideosListCost;
    QNetworkReply* reply = get(QStringLiteral("/videos"),
                               {{QStringLiteral("part"), QStringLiteral("liveStreamingDetails")},
                                {QStringLiteral("id"), QString::fromStdString(video_id_)}});
    connect(reply, &QNetworkReply::finished, this,
            core::guarded_slot("YouTube chat: finding the live chat",
                               [this, reply] { on_video(reply); }));
}

void YouTubeConnector::poll() {
    if (stopped_)
        return;
    quota_used_ += core::chat::kYouTubeMessagesListCost;
    QList<std::pair<QString, QString>> query = {
        {QStringLiteral("liveChatId"), QString::fromStdString(live_chat_id_)},
        {QStringLiteral("part"), QStringLiteral("snippet,authorDetails")},
        {QStringLiteral("maxResults"), QStringLiteral("2000")}};
    if (!page_token_.empty())
        query.append({QStringLiteral("pageToken"), QString::fromStdString(page_token_)});
    QNetworkReply* reply = get(QStringLiteral("/liveChat/messages"), query);
    connect(reply, &QNetworkReply::finished, this,
            core::guarded_slot("YouTube chat: reading", [this, reply] { on_messages(reply); }));
}

std::optional<QByteArray> YouTubeConnector::take_body(QNetworkReply* reply, bool finding_chat) {
    reply->deleteLater();
    if (stopped_)
        return std::nullopt;
    // Cut off while arriving, or (from a fast local peer) all there at once.
    if (reply->property("stagehand_too_large").toBool() ||
        reply->bytesAvailable() > core::chat::kYouTubeMaxBodyBytes) {
        count_skipped();
        retry("the answer was larger than " +
                  std::to_string(core::chat::kYouTubeMaxBodyBytes / (1024 * 1024)) + " MB",
              finding_chat);
        return std::nullopt;
    }
    QByteArray body = reply->readAll();
    const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || code != 200) {
        on_failure(reply, body, finding_chat);
        return std::nullopt;
    }
    return body;
}

void YouTubeConnector::on_video(QNetworkReply* reply) {
    const auto body = take_body(reply, true);
    if (!body)
        return;
    std::string error;
    const auto video = core::chat::parse_youtube_video(body->toStdString(), error);
    if (!video) {
        count_skipped();
        retry(error, true);
        return;
    }
    if (!video->found) {
        finish(ConnectionState::error, "youtube video " + video_id_ + " was not found");
        return;
    }
    if (video->live_chat_id.empty()) {
        finish(video->ended ? ConnectionState::ended : ConnectionState::error,
               video->ended
                   ? "the broadcast of video " + video_id_ + " has ended"
                   : "video " + video_id_ + " has no live chat now (not live, or chat off)");
        return;
    }
    live_chat_id_ = video->live_chat_id;
    backoff_.reset();
    poll();
}

void YouTubeConnector::on_messages(QNetworkReply* reply) {
    const auto body = take_body(reply, false);
    if (!body)
        return;
    std::string error;
    const auto page = core::chat::parse_youtube_messages(body->toStdString(), live_chat_id_, error);
    if (!page) {
        count_skipped();
        retry(error, false); // the same page token again
        return;
    }
    interval_ms_ =
        std::max<int>(options_.min_interval_ms, static_cast<int>(page->polling_interval.count()));
    if (!connected_) {
        connected_ = true;
        status(ConnectionState::connected, "reading the live chat; " + quota_note(interval_ms_));
    } else if (backoff_.attempt() > 0) {
        status(ConnectionState::connected, "back; " + quota_note(interval_ms_));
    }
    backoff_.reset();
    count_skipped(page->skipped);
    for (const auto& event : page->events) {
        if (stopped_)
            return;
        deliver(event);
    }
    if (page->ended) {
        finish(ConnectionState::ended, "the live chat has ended");
        return;
    }
    if (!page->next_page_token.empty())
        page_token_ = page->next_page_token;
    timer_->disconnect(this);
    connect(timer_, &QTimer::timeout, this,
            core::guarded_slot("YouTube chat: polling", [this] { poll(); }));
    timer_->start(interval_ms_);
}

void YouTubeConnector::on_failure(QNetworkReply* reply, const QByteArray& body, bool finding_chat) {
    const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (finding_chat && code == 404) {
        // videos.list answers an unknown video with an empty list, never 404: the URL is wrong.
        QUrl asked = reply->url();
        asked.setQuery(QString()); // the query holds the key
        finish(ConnectionState::error,
               "the YouTube API has no " + asked.path().toStdString() + " (HTTP 404 from " +
                   asked.toString().toStdString() +
                   "): check the API base URL, or leave it empty for Google's");
        return;
    }
    if (const auto api = core::chat::parse_youtube_error(body.toStdString())) {
        const std::string what = api->reason.empty() ? api->message : api->reason;
        if (api->is_quota()) {
            finish(ConnectionState::error,
                   "the API key's quota is used up (" + what +
                       "); it resets at midnight Pacific time. Spent this session: " +
                       std::to_string(quota_used()) + " units");
            return;
        }
        if (api->ends_chat()) {
            finish(ConnectionState::ended, "the live chat is over (" + what + ")");
            return;
        }
        if (code == 400 || code == 401 || code == 403) {
            // A bad key or a key without the YouTube Data API enabled: retrying cannot help.
            finish(ConnectionState::error, "YouTube refused the request (" + what +
                                               "): check the API key and that the YouTube Data "
                                               "API v3 is enabled for it");
            return;
        }
        retry(http_reason(code) + ": " + what, finding_chat);
        return;
    }
    // No API error object: a proxy's HTML page, a 5xx, a dropped connection. Retry.
    retry(http_reason(code), finding_chat);
}

void YouTubeConnector::retry(const std::string& why, bool finding_chat) {
    if (stopped_)
        return;
    count_reconnect();
    const int delay = std::max(backoff_.next_ms(), interval_ms_);
    status(ConnectionState::reconnecting,
           why + "; trying again in " + std::to_string(delay) + " ms");
    timer_->disconnect(this);
    if (finding_chat)
        connect(timer_, &QTimer::timeout, this,
                core::guarded_slot("YouTube chat: finding the live chat", [this] { find_chat(); }));
    else
        connect(timer_, &QTimer::timeout, this,
                core::guarded_slot("YouTube chat: polling", [this] { poll(); }));
    timer_->start(delay);
}

std::string YouTubeConnector::quota_note(int interval_ms) const {
    const long long per_hour =
        3600000LL / std::max(interval_ms, 1) * core::chat::kYouTubeMessagesListCost;
    const long long left = std::max(0, options_.daily_quota - quota_used());
    const long long seconds = per_hour > 0 ? left * 3600 / per_hour : 0;
    return "polling every " + std::to_string(interval_ms) + " ms costs about " +
           std::to_string(per_hour) + " quota units an hour; " + std::to_string(quota_used()) +
           " spent, the key's " + std::to_string(options_.daily_quota) + " a day last about " +
           duration_words(seconds) + " more";
}

} // namespace stagehand::chat
