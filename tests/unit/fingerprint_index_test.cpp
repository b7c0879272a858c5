#include "core/base/fingerprint_index.hpp"

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

using stagehand::core::FingerprintIndex;

TEST(FingerprintIndex, AgreesWithAnUnorderedMapThroughInsertsAssignsAndErases) {
    FingerprintIndex index;
    std::unordered_map<std::uint64_t, int> expected;
    std::mt19937_64 random(7);
    // Few distinct keys, many operations: long probe runs, erases in their middle, regrowth.
    // Key 0 is among them (stored as 1 inside, which the even keys leave out).
    for (int step = 0; step < 200000; ++step) {
        const std::uint64_t key = random() % 3000 * 2;
        const int value = static_cast<int>(random() % 1000);
        switch (random() % 4) {
        case 0:
            index.assign(key, value);
            expected[key] = value;
            break;
        case 1:
            ASSERT_EQ(index.insert(key, value), expected.emplace(key, value).second) << step;
            break;
        case 2:
            index.erase(key);
            expected.erase(key);
            break;
        default: {
            const int* found = index.find(key);
            const auto it = expected.find(key);
            ASSERT_EQ(found != nullptr, it != expected.end()) << "key " << key << ", step " << step;
            if (found) {
                ASSERT_EQ(*found, it->second) << "key " << key << ", step " << step;
            }
        }
        }
        ASSERT_EQ(index.size(), expected.size()) << step;
    }
    for (const auto& [key, value] : expected) {
        ASSERT_TRUE(index.contains(key)) << key;
        EXPECT_EQ(*index.find(key), value) << key;
    }
    index.clear();
    EXPECT_EQ(index.size(), 0u);
    EXPECT_FALSE(index.contains(expected.begin()->first));
}

TEST(FingerprintIndex, HoldsAtMostThirtyBytesAnEntryAndKeysAloneEight) {
    FingerprintIndex values;
    FingerprintIndex keys(FingerprintIndex::Holds::keys);
    std::mt19937_64 random(11);
    for (int i = 0; i < 10000; ++i) {
        const std::uint64_t key = random();
        values.assign(key, i);
        keys.insert(key);
    }
    // A std::unordered_map<uint64_t, int> took about 45 bytes an entry (node and bucket).
    EXPECT_LE(values.memory(), 10000u * 30);
    EXPECT_EQ(keys.memory() * 3, values.memory() * 2) << "no values kept for keys alone";
    EXPECT_EQ(keys.find(1), nullptr);
    EXPECT_EQ(values.size(), 10000u);
}
