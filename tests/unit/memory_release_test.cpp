#include "core/base/memory_release.hpp"
#include "core/highlight/highlighter.hpp"
#include "core/highlight/languages.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#if defined(__linux__)
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#if defined(__linux__)
#endif

namespace stagehand::core {
namespace {

#if defined(__linux__)
// Read-only data of this test binary, the module release_read_only_data() works on: 128 pages
// of bytes no compiler can fold away (each depends on its index).
constexpr std::size_t kTableBytes = 512 * 1024;
constexpr std::array<std::uint32_t, kTableBytes / 4> make_table() {
    std::array<std::uint32_t, kTableBytes / 4> t{};
    std::uint32_t x = 2463534242u;
    for (std::uint32_t& word : t) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        word = x;
    }
    return t;
}
constexpr std::array<std::uint32_t, kTableBytes / 4> kWords = make_table();
const std::uint8_t* const kTable = reinterpret_cast<const std::uint8_t*>(kWords.data());

std::uint64_t checksum(const volatile std::uint8_t* bytes, std::size_t n) {
    std::uint64_t sum = 1469598103934665603ull;
    for (std::size_t i = 0; i < n; ++i)
        sum = (sum ^ bytes[i]) * 1099511628211ull;
    return sum;
}

// The resident size of the mapping that holds `address` (its "Rss:" in /proc/self/smaps).
std::size_t mapping_rss_kib(const void* address) {
    const auto at = reinterpret_cast<std::uintptr_t>(address);
    std::ifstream smaps("/proc/self/smaps");
    std::string line;
    bool inside = false;
    while (std::getline(smaps, line)) {
        unsigned long long begin = 0, end = 0;
        if (std::sscanf(line.c_str(), "%llx-%llx ", &begin, &end) == 2) { // a mapping's first line
            inside = at >= begin && at < end;
            continue;
        }
        if (inside && line.rfind("Rss:", 0) == 0)
            return static_cast<std::size_t>(std::strtoull(line.c_str() + 4, nullptr, 10));
    }
    return 0;
}

// How much of [begin, begin + bytes) this process has mapped in (each page's "present" bit in
// /proc/self/pagemap, which needs no privilege), in KiB: the table's own pages, where the
// mapping's Rss also counts whatever else of the segment is resident.
std::size_t present_kib(const void* begin, std::size_t bytes) {
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto first = reinterpret_cast<std::uintptr_t>(begin) / page;
    const auto last = (reinterpret_cast<std::uintptr_t>(begin) + bytes - 1) / page;
    const int fd = ::open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    std::vector<std::uint64_t> entries(last - first + 1);
    const auto want = static_cast<ssize_t>(entries.size() * sizeof(std::uint64_t));
    const ssize_t got = ::pread(fd, entries.data(), static_cast<std::size_t>(want),
                                static_cast<off_t>(first * sizeof(std::uint64_t)));
    ::close(fd);
    if (got != want)
        return 0;
    std::size_t present = 0;
    for (const std::uint64_t entry : entries)
        present += (entry >> 63) & 1u;
    return present * page / 1024;
}

// A byte the test wrote into a page of a file's read-only private mapping: the page is then the
// process's own copy, which a fault never maps back (it maps the file's page), so whether the
// byte is still there says whether a release dropped that page. Counting mapped pages cannot say
// it for data that anything reads afterwards: Linux maps a whole large folio of the file on a read
// fault (on 6.18 here the check's own reads of nearby constants, right after a release, mapped 508
// of the table's 512 KiB again), and how the file's page cache is cut into folios depends on how
// it was written or read in.
struct WrittenByte {
    volatile std::uint8_t* at = nullptr;
    std::uint8_t file_value = 0;
    bool still_written() const { return at && *at != file_value; }
};

// Writes the first byte of the first whole page at or after `inside`; the page is read-only again
// afterwards.
WrittenByte write_a_page(const void* inside) {
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const std::uintptr_t start =
        (reinterpret_cast<std::uintptr_t>(inside) + page - 1) & ~(page - 1);
    void* page_start = reinterpret_cast<void*>(start);
    WrittenByte written;
    if (mprotect(page_start, page, PROT_READ | PROT_WRITE) != 0)
        return written;
    written.at = reinterpret_cast<volatile std::uint8_t*>(start);
    written.file_value = *written.at;
    *written.at = static_cast<std::uint8_t>(~written.file_value);
    if (mprotect(page_start, page, PROT_READ) != 0)
        written.at = nullptr;
    return written;
}

std::size_t resident_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return static_cast<std::size_t>(std::strtoull(line.c_str() + 6, nullptr, 10));
    return 0;
}
#endif

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitizerHeap = true; // malloc is the sanitizer's: glibc's trim has nothing
#else
constexpr bool kSanitizerHeap = false;
#endif

