#include "control/event_bus.hpp"

#include "core/base/error_report.hpp"

#include <algorithm>

namespace stagehand::control {

std::uint64_t EventBus::subscribe(Listener listener) {
    std::lock_guard lock(mutex_);
    const std::uint64_t id = next_++;
    listeners_.emplace_back(id, std::make_shared<const Listener>(std::move(listener)));
    return id;
}

void EventBus::unsubscribe(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

void EventBus::deliver(const std::vector<Event>& events) const {
    if (events.empty())
        return;
    std::vector<std::shared_ptr<const Listener>> listeners;
    {
        std::lock_guard lock(mutex_);
        for (const auto& entry : listeners_)
            listeners.push_back(entry.second);
    }
    for (const Event& event : events)
        for (const auto& listener : listeners)
            core::run_guarded("an event listener", [&] { (*listener)(event); });
}

Event state_changed(const char* area, std::uint64_t revision) {
    return Event{"state_changed", {{"area", area}, {"revision", revision}}};
}

} // namespace stagehand::control
