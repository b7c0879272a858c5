#include "core/base/published.hpp"

namespace stagehand::core {

namespace {

std::atomic<std::uint64_t> g_epoch{0};

} // namespace

std::uint64_t publish_epoch() {
    return g_epoch.load(std::memory_order_acquire);
}

void note_published() {
    g_epoch.fetch_add(1, std::memory_order_acq_rel);
}

} // namespace stagehand::core
