#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace stagehand::core {

// What the presenter should know about but OBS's log hides: a missing font, a file that could
// not be read. Sources post here from any thread; the dock polls the revision and shows the
// list. Holding the lock only to copy strings keeps both sides from waiting on each other.
class StatusBoard {
public:
    struct Entry {
        std::string source;
        std::string message;
    };
    struct Snapshot {
        std::vector<Entry> entries;
        std::uint64_t revision = 0;
    };

    static StatusBoard& global();

    // Replaces everything `source` said before (an empty list clears it).
    void set(const std::string& source, const std::vector<std::string>& messages);
    Snapshot snapshot() const;
    std::uint64_t revision() const;

private:
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
    std::uint64_t revision_ = 0;
};

} // namespace stagehand::core
