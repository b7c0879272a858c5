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
    const std::uint64_t key = fingerprint_of(id);
    return key == 0 ? 1 : key; // 0 marks an empty slot
}

std::size_t RecentIds::home(std::uint64_t key) const {
    // The fingerprint's high bits mixed down: std::hash's low bits need not be spread well.
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & (table_.size() - 1);
}

bool RecentIds::find(std::uint64_t key, std::size_t& slot) const {
    if (table_.empty())
        return false;
    const std::size_t mask = table_.size() - 1;
    for (slot = home(key); table_[slot] != 0; slot = (slot + 1) & mask)
        if (table_[slot] == key)
            return true;
    return false;
}

bool RecentIds::contains(std::string_view id) const {
    std::size_t slot = 0;
    return find(key_of(id), slot);
}

void RecentIds::grow() {
    std::vector<std::uint64_t> old = std::move(table_);
    table_.assign(old.empty() ? 64 : old.size() * 2, 0);
    count_ = 0;
    for (const std::uint64_t key : old)
        if (key != 0)
            insert(key);
}

void RecentIds::insert(std::uint64_t key) {
    // At most four fifths full: linear probing still finds a key or a gap within a few slots
    // that share cache lines, and 50,000 ids fit 65,536 slots (512 KiB) instead of twice that.
    if ((count_ + 1) * 5 > table_.size() * 4)
        grow();
    const std::size_t mask = table_.size() - 1;
    std::size_t slot = home(key);
    while (table_[slot] != 0)
        slot = (slot + 1) & mask;
    table_[slot] = key;
    ++count_;
}

void RecentIds::erase(std::uint64_t key) {
    std::size_t hole = 0;
    if (!find(key, hole))
        return;
    // Backward shift: later keys of the probe run move into the hole where their home allows,
    // so lookups never need tombstones.
    const std::size_t mask = table_.size() - 1;
    table_[hole] = 0;
    for (std::size_t next = (hole + 1) & mask; table_[next] != 0; next = (next + 1) & mask) {
        const std::size_t want = home(table_[next]);
        // The key stays when its home lies cyclically in (hole, next].
        const bool stays =
            hole <= next ? (want > hole && want <= next) : (want > hole || want <= next);
        if (!stays) {
            table_[hole] = table_[next];
            table_[next] = 0;
            hole = next;
        }
    }
    --count_;
}

bool RecentIds::add(std::string_view id) {
    const std::uint64_t key = key_of(id);
    std::size_t slot = 0;
    if (find(key, slot))
        return false;
    if (ring_.size() < capacity_) {
        // Doubling, but never past the capacity (a vector's own growth would hold 65,536 slots
        // for 50,000 ids).
        if (ring_.size() == ring_.capacity())
            ring_.reserve(std::min(capacity_, std::max<std::size_t>(64, ring_.capacity() * 2)));
        ring_.push_back(key);
    } else {
        erase(ring_[next_]);
        ring_[next_] = key;
        next_ = (next_ + 1) % capacity_;
    }
    insert(key);
    return true;
}

void RecentIds::clear() {
    ring_.clear();
    ring_.shrink_to_fit();
    table_.clear();
    table_.shrink_to_fit();
    next_ = 0;
    count_ = 0;
}

std::size_t RecentIds::memory() const {
    return (ring_.capacity() + table_.capacity()) * sizeof(std::uint64_t);
}

} // namespace stagehand::core
