#include "core/highlight/highlighter.hpp"
#include "core/highlight/languages.hpp"
#include "core/highlight/tree_sitter_memory.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace stagehand::core::highlight;

namespace {

// Python's queries use #match? predicates, so threads sharing them share regular expressions.
const std::string kPython =
    "import os\n\nclass Greeter:\n    MAX = 3\n\n    def hello(self, name):\n"
    "        # say hello\n        return f\"hi {name}\" * Greeter.MAX\n";

} // namespace

TEST(HighlightSharing, HighlightersOnManyThreadsCompileAGrammarOnce) {
    const LanguageInfo& python = *find_language("python");
    Highlighter reference;
    const HighlightResult expected = reference.highlight(python, kPython);
    ASSERT_TRUE(expected.error.empty()) << expected.error;
    ASSERT_FALSE(expected.tokens.empty());
    const std::size_t before = Highlighter::queries_compiled();

    constexpr int kThreads = 4;
    std::vector<HighlightResult> results(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            Highlighter own; // each thread its own parsers, as each draw worker has
            for (int round = 0; round < 20; ++round)
                results[t] = own.highlight(python, kPython);
        });
    for (std::thread& t : threads)
        t.join();

    EXPECT_EQ(Highlighter::queries_compiled(), before) << "the reference's queries were reused";
    for (const HighlightResult& r : results)
        EXPECT_EQ(r.tokens, expected.tokens);
}

TEST(HighlightSharing, AGrammarNoHighlighterUsesIsFreedAndCompiledAgainWhenNeeded) {
    const LanguageInfo& rust = *find_language("rust");
    const std::string source = "fn main() { let x: u32 = 1; }\n";
    std::size_t first = 0;
    {
        Highlighter a;
        a.highlight(rust, source);
        first = Highlighter::queries_compiled();
        Highlighter b;
        b.highlight(rust, source);
        EXPECT_EQ(Highlighter::queries_compiled(), first) << "shared while a holds them";
    }
    Highlighter c;
    EXPECT_FALSE(c.highlight(rust, source).tokens.empty());
    EXPECT_EQ(Highlighter::queries_compiled(), first + 1) << "freed with the last highlighter";
}

#if defined(__linux__)

TEST(TreeSitterMemory, CompilingAQueryMapsItsScratchTableAndGivesItBack) {
    // C#'s predecessor table is megabytes: made as a mapping of its own, unmapped when the
    // compile ends, so no thread's malloc arena keeps it.
    const MappedBlocks before = mapped_blocks();
    {
        Highlighter h;
        ASSERT_FALSE(
            h.highlight(*find_language("csharp"), "class A { int x = 1; }\n").tokens.empty());
    }
    const MappedBlocks after = mapped_blocks();
    EXPECT_GT(after.made, before.made);
    EXPECT_EQ(after.live, before.live);
    EXPECT_EQ(after.live_bytes, before.live_bytes);
}

TEST(TreeSitterMemory, BigBlocksAreZeroedPageMappingsThatKeepTheirBytesWhenResized) {
    use_mapped_blocks_for_tree_sitter();
    const MappedBlocks before = mapped_blocks();

    auto* big = static_cast<std::uint8_t*>(detail::block_calloc(kMappedBlock / 4, 4));
    ASSERT_NE(big, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(big) % 4096, 0u);
    EXPECT_EQ(mapped_blocks().live, before.live + 1);
    for (std::size_t i = 0; i < kMappedBlock; i += 997)
        ASSERT_EQ(big[i], 0) << i;
    for (std::size_t i = 0; i < kMappedBlock; ++i)
        big[i] = static_cast<std::uint8_t>(i * 7);

    // Grown: same bytes, still one mapping.
    big = static_cast<std::uint8_t*>(detail::block_realloc(big, 3 * kMappedBlock));
    EXPECT_EQ(mapped_blocks().live, before.live + 1);
    for (std::size_t i = 0; i < kMappedBlock; ++i)
        ASSERT_EQ(big[i], static_cast<std::uint8_t>(i * 7)) << i;

    // Shrunk below the threshold: back to malloc, the first bytes kept, the mapping gone.
    auto* small = static_cast<std::uint8_t*>(detail::block_realloc(big, 1000));
    EXPECT_EQ(mapped_blocks().live, before.live);
    for (std::size_t i = 0; i < 1000; ++i)
        ASSERT_EQ(small[i], static_cast<std::uint8_t>(i * 7)) << i;

    // A malloc block grown past it becomes a mapping with its bytes.
    auto* again = static_cast<std::uint8_t*>(detail::block_realloc(small, 2 * kMappedBlock));
    EXPECT_EQ(mapped_blocks().live, before.live + 1);
    for (std::size_t i = 0; i < 1000; ++i)
        ASSERT_EQ(again[i], static_cast<std::uint8_t>(i * 7)) << i;
    detail::block_free(again);

    // Small blocks never are; freeing either kind leaves nothing mapped.
    void* tiny = detail::block_malloc(64);
    std::memset(tiny, 1, 64);
    EXPECT_EQ(mapped_blocks().live, before.live);
    detail::block_free(tiny);
    detail::block_free(nullptr);
    const MappedBlocks after = mapped_blocks();
    EXPECT_EQ(after.live, before.live);
    EXPECT_EQ(after.live_bytes, before.live_bytes);
    EXPECT_EQ(after.made, before.made + 2);
}

#endif