// The release drops the module's read-only data (here, this binary's: the table is in it) and the
// bytes read back are the file's. A page this process wrote shows the drop (see WrittenByte).
TEST(MemoryRelease, ReadOnlyDataIsDroppedAndReadsBackTheSame) {
#if !defined(__linux__)
    EXPECT_EQ(memory::release_read_only_data(), 0u);
    GTEST_SKIP() << "only Linux releases a module's pages";
#else
    const volatile std::uint8_t* table = kTable;
    const std::uint64_t before = checksum(table, kTableBytes);
    const std::size_t table_read = present_kib(kTable, kTableBytes);
    ASSERT_GE(table_read, kTableBytes / 1024) << "the table was just read";
    const WrittenByte written = write_a_page(kTable + kTableBytes / 2);
    ASSERT_TRUE(written.still_written());
    ASSERT_NE(checksum(table, kTableBytes), before);

    const std::size_t advised = memory::release_read_only_data();
    EXPECT_GT(advised, kTableBytes) << "the segment holds the grammars' tables and this table";
    EXPECT_FALSE(written.still_written()) << "the table's pages were not dropped";
    EXPECT_EQ(checksum(table, kTableBytes), before) << "the bytes read back differ from the file's";
    EXPECT_EQ(present_kib(kTable, kTableBytes), table_read) << "every page read is mapped again";
#endif
}

// Code that ran is resident; after the release most of this binary's code is not, and code
// still runs (each page comes back from the file as it is executed). A page the process wrote
// (as a debugger does to set a breakpoint) makes the release refuse.
TEST(MemoryRelease, IdleCodeLeavesTheResidentSetUnlessAPageIsTheProcesssOwn) {
#if !defined(__linux__)
    EXPECT_EQ(memory::release_idle_code(), 0u);
    GTEST_SKIP() << "only Linux releases a module's pages";
#else
    const void* code = reinterpret_cast<const void*>(&memory::release_idle_code);
    const std::size_t before = mapping_rss_kib(code);
    ASSERT_GT(before, 256u) << "the tests ran much of this binary's code";
    const std::size_t advised = memory::release_idle_code();
    EXPECT_GT(advised, before * 1024) << "the whole code segment is advised";
    const std::size_t after = mapping_rss_kib(code);
    EXPECT_LT(after, before / 2) << "resident " << before << " KiB before, " << after << " after";
    EXPECT_FALSE(memory::release_idle_code() == 0) << "still released: code still runs";

    // The process's own copy of one page of code: the byte written is the one that was there.
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    auto* target = reinterpret_cast<volatile std::uint8_t*>(
        (reinterpret_cast<std::uintptr_t>(code) & ~(page - 1)) + page);
    void* page_start = const_cast<std::uint8_t*>(target);
    ASSERT_EQ(mprotect(page_start, page, PROT_READ | PROT_WRITE | PROT_EXEC), 0);
    *target = *target;
    ASSERT_EQ(mprotect(page_start, page, PROT_READ | PROT_EXEC), 0);
    EXPECT_EQ(memory::release_idle_code(), 0u) << "a written page must not be dropped";
#endif
}

// What the release is for: compiling C#'s highlight query reads its whole parse table (about
// 6 MiB resident without the release, measured), of which parsing a snippet needs a little. How
// much stays resident after the highlight depends on the kernel's folio sizes (2.0 MiB with the
// binary read back from disk, 8.1 MiB right after linking it, Linux 6.18); the whole show's soak
// measures it in OBS. This checks that the compile gave the read-only data back.
TEST(MemoryRelease, CompilingAGrammarsQueriesGivesTheReadOnlyDataBack) {
    using namespace highlight;
#if !defined(__linux__)
    GTEST_SKIP() << "only Linux releases a module's pages";
#else
    const LanguageInfo* csharp = find_language("csharp");
    ASSERT_NE(csharp, nullptr);
    const std::size_t compiled = Highlighter::queries_compiled();
    const WrittenByte written = write_a_page(kTable);
    ASSERT_TRUE(written.still_written());
    Highlighter highlighter;
    const HighlightResult r = highlighter.highlight(
        *csharp, "public sealed class Greeter {\n    public string Hello(string name) => "
                 "$\"Hello, {name}!\";\n}\n");
    ASSERT_TRUE(r.error.empty()) << r.error;
    ASSERT_FALSE(r.tokens.empty());
    ASSERT_EQ(Highlighter::queries_compiled(), compiled + 1) << "C#'s queries compiled here";
    EXPECT_FALSE(written.still_written()) << "the read-only data stayed after the compile";
#endif
}

