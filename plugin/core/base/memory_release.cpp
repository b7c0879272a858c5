#include "core/base/memory_release.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <utility>

#if defined(__linux__)
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace stagehand::core::memory {

namespace {

std::int64_t now_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::atomic<std::uint64_t> g_work{0};
// g_work at the last trim that gave back the pages too (a quiet one), and at the last of any kind.
std::atomic<std::uint64_t> g_trimmed_work{0};
std::atomic<std::uint64_t> g_heap_trimmed_work{0};
std::atomic<std::int64_t> g_last_work_ns{0};
// A trim that is due every so long counts from the module's load: the start's burst of work is
// not cut short by one.
std::atomic<std::int64_t> g_last_trim_ns{now_ns()};

struct FilePages {
    std::mutex mutex;
    std::uint64_t next = 1;
    std::map<std::uint64_t, std::pair<std::uintptr_t, std::uintptr_t>> ranges; // page-aligned
};
FilePages& file_pages() {
    static FilePages* pages = new FilePages; // never destroyed: used until the module unloads
    return *pages;
}
std::atomic<std::size_t> g_trims{0};
std::atomic<std::int64_t> g_trim_ns{0};     // wall time of all trims
std::atomic<std::int64_t> g_trim_max_ns{0}; // of the longest

#if defined(__linux__)
struct Search {
    std::uintptr_t inside = 0; // an address in this module's code
    ElfW(Word) flags = PF_R;   // the segments wanted: read-only data, or code (PF_R | PF_X)
    // The read-only data segments found, page-aligned inward (a module has one or two).
    std::array<std::pair<std::uintptr_t, std::uintptr_t>, 4> ranges{};
    std::size_t count = 0;
};

bool text_relocated(const dl_phdr_info* info) noexcept {
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)& ph = info->dlpi_phdr[i];
        if (ph.p_type != PT_DYNAMIC)
            continue;
        const auto* dyn = reinterpret_cast<const ElfW(Dyn)*>(info->dlpi_addr + ph.p_vaddr);
        for (; dyn->d_tag != DT_NULL; ++dyn)
            if (dyn->d_tag == DT_TEXTREL ||
                (dyn->d_tag == DT_FLAGS && (dyn->d_un.d_val & DF_TEXTREL)))
                return true;
    }
    return false;
}

int find_segment(dl_phdr_info* info, std::size_t, void* data) noexcept {
    auto* search = static_cast<Search*>(data);
    bool ours = false;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum && !ours; ++i) {
        const ElfW(Phdr)& ph = info->dlpi_phdr[i];
        const std::uintptr_t begin = info->dlpi_addr + ph.p_vaddr;
        ours =
            ph.p_type == PT_LOAD && search->inside >= begin && search->inside < begin + ph.p_memsz;
    }
    if (!ours)
        return 0;
    // A module whose loader wrote into read-only segments (text relocations) keeps its pages.
    if (text_relocated(info))
        return 1;
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    for (ElfW(Half) i = 0; i < info->dlpi_phnum && search->count < search->ranges.size(); ++i) {
        const ElfW(Phdr)& ph = info->dlpi_phdr[i];
        // Only segments never written and backed by the file whole: for read-only data the one
        // with the tables and the one with the headers and symbols the loader reads; the code.
        if (ph.p_type != PT_LOAD || ph.p_flags != search->flags || ph.p_filesz != ph.p_memsz)
            continue;
        const std::uintptr_t first = info->dlpi_addr + ph.p_vaddr;
        const std::uintptr_t begin = (first + page - 1) & ~(page - 1);
        const std::uintptr_t end = (first + ph.p_filesz) & ~(page - 1);
        if (end > begin)
            search->ranges[search->count++] = {begin, end};
    }
    return 1;
}
#endif

