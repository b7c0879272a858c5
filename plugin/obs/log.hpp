#pragma once

#include <util/base.h>

#include <cstdarg>
#include <cstdio>

namespace stagehand {

// Every line Stagehand writes to the OBS log starts with "[stagehand]"; errors and warnings say
// so in words because OBS's log file does not record the level. The smoke test relies on this.
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
inline void
log(int level, const char* format, ...) {
    char message[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(message, sizeof message, format, args);
    va_end(args);
    const char* tag = level == LOG_ERROR ? "ERROR: " : level == LOG_WARNING ? "WARNING: " : "";
    blog(level, "[stagehand] %s%s", tag, message);
}

} // namespace stagehand
