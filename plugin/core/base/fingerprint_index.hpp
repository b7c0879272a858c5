#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stagehand::core {

// A map from 64-bit fingerprints (fingerprint_of, recent_ids.hpp) to ints, open-addressed with
// linear probing: 12 bytes a slot, at most four fifths of the slots used, so 15 to 30 bytes an
// entry where a std::unordered_map node and its bucket take about 45. The question queue keeps
// three of these for a flood's thousands of questions; RecentIds keeps its keys alone (8 bytes a
// slot). Fingerprint 0 is stored as 1 (0 marks an empty slot). Not thread-safe.
class FingerprintIndex {
public:
    enum class Holds { keys_and_values, keys };
    explicit FingerprintIndex(Holds holds = Holds::keys_and_values)
        : values_wanted_(holds == Holds::keys_and_values) {}

    bool contains(std::uint64_t key) const;
    // The value stored for `key`, or nullptr (always, when it holds keys alone).
    const int* find(std::uint64_t key) const;
    // Stores `value` for `key`, replacing what was there.
    void assign(std::uint64_t key, int value);
    // Adds `key` with `value` and answers true; false (and nothing changes) when it is there.
    bool insert(std::uint64_t key, int value = 0);
    // Removes `key` if it is there.
    void erase(std::uint64_t key);
    // Forgets every entry; keeps the slots for as many again.
    void clear();
    std::size_t size() const { return count_; }
    // Bytes held (tests, cost figures).
    std::size_t memory() const;

private:
    static std::uint64_t stored(std::uint64_t key) { return key == 0 ? 1 : key; }
    std::size_t home(std::uint64_t key) const;
    // The slot holding `key` (true), or the empty slot where it would go (false).
    bool locate(std::uint64_t key, std::size_t& slot) const;
    void grow();

    std::vector<std::uint64_t> keys_; // 0: empty; a power of two in size
    std::vector<int> values_;         // empty when it holds keys alone
    std::size_t count_ = 0;
    bool values_wanted_;
};

} // namespace stagehand::core
