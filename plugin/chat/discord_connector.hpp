#pragma once

#include "chat/connector.hpp"
#include "chat/connectors.hpp"
#include "core/chat/discord.hpp"

#include <QString>
#include <QUrl>

#include <memory>
#include <string>

class QTimer;
class QWebSocket;

namespace stagehand::chat {

// Discord chat through the Gateway (v10, JSON) with a bot's token: one channel of a server the
// bot is in. HELLO, IDENTIFY (or RESUME on the resume URL after a drop), heartbeats with the last
// sequence, a missed ACK taken as a dead connection, the gateway's RECONNECT and INVALID_SESSION
// followed, reconnects with backoff and jitter. A refused token (4004) or intent (4014) stops
// it with what to do. The protocol itself is core::chat::DiscordSession.
class DiscordConnector final : public Connector {
    Q_OBJECT

public:
    struct Options {
        std::string channel; // a channel id or a discord.com/channels link
        std::string token;   // never logged, never in a status
        QUrl gateway = QUrl(QString::fromLatin1(core::chat::kDiscordGateway));
        QString ca_file; // extra trusted certificates (PEM)
        int backoff_initial_ms = 1000;
        int backoff_max_ms = 60 * 1000;
    };
    DiscordConnector(Options options, ChatSink sink, QObject* parent = nullptr);
    ~DiscordConnector() override;

    void start() override;
    void stop() override;

    static MakeConnector prepare(const core::chat::ChatParams& params,
                                 const ConnectorContext& context, std::string& error);
    static std::string check(const Options& options);

private:
    void open();
    void close_transport();
    void on_text(const QString& text);
    void on_disconnected();
    void follow(core::chat::DiscordSession::Step step);
    void reconnect(const std::string& why);
    // Stops for good: no reconnect, the socket closed, `state` said once.
    void finish(core::chat::ConnectionState state, const std::string& detail);

    Options options_;
    core::chat::DiscordSession session_;
    QWebSocket* socket_ = nullptr;
    QTimer* heartbeat_;
    QTimer* reconnect_;
    Backoff backoff_;
    int heartbeat_ms_ = 0;
    bool stopped_ = true;
    bool first_open_ = true;
};

} // namespace stagehand::chat