// A font as FreeType maps it: a file's read-only private mapping. Its pages go when released and
// come back with the same bytes; memory that is not such a mapping is never registered.
TEST(MemoryRelease, FilePagesAreReleasedAndOnlyFileMappingsAreTaken) {
#if !defined(__linux__)
    GTEST_SKIP() << "only Linux releases mapped files";
#else
    const std::string path = ::testing::TempDir() + "stagehand-memory-release.bin";
    constexpr std::size_t kBytes = 1024 * 1024;
    {
        std::ofstream out(path, std::ios::binary);
        for (std::size_t i = 0; i < kBytes / 4; ++i) {
            const std::uint32_t word = static_cast<std::uint32_t>(i * 2654435761u);
            out.write(reinterpret_cast<const char*>(&word), sizeof word);
        }
    }
    const int fd = open(path.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    void* mapped = mmap(nullptr, kBytes, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    ASSERT_NE(mapped, MAP_FAILED);
    const auto* bytes = static_cast<const volatile std::uint8_t*>(mapped);
    const std::uint64_t sum = checksum(bytes, kBytes);
    const std::size_t read = mapping_rss_kib(mapped);
    ASSERT_GE(read, kBytes / 1024 * 3 / 4);

    const std::uint64_t id = memory::register_file_pages(mapped, kBytes);
    ASSERT_NE(id, 0u);
    EXPECT_GE(memory::release_file_pages(), kBytes - 4096);
    EXPECT_LT(mapping_rss_kib(mapped) + kBytes / 1024 / 2, read) << "the pages stayed";
    EXPECT_EQ(checksum(bytes, kBytes), sum) << "the bytes read back differ";

    // Unregistered (as FontCache does before FreeType unmaps): no longer touched.
    memory::unregister_file_pages(id);
    const std::size_t kept = mapping_rss_kib(mapped);
    memory::release_file_pages();
    EXPECT_EQ(mapping_rss_kib(mapped), kept);
    munmap(mapped, kBytes);
    std::remove(path.c_str());

    // The heap, a stack, a writable mapping: refused, so a release can never zero them.
    std::vector<std::uint8_t> heap(kBytes, 7);
    EXPECT_EQ(memory::register_file_pages(heap.data(), heap.size()), 0u);
    std::array<std::uint8_t, 16384> stack{};
    EXPECT_EQ(memory::register_file_pages(stack.data(), stack.size()), 0u);
    memory::release_file_pages();
    EXPECT_EQ(heap[kBytes / 2], 7);
#endif
}

TEST(MemoryRelease, TrimsOncePerQuietSpellAfterWork) {
#if !defined(__GLIBC__)
    EXPECT_FALSE(memory::trim_if_quiet(std::chrono::seconds(0), std::chrono::seconds(0)));
    GTEST_SKIP() << "only glibc's heap is trimmed";
#else
    using std::chrono::hours;
    using std::chrono::seconds;
    memory::note_work();
    EXPECT_FALSE(memory::trim_if_quiet(hours(1), hours(1))) << "trimmed while work is recent";
    const std::size_t trims = memory::trims();
    EXPECT_TRUE(memory::trim_if_quiet(seconds(0), hours(1)));
    EXPECT_EQ(memory::trims(), trims + 1);
    EXPECT_FALSE(memory::trim_if_quiet(seconds(0), hours(1)))
        << "no work since the last trim, which is recent";
    EXPECT_TRUE(memory::trim_if_quiet(seconds(0), seconds(0)))
        << "no work since the last trim, which is old enough to repeat";
    memory::note_work();
    EXPECT_TRUE(memory::trim_if_quiet(seconds(0), hours(1)));
    EXPECT_EQ(memory::trims(), trims + 3);
    EXPECT_TRUE(memory::trim_now()) << "a burst's end gives back at once";
    EXPECT_EQ(memory::trims(), trims + 4);
    const memory::TrimTime took = memory::trim_time();
    EXPECT_GT(took.longest_ms, 0.0);
    EXPECT_GE(took.total_ms, took.longest_ms);
#endif
}

TEST(MemoryRelease, WhileBusyTrimsAtMostOncePerPeriodAndOnlyAfterWork) {
#if !defined(__GLIBC__)
    memory::note_work();
    EXPECT_FALSE(memory::trim_if_due(std::chrono::seconds(0)));
    GTEST_SKIP() << "only glibc's heap is trimmed";
#else
    using std::chrono::hours;
    using std::chrono::seconds;
    memory::note_work();
    EXPECT_FALSE(memory::trim_if_due(hours(1)))
        << "due counts from the module's load or the last trim, both within the hour";
    const std::size_t trims = memory::trims();
    EXPECT_TRUE(memory::trim_if_due(seconds(0)));
    EXPECT_EQ(memory::trims(), trims + 1);
    EXPECT_FALSE(memory::trim_if_due(seconds(0))) << "no work since the last trim";
    memory::note_work();
    EXPECT_FALSE(memory::trim_if_due(hours(1))) << "work, but the last trim is recent";
#if defined(__linux__)
    // The heap and the module's read-only data (a show reads little of it again: Highlighter
    // remembers what it parsed); a registered file (a font, which the talk timer's shaping reads
    // every second) stays until things are quiet. Written pages show what was dropped.
    const WrittenByte data = write_a_page(kTable + kTableBytes / 2);
    ASSERT_TRUE(data.still_written());
    const std::string path = ::testing::TempDir() + "stagehand-busy-trim.bin";
    constexpr std::size_t kFileBytes = 256 * 1024;
    std::ofstream(path, std::ios::binary) << std::string(kFileBytes, 'x');
    const int fd = open(path.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    void* mapped = mmap(nullptr, kFileBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    ASSERT_NE(mapped, MAP_FAILED);
    auto* font = static_cast<volatile std::uint8_t*>(mapped) + kFileBytes / 2;
    *font = 'y';
    ASSERT_EQ(mprotect(mapped, kFileBytes, PROT_READ), 0) << "read-only, as FreeType maps a font";
    const std::uint64_t id = memory::register_file_pages(mapped, kFileBytes);
    ASSERT_NE(id, 0u);
    EXPECT_TRUE(memory::trim_if_due(seconds(0)));
    EXPECT_FALSE(data.still_written()) << "the module's read-only data stayed";
    EXPECT_EQ(*font, 'y') << "the font's pages were released";
#else
    EXPECT_TRUE(memory::trim_if_due(seconds(0)));
#endif
    EXPECT_EQ(memory::trims(), trims + 2);
    EXPECT_TRUE(memory::trim_if_quiet(seconds(0), hours(1)))
        << "the pages a busy trim left are given back once things are quiet";
    EXPECT_FALSE(memory::trim_if_due(seconds(0))) << "that trim gave the heap back too";
    EXPECT_EQ(memory::trims(), trims + 3);
#if defined(__linux__)
    EXPECT_EQ(*font, 'x') << "the quiet trim kept the font";
    memory::unregister_file_pages(id);
    munmap(mapped, kFileBytes);
    std::remove(path.c_str());
#endif
#endif
}

TEST(MemoryRelease, TrimGivesFreedHeapMemoryBack) {
#if !defined(__GLIBC__) || !defined(__linux__)
    GTEST_SKIP() << "only glibc's heap is trimmed";
#else
    if (kSanitizerHeap)
        GTEST_SKIP() << "the sanitizer's allocator holds the heap";
    // 48 MiB in blocks under any mmap threshold, written, then freed but for the last block,
    // which keeps the freed memory from being the top of the heap (trimmed on free anyway).
    constexpr std::size_t kBlock = 24 * 1024;
    std::vector<char*> blocks;
    for (std::size_t i = 0; i < 2048; ++i) {
        blocks.push_back(static_cast<char*>(std::malloc(kBlock)));
        ASSERT_NE(blocks.back(), nullptr);
        for (std::size_t b = 0; b < kBlock; b += 512)
            blocks.back()[b] = static_cast<char>(i + b);
    }
    for (std::size_t i = 0; i + 1 < blocks.size(); ++i)
        std::free(blocks[i]);
    const std::size_t held = resident_kib();
    memory::note_work();
    ASSERT_TRUE(memory::trim_if_quiet(std::chrono::seconds(0), std::chrono::hours(1)));
    const std::size_t after = resident_kib();
    std::free(blocks.back());
    EXPECT_GT(held, after + 32 * 1024) << "resident before " << held << " KiB, after " << after;
#endif
}

} // namespace
} // namespace stagehand::core
