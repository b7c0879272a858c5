#include "chat/discord_connector.hpp"

#include "core/base/error_report.hpp"

#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QTimer>
#include <QWebSocket>

namespace stagehand::chat {

using core::chat::ConnectionState;
using Then = core::chat::DiscordSession::Step::Then;

DiscordConnector::DiscordConnector(Options options, ChatSink sink, QObject* parent)
    : Connector("discord", std::move(sink), parent)
    , options_(std::move(options))
    , session_(options_.token, core::chat::discord_channel_id(options_.channel))
    , heartbeat_(new QTimer(this))
    , reconnect_(new QTimer(this))
    , backoff_(options_.backoff_initial_ms, options_.backoff_max_ms) {
    reconnect_->setSingleShot(true);
    connect(reconnect_, &QTimer::timeout, this,
            core::guarded_slot("Discord chat: reconnecting", [this] { open(); }));
    connect(heartbeat_, &QTimer::timeout, this,
            core::guarded_slot("Discord chat: a heartbeat", [this] {
                // After the first (jittered) beat, every interval.
                if (heartbeat_->isSingleShot()) {
                    heartbeat_->setSingleShot(false);
                    heartbeat_->start(heartbeat_ms_);
                }
                follow(session_.on_heartbeat_due());
            }));
}

DiscordConnector::~DiscordConnector() {
    stopped_ = true;
    close_transport();
}

std::string DiscordConnector::check(const Options& options) {
    if (core::chat::discord_channel_id(options.channel).empty())
        return "discord channel \"" + options.channel +
               "\": expected a channel id (digits) or a discord.com/channels link";
    if (options.token.empty())
        return "discord: a bot token is needed (Discord developer portal, your application, Bot)";
    const QString scheme = options.gateway.scheme();
    if (!options.gateway.isValid() || options.gateway.host().isEmpty() ||
        !(scheme == QLatin1String("wss") || scheme == QLatin1String("ws")))
        return "discord gateway \"" + options.gateway.toString().toStdString() +
               "\": expected a wss:// or ws:// URL";
    return {};
}

MakeConnector DiscordConnector::prepare(const core::chat::ChatParams& params,
                                        const ConnectorContext&, std::string& error) {
    Options o;
    o.channel = params.count("channel") ? params.at("channel") : std::string();
    o.token = params.count("token") ? params.at("token") : std::string();
    if (const auto gateway = params.find("gateway"); gateway != params.end())
        o.gateway = QUrl(QString::fromStdString(gateway->second));
    if (const auto ca = params.find("ca_file"); ca != params.end())
        o.ca_file = QString::fromStdString(ca->second);
    if (error = check(o); !error.empty())
        return {};
    return [o](ChatSink sink) {
        return new DiscordConnector(o, std::move(sink));
    };
}

void DiscordConnector::start() {
    if (const std::string error = check(options_); !error.empty()) {
        finish(ConnectionState::error, error);
        return;
    }
    stopped_ = false;
    open();
}

void DiscordConnector::stop() {
    if (!stopped_)
        finish(ConnectionState::ended, "stopped");
}

void DiscordConnector::close_transport() {
    heartbeat_->stop();
    if (!socket_)
        return;
    // Signals first: closing must not report a drop. Aborted, not closed with 1000/1001, which
    // would end the session instead of leaving it to resume.
    socket_->disconnect(this);
    socket_->abort();
    socket_->deleteLater();
    socket_ = nullptr;
}

void DiscordConnector::open() {
    close_transport();
    if (stopped_)
        return;
    const QUrl url(
        QString::fromStdString(session_.next_url(options_.gateway.toString().toStdString())));
    const bool first = first_open_;
    first_open_ = false;
    status(first ? ConnectionState::connecting : ConnectionState::reconnecting,
           std::string(session_.can_resume() ? "resuming at " : "connecting to ") +
               url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery).toStdString());
    socket_ = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    socket_->setMaxAllowedIncomingMessageSize(core::chat::kDiscordMaxFrameBytes);
    socket_->setMaxAllowedIncomingFrameSize(core::chat::kDiscordMaxFrameBytes);
    if (url.scheme() == QLatin1String("wss")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        std::string error;
        if (!load_extra_ca(options_.ca_file, tls, error)) {
            finish(ConnectionState::error, error);
            return;
        }
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        socket_->setSslConfiguration(tls);
        connect(
            socket_, &QWebSocket::sslErrors, this,
            core::guarded_slot("Discord chat: a TLS error", [this](const QList<QSslError>& errors) {
                reconnect("TLS certificate refused: " +
                          (errors.isEmpty() ? std::string()
                                            : errors.first().errorString().toStdString()));
            }));
    }
    session_.opened();
    connect(socket_, &QWebSocket::textMessageReceived, this,
            core::guarded_slot("Discord chat: reading",
                               [this](const QString& text) { on_text(text); }));
    // The JSON encoding sends text only: a binary frame is skipped.
    connect(socket_, &QWebSocket::binaryMessageReceived, this,
            core::guarded_slot("Discord chat: reading", [this] { count_skipped(); }));
    connect(
        socket_, &QWebSocket::disconnected, this,
        core::guarded_slot("Discord chat: a dropped connection", [this] { on_disconnected(); }));
    socket_->open(url);
}

void DiscordConnector::on_text(const QString& text) {
    const QByteArray bytes = text.toUtf8();
    follow(session_.on_frame(
        std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
        core::chat::Clock::now()));
}

void DiscordConnector::on_disconnected() {
    if (stopped_ || !socket_)
        return;
    follow(session_.on_closed(static_cast<int>(socket_->closeCode())));
}

void DiscordConnector::follow(core::chat::DiscordSession::Step step) {
    if (step.malformed)
        count_skipped();
    for (const auto& frame : step.send)
        if (socket_)
            socket_->sendTextMessage(QString::fromStdString(frame));
    if (step.heartbeat_ms) {
        // The first beat at a random point of the interval (as Discord asks), then regularly.
        heartbeat_ms_ = *step.heartbeat_ms;
        heartbeat_->setSingleShot(true);
        heartbeat_->start(
            static_cast<int>(heartbeat_ms_ * QRandomGenerator::global()->generateDouble()));
    }
    if (step.connected) {
        backoff_.reset();
        status(ConnectionState::connected, step.detail);
    }
    for (const auto& event : step.events) {
        if (stopped_)
            return;
        deliver(event);
    }
    if (step.then == Then::stop)
        finish(ConnectionState::error, step.detail);
    else if (step.then == Then::reconnect)
        reconnect(step.detail);
}

void DiscordConnector::reconnect(const std::string& why) {
    if (stopped_)
        return;
    close_transport();
    count_reconnect();
    const int delay = backoff_.next_ms();
    status(ConnectionState::reconnecting,
           why + "; reconnecting in " + std::to_string((delay + 999) / 1000) + " s");
    reconnect_->start(delay);
}

void DiscordConnector::finish(ConnectionState state, const std::string& detail) {
    stopped_ = true;
    reconnect_->stop();
    close_transport(); // stops the heartbeat too
    status(state, detail);
    emit finished();
}

} // namespace stagehand::chat
