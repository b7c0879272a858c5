#include "core/base/recent_ids.hpp"

#include <algorithm>
#include <functional>

namespace stagehand::core {

static_assert(sizeof(std::size_t) == 8, "fingerprints are 64-bit hashes");

std::uint64_t fingerprint_of(std::string_view text) noexcept {
    return std::hash<std::string_view>{}(text);
}

RecentIds::RecentIds(std::size_t capacity)
    : capacity_(capacity == 0 ? 1 : capacity) {}

std::uint64_t RecentIds::key_of(std::string_view id) {
    return fingerprint_of(id);
}

bool RecentIds::contains(std::string_view id) const {
    return table_.contains(key_of(id));
}

bool RecentIds::add(std::string_view id) {
    const std::uint64_t key = key_of(id);
    if (table_.contains(key))
        return false;
    if (ring_.size() < capacity_) {
        // Doubling, but never past the capacity (a vector's own growth would hold 65,536 slots
        // for 50,000 ids).
        if (ring_.size() == ring_.capacity())
            ring_.reserve(std::min(capacity_, std::max<std::size_t>(64, ring_.capacity() * 2)));
        ring_.push_back(key);
    } else {
        table_.erase(ring_[next_]);
        ring_[next_] = key;
        next_ = (next_ + 1) % capacity_;
    }
    table_.insert(key);
    return true;
}

void RecentIds::clear() {
    ring_.clear();
    ring_.shrink_to_fit();
    table_ = FingerprintIndex(FingerprintIndex::Holds::keys);
    next_ = 0;
}

std::size_t RecentIds::memory() const {
    return ring_.capacity() * sizeof(std::uint64_t) + table_.memory();
}

} // namespace stagehand::core
