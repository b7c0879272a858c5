#include "chat/connector.hpp"

#include <QFile>
#include <QRandomGenerator>
#include <QSslCertificate>

#include <algorithm>

namespace stagehand::chat {

using core::chat::ConnectionState;

Connector::Connector(std::string platform, ChatSink sink, QObject* parent)
    : QObject(parent)
    , platform_(std::move(platform))
    , sink_(std::move(sink)) {}

core::chat::ChatStats Connector::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

ConnectionState Connector::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

bool Connector::ever_connected() const {
    std::lock_guard lock(mutex_);
    return ever_connected_;
}

void Connector::deliver(const core::chat::ChatEvent& event) {
    if (std::holds_alternative<core::chat::ChatMessage>(event)) {
        std::lock_guard lock(mutex_);
        ++stats_.messages;
    }
    if (sink_)
        sink_(event);
}

void Connector::status(ConnectionState state, const std::string& detail) {
    {
        std::lock_guard lock(mutex_);
        state_ = state;
        if (state == ConnectionState::connected)
            ever_connected_ = true;
    }
    deliver(core::chat::ChatStatus{platform_, state, detail});
}

void Connector::count_skipped(std::size_t n) {
    std::lock_guard lock(mutex_);
    stats_.skipped += n;
}

void Connector::count_reconnect() {
    std::lock_guard lock(mutex_);
    ++stats_.reconnects;
}

bool load_extra_ca(const QString& file, QSslConfiguration& config, std::string& error) {
    if (file.isEmpty())
        return true;
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        error = "cannot read the CA file " + file.toStdString();
        return false;
    }
    const auto certificates = QSslCertificate::fromData(in.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        error = "the CA file " + file.toStdString() + " holds no PEM certificate";
        return false;
    }
    auto trusted = config.caCertificates();
    trusted.append(certificates);
    config.setCaCertificates(trusted);
    return true;
}

int Backoff::next_ms() {
    const int exponent = std::min(attempt_, 16);
    ++attempt_;
    const long long full =
        std::min<long long>(static_cast<long long>(initial_ms_) << exponent, max_ms_);
    const double factor = 0.5 + 0.5 * QRandomGenerator::global()->generateDouble();
    return std::max(1, static_cast<int>(static_cast<double>(full) * factor));
}

} // namespace stagehand::chat
