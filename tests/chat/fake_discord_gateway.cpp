#include "fake_discord_gateway.hpp"

#include <QHostAddress>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cstring>

namespace stagehand::testing {

using nlohmann::json;

namespace {

// Discord's own close codes (4000-4014) are outside the values Qt's enum names; Qt sends the
// number as it is. Converted at run time (GCC does not narrow enums without -fstrict-enums).
QWebSocketProtocol::CloseCode discord_close(int code) {
    QWebSocketProtocol::CloseCode out{};
    static_assert(sizeof(out) >= 2);
    std::memcpy(&out, &code, sizeof(out) < sizeof(code) ? sizeof(out) : sizeof(code));
    return out;
}

} // namespace

FakeDiscordGateway::FakeDiscordGateway(QObject* parent)
    : QObject(parent)
    , server_(new QWebSocketServer(QStringLiteral("fake-discord"), QWebSocketServer::NonSecureMode,
                                   this)) {
    connect(server_, &QWebSocketServer::newConnection, this, &FakeDiscordGateway::on_connection);
}

FakeDiscordGateway::~FakeDiscordGateway() {
    for (auto* c : clients_)
        c->abort();
}

bool FakeDiscordGateway::start() {
    return server_->listen(QHostAddress::LocalHost, 0);
}

QString FakeDiscordGateway::url() const {
    return QStringLiteral("ws://127.0.0.1:%1/?v=10&encoding=json").arg(server_->serverPort());
}

int FakeDiscordGateway::connected() const {
    return static_cast<int>(clients_.size());
}

std::vector<FakeDiscordGateway::Received> FakeDiscordGateway::sent_with_op(int op) const {
    std::vector<Received> out;
    for (const auto& r : received)
        if (r.frame.value("op", -1) == op)
            out.push_back(r);
    return out;
}

void FakeDiscordGateway::on_connection() {
    while (auto* client = server_->nextPendingConnection()) {
        ++connections_;
        clients_.push_back(client);
        const QString path = client->requestUrl().path();
        connect(client, &QWebSocket::textMessageReceived, this,
                [this, client, path](const QString& text) {
                    received.push_back({json::parse(text.toStdString(), nullptr, false), path});
                    on_frame(client, text);
                });
        connect(client, &QWebSocket::disconnected, this, [this, client] {
            clients_.removeAll(client);
            client->deleteLater();
        });
        send(client, {{"op", 10}, {"d", {{"heartbeat_interval", heartbeat_interval_ms}}}});
    }
}

void FakeDiscordGateway::send(QWebSocket* client, const json& frame) {
    client->sendTextMessage(QString::fromStdString(frame.dump()));
}

void FakeDiscordGateway::send_op(int op, json data) {
    for (auto* c : clients_)
        send(c, {{"op", op}, {"d", std::move(data)}, {"s", nullptr}, {"t", nullptr}});
}

void FakeDiscordGateway::dispatch(const std::string& type, json data) {
    const json frame = {{"op", 0}, {"t", type}, {"s", ++sequence_}, {"d", std::move(data)}};
    log_.push_back(frame);
    for (auto* c : clients_)
        send(c, frame);
}

void FakeDiscordGateway::drop_all() {
    const auto clients = clients_;
    for (auto* c : clients)
        c->abort();
}

void FakeDiscordGateway::on_frame(QWebSocket* client, const QString& text) {
    const json frame = json::parse(text.toStdString(), nullptr, false);
    if (!frame.is_object())
        return;
    const int op = frame.value("op", -1);
    const json d = frame.value("d", json());
    if (op == 1) { // heartbeat
        if (ack_heartbeats)
            send(client, {{"op", 11}});
        return;
    }
    if (op == 2) { // identify
        if (!d.is_object() || d.value("token", "") != token) {
            client->close(discord_close(4004), QStringLiteral("Authentication failed."));
            return;
        }
        const auto intents = d.value("intents", 0u);
        if (!message_content_enabled || !(intents & (1u << 15))) {
            client->close(discord_close(4014), QStringLiteral("Disallowed intent(s)."));
            return;
        }
        session_ = "session-" + std::to_string(connections_);
        const QUrl here(url());
        const std::string resume = "ws://127.0.0.1:" + std::to_string(here.port()) + "/resume";
        dispatch("READY",
                 {{"v", 10},
                  {"session_id", session_},
                  {"resume_gateway_url", resume},
                  {"user", {{"id", "1000"}, {"username", "stagehand-bot"}, {"bot", true}}}});
        dispatch("GUILD_CREATE", {{"id", "77"},
                                  {"owner_id", "1"},
                                  {"roles",
                                   {{{"id", "900"}, {"name", "Mods"}, {"permissions", "8192"}},
                                    {{"id", "901"}, {"name", "Regulars"}, {"permissions", "0"}}}}});
        return;
    }
    if (op == 6) { // resume
        if (!d.is_object() || d.value("session_id", "") != session_ || session_.empty()) {
            send(client, {{"op", 9}, {"d", false}});
            return;
        }
        const std::int64_t from =
            d.contains("seq") && d["seq"].is_number() ? d["seq"].get<std::int64_t>() : 0;
        for (const auto& missed : log_)
            if (missed["s"].get<std::int64_t>() > from)
                send(client, missed);
        const json resumed = {
            {"op", 0}, {"t", "RESUMED"}, {"s", ++sequence_}, {"d", json::object()}};
        log_.push_back(resumed);
        send(client, resumed);
    }
}

} // namespace stagehand::testing
