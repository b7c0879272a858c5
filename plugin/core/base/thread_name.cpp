#include "core/base/thread_name.hpp"

#include <cstring>

#if defined(__linux__)
#include <pthread.h>
#endif

namespace stagehand::core {

namespace {
thread_local bool g_own = false;
} // namespace

bool this_thread_is_own() noexcept {
    return g_own;
}

void name_this_thread(const char* name) noexcept {
    g_own = true;
#if defined(__linux__)
    char cut[16] = {};
    std::strncpy(cut, name, sizeof cut - 1);
    pthread_setname_np(pthread_self(), cut);
#else
    (void)name;
#endif
}

} // namespace stagehand::core
