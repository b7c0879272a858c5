#pragma once

#include "chat/connector.hpp"
#include "chat/connectors.hpp"
#include "core/base/recent_ids.hpp"
#include "core/chat/irc.hpp"

#include <QPointer>
#include <QString>
#include <QUrl>

#include <string>

class QTcpSocket;
class QTimer;
class QWebSocket;

namespace stagehand::chat {

// Twitch chat, read-only and anonymous (no account, no token): IRC over TLS by default
// (ircs://irc.chat.twitch.tv:6697), or plain IRC, or IRC over WebSocket (wss://, ws://). It asks
// for tags and commands, answers PING, pings a quiet server itself, follows RECONNECT, and
// reconnects with backoff and jitter when the connection drops. TLS certificates are always
// verified; an extra CA file may be trusted (tests). Lines that do not parse are counted.
class TwitchConnector final : public Connector {
    Q_OBJECT

public:
    struct Options {
        std::string channel; // a login, "#login" or a twitch.tv URL
        QUrl server = QUrl(QStringLiteral("ircs://irc.chat.twitch.tv:6697"));
        QString ca_file;                 // extra trusted certificates (PEM)
        int keepalive_ms = 240 * 1000;   // ping the server after this long without a line
        int pong_timeout_ms = 15 * 1000; // no answer to our PING: the connection is dead
        int backoff_initial_ms = 1000;
        int backoff_max_ms = 60 * 1000;
    };
    TwitchConnector(Options options, ChatSink sink, QObject* parent = nullptr);
    ~TwitchConnector() override;

    void start() override;
    void stop() override;

    // Checks the settings and returns how to make the connector (connectors.hpp).
    static MakeConnector prepare(const core::chat::ChatParams& params,
                                 const ConnectorContext& context, std::string& error);

    // What is wrong with the options (empty when fine): checked before start.
    static std::string check(const Options& options);

private:
    void open();
    void on_connected();
    void on_bytes(const QByteArray& bytes);
    void on_line(const std::string& line);
    void on_dropped(const QString& why);
    void send(const std::string& line);
    void close_transport();
    void schedule_reconnect(const std::string& why, bool immediately);
    bool is_websocket() const;

    Options options_;
    std::string channel_;
    std::string nick_;
    QTcpSocket* socket_ = nullptr;
    QWebSocket* websocket_ = nullptr;
    QTimer* keepalive_;
    QTimer* reconnect_;
    core::chat::LineBuffer lines_;
    Backoff backoff_;
    bool stopped_ = false;
    bool first_open_ = true;
    bool joined_ = false;
    bool awaiting_pong_ = false;
    // When the last bytes came (steady clock, ms): the keepalive timer, when it fires, waits on
    // for what is left of the quiet time instead of being restarted for every read of a flood.
    qint64 heard_ms_ = 0;
    // Message ids seen lately, as fingerprints: a line repeated by a relay is delivered once.
    core::RecentIds seen_;
};

} // namespace stagehand::chat
