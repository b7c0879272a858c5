#include "fake_youtube_server.hpp"

#include <QTcpSocket>
#include <QUrl>

namespace stagehand::testing {

QByteArray youtube_live_video() {
    return R"({"items":[{"id":"dQw4w9WgXcQ","liveStreamingDetails":{"activeLiveChatId":"chat-1"}}]})";
}

FakeYouTubeServer::FakeYouTubeServer(QObject* parent)
    : QTcpServer(parent) {
    clock_.start();
}

bool FakeYouTubeServer::start() {
    return listen(QHostAddress::LocalHost, 0);
}

QString FakeYouTubeServer::api_url() const {
    return QStringLiteral("http://127.0.0.1:%1/youtube/v3").arg(serverPort());
}

void FakeYouTubeServer::incomingConnection(qintptr descriptor) {
    auto* socket = new QTcpSocket(this);
    socket->setSocketDescriptor(descriptor);
    auto* buffer = new QByteArray;
    connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
        delete buffer;
        socket->deleteLater();
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        *buffer += socket->readAll();
        const auto end = buffer->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> request_line = buffer->left(buffer->indexOf("\r\n")).split(' ');
        buffer->clear();
        const QUrl url(QString::fromUtf8(request_line.value(1)));
        requests.append(Request{url.path(), QUrlQuery(url), clock_.elapsed()});
        Response response;
        if (request_line.value(0) != "GET") {
            response = Response{405, R"({"error":{"code":405,"message":"GET only"}})"};
        } else if (url.path() == QLatin1String("/youtube/v3/videos")) {
            if (!videos.empty()) {
                response = videos.front();
                videos.pop_front();
            } else {
                response = Response{404, R"({"error":{"code":404,"message":"no video"}})"};
            }
        } else if (url.path() == QLatin1String("/youtube/v3/liveChat/messages")) {
            if (!messages.empty()) {
                response = messages.front();
                messages.pop_front();
            } else {
                response = Response{200, R"({"items":[],"pollingIntervalMillis":1000})"};
            }
        } else {
            response = Response{404, R"({"error":{"code":404,"message":"not found"}})"};
        }
        const QByteArray reason = response.status == 200 ? "OK" : "Error";
        socket->write("HTTP/1.1 " + QByteArray::number(response.status) + " " + reason +
                      "\r\nContent-Type: " + response.content_type +
                      "\r\nContent-Length: " + QByteArray::number(response.body.size()) +
                      "\r\nConnection: close\r\n\r\n" + response.body);
        socket->disconnectFromHost();
    });
}

} // namespace stagehand::testing
