#include "core/highlight/tree_sitter_memory.hpp"

#include "core/base/page_memory.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>

#if defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace stagehand::core::highlight {

#if defined(__linux__)

namespace {

struct Registry {
    std::mutex mutex;
    std::unordered_map<void*, std::size_t> blocks; // start -> mapped length
    std::size_t made = 0;
    std::size_t live_bytes = 0;
};

// Never destroyed: tree-sitter objects owned by statics and thread-locals may be freed during
// exit, after a static registry would be gone.
Registry& registry() {
    static Registry* r = new Registry;
    return *r;
}

std::size_t page_size() {
    static const std::size_t size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    return size;
}

std::size_t round_to_pages(std::size_t size) {
    const std::size_t page = page_size();
    return (size + page - 1) / page * page;
}

[[noreturn]] void out_of_memory(std::size_t size) {
    std::fprintf(stderr, "stagehand: tree-sitter could not get %zu bytes\n", size);
    std::abort();
}

// The mapped length of `block` when it is one of ours, else 0. Malloc's pointers are rarely
// page-aligned, so most frees skip the lock.
std::size_t mapped_length(void* block) {
    if (!block || (reinterpret_cast<std::uintptr_t>(block) & (page_size() - 1)) != 0)
        return 0;
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    const auto it = r.blocks.find(block);
    return it == r.blocks.end() ? 0 : it->second;
}

void* map_block(std::size_t size) {
    const std::size_t length = round_to_pages(size);
    void* block = map_pages(length);
    if (!block)
        out_of_memory(size);
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    r.blocks.emplace(block, length);
    ++r.made;
    r.live_bytes += length;
    return block;
}

void unmap_block(void* block, std::size_t length) {
    {
        Registry& r = registry();
        std::lock_guard lock(r.mutex);
        r.blocks.erase(block);
        r.live_bytes -= length;
    }
    unmap_pages(block, length);
}

} // namespace

namespace detail {

void* block_malloc(std::size_t size) noexcept {
    if (size >= kMappedBlock)
        return map_block(size);
    void* block = std::malloc(size);
    if (!block && size > 0)
        out_of_memory(size);
    return block;
}

void* block_calloc(std::size_t count, std::size_t size) noexcept {
    if (size != 0 && count > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    const std::size_t bytes = count * size;
    if (bytes >= kMappedBlock)
        return map_block(bytes); // fresh anonymous pages are zero
    void* block = std::calloc(count, size);
    if (!block && bytes > 0)
        out_of_memory(bytes);
    return block;
}

void* block_realloc(void* block, std::size_t size) noexcept {
    if (!block)
        return block_malloc(size);
    if (const std::size_t length = mapped_length(block)) {
        if (size >= kMappedBlock) {
            const std::size_t grown = round_to_pages(size);
            if (grown == length)
                return block;
            void* moved = mremap(block, length, grown, MREMAP_MAYMOVE);
            if (moved == MAP_FAILED)
                out_of_memory(size);
            Registry& r = registry();
            std::lock_guard lock(r.mutex);
            r.blocks.erase(block);
            r.blocks.emplace(moved, grown);
            r.live_bytes = r.live_bytes - length + grown;
            return moved;
        }
        void* small = block_malloc(size);
        std::memcpy(small, block, size);
        unmap_block(block, length);
        return small;
    }
    if (size >= kMappedBlock) {
        void* mapped = map_block(size);
        std::memcpy(mapped, block, std::min(malloc_usable_size(block), size));
        std::free(block);
        return mapped;
    }
    void* resized = std::realloc(block, size);
    if (!resized && size > 0)
        out_of_memory(size);
    return resized;
}

void block_free(void* block) noexcept {
    if (const std::size_t length = mapped_length(block))
        unmap_block(block, length);
    else
        std::free(block);
}

} // namespace detail

bool use_mapped_blocks_for_tree_sitter() noexcept {
    static std::once_flag once;
    std::call_once(once, [] {
        ts_set_allocator(detail::block_malloc, detail::block_calloc, detail::block_realloc,
                         detail::block_free);
    });
    return true;
}

MappedBlocks mapped_blocks() noexcept {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    return MappedBlocks{r.made, r.blocks.size(), r.live_bytes};
}

#else

bool use_mapped_blocks_for_tree_sitter() noexcept {
    return false;
}

MappedBlocks mapped_blocks() noexcept {
    return {};
}

#endif

} // namespace stagehand::core::highlight
