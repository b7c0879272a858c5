#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QTcpServer>
#include <QUrlQuery>

#include <deque>

namespace stagehand::testing {

// videos.list for a live broadcast (video dQw4w9WgXcQ, live chat "chat-1").
QByteArray youtube_live_video();

// The YouTube Data API v3 as far as live chat needs it, on 127.0.0.1 over HTTP/1.1:
// GET /youtube/v3/videos and GET /youtube/v3/liveChat/messages answer from queues a test fills
// (status, body, content type), and every request is recorded with its query and its time.
class FakeYouTubeServer : public QTcpServer {
    Q_OBJECT

public:
    struct Response {
        int status = 200;
        QByteArray body;
        QByteArray content_type = "application/json; charset=UTF-8";
    };
    struct Request {
        QString path;
        QUrlQuery query;
        qint64 at_ms = 0;
    };

    explicit FakeYouTubeServer(QObject* parent = nullptr);
    bool start();
    QString api_url() const; // http://127.0.0.1:PORT/youtube/v3

    std::deque<Response> videos;
    std::deque<Response> messages; // when empty: an empty page that asks to poll in 1 s
    QList<Request> requests;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QElapsedTimer clock_;
};

} // namespace stagehand::testing
