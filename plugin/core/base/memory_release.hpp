#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

// Giving memory back that Stagehand needed only for a moment, so that a still show costs OBS
// little more than the overlays' pictures. Linux (ELF, glibc) only; elsewhere these do nothing
// and say so by returning 0 / false.
namespace stagehand::core::memory {

// Drops the pages of this module's read-only data segments (the grammars' parse tables, string
// constants, unwind tables; the symbols the loader reads) from the process's resident set.
// Compiling a highlight query reads its grammar's whole parse table once (tree-sitter checks every
// state a pattern could match in: several MiB for C#); parsing later reads only the states a
// snippet reaches. Each segment is a private mapping of the module's file that nothing ever writes,
// so a page read again is loaded from the file (usually still in the page cache) with the same
// bytes. Safe from any thread at any time. Returns the length of the range advised, 0 where nothing
// was done.
std::size_t release_read_only_data() noexcept;

// The same for this module's code: the pages of what runs only now and then (loading, the
// dock's construction, reading presets, compiling queries) leave the resident set, and whatever
// runs next brings its own pages back from the file (a minor fault each). Refused (0) where a
// page of the code is the process's own copy (a debugger's breakpoint), which dropping would
// undo. Returns the length advised.
std::size_t release_idle_code() noexcept;

// A read-only private mapping of a file (a font FreeType mapped) whose pages can be dropped when
// things are quiet, as release_read_only_data() does for the module: fonts are read while text
// is shaped and glyphs are drawn, then not again until the text changes (one Japanese line of
// the demo mapped 2.5 MiB of Droid Sans Fallback, in the 64 KiB windows a fault maps). Checked
// against /proc/self/maps: anything but such a mapping of a file is refused (0). The owner
// unregisters before it unmaps; a release holds the registry's lock, so none can race an unmap.
std::uint64_t register_file_pages(const void* begin, std::size_t size) noexcept;
void unregister_file_pages(std::uint64_t id) noexcept;
// Drops the pages of every registered mapping; returns the bytes advised.
std::size_t release_file_pages() noexcept;

// Work happened (a layout, a save, a parse): the heap's free memory is worth giving back once
// things are quiet again.
void note_work() noexcept;

// Called by idle background threads: when no work was noted for `quiet` and either some was
// since the last trim or the last trim is `every` old, returns the heap's free pages to the
// system (glibc's malloc_trim: every arena, including those of OBS's threads, where memory the
// software renderer freed after Stagehand's pictures were redrawn stays otherwise; OBS's UI and
// graphics threads keep freeing between Stagehand's jobs, hence the slow repeat). One caller
// trims per occasion; returns true for that one. A trim takes each arena's lock in turn for the
// time it walks that arena's free lists (about a millisecond for OBS's largest). The module's
// read-only data, its idle code and the registered files' pages are released with it.
bool trim_if_quiet(std::chrono::steady_clock::duration quiet,
                   std::chrono::steady_clock::duration every) noexcept;

// The same for a show that is never quiet (a code step every few seconds, the timer, a chat
// flood): called by a worker after a job, trims when work happened since the last trim and that
// trim is `every` old. glibc keeps what a thread freed in that thread's arena; between the
// questions a flood keeps, the freed pages are not the arena's top and stay resident (3 MiB after
// three minutes of the whole show, given back by a trim). The heap and the module's read-only
// data: a show reads little of that again (a parse of a new text reads its grammar's tables, and
// Highlighter remembers the texts it parsed last), while its code and the fonts' pages are read
// again at once (drawing on OBS's graphics thread, shaping the talk timer each second), so quiet
// trims alone release those.
bool trim_if_due(std::chrono::steady_clock::duration every) noexcept;

// Gives back now what a quiet trim gives back (the module's and the registered files' pages, the
// heap's free pages), timed and counted like one; for a thread that knows a burst just ended
// (the preset pictures drawn at OBS's start). Returns false where nothing can be given back.
bool trim_now() noexcept;

// How many trims ran in this process (tests, `get_cost`).
std::size_t trims() noexcept;
// How long they took (wall clock, milliseconds): in all, and the longest one, which bounds how
// long another thread's malloc may have waited for an arena's lock.
struct TrimTime {
    double total_ms = 0;
    double longest_ms = 0;
};
TrimTime trim_time() noexcept;

} // namespace stagehand::core::memory
