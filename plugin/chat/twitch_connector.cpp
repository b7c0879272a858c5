#include "chat/twitch_connector.hpp"

#include "core/base/error_report.hpp"
#include "core/chat/twitch.hpp"

#include <QFile>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>
#include <QWebSocket>

#include <chrono>
#include <optional>

namespace stagehand::chat {

namespace {

using core::chat::ConnectionState;

// Twitch's IRC never sends a message again (a reconnect misses what came in the gap, it does not
// replay it), and the question queue remembers its own 25,000 against any platform's replays:
// this is a guard against a relay that repeats its last lines, for every consumer of the events
// (the CLI among them). 20,000 held 0.4 MiB in a flood for nothing.
constexpr std::size_t kRememberedIds = 1000;

// Milliseconds on the steady clock (a vDSO read, no system call).
qint64 clock_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

TwitchConnector::TwitchConnector(Options options, ChatSink sink, QObject* parent)
    : Connector("twitch", std::move(sink), parent)
    , options_(std::move(options))
    , channel_(core::chat::twitch_channel_login(options_.channel))
    , keepalive_(new QTimer(this))
    , reconnect_(new QTimer(this))
    , backoff_(options_.backoff_initial_ms, options_.backoff_max_ms)
    , seen_(kRememberedIds) {
    // Twitch's anonymous read-only nick: "justinfan" and digits.
    nick_ = "justinfan" + std::to_string(10000 + QRandomGenerator::global()->bounded(89999));
    keepalive_->setSingleShot(true);
    reconnect_->setSingleShot(true);
    connect(keepalive_, &QTimer::timeout, this,
            core::guarded_slot("Twitch chat: a keepalive", [this] {
                if (awaiting_pong_) {
                    on_dropped(QStringLiteral("no answer to a keepalive ping"));
                    return;
                }
                // Lines came since the timer was started: it waits for the rest of the quiet
                // time after the last of them.
                const qint64 quiet = clock_ms() - heard_ms_;
                if (quiet >= 0 && quiet < options_.keepalive_ms) {
                    keepalive_->start(static_cast<int>(options_.keepalive_ms - quiet));
                    return;
                }
                awaiting_pong_ = true;
                send("PING :stagehand");
                keepalive_->start(options_.pong_timeout_ms);
            }));
    connect(reconnect_, &QTimer::timeout, this,
            core::guarded_slot("Twitch chat: reconnecting", [this] { open(); }));
}

TwitchConnector::~TwitchConnector() {
    stopped_ = true;
    close_transport();
}

std::string TwitchConnector::check(const Options& options) {
    if (core::chat::twitch_channel_login(options.channel).empty())
        return "twitch channel \"" + options.channel +
               "\": expected a channel name (letters, digits and _)";
    const QString scheme = options.server.scheme();
    if (!options.server.isValid() || options.server.host().isEmpty() ||
        !(scheme == QLatin1String("ircs") || scheme == QLatin1String("irc") ||
          scheme == QLatin1String("wss") || scheme == QLatin1String("ws")))
        return "twitch server \"" + options.server.toString().toStdString() +
               "\": expected ircs://, irc://, wss:// or ws:// with a host";
    return {};
}

MakeConnector TwitchConnector::prepare(const core::chat::ChatParams& params,
                                       const ConnectorContext&, std::string& error) {
    Options o;
    o.channel = params.count("channel") ? params.at("channel") : std::string();
    if (const auto server = params.find("server"); server != params.end())
        o.server = QUrl(QString::fromStdString(server->second));
    if (const auto ca = params.find("ca_file"); ca != params.end())
        o.ca_file = QString::fromStdString(ca->second);
    if (error = check(o); !error.empty())
        return {};
    return [o](ChatSink sink) {
        return new TwitchConnector(o, std::move(sink));
    };
}

bool TwitchConnector::is_websocket() const {
    return options_.server.scheme().startsWith(QLatin1String("ws"));
}

void TwitchConnector::start() {
    if (const std::string error = check(options_); !error.empty()) {
        status(ConnectionState::error, error);
        emit finished();
        return;
    }
    stopped_ = false;
    open();
}

void TwitchConnector::stop() {
    if (stopped_)
        return;
    stopped_ = true;
    reconnect_->stop();
    keepalive_->stop();
    close_transport();
    status(ConnectionState::ended, "stopped");
    emit finished();
}

void TwitchConnector::close_transport() {
    // Signals are cut first: a socket closing must not report a drop and schedule a reconnect.
    if (socket_) {
        socket_->disconnect(this);
        socket_->abort();
        socket_->deleteLater();
        socket_ = nullptr;
    }
    if (websocket_) {
        websocket_->disconnect(this);
        websocket_->abort();
        websocket_->deleteLater();
        websocket_ = nullptr;
    }
    lines_.reset(); // a line cut off by the disconnect never becomes a message
    joined_ = false;
    awaiting_pong_ = false;
}

void TwitchConnector::open() {
    close_transport();
    if (stopped_)
        return;
    const QUrl& url = options_.server;
    const QString scheme = url.scheme();
    const bool first = first_open_;
    first_open_ = false;
    const bool tls = scheme == QLatin1String("ircs") || scheme == QLatin1String("wss");
    status(first ? ConnectionState::connecting : ConnectionState::reconnecting,
           "connecting to " + url.toString(QUrl::RemoveUserInfo).toStdString());
    // Made only for TLS: any QSslConfiguration, a default-constructed one too, starts OpenSSL
    // and reads the system's certificate folders (with a compiled regular expression), about
    // 1.5 MiB that a plain connection (a local relay, a test server) never uses.
    std::optional<QSslConfiguration> tls_config;
    if (tls) {
        tls_config = QSslConfiguration::defaultConfiguration();
        std::string error;
        if (!load_extra_ca(options_.ca_file, *tls_config, error)) {
            status(ConnectionState::error, error);
            stopped_ = true;
            emit finished();
            return;
        }
        tls_config->setPeerVerifyMode(QSslSocket::VerifyPeer);
    }
    if (is_websocket()) {
        websocket_ = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        if (tls_config)
            websocket_->setSslConfiguration(*tls_config);
        connect(websocket_, &QWebSocket::connected, this,
                core::guarded_slot("Twitch chat: connected", [this] { on_connected(); }));
        connect(websocket_, &QWebSocket::textMessageReceived, this,
                core::guarded_slot("Twitch chat: reading",
                                   [this](const QString& text) { on_bytes(text.toUtf8()); }));
        connect(websocket_, &QWebSocket::binaryMessageReceived, this,
                core::guarded_slot("Twitch chat: reading",
                                   [this](const QByteArray& bytes) { on_bytes(bytes); }));
        connect(websocket_, &QWebSocket::disconnected, this,
                core::guarded_slot("Twitch chat: a dropped connection", [this] {
                    on_dropped(QStringLiteral("the server closed the connection"));
                }));
        connect(
            websocket_, &QWebSocket::sslErrors, this,
            core::guarded_slot("Twitch chat: a TLS error", [this](const QList<QSslError>& errors) {
                on_dropped(QStringLiteral("TLS certificate refused: ") +
                           (errors.isEmpty() ? QString() : errors.first().errorString()));
            }));
        websocket_->open(url);
        return;
    }
    const quint16 port = static_cast<quint16>(url.port(tls ? 6697 : 6667));
    if (tls_config) {
        auto* ssl = new QSslSocket(this);
        ssl->setSslConfiguration(*tls_config);
        socket_ = ssl;
        connect(ssl, &QSslSocket::encrypted, this,
                core::guarded_slot("Twitch chat: connected", [this] { on_connected(); }));
        connect(
            ssl, QOverload<const QList<QSslError>&>::of(&QSslSocket::sslErrors), this,
            core::guarded_slot("Twitch chat: a TLS error", [this](const QList<QSslError>& errors) {
                on_dropped(QStringLiteral("TLS certificate refused: ") +
                           (errors.isEmpty() ? QString() : errors.first().errorString()));
            }));
        ssl->connectToHostEncrypted(url.host(), port);
    } else {
        socket_ = new QTcpSocket(this);
        connect(socket_, &QTcpSocket::connected, this,
                core::guarded_slot("Twitch chat: connected", [this] { on_connected(); }));
        socket_->connectToHost(url.host(), port);
    }
    connect(socket_, &QTcpSocket::readyRead, this,
            core::guarded_slot("Twitch chat: reading", [this] {
                if (socket_)
                    on_bytes(socket_->readAll());
            }));
    connect(socket_, &QTcpSocket::disconnected, this,
            core::guarded_slot("Twitch chat: a dropped connection", [this] {
                on_dropped(QStringLiteral("the server closed the connection"));
            }));
    connect(socket_, &QAbstractSocket::errorOccurred, this,
            core::guarded_slot("Twitch chat: a socket error", [this](QAbstractSocket::SocketError) {
                if (socket_)
                    on_dropped(socket_->errorString());
            }));
}

void TwitchConnector::on_connected() {
    // Anonymous read-only login: Twitch accepts any password for a justinfan nick.
    send("CAP REQ :twitch.tv/tags twitch.tv/commands");
    send("PASS SCHMOOPIIE");
    send("NICK " + nick_);
    send("JOIN #" + channel_);
    heard_ms_ = clock_ms();
    keepalive_->start(options_.keepalive_ms);
}

void TwitchConnector::send(const std::string& line) {
    const QByteArray bytes = QByteArray::fromStdString(line + "\r\n");
    if (websocket_)
        websocket_->sendTextMessage(QString::fromUtf8(bytes));
    else if (socket_)
        socket_->write(bytes);
}

void TwitchConnector::on_bytes(const QByteArray& bytes) {
    // Any line proves the connection is alive. The time is noted, not the timer restarted: that
    // was a twentieth of the chat thread's time in a flood.
    awaiting_pong_ = false;
    heard_ms_ = clock_ms();
    const std::size_t oversized = lines_.oversized();
    const auto lines =
        lines_.push(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    // A line past the limit was dropped whole: skipped, and counted like a malformed one.
    for (std::size_t n = lines_.oversized(); n > oversized; --n)
        count_skipped();
    for (const std::string& line : lines) {
        if (stopped_)
            return;
        on_line(line);
    }
}

void TwitchConnector::on_line(const std::string& raw) {
    if (raw.empty())
        return;
    const auto line = core::chat::parse_irc_line(raw);
    if (!line) {
        count_skipped();
        return;
    }
    if (line->command == "PING") {
        send("PONG :" +
             (line->params.empty() ? std::string("tmi.twitch.tv") : line->params.back()));
        return;
    }
    if (line->command == "PONG")
        return;
    if (line->command == "RECONNECT") {
        // Twitch is about to restart this server: go now, without waiting.
        schedule_reconnect("the server asked to reconnect", true);
        return;
    }
    if (line->command == "NOTICE" && !line->params.empty() &&
        line->params.back().find("Login") != std::string::npos) {
        status(ConnectionState::error, "login refused: " + line->params.back());
        stop();
        return;
    }
    if (!joined_ && (line->command == "ROOMSTATE" || line->command == "366" ||
                     (line->command == "JOIN" && line->nick() == nick_))) {
        joined_ = true;
        backoff_.reset();
        status(ConnectionState::connected, "joined #" + channel_);
        return;
    }
    const auto parsed = core::chat::twitch_event(*line, core::chat::Clock::now());
    if (parsed.malformed) {
        count_skipped();
        return;
    }
    if (!parsed.event)
        return;
    if (const auto* message = std::get_if<core::chat::ChatMessage>(&*parsed.event);
        message && !message->id.empty()) {
        if (!seen_.add(message->id))
            return;
    }
    deliver(*parsed.event);
}

void TwitchConnector::on_dropped(const QString& why) {
    if (stopped_)
        return;
    schedule_reconnect(why.toStdString(), false);
}

void TwitchConnector::schedule_reconnect(const std::string& why, bool immediately) {
    close_transport();
    keepalive_->stop();
    count_reconnect();
    const int delay = immediately ? 0 : backoff_.next_ms();
    status(ConnectionState::reconnecting,
           why + "; reconnecting in " + std::to_string(delay) + " ms");
    reconnect_->start(delay);
}

} // namespace stagehand::chat
