#pragma once

#include "control/commands.hpp"
#include "control/event_bus.hpp"
#include "control/result.hpp"
#include "control/state.hpp"
#include "control/store.hpp"
#include "core/base/latest_job_worker.hpp"
#include "core/base/published.hpp"
#include "core/slides/talk.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace stagehand::control {

// What the slide progress source draws: the talk at the moment of `revision`; the source asks it
// for the status at its own frame time (the timer moves between revisions).
struct SlidesSnapshot {
    core::slides::TalkState talk;
    std::uint64_t revision = 0;
};

// The talk domain: slide position, sections and the talk timer (slides.json, written off the
// caller's thread), and the snapshot the slide progress source draws.
class TalkControl {
public:
    // `now_ms`: OBS's monotonic clock; `wall_ms`: the wall clock (to count the time OBS was down
    // after a crash). Both in milliseconds.
    TalkControl(std::shared_ptr<Store> store, std::function<std::int64_t()> now_ms,
                std::function<std::int64_t()> wall_ms, const EventBus& bus);

    Result execute(const SlidesSet& command);
    Result execute(const SlidesMove& command);
    Result execute(const SlidesGoTo& command);
    Result execute(const SlidesEdge& command);
    Result execute(const TalkLoad& command);
    Result execute(const TimerControl& command);
    Result execute(const TimerAdd& command);
    core::slides::TalkStatus status() const;
    std::shared_ptr<const SlidesSnapshot> slides() const;
    void snapshot(ControlState& state) const;
    // Waits until the talk is on disk.
    void flush();

private:
    // A change to the talk under mutex_: publish, persist, and the events to send.
    Result change(const std::function<std::string(core::slides::TalkState&)>& step,
                  bool timer_changed);

    std::shared_ptr<Store> store_;
    std::function<std::int64_t()> now_ms_;
    std::function<std::int64_t()> wall_ms_;
    const EventBus& bus_;
    mutable std::mutex mutex_;
    core::slides::TalkState talk_;
    std::uint64_t revision_ = 0;
    core::Published<SlidesSnapshot> slides_;
    core::LatestJobWorker persist_{
        "stagehand-save"}; // last: finishes the last write before the rest goes
};

} // namespace stagehand::control
