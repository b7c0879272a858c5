#pragma once

namespace stagehand::core {

// Names the calling thread for `top`, `perf`, debuggers and the soak's per-thread CPU table.
// Linux keeps 15 bytes of a name; a longer one is cut there. Every thread Stagehand starts is
// named "stagehand-..." so its cost can be told apart from OBS's own threads. Best effort: a
// platform that cannot name threads leaves the name as it was.
void name_this_thread(const char* name) noexcept;

// True on a thread named with name_this_thread: one of Stagehand's own, whose CPU is measured
// as a whole (the cost meters leave such threads out so nothing is counted twice).
bool this_thread_is_own() noexcept;

} // namespace stagehand::core
