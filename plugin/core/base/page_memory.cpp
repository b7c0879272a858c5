#include "core/base/page_memory.hpp"

#include <new>

#if defined(_WIN32)
#include <windows.h>
#else
#include <sys/mman.h>
#endif

namespace stagehand::core {

void* map_pages(std::size_t size) noexcept {
#if defined(_WIN32)
    return VirtualAlloc(nullptr, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
#else
    void* pages = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return pages == MAP_FAILED ? nullptr : pages;
#endif
}

void unmap_pages(void* pages, [[maybe_unused]] std::size_t size) noexcept {
    if (!pages)
        return;
#if defined(_WIN32)
    VirtualFree(pages, 0, MEM_RELEASE);
#else
    munmap(pages, size);
#endif
}

void PageFree::operator()(char* pages) const noexcept {
    unmap_pages(pages, size_);
}

PageBlock allocate_pages(std::size_t size) {
    void* pages = map_pages(size);
    if (!pages)
        throw std::bad_alloc();
    return PageBlock(static_cast<char*>(pages), PageFree(size));
}

} // namespace stagehand::core
