#pragma once

#include "control/code_sources.hpp"

#include <chrono>

namespace stagehand::ui {

// The system clipboard through Qt, which may only be read on the UI thread. Called there it
// reads at once; called from another thread (an obs-websocket request) it asks the UI thread
// and waits at most `wait`, so a busy or closing UI can delay a remote request but never hang it.
class QtClipboard final : public control::Clipboard {
public:
    explicit QtClipboard(std::chrono::milliseconds wait = std::chrono::milliseconds(1000))
        : wait_(wait) {}
    std::optional<std::string> text() override;

private:
    std::chrono::milliseconds wait_;
};

} // namespace stagehand::ui
