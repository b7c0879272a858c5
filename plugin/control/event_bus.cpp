#include "control/event_bus.hpp"

#include "core/base/error_report.hpp"

#include <algorithm>
#include <string>

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

std::vector<Event> coalesced(std::vector<Event> events) {
    if (events.size() < 2)
        return events;
    // What makes two announcements the same: the name, and for state_changed the area.
    const auto same_kind = [](const Event& e) -> std::string {
        if (e.name == "questions_changed")
            return e.name;
        if (e.name == "state_changed" && e.data.is_object()) {
            const auto area = e.data.find("area");
            if (area != e.data.end() && area->is_string())
                return e.name + '/' + area->get<std::string>();
        }
        return {};
    };
    // From the back: the first of a kind met there is the last one sent.
    std::vector<Event> kept;
    kept.reserve(events.size());
    std::vector<std::string> seen;
    for (std::size_t i = events.size(); i-- > 0;) {
        const std::string kind = same_kind(events[i]);
        if (!kind.empty()) {
            if (std::find(seen.begin(), seen.end(), kind) != seen.end())
                continue;
            seen.push_back(kind);
        }
        kept.push_back(std::move(events[i]));
    }
    std::reverse(kept.begin(), kept.end());
    return kept;
}

} // namespace stagehand::control
