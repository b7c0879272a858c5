#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>

namespace stagehand::core {

// Immutable state handed from the thread that makes it (settings, UI, workers) to the thread
// that draws it. The lock is held only to swap or copy a shared_ptr, never while building or
// drawing, so the video thread cannot be held up by a writer doing real work.
template <typename T>
class Published {
public:
    struct Snapshot {
        std::shared_ptr<const T> value;
        std::uint64_t revision = 0;
    };

    void publish(std::shared_ptr<const T> value) {
        std::lock_guard lock(mutex_);
        value_ = std::move(value);
        ++revision_;
    }

    Snapshot snapshot() const {
        std::lock_guard lock(mutex_);
        return Snapshot{value_, revision_};
    }

    std::uint64_t revision() const {
        std::lock_guard lock(mutex_);
        return revision_;
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const T> value_;
    std::uint64_t revision_ = 0;
};

} // namespace stagehand::core
