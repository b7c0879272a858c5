#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace stagehand::core {

// Lets a message through at most once per `interval`, per distinct text: a failure that repeats
// every frame or every poll must not flood OBS's log, but a new failure must still be seen.
class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    explicit RateLimiter(Clock::duration interval = std::chrono::minutes(1))
        : interval_(interval) {}

    // True when `message` was not let through within the last interval (as of `now`). Returns
    // how many copies were held back since the last time it passed in `suppressed`.
    bool allow(const std::string& message, Clock::time_point now, std::size_t& suppressed);

private:
    struct Seen {
        Clock::time_point last;
        std::size_t suppressed = 0;
    };
    Clock::duration interval_;
    std::mutex mutex_;
    std::unordered_map<std::string, Seen> seen_;
};

// Where core code reports failures it caught on its own threads (a worker job that threw, a
// watcher that failed): the plugin routes them to OBS's log, tests capture them. Rate-limited:
// once per message per minute. Without a sink they go to stderr.
using ErrorSink = std::function<void(const std::string& message)>;
void set_error_sink(ErrorSink sink);
void report_error(const std::string& message);

// Runs `body` and returns what it returns; an exception is reported instead of escaping, and
// `fallback` is returned: for every C callback, where an escaping exception would unwind through
// libobs or terminate OBS.
template <typename Result, typename Body>
Result guarded(const char* what, Result fallback, Body&& body) noexcept {
    try {
        return body();
    } catch (const std::exception& e) {
        report_error(std::string(what) + " failed: " + e.what());
    } catch (...) {
        report_error(std::string(what) + " failed with an unknown exception");
    }
    return fallback;
}

// The same for work that returns nothing: the top of every thread, every event handler.
template <typename Body>
void run_guarded(const char* what, Body&& body) noexcept {
    guarded<int>(what, 0, [&] {
        body();
        return 0;
    });
}

// Wraps the body of a Qt slot (or any callback whose caller must not see an exception: Qt does
// not support one leaving a slot, it unwinds through the event loop and ends OBS). The callable
// passes its arguments to the body when the body takes them, and calls it with none otherwise.
template <typename Body>
auto guarded_slot(const char* what, Body body) {
    return [what, body = std::move(body)](auto&&... args) mutable noexcept {
        run_guarded(what, [&] {
            if constexpr (std::is_invocable_v<Body&, decltype(args)...>)
                body(std::forward<decltype(args)>(args)...);
            else
                body();
        });
    };
}

} // namespace stagehand::core
