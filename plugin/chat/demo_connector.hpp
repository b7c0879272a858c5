#pragma once

#include "chat/connector.hpp"
#include "chat/connectors.hpp"
#include "core/chat/demo_script.hpp"

#include <QElapsedTimer>
#include <QString>

class QTimer;

namespace stagehand::chat {

// The demo chat: replays data/demo/chat.json on a timer, round after round, as if a talk's
// audience were typing (questions, votes, a deleted message, a ban).
class DemoConnector final : public Connector {
    Q_OBJECT

public:
    struct Options {
        QString script_file;
        double speed = 1.0; // 2.0 replays twice as fast
    };
    DemoConnector(Options options, ChatSink sink, QObject* parent = nullptr);

    void start() override;
    void stop() override;

    // Checks the settings and returns how to make the connector (connectors.hpp).
    static MakeConnector prepare(const core::chat::ChatParams& params,
                                 const ConnectorContext& context, std::string& error);

private:
    void tick();

    Options options_;
    core::chat::DemoScript script_;
    QTimer* timer_;
    QElapsedTimer clock_;
    core::chat::Clock::time_point started_{};
    std::size_t round_ = 0;
    std::size_t next_ = 0;
    std::vector<core::chat::DemoScript::Entry> pending_;
    bool stopped_ = false;
};

} // namespace stagehand::chat
