#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace stagehand::control {

enum class Severity { info, warning, error };
const char* to_string(Severity severity);

// One thing the presenter should know about but OBS's log hides: a missing font, a file that
// could not be read, a chat that dropped.
struct StatusEntry {
    std::string area; // "code", "slides", "questions", "chat", "preset", "remote"
    Severity severity = Severity::warning;
    std::string source; // the source or connection it is about
    std::string message;
    friend bool operator==(const StatusEntry&, const StatusEntry&) = default;
};

// Posted from any thread (sources' workers, chat threads), read by the dock through the
// controller's state. The lock is held only to copy strings, so neither side waits on the other.
class StatusBoard {
public:
    struct Snapshot {
        std::vector<StatusEntry> entries;
        std::uint64_t revision = 0;
    };

    static StatusBoard& global();

    // Replaces what was said before about (area, source); an empty list clears it.
    void set(const std::string& area, const std::string& source, Severity severity,
             const std::vector<std::string>& messages);
    Snapshot snapshot() const;
    std::uint64_t revision() const;

private:
    mutable std::mutex mutex_;
    std::vector<StatusEntry> entries_;
    std::uint64_t revision_ = 0;
};

} // namespace stagehand::control
