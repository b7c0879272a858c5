#pragma once

#include "chat/connector.hpp"
#include "core/chat/platform.hpp"

#include <QString>

#include <functional>
#include <string>

namespace stagehand::chat {

// What a connector may need that is not one of its settings.
struct ConnectorContext {
    QString demo_file; // the demo chat's script when the settings name none
};

// Makes a checked connector on the thread it will live on (the chat thread in OBS).
using MakeConnector = std::function<Connector*(ChatSink)>;

// Checks `params` (already checked against the platform's description) the way the platform's
// connector needs, and returns how to make it; an empty function and `error` when they do not
// do. Each platform registers its connector in connectors.cpp, one line each.
MakeConnector prepare_connector(const std::string& platform, const core::chat::ChatParams& params,
                                const ConnectorContext& context, std::string& error);

} // namespace stagehand::chat
