#include "control/code_control.hpp"

#include "control/status_board.hpp"
#include "core/base/json_fields.hpp"
#include "core/code/line_ranges.hpp"
#include "core/highlight/languages.hpp"

#include <algorithm>

// The code domain's state: the dock's choice and each source's live step and focus, how they
// are read from and kept in control.json, and how get_state shows them. The commands are in
// code_control.cpp.
namespace stagehand::control {

namespace {

constexpr const char* kStoreName = "control"; // control.json: the dock's choice, live state
// Bounds on what control.json may hold: more sources than a scene collection has, steps past
// any snippet's.
constexpr std::size_t kMaxLiveSources = 1000;
constexpr std::int64_t kMaxStep = 10000;

} // namespace

std::vector<CodeLanguage> code_languages() {
    std::vector<CodeLanguage> out;
    for (const auto& l : core::highlight::languages())
        out.push_back({std::string(l.id), std::string(l.name)});
    return out;
}

std::size_t step_count(const CodeSourceSettings& source) {
    std::string error;
    const auto steps = core::code::parse_steps(source.steps, error);
    return steps ? steps->size() : 0;
}

std::size_t current_step(const CodeSourceSettings& source) {
    const std::size_t count = step_count(source);
    if (count == 0)
        return 0;
    return static_cast<std::size_t>(
        std::clamp<long long>(source.step, 1, static_cast<long long>(count)));
}

CodeControl::CodeControl(std::shared_ptr<CodeSources> sources, std::shared_ptr<Clipboard> clipboard,
                         std::shared_ptr<Store> store, const EventBus& bus)
    : sources_(std::move(sources))
    , clipboard_(std::move(clipboard))
    , store_(std::move(store))
    , bus_(bus) {
    if (store_)
        store_->read(kStoreName, "the dock's choices", [&](const nlohmann::json& saved) {
            const core::Fields root(saved);
            root.integer("version", 1, 1, 1);
            // Read whole into locals first: a fault anywhere keeps nothing of the file.
            std::string chosen;
            CodeLive live_state;
            if (const auto code = root.object("code")) {
                chosen = code->string("chosen");
                if (const auto live = code->object("live")) {
                    if (live->raw().size() > kMaxLiveSources)
                        throw core::ShapeError(live->pointer() + ": expected at most " +
                                               std::to_string(kMaxLiveSources) + " sources");
                    for (const auto& [key, value] : live->raw().items()) {
                        const auto entry = live->object(key);
                        CodeLive::Source source;
                        source.step = entry->integer("step", 1, 1, kMaxStep);
                        if (entry->has("focus") && !entry->find("focus")->is_null())
                            source.focus = entry->string("focus");
                        live_state.sources[key] = std::move(source);
                    }
                }
            }
            chosen_ = std::move(chosen);
            live_state_ = std::move(live_state);
        });
    live_.publish(std::make_shared<CodeLive>(live_state_));
}

std::vector<CodeSourceSettings> CodeControl::list() const {
    auto sources = sources_ ? sources_->list() : std::vector<CodeSourceSettings>();
    std::lock_guard lock(data_mutex_);
    for (auto& s : sources)
        if (const auto* live = live_state_.find(code_source_key(s.name, s.uuid))) {
            s.step = live->step;
            if (live->focus)
                s.focus = *live->focus;
        }
    return sources;
}

nlohmann::json CodeControl::saved(const std::vector<CodeSourceSettings>& sources) const {
    nlohmann::json live = nlohmann::json::object();
    for (const auto& s : sources)
        if (const auto* entry = live_state_.find(code_source_key(s.name, s.uuid)))
            live[std::string(code_source_key(s.name, s.uuid))] = {
                {"step", entry->step},
                {"focus", entry->focus ? nlohmann::json(*entry->focus) : nlohmann::json(nullptr)}};
    return {{"version", 1}, {"code", {{"chosen", chosen_}, {"live", std::move(live)}}}};
}

void CodeControl::save(nlohmann::json json) {
    if (!store_)
        return;
    // Off the caller's thread (a hotkey, the dock): a burst of steps costs one write. A step
    // every few seconds of a talk is not flushed to the disk each time: a crash of OBS keeps it
    // (the file is replaced whole), a power cut may cost the last steps.
    persist_.submit([store = store_, json = std::move(json)] {
        std::string error;
        if (!store->save(kStoreName, json, error, Survives::crash))
            StatusBoard::global().set(
                "code", "control", Severity::error,
                {"the code sources' step and focus were not saved: " + error});
    });
}

std::string CodeControl::save_now(nlohmann::json json) {
    // Through the same worker as the live state's writes, so writes land in command order.
    auto error = std::make_shared<std::string>();
    persist_.submit(
        [store = store_, json = std::move(json), error] { store->save(kStoreName, json, *error); });
    persist_.wait_idle();
    return *error;
}

void CodeControl::snapshot(ControlState& state) const {
    {
        std::lock_guard lock(data_mutex_);
        state.revision = revision_;
        state.chosen_code_source = chosen_;
    }
    for (const auto& s : list()) {
        CodeSourceState out;
        out.name = s.name;
        out.uuid = s.uuid;
        out.text = s.text;
        out.file = s.file;
        out.language = s.language;
        out.focus = s.focus;
        out.steps = step_count(s);
        out.step = current_step(s);
        out.on_program = s.on_program;
        out.chosen = s.name == state.chosen_code_source;
        state.code.push_back(std::move(out));
    }
}

std::uint64_t CodeControl::revision() const {
    std::lock_guard lock(data_mutex_);
    return revision_;
}

} // namespace stagehand::control
