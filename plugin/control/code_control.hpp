#pragma once

#include "control/code_sources.hpp"
#include "control/commands.hpp"
#include "control/event_bus.hpp"
#include "control/result.hpp"
#include "control/state.hpp"
#include "control/store.hpp"
#include "core/base/latest_job_worker.hpp"
#include "core/base/published.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace stagehand::control {

// The code overlay's domain: which snippet source a command means, what it shows (its settings,
// through CodeSources, which the plugin implements with libobs), its live step and focus (here,
// published for the source to read), and the dock's choice of source. Choice and live state are
// kept in control.json.
//
// Commands are serialised among themselves (a step is a read-modify-write of a source).
class CodeControl {
public:
    CodeControl(std::shared_ptr<CodeSources> sources, std::shared_ptr<Clipboard> clipboard,
                std::shared_ptr<Store> store, const EventBus& bus);

    Result execute(const CodeShow& command);
    Result execute(const CodeShowClipboard& command);
    Result execute(const CodeFollow& command);
    Result execute(const CodeStep& command);
    Result execute(const CodeFocus& command);
    Result execute(const ChooseCodeSource& command);

    // Fills the code part of get_state: the sources, the choice, the revision.
    void snapshot(ControlState& state) const;
    std::uint64_t revision() const;
    // Every code source with its live step and focus.
    std::vector<CodeSourceSettings> list() const;
    // What the code sources draw their step and focus from; cheap (copies a pointer), safe from
    // OBS's video thread.
    std::shared_ptr<const CodeLive> live() const { return live_.snapshot().value; }
    // Waits until control.json is on disk.
    void flush() { persist_.wait_idle(); }

    // A command's change: to the settings, and to the live state (a focus of nothing goes back
    // to the settings' focus).
    struct Change {
        CodeSettingsChange settings;
        std::optional<long long> step = std::nullopt;
        std::optional<std::optional<std::string>> focus = std::nullopt;
    };

private:
    Result resolve(const Target& target, const std::vector<CodeSourceSettings>& sources,
                   const CodeSourceSettings*& found) const;
    Result show(const CodeShow& command);
    // Resolves the target under the command lock and applies the change `change` makes for it.
    Result change_code(const Target& target,
                       const std::function<Change(const CodeSourceSettings&)>& change);
    // Applies `change` to `source` (one of `sources`, the list it was resolved in).
    Result apply(const CodeSourceSettings& source, const Change& change,
                 const std::vector<CodeSourceSettings>& sources, std::vector<Event>& events);
    std::string chosen() const;
    // Under data_mutex_: control.json's content (live state only for sources that exist).
    nlohmann::json saved(const std::vector<CodeSourceSettings>& sources) const;
    void save(nlohmann::json json);
    // Writes at once (after any write already queued) and says why it failed, "" when it did not.
    std::string save_now(nlohmann::json json);

    std::shared_ptr<CodeSources> sources_;
    std::shared_ptr<Clipboard> clipboard_;
    std::shared_ptr<Store> store_;
    const EventBus& bus_;

    std::mutex command_mutex_; // one code command at a time
    mutable std::mutex data_mutex_;
    std::string chosen_;
    std::uint64_t revision_ = 0;
    CodeLive live_state_; // under data_mutex_; published as live_
    core::Published<CodeLive> live_;
    core::LatestJobWorker persist_{"stagehand-save"}; // last: finishes the last write first
};

// A language the code overlay highlights, as the dock's list shows it.
struct CodeLanguage {
    std::string id;   // what code_show's "language" takes
    std::string name; // "TypeScript"
};
std::vector<CodeLanguage> code_languages();

// Step bookkeeping shared by every path: how many steps a source's list has (0 when none or
// unparsable) and its current step clamped into the list.
std::size_t step_count(const CodeSourceSettings& source);
std::size_t current_step(const CodeSourceSettings& source);

} // namespace stagehand::control
