#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>

namespace stagehand::core {

// Counts every publish of every Published value in the process. A reader on the video thread
// that draws state published elsewhere (the featured question, a code source's step) reads this
// one number each frame and asks for the state itself only when it moved, instead of taking a
// lock and copying a pointer per source per frame. Anything else that changes what such a
// reader would see (the controller made or dropped) calls note_published() too.
std::uint64_t publish_epoch();
void note_published();

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
        std::shared_ptr<const T> replaced;
        {
            std::lock_guard lock(mutex_);
            replaced = std::exchange(value_, std::move(value));
            revision_.store(revision_.load(std::memory_order_relaxed) + 1,
                            std::memory_order_release);
        }
        // After the value is in place: a reader that sees the new epoch finds the new value.
        note_published();
        // The old value, if this held its last reference, is freed here, outside the lock.
    }

    Snapshot snapshot() const {
        std::lock_guard lock(mutex_);
        return Snapshot{value_, revision_.load(std::memory_order_relaxed)};
    }

    // Without the lock: a reader that only wants to know whether anything new was published.
    std::uint64_t revision() const { return revision_.load(std::memory_order_acquire); }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const T> value_;
    std::atomic<std::uint64_t> revision_{0}; // written under mutex_
};

} // namespace stagehand::core
