#include "core/base/page_memory.hpp"

#include <new>

#if defined(_WIN32)
#include <windows.h>
#else
#include <sys/mman.h>
#endif

namespace stagehand::core {

void PageFree::operator()(char* pages) const noexcept {
    if (!pages)
        return;
#if defined(_WIN32)
    VirtualFree(pages, 0, MEM_RELEASE);
#else
    munmap(pages, size_);
#endif
}

PageBlock allocate_pages(std::size_t size) {
#if defined(_WIN32)
    void* pages = VirtualAlloc(nullptr, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    if (!pages)
        throw std::bad_alloc();
#else
    void* pages = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED)
        throw std::bad_alloc();
#endif
    return PageBlock(static_cast<char*>(pages), PageFree(size));
}

} // namespace stagehand::core
