#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

class QWebSocket;
class QWebSocketServer;

namespace stagehand::testing {

// A Discord Gateway (v10, JSON encoding) on 127.0.0.1 over plain WebSocket, faithful to what
// Discord documents: HELLO on connect; IDENTIFY checked (token, intents) and answered with READY
// (a session id and a resume URL on this server) and GUILD_CREATE (an owner, a moderating role
// and a plain one); heartbeats answered with ACK and their sequence recorded; RESUME replays
// what was dispatched after the client's sequence and says RESUMED; a wrong token closes with
// 4004, missing privileged intents with 4014. Tests dispatch events, drop connections, stop
// acknowledging heartbeats, ask for a reconnect or invalidate the session.
class FakeDiscordGateway : public QObject {
    Q_OBJECT

public:
    explicit FakeDiscordGateway(QObject* parent = nullptr);
    ~FakeDiscordGateway() override;

    bool start();
    QString url() const; // ws://127.0.0.1:PORT/?v=10&encoding=json

    // Dispatches an event (op 0) with the next sequence number to the client, or keeps it for a
    // RESUME when none is connected.
    void dispatch(const std::string& type, nlohmann::json data);
    void send_op(int op, nlohmann::json data); // to the connected client
    void drop_all();                           // aborts every connection (no close frame)

    std::string token = "test-token";
    int heartbeat_interval_ms = 41250;
    bool ack_heartbeats = true;
    // 4014 when IDENTIFY does not ask for MESSAGE_CONTENT, or asks while the bot's switch for it
    // in the developer portal is off.
    bool message_content_enabled = true;

    // What clients sent, in order, with the path they connected to.
    struct Received {
        nlohmann::json frame;
        QString path;
    };
    std::vector<Received> received;
    int connections() const { return connections_; }
    int connected() const; // open now
    std::vector<Received> sent_with_op(int op) const;

private:
    void on_connection();
    void on_frame(QWebSocket* client, const QString& text);
    void send(QWebSocket* client, const nlohmann::json& frame);

    QWebSocketServer* server_;
    QList<QWebSocket*> clients_;
    int connections_ = 0;
    std::int64_t sequence_ = 0;
    std::vector<nlohmann::json> log_; // every dispatch, for RESUME
    std::string session_;
};

} // namespace stagehand::testing
