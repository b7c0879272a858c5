#include "control/talk_control.hpp"

#include "control/status_board.hpp"
#include "core/base/bounded_file.hpp"
#include "core/base/json_fields.hpp"

#include <algorithm>
#include <filesystem>

namespace stagehand::control {

namespace {

constexpr const char* kSlidesStore = "slides";

} // namespace

TalkControl::TalkControl(std::shared_ptr<Store> store, std::function<std::int64_t()> now_ms,
                         std::function<std::int64_t()> wall_ms, const EventBus& bus)
    : store_(std::move(store))
    , now_ms_(std::move(now_ms))
    , wall_ms_(std::move(wall_ms))
    , bus_(bus) {
    if (store_)
        store_->read(kSlidesStore, "a talk position", [&](const nlohmann::json& saved) {
            std::string error;
            if (!talk_.from_json(saved, now_ms_(), wall_ms_(), error))
                throw core::ShapeError(error);
        });
    slides_.publish(std::make_shared<SlidesSnapshot>(SlidesSnapshot{talk_, 0}));
}

Result TalkControl::change(const std::function<std::string(core::slides::TalkState&)>& step,
                           bool timer_changed) {
    std::vector<Event> events;
    core::slides::TalkStatus status;
    {
        std::lock_guard lock(mutex_);
        const int before = talk_.current();
        const int total_before = talk_.total();
        const std::string error = step(talk_);
        if (!error.empty())
            return Result::failure(error);
        const std::int64_t now = now_ms_();
        status = talk_.status(now);
        const std::uint64_t revision = ++revision_;
        slides_.publish(std::make_shared<SlidesSnapshot>(SlidesSnapshot{talk_, revision}));
        if (store_)
            persist_.submit([store = store_, json = talk_.to_json(now, wall_ms_())] {
                std::string why;
                if (!store->save(kSlidesStore, json, why))
                    StatusBoard::global().set("slides", "talk", Severity::error,
                                              {"the talk position was not saved: " + why});
            });
        if (status.current != before || status.total != total_before)
            events.push_back(Event{"slide_changed",
                                   {{"current", status.current},
                                    {"total", status.total},
                                    {"section", status.section}}});
        if (timer_changed)
            events.push_back(Event{"timer_state_changed",
                                   {{"running", status.running},
                                    {"elapsed_ms", status.elapsed_ms},
                                    {"planned_ms", status.planned_ms}}});
        events.push_back(state_changed("slides", revision));
    }
    bus_.deliver(events);
    return Result::success({{"current", status.current},
                            {"total", status.total},
                            {"section", status.section},
                            {"timer",
                             {{"running", status.running},
                              {"elapsed_ms", status.elapsed_ms},
                              {"planned_ms", status.planned_ms}}}});
}

Result TalkControl::execute(const SlidesSet& c) {
    if (c.total && (*c.total < 0 || *c.total > 10000))
        return Result::failure("total " + std::to_string(*c.total) + ": expected 0..10000");
    return change(
        [&](core::slides::TalkState& t) {
            if (c.total)
                t.set_total(*c.total);
            if (c.title)
                t.set_title(*c.title);
            if (c.current)
                t.go_to(*c.current);
            return std::string();
        },
        false);
}

Result TalkControl::execute(const SlidesMove& c) {
    return change(
        [&](core::slides::TalkState& t) {
            t.move(c.delta);
            return std::string();
        },
        false);
}

Result TalkControl::execute(const SlidesGoTo& c) {
    return change(
        [&](core::slides::TalkState& t) {
            t.go_to(c.slide);
            return std::string();
        },
        false);
}

Result TalkControl::execute(const SlidesEdge& c) {
    return change(
        [&](core::slides::TalkState& t) {
            t.go_to(c.last ? std::max(1, t.total()) : 1);
            return std::string();
        },
        false);
}

Result TalkControl::execute(const TalkLoad& c) {
    namespace fs = std::filesystem;
    if (c.file.empty() || !fs::path(c.file).is_absolute())
        return Result::failure("file \"" + c.file + "\": expected an absolute path to a talk file");
    // A talk file is a page of JSON: a megabyte is far past any.
    constexpr std::uint64_t kMaxTalkBytes = 1024 * 1024;
    const core::FileRead read = core::read_bounded_file(c.file, kMaxTalkBytes);
    if (!read.text)
        return Result::failure("file \"" + c.file + "\" " + read.error);
    std::string error;
    auto talk = core::slides::parse_talk(*read.text, error);
    if (!talk) // the overlay keeps the talk it had
        return Result::failure(c.file + ": " + error);
    return change(
        [&](core::slides::TalkState& t) {
            t.load(std::move(*talk));
            return std::string();
        },
        true);
}

Result TalkControl::execute(const TimerControl& c) {
    return change(
        [&](core::slides::TalkState& t) {
            const std::int64_t now = now_ms_();
            switch (c.action) {
            case TimerAction::start:
                t.timer().start(now);
                break;
            case TimerAction::pause:
                t.timer().pause(now);
                break;
            case TimerAction::toggle:
                if (t.timer().running())
                    t.timer().pause(now);
                else
                    t.timer().start(now);
                break;
            case TimerAction::reset:
                t.timer().reset();
                break;
            }
            return std::string();
        },
        true);
}

Result TalkControl::execute(const TimerAdd& c) {
    if (c.seconds < -24 * 3600 || c.seconds > 24 * 3600)
        return Result::failure("seconds " + std::to_string(c.seconds) + ": expected -86400..86400");
    return change(
        [&](core::slides::TalkState& t) {
            t.timer().add_planned(static_cast<std::int64_t>(c.seconds) * 1000);
            return std::string();
        },
        true);
}

core::slides::TalkStatus TalkControl::status() const {
    std::lock_guard lock(mutex_);
    return talk_.status(now_ms_());
}

std::shared_ptr<const SlidesSnapshot> TalkControl::slides() const {
    return slides_.snapshot().value;
}

void TalkControl::snapshot(ControlState& state) const {
    const auto talk = status();
    state.slide = talk.current;
    state.slides = talk.total;
    state.section = talk.section;
    state.timer_running = talk.running;
    state.elapsed_ms = talk.elapsed_ms;
    state.planned_ms = talk.planned_ms;
}

void TalkControl::flush() {
    persist_.wait_idle();
}

} // namespace stagehand::control
