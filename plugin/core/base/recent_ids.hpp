#pragma once

#include "core/base/fingerprint_index.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace stagehand::core {

// A fingerprint of an id or a text for lookups: 64 bits, so two different strings share one with
// odds of about one in 2^64 per pair. Where a false match would act on the wrong question, the
// question queue checks the question it found.
std::uint64_t fingerprint_of(std::string_view text) noexcept;

// The ids of the last `capacity` chat messages, so that a message seen before (platforms send
// recent messages again after a reconnect; YouTube's pages overlap) is not taken twice. Kept as
// fingerprints: 8 bytes in a ring and 10-20 in an open-addressed table per id, where a set and
// a queue of strings took some 200 bytes for a Twitch message id (a UUID), 10 MiB for the 50,000
// a flood fills them with. Two ids with one fingerprint (about 2^-64 per pair) would make the
// second look like a replay. Grows with use up to `capacity`; not thread-safe.
class RecentIds {
public:
    explicit RecentIds(std::size_t capacity);

    // Remembers `id` and answers true when it is new, forgetting the oldest past the capacity;
    // false (and nothing changes) when it is among those remembered.
    bool add(std::string_view id);
    bool contains(std::string_view id) const;
    std::size_t size() const { return table_.size(); }
    std::size_t capacity() const { return capacity_; }
    void clear();
    // Bytes held (tests, cost figures).
    std::size_t memory() const;

private:
    static std::uint64_t key_of(std::string_view id);

    std::size_t capacity_;
    std::vector<std::uint64_t> ring_; // in arrival order; once full, the oldest is at next_
    std::size_t next_ = 0;
    FingerprintIndex table_{FingerprintIndex::Holds::keys};
};

} // namespace stagehand::core
