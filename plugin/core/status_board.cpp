#include "core/status_board.hpp"

#include <algorithm>

namespace stagehand::core {

StatusBoard& StatusBoard::global() {
    static StatusBoard board;
    return board;
}

void StatusBoard::set(const std::string& source, const std::vector<std::string>& messages) {
    std::lock_guard lock(mutex_);
    std::vector<Entry> kept;
    kept.reserve(entries_.size() + messages.size());
    for (const Entry& e : entries_)
        if (e.source != source)
            kept.push_back(e);
    for (const std::string& m : messages)
        kept.push_back(Entry{source, m});
    const bool changed =
        kept.size() != entries_.size() ||
        !std::equal(kept.begin(), kept.end(), entries_.begin(), [](const Entry& a, const Entry& b) {
            return a.source == b.source && a.message == b.message;
        });
    entries_ = std::move(kept);
    if (changed)
        ++revision_;
}

StatusBoard::Snapshot StatusBoard::snapshot() const {
    std::lock_guard lock(mutex_);
    return Snapshot{entries_, revision_};
}

std::uint64_t StatusBoard::revision() const {
    std::lock_guard lock(mutex_);
    return revision_;
}

} // namespace stagehand::core
