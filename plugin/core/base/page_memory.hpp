#pragma once

#include <cstddef>
#include <memory>

namespace stagehand::core {

// Memory taken from the system in whole pages (mmap, VirtualAlloc) and handed back to it the
// moment it is freed, for a burst that must not stay in malloc's arenas: glibc keeps what a
// thread freed in that thread's arena, where the next small allocations land between the freed
// pages and keep them resident long after the burst (the question queue's file written whole
// serialises some 3 MB at once in a flood; its thread's arena then held 0.9 MiB free).
class PageFree {
public:
    PageFree() = default;
    explicit PageFree(std::size_t size)
        : size_(size) {}
    void operator()(char* pages) const noexcept;

private:
    std::size_t size_ = 0;
};
using PageBlock = std::unique_ptr<char[], PageFree>;

// `size` bytes (rounded up to whole pages by the system), zero-filled; throws std::bad_alloc
// when the system has none.
PageBlock allocate_pages(std::size_t size);

// The same without an owner, for an allocator that keeps its own books (tree-sitter's big blocks,
// core/highlight/tree_sitter_memory.hpp): nullptr when the system has none; unmap_pages takes the
// size map_pages was given.
void* map_pages(std::size_t size) noexcept;
void unmap_pages(void* pages, std::size_t size) noexcept;

} // namespace stagehand::core
