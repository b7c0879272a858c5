#include "core/base/error_report.hpp"

#include <cstdio>

namespace stagehand::core {

bool RateLimiter::allow(const std::string& message, Clock::time_point now,
                        std::size_t& suppressed) {
    std::lock_guard lock(mutex_);
    // Forget messages not seen for a long time so the map cannot grow without bound.
    if (seen_.size() > 1024)
        std::erase_if(seen_,
                      [&](const auto& entry) { return now - entry.second.last > interval_; });
    auto [it, inserted] = seen_.try_emplace(message);
    if (!inserted && now - it->second.last < interval_) {
        ++it->second.suppressed;
        return false;
    }
    suppressed = inserted ? 0 : it->second.suppressed;
    it->second = Seen{now, 0};
    return true;
}

namespace {

struct Reporter {
    std::mutex mutex;
    ErrorSink sink;
    RateLimiter limiter;
};

Reporter& reporter() {
    static Reporter instance;
    return instance;
}

} // namespace

void set_error_sink(ErrorSink sink) {
    Reporter& r = reporter();
    std::lock_guard lock(r.mutex);
    r.sink = std::move(sink);
}

void report_error(const std::string& message) {
    Reporter& r = reporter();
    std::size_t suppressed = 0;
    if (!r.limiter.allow(message, RateLimiter::Clock::now(), suppressed))
        return;
    std::string line = message;
    if (suppressed > 0)
        line += " (" + std::to_string(suppressed) + " more times in the last minute)";
    ErrorSink sink;
    {
        std::lock_guard lock(r.mutex);
        sink = r.sink;
    }
    try {
        if (sink)
            sink(line);
        else
            std::fprintf(stderr, "stagehand: %s\n", line.c_str());
    } catch (...) {
        // A failing sink must not turn a reported error into a crash.
    }
}

} // namespace stagehand::core
