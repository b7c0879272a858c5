// stagehand-cli: Stagehand's features without OBS, for checking settings and for tests.
//   stagehand-cli chat ...   print a live chat as JSON lines (see chat_command.hpp)
#include "cli/chat_command.hpp"

#include <QCoreApplication>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (arguments.isEmpty() || arguments.first() != QLatin1String("chat")) {
        std::fprintf(stderr, "usage: stagehand-cli chat [options]   (stagehand-cli chat --help)\n");
        return 2;
    }
    arguments.removeFirst();
    try {
        return stagehand::cli::run_chat(arguments);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "stagehand-cli: %s\n", e.what());
        return 1;
    }
}
