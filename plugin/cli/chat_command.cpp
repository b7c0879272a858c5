#include "cli/chat_command.hpp"

#include "chat/demo_connector.hpp"
#include "chat/twitch_connector.hpp"
#include "chat/youtube_connector.hpp"
#include "core/chat/chat_json.hpp"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace stagehand::cli {

namespace {

constexpr const char* kUsage =
    "usage: stagehand-cli chat [--twitch CHANNEL] [--twitch-server URL] [--ca-file PEM]\n"
    "                          [--youtube VIDEO_ID_OR_URL [--youtube-key KEY]] "
    "[--youtube-api BASE_URL]\n"
    "                          [--demo] [--demo-file FILE] [--duration SECONDS]\n";

int usage(const std::string& problem) {
    std::fprintf(stderr, "stagehand-cli chat: %s\n%s", problem.c_str(), kUsage);
    return 2;
}

void print_line(const nlohmann::json& object) {
    // One object a line, flushed: a script reading the pipe sees each event as it happens.
    const std::string line = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QString default_demo_file() {
    const QByteArray from_env = qgetenv("STAGEHAND_DATA_DIR");
    const QString data = from_env.isEmpty() ? QStringLiteral(STAGEHAND_SOURCE_DATA_DIR)
                                            : QString::fromLocal8Bit(from_env);
    return data + QStringLiteral("/demo/chat.json");
}

} // namespace

int run_chat(const QStringList& arguments) {
    chat::TwitchConnector::Options twitch;
    chat::YouTubeConnector::Options youtube;
    bool use_twitch = false, use_youtube = false, use_demo = false;
    QString demo_file = default_demo_file();
    QString ca_file;
    double duration = 0;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        auto value = [&](QString& out) {
            if (i + 1 >= arguments.size() || arguments[i + 1].startsWith(QLatin1String("--")))
                return false;
            out = arguments[++i];
            return true;
        };
        QString v;
        if (a == QLatin1String("--twitch") && value(v)) {
            use_twitch = true;
            twitch.channel = v.toStdString();
        } else if (a == QLatin1String("--twitch-server") && value(v)) {
            twitch.server = QUrl(v);
        } else if (a == QLatin1String("--ca-file") && value(v)) {
            ca_file = v;
        } else if (a == QLatin1String("--youtube") && value(v)) {
            use_youtube = true;
            youtube.video = v.toStdString();
        } else if (a == QLatin1String("--youtube-key") && value(v)) {
            youtube.key = v.toStdString();
        } else if (a == QLatin1String("--youtube-api") && value(v)) {
            youtube.api = QUrl(v);
        } else if (a == QLatin1String("--demo")) {
            use_demo = true;
        } else if (a == QLatin1String("--demo-file") && value(v)) {
            demo_file = v;
        } else if (a == QLatin1String("--duration") && value(v)) {
            bool ok = false;
            duration = v.toDouble(&ok);
            if (!ok || duration <= 0)
                return usage("--duration: expected a number of seconds, got \"" + v.toStdString() +
                             "\"");
        } else {
            return usage("unknown or incomplete argument \"" + a.toStdString() + "\"");
        }
    }
    if (!use_twitch && !use_youtube && !use_demo)
        return usage("name at least one chat: --twitch, --youtube or --demo");
    if (!youtube.key.empty() && !use_youtube)
        return usage("--youtube-key needs --youtube");
    // From the environment, the key stays out of the process list (ps shows arguments).
    if (use_youtube && youtube.key.empty())
        youtube.key = qEnvironmentVariable("STAGEHAND_YOUTUBE_KEY").toStdString();
    twitch.ca_file = ca_file;
    youtube.ca_file = ca_file;
    if (use_twitch)
        if (const std::string e = chat::TwitchConnector::check(twitch); !e.empty())
            return usage(e);
    if (use_youtube)
        if (const std::string e = chat::YouTubeConnector::check(youtube); !e.empty())
            return usage(e);

    auto sink = [](const core::chat::ChatEvent& event) {
        print_line(core::chat::to_json(event));
    };
    std::vector<std::unique_ptr<chat::Connector>> connectors;
    if (use_twitch)
        connectors.push_back(std::make_unique<chat::TwitchConnector>(twitch, sink));
    if (use_youtube)
        connectors.push_back(std::make_unique<chat::YouTubeConnector>(youtube, sink));
    if (use_demo)
        connectors.push_back(
            std::make_unique<chat::DemoConnector>(chat::DemoConnector::Options{demo_file}, sink));

    std::size_t running = connectors.size();
    for (auto& c : connectors)
        QObject::connect(c.get(), &chat::Connector::finished, qApp, [&running] {
            if (--running == 0)
                QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
        });
    if (duration > 0)
        QTimer::singleShot(static_cast<int>(duration * 1000.0), qApp,
                           [] { QCoreApplication::exit(0); });
    for (auto& c : connectors)
        c->start();
    if (running > 0)
        QCoreApplication::exec();

    bool any_connected = false;
    for (auto& c : connectors) {
        any_connected = any_connected || c->ever_connected();
        c->blockSignals(true); // stopping prints its status; the stats line comes last
        c->stop();
        print_line(core::chat::stats_json(c->platform(), c->stats()));
    }
    return any_connected ? 0 : 1;
}

} // namespace stagehand::cli
