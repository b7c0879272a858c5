#pragma once

#include <array>
#include <chrono>
#include <cstdint>

namespace stagehand::core {

// How many events (chat messages) came in the last minute, counted per second: adding one is
// a constant step and asking reads 60 counters, however busy the chat. (A list of every
// message's time held 10,000 entries in a flood, walked by the dock twice a second under the
// lock the chat thread takes for each message.) The minute ends on a whole second: an event
// leaves the count between 59 and 60 seconds after it came. Not thread-safe.
class MinuteRate {
public:
    using Clock = std::chrono::steady_clock;

    void add(Clock::time_point now);
    std::uint64_t last_minute(Clock::time_point now) const;

private:
    static constexpr std::size_t kSeconds = 60;
    static std::int64_t second_of(Clock::time_point t);
    // counts_[s % 60] holds the events of second seconds_[s % 60].
    std::array<std::uint32_t, kSeconds> counts_{};
    std::array<std::int64_t, kSeconds> seconds_{};
};

} // namespace stagehand::core