#if defined(__linux__)
// True when a page of [begin, end) is this process's own copy rather than the file's: a private
// mapping written to (a debugger's breakpoint in code). Dropping it would undo the write. Read
// from /proc/self/pagemap, whose flags any process may read of itself; unreadable counts as yes.
bool has_private_copies(std::uintptr_t begin, std::uintptr_t end) noexcept {
    const int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true;
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    constexpr std::uint64_t kPresent = 1ull << 63;
    constexpr std::uint64_t kFileOrShared = 1ull << 61;
    bool copied = false;
    std::array<std::uint64_t, 512> entries{};
    for (std::uintptr_t at = begin; at < end && !copied;) {
        const std::size_t pages =
            std::min<std::size_t>(entries.size(), static_cast<std::size_t>((end - at) / page));
        const auto bytes = static_cast<ssize_t>(pages * sizeof(std::uint64_t));
        if (pread(fd, entries.data(), static_cast<std::size_t>(bytes),
                  static_cast<off_t>(at / page * sizeof(std::uint64_t))) != bytes) {
            copied = true;
            break;
        }
        for (std::size_t i = 0; i < pages && !copied; ++i)
            copied = (entries[i] & kPresent) && !(entries[i] & kFileOrShared);
        at += pages * page;
    }
    close(fd);
    return copied;
}

// True when [begin, end) lies inside one read-only private mapping of a file.
bool file_mapping(std::uintptr_t begin, std::uintptr_t end) noexcept {
    std::FILE* maps = std::fopen("/proc/self/maps", "re");
    if (!maps)
        return false;
    bool found = false;
    char line[4096];
    while (!found && std::fgets(line, sizeof line, maps)) {
        unsigned long long from = 0, to = 0, inode = 0;
        char perms[8] = {};
        int path_at = 0;
        if (std::sscanf(line, "%llx-%llx %7s %*s %*s %llu %n", &from, &to, perms, &inode,
                        &path_at) < 4)
            continue;
        if (begin < from || end > to)
            continue;
        found = inode != 0 && line[path_at] == '/' && perms[0] == 'r' && perms[1] == '-' &&
                perms[2] == '-' && perms[3] == 'p';
        break;
    }
    std::fclose(maps);
    return found;
}
#endif

} // namespace

std::uint64_t register_file_pages(const void* begin, std::size_t size) noexcept {
#if defined(__linux__)
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto at = reinterpret_cast<std::uintptr_t>(begin);
    const std::uintptr_t first = (at + page - 1) & ~(page - 1);
    const std::uintptr_t end = (at + size) & ~(page - 1);
    if (!begin || end <= first || !file_mapping(at, at + size))
        return 0;
    FilePages& pages = file_pages();
    std::lock_guard lock(pages.mutex);
    const std::uint64_t id = pages.next++;
    pages.ranges.emplace(id, std::make_pair(first, end));
    return id;
#else
    (void)begin;
    (void)size;
    return 0;
#endif
}

void unregister_file_pages(std::uint64_t id) noexcept {
    if (id == 0)
        return;
    FilePages& pages = file_pages();
    std::lock_guard lock(pages.mutex);
    pages.ranges.erase(id);
}

std::size_t release_file_pages() noexcept {
    std::size_t advised = 0;
#if defined(__linux__)
    FilePages& pages = file_pages();
    std::lock_guard lock(pages.mutex);
    for (const auto& [id, range] : pages.ranges)
        if (madvise(reinterpret_cast<void*>(range.first), range.second - range.first,
                    MADV_DONTNEED) == 0)
            advised += range.second - range.first;
#endif
    return advised;
}

std::size_t release_idle_code() noexcept {
#if defined(__linux__)
    Search search;
    search.inside = reinterpret_cast<std::uintptr_t>(&release_idle_code);
    search.flags = PF_R | PF_X;
    dl_iterate_phdr(find_segment, &search);
    std::size_t advised = 0;
    for (std::size_t i = 0; i < search.count; ++i) {
        const auto [begin, end] = search.ranges[i];
        if (!has_private_copies(begin, end) &&
            madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED) == 0)
            advised += end - begin;
    }
    return advised;
#else
    return 0;
#endif
}

