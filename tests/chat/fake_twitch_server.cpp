#include "fake_twitch_server.hpp"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QWebSocket>
#include <QWebSocketServer>

namespace stagehand::testing {

QString twitch_privmsg(int n, const QString& text) {
    return QStringLiteral(
               "@badges=;display-name=Viewer%1;emotes=;id=msg-%1;tmi-sent-ts=1764590400000;"
               "user-id=%1 :viewer%1!viewer%1@viewer%1.tmi.twitch.tv PRIVMSG #talk :%2")
        .arg(n)
        .arg(text.isEmpty() ? QStringLiteral("message number %1").arg(n) : text);
}

FakeTwitchServer::FakeTwitchServer(Transport transport, QObject* parent)
    : QTcpServer(parent)
    , transport_(transport) {}

FakeTwitchServer::~FakeTwitchServer() {
    for (Client* c : clients_)
        delete c;
}

bool FakeTwitchServer::start(const QSslCertificate& certificate, const QSslKey& key) {
    certificate_ = certificate;
    key_ = key;
    if (transport_ == Transport::websocket) {
        websockets_ = new QWebSocketServer(QStringLiteral("fake-twitch"),
                                           QWebSocketServer::NonSecureMode, this);
        connect(websockets_, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket* ws = websockets_->nextPendingConnection()) {
                Client c;
                c.websocket = ws;
                add_client(c);
            }
        });
        return websockets_->listen(QHostAddress::LocalHost, 0);
    }
    return listen(QHostAddress::LocalHost, 0);
}

QString FakeTwitchServer::url() const {
    const quint16 port = websockets_ ? websockets_->serverPort() : serverPort();
    const char* scheme = transport_ == Transport::tls         ? "ircs"
                         : transport_ == Transport::websocket ? "ws"
                                                              : "irc";
    return QStringLiteral("%1://127.0.0.1:%2").arg(QLatin1String(scheme)).arg(port);
}

void FakeTwitchServer::incomingConnection(qintptr descriptor) {
    Client c;
    if (transport_ == Transport::tls) {
        auto* ssl = new QSslSocket(this);
        ssl->setSocketDescriptor(descriptor);
        ssl->setLocalCertificate(certificate_);
        ssl->setPrivateKey(key_);
        ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl->startServerEncryption();
        c.socket = ssl;
    } else {
        c.socket = new QTcpSocket(this);
        c.socket->setSocketDescriptor(descriptor);
    }
    add_client(c);
}

void FakeTwitchServer::add_client(Client client) {
    ++connections_;
    auto* c = new Client(client);
    clients_.append(c);
    auto gone = [this, c] {
        clients_.removeOne(c);
        if (c->socket)
            c->socket->deleteLater();
        if (c->websocket)
            c->websocket->deleteLater();
        delete c;
    };
    if (c->socket) {
        connect(c->socket, &QTcpSocket::readyRead, this,
                [this, c] { on_text(c, c->socket->readAll()); });
        connect(c->socket, &QTcpSocket::disconnected, this, gone, Qt::QueuedConnection);
    } else {
        connect(c->websocket, &QWebSocket::textMessageReceived, this,
                [this, c](const QString& text) { on_text(c, text.toUtf8()); });
        connect(c->websocket, &QWebSocket::disconnected, this, gone, Qt::QueuedConnection);
    }
}

void FakeTwitchServer::on_text(Client* c, const QByteArray& bytes) {
    c->pending += bytes;
    // auto: int in Qt 5, qsizetype in Qt 6.
    for (auto end = c->pending.indexOf('\n'); end >= 0; end = c->pending.indexOf('\n')) {
        QString line = QString::fromUtf8(c->pending.left(end)).trimmed();
        c->pending.remove(0, end + 1);
        received_.append(line);
        if (line.startsWith(QLatin1String("CAP REQ"))) {
            write(*c, ":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands\r\n");
        } else if (line.startsWith(QLatin1String("NICK "))) {
            const QByteArray nick = line.mid(5).toUtf8();
            write(*c, ":tmi.twitch.tv 001 " + nick + " :Welcome, GLHF!\r\n");
        } else if (line.startsWith(QLatin1String("JOIN #")) && answer_joins) {
            const QByteArray channel = line.mid(5).toUtf8();
            c->joined = true;
            write(*c, ":justinfan!justinfan@justinfan.tmi.twitch.tv JOIN " + channel + "\r\n" +
                          "@emote-only=0;room-id=1 :tmi.twitch.tv ROOMSTATE " + channel + "\r\n");
        } else if (line.startsWith(QLatin1String("PING")) && answer_pings) {
            write(*c, ":tmi.twitch.tv PONG tmi.twitch.tv :" +
                          line.mid(line.indexOf(':') + 1).toUtf8() + "\r\n");
        }
    }
}

void FakeTwitchServer::write(Client& c, const QByteArray& bytes) {
    if (c.socket)
        c.socket->write(bytes);
    else if (c.websocket)
        c.websocket->sendTextMessage(QString::fromUtf8(bytes));
}

void FakeTwitchServer::send_lines(const QStringList& lines, int lines_per_frame) {
    for (Client* c : clients_) {
        if (!c->joined)
            continue;
        QByteArray frame;
        int in_frame = 0;
        for (const QString& line : lines) {
            frame += line.toUtf8() + "\r\n";
            if (++in_frame >= lines_per_frame || c->socket) {
                write(*c, frame);
                frame.clear();
                in_frame = 0;
            }
        }
        if (!frame.isEmpty())
            write(*c, frame);
    }
}

void FakeTwitchServer::send_raw(const QByteArray& bytes) {
    for (Client* c : clients_)
        if (c->joined)
            write(*c, bytes);
}

void FakeTwitchServer::cut_mid_line(const QByteArray& bytes) {
    for (Client* c : clients_) {
        write(*c, bytes);
        if (c->socket)
            c->socket->flush();
    }
    drop_all();
}

void FakeTwitchServer::drop_all() {
    const auto all = clients_;
    for (Client* c : all) {
        c->joined = false;
        if (c->socket) {
            c->socket->flush();
            c->socket->disconnectFromHost();
            if (c->socket->state() != QAbstractSocket::UnconnectedState)
                c->socket->abort();
        } else if (c->websocket) {
            c->websocket->abort();
        }
    }
}

int FakeTwitchServer::joined() const {
    int n = 0;
    for (const Client* c : clients_)
        n += c->joined ? 1 : 0;
    return n;
}

int FakeTwitchServer::connections() const {
    return connections_;
}

} // namespace stagehand::testing
