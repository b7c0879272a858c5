#include "core/base/cpu_cost.hpp"

#include "core/base/thread_name.hpp"

#include <atomic>
#include <ctime>

#if defined(_WIN32)
#include <windows.h>
#endif

namespace stagehand::core {

namespace {

std::array<std::atomic<std::int64_t>, kCostPlaces> g_ns{};
std::array<std::atomic<std::uint64_t>, kCostPlaces> g_calls{};

} // namespace

const char* cost_place_name(CostPlace place) noexcept {
    switch (place) {
    case CostPlace::draw:
        return "draw";
    case CostPlace::tick:
        return "tick";
    case CostPlace::dock:
        return "dock";
    case CostPlace::events:
        return "events";
    case CostPlace::requests:
        return "requests";
    }
    return "?";
}

std::int64_t thread_cpu_ns() noexcept {
#if defined(_WIN32)
    FILETIME created, ended, kernel, user;
    if (!GetThreadTimes(GetCurrentThread(), &created, &ended, &kernel, &user))
        return -1;
    const auto ticks = [](const FILETIME& t) {
        return (static_cast<std::int64_t>(t.dwHighDateTime) << 32) | t.dwLowDateTime;
    };
    return (ticks(kernel) + ticks(user)) * 100; // 100 ns units
#else
    timespec now{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) != 0)
        return -1;
    return static_cast<std::int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
#endif
}

namespace {

// Whether the call numbered `n` at a per-frame place is timed: one in kCostSampleEvery, picked by
// a multiplicative hash of the number rather than every eighth call, so that sources drawn in a
// fixed order each frame are all timed alike whatever their count.
bool timed(std::uint64_t n) noexcept {
    static_assert(kCostSampleEvery == 32, "the hash keeps the top five bits");
    return ((n * 0x9E3779B97F4A7C15ULL) >> 59) == 0;
}

} // namespace

CostMeter::CostMeter(CostPlace place) noexcept
    : place_(place)
    , start_(-1) {
    const auto i = static_cast<std::size_t>(place);
    if (cost_place_is_sampled(place)) {
        // Per frame, on OBS's threads all but always: the thread is asked only for the calls
        // timed (a thread-local read in a loaded module is a call of its own each time).
        const std::uint64_t n = g_calls[i].fetch_add(1, std::memory_order_relaxed);
        if (!timed(n) || this_thread_is_own())
            return;
    } else {
        if (this_thread_is_own())
            return; // measured whole, by the thread's name
        g_calls[i].fetch_add(1, std::memory_order_relaxed);
    }
    start_ = thread_cpu_ns();
}

CostMeter::~CostMeter() {
    if (start_ < 0)
        return;
    const std::int64_t end = thread_cpu_ns();
    if (end < start_)
        return;
    const std::int64_t scale = cost_place_is_sampled(place_) ? kCostSampleEvery : 1;
    g_ns[static_cast<std::size_t>(place_)].fetch_add((end - start_) * scale,
                                                     std::memory_order_relaxed);
}

bool cost_place_is_sampled(CostPlace place) noexcept {
    return place == CostPlace::draw || place == CostPlace::tick;
}

CostTotals cost_totals() noexcept {
    CostTotals totals;
    for (std::size_t i = 0; i < totals.ns.size(); ++i) {
        totals.ns[i] = g_ns[i].load(std::memory_order_relaxed);
        totals.calls[i] = g_calls[i].load(std::memory_order_relaxed);
    }
    return totals;
}

namespace {
std::atomic<std::int64_t> g_texture_bytes{0};
} // namespace

void add_texture_bytes(std::int64_t delta) noexcept {
    g_texture_bytes.fetch_add(delta, std::memory_order_relaxed);
}

std::int64_t texture_bytes() noexcept {
    return g_texture_bytes.load(std::memory_order_relaxed);
}

} // namespace stagehand::core
