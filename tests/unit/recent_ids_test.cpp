#include "core/base/recent_ids.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <random>
#include <set>
#include <string>

using stagehand::core::RecentIds;

TEST(RecentIds, ANewIdIsTakenOnceAndTheOldestIsForgottenPastTheCapacity) {
    RecentIds ids(3);
    EXPECT_TRUE(ids.add("a"));
    EXPECT_FALSE(ids.add("a"));
    EXPECT_TRUE(ids.add("b"));
    EXPECT_TRUE(ids.add("c"));
    EXPECT_EQ(ids.size(), 3u);
    EXPECT_TRUE(ids.add("d")); // "a" goes
    EXPECT_EQ(ids.size(), 3u);
    EXPECT_FALSE(ids.contains("a"));
    EXPECT_TRUE(ids.contains("b"));
    EXPECT_TRUE(ids.add("a")); // new again, and "b" goes
    EXPECT_FALSE(ids.contains("b"));
    EXPECT_FALSE(ids.add("d"));
    ids.clear();
    EXPECT_EQ(ids.size(), 0u);
    EXPECT_TRUE(ids.add("d"));
}

TEST(RecentIds, AgreesWithASetAndAQueueOfTheStringsOverALongFlood) {
    // Replays of recent and older ids mixed into new ones, through many evictions and table
    // growths: every answer must be what the strings would have said.
    constexpr std::size_t kCapacity = 5000;
    RecentIds ids(kCapacity);
    std::set<std::string> seen;
    std::deque<std::string> order;
    std::mt19937 random(20261205);
    int next = 0;
    for (int i = 0; i < 200000; ++i) {
        std::string id;
        const int roll = static_cast<int>(random() % 10);
        if (roll < 7 || next < 10)
            id = "9f1c" + std::to_string(next++) + "-4d2c-4f1a-9b3e-5a6b7c8d9e0f";
        else // an id from the last ~2 capacities, remembered or already forgotten
            id = "9f1c" + std::to_string(next - 1 - static_cast<int>(random() % (2 * kCapacity))) +
                 "-4d2c-4f1a-9b3e-5a6b7c8d9e0f";
        const bool expected = seen.insert(id).second;
        if (expected) {
            order.push_back(id);
            if (order.size() > kCapacity) {
                seen.erase(order.front());
                order.pop_front();
            }
        }
        ASSERT_EQ(ids.add(id), expected) << "message " << i << ": " << id;
        ASSERT_EQ(ids.size(), seen.size());
    }
    for (const std::string& id : order)
        EXPECT_TRUE(ids.contains(id)) << id;
}

TEST(RecentIds, HoldsAtMostTwentyBytesAnIdWhereStringsTookHundreds) {
    RecentIds ids(50000);
    EXPECT_EQ(ids.memory(), 0u) << "nothing held before the first message";
    for (int i = 0; i < 50000; ++i)
        ids.add("9f1c" + std::to_string(i) + "-4d2c-4f1a-9b3e-5a6b7c8d9e0f");
    // The ring holds exactly the capacity and the table 65,536 slots, not a vector's doubling
    // past them (1.5 MiB).
    EXPECT_LE(ids.memory(), 50000u * 20);
    for (int i = 0; i < 50000; ++i)
        ASSERT_TRUE(ids.contains("9f1c" + std::to_string(i) + "-4d2c-4f1a-9b3e-5a6b7c8d9e0f"));
}
