#pragma once

#include "core/chat/chat_event.hpp"
#include "core/chat/chat_json.hpp"

#include <QObject>
#include <QSslConfiguration>
#include <QString>

#include <functional>
#include <mutex>
#include <string>
#include <utility>

namespace stagehand::chat {

// Where a connector delivers its events: called on the connector's thread, in order.
using ChatSink = std::function<void(const core::chat::ChatEvent& event)>;

// One platform's chat connection. A connector is a QObject that lives on one thread (the chat
// thread in OBS, the main thread in the CLI): start() and stop() are called there, its sockets
// and timers live there, and the sink is called there. It never blocks that thread.
class Connector : public QObject {
    Q_OBJECT

public:
    Connector(std::string platform, ChatSink sink, QObject* parent = nullptr);

    virtual void start() = 0;
    // Closes the connection for good; emits an "ended" status.
    virtual void stop() = 0;

    const std::string& platform() const { return platform_; }
    // Safe from any thread.
    core::chat::ChatStats stats() const;
    core::chat::ConnectionState state() const;
    // True once the connection worked at least once.
    bool ever_connected() const;
    // Quota units used today and the daily quota, for platforms that ration their API (YouTube);
    // used < 0: none. Safe from any thread.
    virtual std::pair<int, int> quota() const { return {-1, -1}; }

signals:
    // The connector stopped for good (ended or a fatal error).
    void finished();

protected:
    void deliver(const core::chat::ChatEvent& event);
    void status(core::chat::ConnectionState state, const std::string& detail);
    void count_skipped(std::size_t n = 1);
    void count_reconnect();

private:
    std::string platform_;
    ChatSink sink_;
    mutable std::mutex mutex_;
    core::chat::ChatStats stats_;
    core::chat::ConnectionState state_ = core::chat::ConnectionState::connecting;
    bool ever_connected_ = false;
};

// Adds the PEM certificates in `file` (empty: nothing) to those `config` trusts, for a test
// server's own certificate; peers are still verified. False, with `error`, when the file cannot
// be read or holds no certificate.
bool load_extra_ca(const QString& file, QSslConfiguration& config, std::string& error);

// Reconnect delays: exponential from `initial` to `max`, each scaled by a random factor in
// [0.5, 1] so that many viewers' tools dropped by one outage do not return in one wave.
class Backoff {
public:
    Backoff(int initial_ms, int max_ms)
        : initial_ms_(initial_ms)
        , max_ms_(max_ms) {}
    int next_ms();
    void reset() { attempt_ = 0; }
    int attempt() const { return attempt_; }

private:
    int initial_ms_;
    int max_ms_;
    int attempt_ = 0;
};

} // namespace stagehand::chat
