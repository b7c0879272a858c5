#pragma once

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>
#include <QTcpServer>

class QSslSocket;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace stagehand::testing {

// A Twitch chat server on 127.0.0.1 speaking the protocol Twitch documents: IRC lines with
// IRCv3 tags over plain TCP, TLS or WebSocket (several lines per frame allowed). It answers
// CAP/NICK/JOIN like Twitch, records what clients send, and lets a test push lines, cut a
// connection in the middle of a line, ask for a reconnect or stay silent.
// A tagged PRIVMSG from viewer N to #talk, as Twitch sends it ("message number N" by default).
QString twitch_privmsg(int n, const QString& text = {});

class FakeTwitchServer : public QTcpServer {
    Q_OBJECT

public:
    enum class Transport { tcp, tls, websocket };
    FakeTwitchServer(Transport transport, QObject* parent = nullptr);
    ~FakeTwitchServer() override;

    // Listens on a free port; for TLS, with this certificate and key.
    bool start(const QSslCertificate& certificate = QSslCertificate(),
               const QSslKey& key = QSslKey());
    QString url() const; // irc://, ircs:// or ws://127.0.0.1:PORT

    // To every joined client. `lines_per_frame` > 1 packs lines into one WebSocket frame.
    void send_lines(const QStringList& lines, int lines_per_frame = 1);
    void send_raw(const QByteArray& bytes);
    // Writes `bytes` (a line's beginning) and then cuts every connection.
    void cut_mid_line(const QByteArray& bytes);
    void drop_all();

    int joined() const;      // clients that joined a channel and are connected now
    int connections() const; // connections accepted so far
    QStringList received() const { return received_; }
    bool answer_joins = true; // false: accept, never confirm the JOIN
    bool answer_pings = true;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Client {
        QTcpSocket* socket = nullptr;
        QWebSocket* websocket = nullptr;
        QByteArray pending;
        bool joined = false;
    };
    void add_client(Client client);
    void on_text(Client* client, const QByteArray& bytes);
    void write(Client& client, const QByteArray& bytes);

    Transport transport_;
    QSslCertificate certificate_;
    QSslKey key_;
    QWebSocketServer* websockets_ = nullptr;
    QList<Client*> clients_;
    QStringList received_;
    int connections_ = 0;
};

} // namespace stagehand::testing
