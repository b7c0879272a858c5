#include "cli/chat_command.hpp"

#include "cli/locations.hpp"

#include "chat/connectors.hpp"
#include "core/chat/chat_json.hpp"
#include "core/chat/platform.hpp"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace stagehand::cli {

namespace {

std::string upper(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

// The flags each platform's description names, in its order: "[--twitch CHANNEL] ...".
std::string usage_text() {
    std::string text = "usage: stagehand-cli chat";
    std::vector<std::string> seen;
    auto add = [&](const std::string& flag, const std::string& value) {
        if (flag.empty() || std::find(seen.begin(), seen.end(), flag) != seen.end())
            return;
        seen.push_back(flag);
        text += " [" + flag + (value.empty() ? "" : " " + value) + "]";
    };
    for (const auto& platform : core::chat::platforms()) {
        const auto* target = core::chat::find_param(platform, platform.target);
        add(platform.cli, target && target->cli == platform.cli ? upper(target->name) : "");
        for (const auto& param : platform.params)
            add(param.cli, upper(param.name));
    }
    return text + " [--duration SECONDS]\n";
}

int usage(const std::string& problem) {
    std::fprintf(stderr, "stagehand-cli chat: %s\n%s", problem.c_str(), usage_text().c_str());
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
    return QString::fromStdString(data_folder()) + QStringLiteral("/demo/chat.json");
}

} // namespace

int run_chat(const QStringList& arguments) {
    using core::chat::platforms;
    std::vector<std::string> enabled;               // platform ids, in the order given
    std::map<std::string, std::string> flag_values; // "--youtube-key" -> its value
    double duration = 0;
    for (int i = 0; i < arguments.size(); ++i) {
        const std::string a = arguments[i].toStdString();
        if (a == "--duration") {
            bool ok = false;
            if (i + 1 < arguments.size())
                duration = arguments[++i].toDouble(&ok);
            if (!ok || duration <= 0)
                return usage("--duration: expected a number of seconds");
            continue;
        }
        bool turns_on = false, takes_value = false;
        for (const auto& platform : platforms()) {
            if (platform.cli == a &&
                std::find(enabled.begin(), enabled.end(), platform.id) == enabled.end()) {
                enabled.push_back(platform.id);
                turns_on = true;
            }
            for (const auto& param : platform.params)
                takes_value = takes_value || param.cli == a;
        }
        if (!turns_on && !takes_value)
            return usage("unknown argument \"" + a + "\"");
        if (takes_value) {
            if (i + 1 >= arguments.size() || arguments[i + 1].startsWith(QLatin1String("--")))
                return usage(a + ": expected a value");
            flag_values[a] = arguments[++i].toStdString();
        }
    }
    if (enabled.empty()) {
        std::vector<std::string> flags;
        for (const auto& platform : platforms())
            flags.push_back(platform.cli);
        std::string list;
        for (std::size_t k = 0; k < flags.size(); ++k)
            list += (k == 0 ? "" : k + 1 == flags.size() ? " or " : ", ") + flags[k];
        return usage("name at least one chat: " + list);
    }
    // A setting's flag with none of its platforms on is a mistake, not something to ignore.
    for (const auto& [flag, value] : flag_values) {
        bool used = false;
        std::string owners;
        for (const auto& platform : platforms())
            for (const auto& param : platform.params)
                if (param.cli == flag) {
                    used = used ||
                           std::find(enabled.begin(), enabled.end(), platform.id) != enabled.end();
                    owners += (owners.empty() ? "" : " or ") + platform.cli;
                }
        if (!used && !owners.empty() && owners != flag)
            return usage(flag + " needs " + owners);
    }

    std::vector<chat::MakeConnector> makers;
    for (const auto& id : enabled) {
        const auto* platform = core::chat::find_platform(id);
        core::chat::ChatParams params;
        for (const auto& param : platform->params) {
            if (const auto it = flag_values.find(param.cli); it != flag_values.end())
                params[param.name] = it->second;
            // From the environment, a secret stays out of the process list (ps shows arguments).
            else if (!param.env.empty())
                if (const QString v = qEnvironmentVariable(param.env.c_str()); !v.isEmpty())
                    params[param.name] = v.toStdString();
        }
        std::string error;
        auto make = chat::prepare_connector(id, params, {default_demo_file()}, error);
        if (!make)
            return usage(error);
        makers.push_back(std::move(make));
    }

    auto sink = [](const core::chat::ChatEvent& event) {
        print_line(core::chat::to_json(event));
    };
    std::vector<std::unique_ptr<chat::Connector>> connectors;
    for (const auto& make : makers)
        connectors.emplace_back(make(sink));

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