std::size_t release_read_only_data() noexcept {
#if defined(__linux__)
    Search search;
    search.inside = reinterpret_cast<std::uintptr_t>(&release_read_only_data);
    dl_iterate_phdr(find_segment, &search);
    std::size_t advised = 0;
    // MADV_DONTNEED on a private file mapping that was never written drops the pages; the next
    // read maps the file's page again (a minor fault while it is in the page cache).
    for (std::size_t i = 0; i < search.count; ++i) {
        const auto [begin, end] = search.ranges[i];
        if (madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED) == 0)
            advised += end - begin;
    }
    return advised;
#else
    return 0;
#endif
}

void note_work() noexcept {
    g_last_work_ns.store(now_ns(), std::memory_order_relaxed);
    g_work.fetch_add(1, std::memory_order_release);
}

#if defined(__GLIBC__)
namespace {
// One caller takes an occasion to trim, the last trim having been at `last`; the others see the
// new time and step back.
bool claim(std::int64_t last, std::int64_t now) noexcept {
    return g_last_trim_ns.compare_exchange_strong(last, now, std::memory_order_acq_rel);
}

// What a trim gives back besides the heap's free pages (every arena): the module's read-only
// data (a busy trim too), or also its idle code and the registered files' pages (a quiet one).
enum class Pages { data, all };

void timed_trim(Pages pages) noexcept {
    const std::int64_t started = now_ns();
    release_read_only_data();
    if (pages == Pages::all) {
        release_idle_code();
        release_file_pages();
    }
    malloc_trim(0);
    const std::int64_t took = now_ns() - started;
    g_trim_ns.fetch_add(took, std::memory_order_relaxed);
    std::int64_t longest = g_trim_max_ns.load(std::memory_order_relaxed);
    while (took > longest &&
           !g_trim_max_ns.compare_exchange_weak(longest, took, std::memory_order_relaxed)) {
    }
    g_trims.fetch_add(1, std::memory_order_relaxed);
}
} // namespace
#endif

bool trim_if_quiet(std::chrono::steady_clock::duration quiet,
                   std::chrono::steady_clock::duration every) noexcept {
#if defined(__GLIBC__)
    using std::chrono::duration_cast;
    using std::chrono::nanoseconds;
    const std::int64_t now = now_ns();
    if (now - g_last_work_ns.load(std::memory_order_relaxed) <
        duration_cast<nanoseconds>(quiet).count())
        return false;
    const std::uint64_t seen = g_trimmed_work.load(std::memory_order_acquire);
    const std::uint64_t work = g_work.load(std::memory_order_acquire);
    const std::int64_t last = g_last_trim_ns.load(std::memory_order_acquire);
    if (work == seen && now - last < duration_cast<nanoseconds>(every).count())
        return false;
    if (!claim(last, now))
        return false;
    g_trimmed_work.store(work, std::memory_order_release);
    g_heap_trimmed_work.store(work, std::memory_order_release);
    trim_now();
    return true;
#else
    (void)quiet;
    (void)every;
    return false;
#endif
}

bool trim_if_due(std::chrono::steady_clock::duration every) noexcept {
#if defined(__GLIBC__)
    const std::int64_t now = now_ns();
    const std::uint64_t work = g_work.load(std::memory_order_acquire);
    const std::int64_t last = g_last_trim_ns.load(std::memory_order_acquire);
    if (work == g_heap_trimmed_work.load(std::memory_order_acquire) ||
        now - last < std::chrono::duration_cast<std::chrono::nanoseconds>(every).count() ||
        !claim(last, now))
        return false;
    // Code and fonts are left to the next quiet trim, which still counts this work as untrimmed.
    g_heap_trimmed_work.store(work, std::memory_order_release);
    timed_trim(Pages::data);
    return true;
#else
    (void)every;
    return false;
#endif
}

bool trim_now() noexcept {
#if defined(__GLIBC__)
    timed_trim(Pages::all);
    return true;
#else
    return false;
#endif
}

std::size_t trims() noexcept {
    return g_trims.load(std::memory_order_relaxed);
}

TrimTime trim_time() noexcept {
    return {static_cast<double>(g_trim_ns.load(std::memory_order_relaxed)) / 1e6,
            static_cast<double>(g_trim_max_ns.load(std::memory_order_relaxed)) / 1e6};
}

} // namespace stagehand::core::memory
