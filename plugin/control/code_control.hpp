#pragma once

#include "control/code_sources.hpp"
#include "control/commands.hpp"
#include "control/event_bus.hpp"
#include "control/result.hpp"
#include "control/state.hpp"
#include "control/store.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace stagehand::control {

// The code overlay's domain: which snippet source a command means, what it shows, its steps and
// focus, and the dock's choice of source (kept in control.json).
//
// Commands are serialised among themselves (a step is a read-modify-write of a source); the
// sources are reached through CodeSources, which the plugin implements with libobs.
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

private:
    Result resolve(const Target& target, const std::vector<CodeSourceSettings>& sources,
                   const CodeSourceSettings*& found) const;
    Result show(const CodeShow& command);
    // Resolves the target under the command lock and applies the change `change` makes for it.
    Result change_code(const Target& target,
                       const std::function<CodeSettingsChange(const CodeSourceSettings&)>& change);
    Result apply(const CodeSourceSettings& source, const CodeSettingsChange& change,
                 std::vector<Event>& events);
    std::string chosen() const;

    std::shared_ptr<CodeSources> sources_;
    std::shared_ptr<Clipboard> clipboard_;
    std::shared_ptr<Store> store_;
    const EventBus& bus_;

    std::mutex command_mutex_; // one code command at a time
    mutable std::mutex data_mutex_;
    std::string chosen_;
    std::uint64_t revision_ = 0;
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
