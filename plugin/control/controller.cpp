#include "control/controller.hpp"

#include <chrono>

namespace stagehand::control {

namespace {

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::int64_t system_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::filesystem::path export_folder(const Controller::Options& options) {
    if (!options.export_folder.empty())
        return options.export_folder;
    return options.store ? options.store->folder() / "exports" : std::filesystem::path();
}

QuestionControl::Options question_options(Controller::Options& options, ExportFolder& exports,
                                          std::function<std::int64_t()> now_ms) {
    QuestionControl::Options o;
    o.store = options.store;
    o.exports = &exports;
    o.settings = std::move(options.questions);
    o.now_ms = std::move(now_ms);
    o.save_interval = options.queue_save_interval;
    o.decision_gather = options.queue_decision_gather;
    return o;
}

} // namespace

// Every saved file is outside input: each domain's reader throws on anything it did not expect,
// and the store sets that file aside so OBS starts from defaults (store.hpp).
Controller::Controller(Options options)
    : version_(std::move(options.version))
    , now_ms_(options.now_ms ? std::move(options.now_ms) : steady_ms)
    , exports_(export_folder(options), options.store)
    , code_(std::move(options.code), std::move(options.clipboard), options.store, bus_)
    , chat_(std::move(options.chat), options.store, bus_)
    , talk_(options.store, now_ms_, options.wall_ms ? std::move(options.wall_ms) : system_ms, bus_)
    , presets_({options.looks, options.store, options.presets_folder, &exports_}, bus_)
    , questions_(question_options(options, exports_, now_ms_), bus_) {}

void Controller::on_chat(const core::chat::ChatEvent& event) {
    on_chat(std::vector<core::chat::ChatEvent>{event});
}

void Controller::on_chat(const std::vector<core::chat::ChatEvent>& batch) {
    std::vector<Event> events;
    questions_.on_chat(batch, events);
    for (const core::chat::ChatEvent& event : batch)
        if (const auto* status = std::get_if<core::chat::ChatStatus>(&event))
            chat_.on_status(*status, events);
    bus_.deliver(coalesced(std::move(events)));
}

void Controller::flush() {
    code_.flush();
    questions_.flush();
    talk_.flush();
}

ControlState Controller::state() const {
    ControlState state;
    code_.snapshot(state);
    const auto status = StatusBoard::global().snapshot();
    state.status = status.entries;
    state.status_revision = status.revision;
    talk_.snapshot(state);
    questions_.snapshot(state);
    state.preset = presets_.snapshot();
    return state;
}

} // namespace stagehand::control
