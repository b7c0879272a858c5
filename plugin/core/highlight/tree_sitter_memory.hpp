#pragma once

#include <cstddef>

// Where tree-sitter's memory comes from.
//
// Compiling a query allocates a scratch table of every parse state's predecessors (1.4 MiB for
// Python, 4 MiB for C#) and frees it at once. glibc serves such a block from the calling thread's
// malloc arena once a freed mapping has raised its mmap threshold (any big free in OBS does), and
// a thread's arena gives the top of its heap back only when that top is twice the threshold;
// malloc_trim trims every arena but that top. So each draw worker that compiled a grammar kept
// the table's megabytes resident, unused, for as long as OBS ran.
namespace stagehand::core::highlight {

// Makes tree-sitter take blocks of kMappedBlock bytes and more as page mappings of their own,
// unmapped when freed (grown with mremap), and everything smaller from malloc as before. Safe to
// call from any thread, any number of times, at any moment: a block malloc gave before stays
// malloc's. Linux only; elsewhere it changes nothing and returns false.
bool use_mapped_blocks_for_tree_sitter() noexcept;

// The mapped blocks so far (tests, cost figures): how many were ever made, how many are mapped now
// and their bytes.
struct MappedBlocks {
    std::size_t made = 0;
    std::size_t live = 0;
    std::size_t live_bytes = 0;
};
MappedBlocks mapped_blocks() noexcept;

inline constexpr std::size_t kMappedBlock = 256 * 1024;

namespace detail {
// The allocator use_mapped_blocks_for_tree_sitter() installs, for its tests. Like tree-sitter's
// own, they abort with a message where memory runs out (tree-sitter cannot go on without it).
void* block_malloc(std::size_t size) noexcept;
void* block_calloc(std::size_t count, std::size_t size) noexcept;
void* block_realloc(void* block, std::size_t size) noexcept;
void block_free(void* block) noexcept;
} // namespace detail

} // namespace stagehand::core::highlight
