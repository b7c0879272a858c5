#include "control/status_board.hpp"

#include <algorithm>

namespace stagehand::control {

const char* to_string(Severity severity) {
    switch (severity) {
    case Severity::info:
        return "info";
    case Severity::warning:
        return "warning";
    case Severity::error:
        return "error";
    }
    return "warning";
}

StatusBoard& StatusBoard::global() {
    static StatusBoard board;
    return board;
}

void StatusBoard::set(const std::string& area, const std::string& source, Severity severity,
                      const std::vector<std::string>& messages) {
    std::lock_guard lock(mutex_);
    std::vector<StatusEntry> kept;
    kept.reserve(entries_.size() + messages.size());
    for (const StatusEntry& e : entries_)
        if (e.area != area || e.source != source)
            kept.push_back(e);
    for (const std::string& m : messages)
        kept.push_back(StatusEntry{area, severity, source, m});
    if (kept != entries_) {
        entries_ = std::move(kept);
        ++revision_;
    }
}

StatusBoard::Snapshot StatusBoard::snapshot() const {
    std::lock_guard lock(mutex_);
    return Snapshot{entries_, revision_};
}

std::uint64_t StatusBoard::revision() const {
    std::lock_guard lock(mutex_);
    return revision_;
}

} // namespace stagehand::control
