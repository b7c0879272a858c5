#include "core/base/fingerprint_index.hpp"

#include <algorithm>
#include <utility>

namespace stagehand::core {

std::size_t FingerprintIndex::home(std::uint64_t key) const {
    // The fingerprint's high bits mixed down: std::hash's low bits need not be spread well.
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & (keys_.size() - 1);
}

bool FingerprintIndex::locate(std::uint64_t key, std::size_t& slot) const {
    const std::size_t mask = keys_.size() - 1;
    for (slot = home(key); keys_[slot] != 0; slot = (slot + 1) & mask)
        if (keys_[slot] == key)
            return true;
    return false;
}

bool FingerprintIndex::contains(std::uint64_t key) const {
    std::size_t slot = 0;
    return !keys_.empty() && locate(stored(key), slot);
}

const int* FingerprintIndex::find(std::uint64_t key) const {
    std::size_t slot = 0;
    if (keys_.empty() || values_.empty() || !locate(stored(key), slot))
        return nullptr;
    return &values_[slot];
}

void FingerprintIndex::grow() {
    std::vector<std::uint64_t> keys = std::move(keys_);
    std::vector<int> values = std::move(values_);
    keys_.assign(keys.empty() ? 64 : keys.size() * 2, 0);
    if (values_wanted_)
        values_.assign(keys_.size(), 0);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] != 0) {
            std::size_t slot = 0;
            locate(keys[i], slot);
            keys_[slot] = keys[i];
            if (values_wanted_)
                values_[slot] = values[i];
        }
}

bool FingerprintIndex::insert(std::uint64_t key, int value) {
    key = stored(key);
    std::size_t slot = 0;
    if (!keys_.empty() && locate(key, slot))
        return false;
    // At most four fifths full: linear probing still ends within a few slots that share cache
    // lines.
    if ((count_ + 1) * 5 > keys_.size() * 4) {
        grow();
        locate(key, slot);
    }
    keys_[slot] = key;
    if (values_wanted_)
        values_[slot] = value;
    ++count_;
    return true;
}

void FingerprintIndex::assign(std::uint64_t key, int value) {
    std::size_t slot = 0;
    if (!keys_.empty() && locate(stored(key), slot)) {
        if (values_wanted_)
            values_[slot] = value;
    } else {
        insert(key, value);
    }
}

void FingerprintIndex::erase(std::uint64_t key) {
    std::size_t hole = 0;
    if (keys_.empty() || !locate(stored(key), hole))
        return;
    // Backward shift: later keys of the probe run move into the hole where their home allows,
    // so lookups never need tombstones.
    const std::size_t mask = keys_.size() - 1;
    keys_[hole] = 0;
    for (std::size_t next = (hole + 1) & mask; keys_[next] != 0; next = (next + 1) & mask) {
        const std::size_t want = home(keys_[next]);
        // The key stays when its home lies cyclically in (hole, next].
        const bool stays =
            hole <= next ? (want > hole && want <= next) : (want > hole || want <= next);
        if (!stays) {
            keys_[hole] = keys_[next];
            if (values_wanted_)
                values_[hole] = values_[next];
            keys_[next] = 0;
            hole = next;
        }
    }
    --count_;
}

void FingerprintIndex::clear() {
    std::fill(keys_.begin(), keys_.end(), 0);
    count_ = 0;
}

std::size_t FingerprintIndex::memory() const {
    return keys_.capacity() * sizeof(std::uint64_t) + values_.capacity() * sizeof(int);
}

} // namespace stagehand::core
