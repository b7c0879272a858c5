#include "core/base/minute_rate.hpp"

namespace stagehand::core {

std::int64_t MinuteRate::second_of(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

void MinuteRate::add(Clock::time_point now) {
    const std::int64_t second = second_of(now);
    constexpr auto n = static_cast<std::int64_t>(kSeconds);
    const auto slot = static_cast<std::size_t>(((second % n) + n) % n);
    if (seconds_[slot] != second) {
        seconds_[slot] = second; // a minute or more ago: starts again
        counts_[slot] = 0;
    }
    if (counts_[slot] != UINT32_MAX)
        ++counts_[slot];
}

std::uint64_t MinuteRate::last_minute(Clock::time_point now) const {
    const std::int64_t second = second_of(now);
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < kSeconds; ++i)
        if (seconds_[i] > second - static_cast<std::int64_t>(kSeconds) && seconds_[i] <= second)
            total += counts_[i];
    return total;
}

} // namespace stagehand::core
