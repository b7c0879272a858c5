// stagehand-cli: Stagehand's features without OBS, for checking settings and for tests.
//   stagehand-cli chat ...     print a live chat as JSON lines (see chat_command.hpp)
//   stagehand-cli preset ...   check, list and describe presets (see preset_command.hpp)
//   stagehand-cli render ...   draw an overlay with a preset's look into a PNG (render_command.hpp)
#include "cli/chat_command.hpp"
#include "cli/preset_command.hpp"
#include "cli/render_command.hpp"

#include <QCoreApplication>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    const QString command = arguments.isEmpty() ? QString() : arguments.first();
    if (command != QLatin1String("chat") && command != QLatin1String("preset") &&
        command != QLatin1String("render")) {
        std::fprintf(stderr, "usage: stagehand-cli chat [options]\n"
                             "       stagehand-cli preset check FILE... | list | schema\n"
                             "       stagehand-cli render --preset FILE|NAME ... --out OUT.png\n");
        return 2;
    }
    arguments.removeFirst();
    try {
        if (command == QLatin1String("preset"))
            return stagehand::cli::run_preset(arguments);
        if (command == QLatin1String("render"))
            return stagehand::cli::run_render(arguments);
        return stagehand::cli::run_chat(arguments);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "stagehand-cli: %s\n", e.what());
        return 1;
    }
}
