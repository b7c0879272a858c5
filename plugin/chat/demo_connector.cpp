#include "chat/demo_connector.hpp"

#include "core/base/error_report.hpp"

#include <QFile>
#include <QTimer>

namespace stagehand::chat {

using core::chat::ConnectionState;

DemoConnector::DemoConnector(Options options, ChatSink sink, QObject* parent)
    : Connector("demo", std::move(sink), parent)
    , options_(std::move(options))
    , timer_(new QTimer(this)) {
    connect(timer_, &QTimer::timeout, this,
            core::guarded_slot("demo chat: the next message", [this] { tick(); }));
}

MakeConnector DemoConnector::prepare(const core::chat::ChatParams& params,
                                     const ConnectorContext& context, std::string&) {
    const auto file = params.find("file");
    Options o{file != params.end() ? QString::fromStdString(file->second) : context.demo_file};
    return [o](ChatSink sink) {
        return new DemoConnector(o, std::move(sink));
    };
}

void DemoConnector::start() {
    QFile file(options_.script_file);
    if (!file.open(QIODevice::ReadOnly)) {
        status(ConnectionState::error,
               "cannot read the demo chat " + options_.script_file.toStdString());
        emit finished();
        return;
    }
    std::string error;
    auto script = core::chat::parse_demo_script(file.readAll().toStdString(), error);
    if (!script || script->entries.empty()) {
        status(ConnectionState::error,
               options_.script_file.toStdString() + ": " + (script ? "no events" : error));
        emit finished();
        return;
    }
    script_ = std::move(*script);
    stopped_ = false;
    started_ = core::chat::Clock::now();
    clock_.start();
    round_ = 0;
    next_ = 0;
    pending_ = script_.round(0, started_);
    status(ConnectionState::connected,
           "replaying " + std::to_string(script_.entries.size()) + " scripted events every " +
               std::to_string(script_.loop_after.count() / 1000) + " s");
    timer_->start(50);
}

void DemoConnector::stop() {
    if (stopped_)
        return;
    stopped_ = true;
    timer_->stop();
    status(ConnectionState::ended, "stopped");
    emit finished();
}

void DemoConnector::tick() {
    const auto elapsed = std::chrono::milliseconds(
        static_cast<long long>(static_cast<double>(clock_.elapsed()) * options_.speed));
    for (;;) {
        const auto round_start = script_.loop_after * round_;
        if (next_ == pending_.size()) {
            if (elapsed < round_start + script_.loop_after)
                return;
            ++round_;
            next_ = 0;
            pending_ = script_.round(round_, started_);
            continue;
        }
        if (elapsed < round_start + pending_[next_].at)
            return;
        deliver(pending_[next_++].event);
        if (stopped_)
            return;
    }
}

} // namespace stagehand::chat
