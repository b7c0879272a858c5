#pragma once

#include "control/state.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace stagehand::control {

// Where the control layer's parts announce what changed: the dock, the vendor bridge and scripts
// listen. Events are delivered on the thread that made the change, after that change's own lock
// was released, so a listener may call back into the controller. A listener that throws is
// logged and the others still hear the event.
class EventBus {
public:
    using Listener = std::function<void(const Event&)>;

    // Returns an id for unsubscribe.
    std::uint64_t subscribe(Listener listener);
    void unsubscribe(std::uint64_t id);
    void deliver(const std::vector<Event>& events) const;

private:
    mutable std::mutex mutex_;
    std::uint64_t next_ = 1;
    std::vector<std::pair<std::uint64_t, std::shared_ptr<const Listener>>> listeners_;
};

// {"area": area, "revision": revision}: a part of get_state moved on.
Event state_changed(const char* area, std::uint64_t revision);

// `events` with the announcements that only say "look again" made once: of the
// questions_changed events the last is kept, of the state_changed events the last of each area,
// each where its last one was; every other event stays, in order.
std::vector<Event> coalesced(std::vector<Event> events);

} // namespace stagehand::control
