#pragma once

// What the chat tests share: waiting on Qt's event loop, and collecting what a connector
// delivers.
#include "chat/connector.hpp"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <cstddef>
#include <variant>
#include <vector>

namespace stagehand::testing {

template <typename Predicate>
bool wait_until(Predicate done, int timeout_ms = 5000) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeout_ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(1);
    }
    return true;
}

inline void pump(int ms) {
    wait_until([] { return false; }, ms);
}

// What a connector delivered, in order.
struct Collector {
    std::vector<core::chat::ChatEvent> events;
    chat::ChatSink sink() {
        return [this](const core::chat::ChatEvent& e) {
            events.push_back(e);
        };
    }
    std::vector<core::chat::ChatMessage> messages() const {
        std::vector<core::chat::ChatMessage> out;
        for (const auto& e : events)
            if (const auto* m = std::get_if<core::chat::ChatMessage>(&e))
                out.push_back(*m);
        return out;
    }
    std::vector<core::chat::ChatStatus> statuses() const {
        std::vector<core::chat::ChatStatus> out;
        for (const auto& e : events)
            if (const auto* s = std::get_if<core::chat::ChatStatus>(&e))
                out.push_back(*s);
        return out;
    }
    bool has_state(core::chat::ConnectionState state) const {
        for (const auto& s : statuses())
            if (s.state == state)
                return true;
        return false;
    }
    template <typename T>
    std::size_t count() const {
        std::size_t n = 0;
        for (const auto& e : events)
            n += std::holds_alternative<T>(e) ? 1 : 0;
        return n;
    }
};

} // namespace stagehand::testing
