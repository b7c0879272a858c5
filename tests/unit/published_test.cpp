#include "core/base/published.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

using stagehand::core::Published;

TEST(Published, StartsEmptyAtRevisionZero) {
    Published<int> p;
    auto s = p.snapshot();
    EXPECT_EQ(s.value, nullptr);
    EXPECT_EQ(s.revision, 0u);
}

TEST(Published, EachPublishBumpsTheRevision) {
    Published<int> p;
    p.publish(std::make_shared<const int>(1));
    p.publish(std::make_shared<const int>(2));
    auto s = p.snapshot();
    ASSERT_NE(s.value, nullptr);
    EXPECT_EQ(*s.value, 2);
    EXPECT_EQ(s.revision, 2u);
}

TEST(Published, ASnapshotStaysValidAfterANewerPublish) {
    Published<std::vector<int>> p;
    p.publish(std::make_shared<const std::vector<int>>(3, 7));
    auto old = p.snapshot();
    p.publish(std::make_shared<const std::vector<int>>(1, 9));
    EXPECT_EQ(old.value->size(), 3u);
    EXPECT_EQ(p.snapshot().value->size(), 1u);
}

TEST(Published, ReaderSeesMonotonicRevisionsWhileAWriterPublishes) {
    Published<int> p;
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int i = 1; i <= 5000; ++i)
            p.publish(std::make_shared<const int>(i));
        done = true;
    });
    std::uint64_t last = 0;
    bool monotonic = true, consistent = true;
    while (!done) {
        auto s = p.snapshot();
        monotonic = monotonic && s.revision >= last;
        // Each publish of value i is revision i: a torn pair would break this.
        consistent = consistent && (!s.value || static_cast<std::uint64_t>(*s.value) == s.revision);
        last = s.revision;
    }
    writer.join();
    EXPECT_TRUE(monotonic);
    EXPECT_TRUE(consistent);
    EXPECT_EQ(p.revision(), 5000u);
}

// The one number a drawing thread reads each frame: any publish anywhere moves it, and a reader
// that sees it move finds the new value (the epoch moves after the value is in place).
TEST(Published, ThePublishEpochMovesAfterTheValueIsInPlace) {
    Published<int> a;
    Published<int> b;
    const std::uint64_t start = stagehand::core::publish_epoch();
    a.publish(std::make_shared<const int>(1));
    EXPECT_GT(stagehand::core::publish_epoch(), start);
    const std::uint64_t after_a = stagehand::core::publish_epoch();
    b.publish(std::make_shared<const int>(2));
    EXPECT_GT(stagehand::core::publish_epoch(), after_a) << "another value's publish counts too";

    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int i = 1; i <= 5000; ++i)
            a.publish(std::make_shared<const int>(i));
        done = true;
    });
    // Whenever the epoch has moved past what was seen, the value read after it is at least as
    // new as the revision read before it.
    bool in_order = true;
    std::uint64_t seen = stagehand::core::publish_epoch();
    while (!done) {
        const std::uint64_t revision = a.revision();
        const std::uint64_t epoch = stagehand::core::publish_epoch();
        if (epoch == seen)
            continue;
        seen = epoch;
        const auto s = a.snapshot();
        in_order = in_order && s.revision >= revision;
    }
    writer.join();
    EXPECT_TRUE(in_order);
    EXPECT_EQ(a.revision(), 5001u);
}
