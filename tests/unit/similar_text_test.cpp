// When two questions say the same thing: the near-duplicate check against a plain edit distance.
#include "core/questions/question_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

using namespace stagehand::core::questions;

namespace {

// Plain Levenshtein over every cell: the reference for the bit-parallel one in the queue.
std::size_t levenshtein(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j)
            d[i][j] = std::min(
                {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
    return d[a.size()][b.size()];
}

} // namespace

// Near-identical is a typo or two per ten letters: checked against the full distance on
// random edits of long questions.
TEST(QuestionQueue, NearIdenticalAgreesWithTheFullEditDistance) {
    std::uint32_t seed = 12345;
    const auto next = [&] {
        return seed = seed * 1664525u + 1013904223u;
    };
    int near = 0, far = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string a;
        // Up to 400 bytes: the comparison works on words of 64 (one to seven of them), and
        // a tenth of the length apart is near, so long texts get as many edits.
        const std::size_t length = 16 + next() % 385;
        for (std::size_t i = 0; i < length; ++i)
            a += static_cast<char>('a' + next() % 4);
        std::string b = a;
        for (std::size_t edits = next() % (length / 6 + 3); edits > 0; --edits) {
            const std::size_t at = next() % (b.size() + 1);
            switch (next() % 3) {
            case 0:
                b.insert(at, 1, static_cast<char>('a' + next() % 4));
                break;
            case 1:
                if (at < b.size())
                    b.erase(at, 1);
                break;
            default:
                if (at < b.size())
                    b[at] = static_cast<char>('a' + next() % 4);
            }
        }
        b.resize(std::min<std::size_t>(b.size(), 400)); // longer ones only match exactly
        const std::size_t longer = std::max(a.size(), b.size());
        const bool expected = a == b || levenshtein(a, b) <= longer / 10;
        ASSERT_EQ(near_identical(a, b), expected) << a << " / " << b;
        ASSERT_EQ(near_identical(b, a), expected) << b << " / " << a; // either text the key
        (expected ? near : far) += 1;
    }
    EXPECT_GT(near, 300);
    EXPECT_GT(far, 300);
}
