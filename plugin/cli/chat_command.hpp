#pragma once

#include <QStringList>

namespace stagehand::cli {

// `stagehand-cli chat ...`: connects to the chats named on the command line and prints every
// event as one JSON object a line on stdout. Returns the exit code: 0 after --duration (or when
// every chat ended), 2 for bad arguments (with a usage line on stderr), 1 when no chat could be
// connected at all. Runs the Qt event loop of the running QCoreApplication.
int run_chat(const QStringList& arguments);

} // namespace stagehand::cli
