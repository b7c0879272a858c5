#pragma once

#include "core/base/error_report.hpp"

#include <type_traits>
#include <utility>

namespace stagehand::control {

// For the UI layer, which sees control, not core. Qt does not support an exception that leaves a
// slot or an event handler: it unwinds through the event loop and ends OBS. Every way into the
// dock from Qt (a button, a timer, an event filter, a queued call) goes through one of these, so
// a failure in it is written to OBS's log (once a minute per message) and the dock goes on.

// Wraps a slot for QObject::connect. The slot gets the signal's arguments if it takes them, and
// none otherwise.
template <typename Body>
auto guarded_slot(const char* what, Body body) {
    return [what, body = std::move(body)](auto&&... args) mutable noexcept {
        core::run_guarded(what, [&] {
            if constexpr (std::is_invocable_v<Body&, decltype(args)...>)
                body(std::forward<decltype(args)>(args)...);
            else
                body();
        });
    };
}

// Runs `body` in place (an event handler's work): a failure is logged and goes no further.
template <typename Body>
void run_guarded(const char* what, Body&& body) noexcept {
    core::run_guarded(what, std::forward<Body>(body));
}

} // namespace stagehand::control
