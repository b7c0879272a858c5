#pragma once

#include "control/code_sources.hpp"
#include "control/commands.hpp"
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

// The one command API: the dock, OBS hotkeys, obs-websocket vendor requests, the CLI and tests
// all act through it, so each action is validated and applied the same way whoever asks.
//
// Threads: safe to call from any thread (UI, hotkey, obs-websocket's pool, tests) except OBS's
// video and graphics threads, which only read what sources publish. Commands are serialised
// among themselves so a read-modify-write (a step) never races another. It never touches Qt
// widgets or gs_* itself. Events are delivered on the calling thread after the command's lock
// is released, so a listener may call back into the controller.
class Controller {
public:
    struct Options {
        std::shared_ptr<CodeSources> code;
        std::shared_ptr<Clipboard> clipboard; // nothing: code_show_clipboard says so
        std::shared_ptr<Store> store;         // nothing: choices are not kept across restarts
        std::string version;                  // the plugin's version, for get_version
    };
    explicit Controller(Options options);

    Result execute(const CodeShow& command);
    Result execute(const CodeShowClipboard& command);
    Result execute(const CodeFollow& command);
    Result execute(const CodeStep& command);
    Result execute(const CodeFocus& command);
    Result execute(const ChooseCodeSource& command);

    ControlState state() const;
    std::uint64_t revision() const;
    const std::string& version() const { return version_; }

    using Listener = std::function<void(const Event&)>;
    // Returns an id for unsubscribe. Listeners run on the thread that made the change.
    std::uint64_t subscribe(Listener listener);
    void unsubscribe(std::uint64_t id);

private:
    Result resolve(const Target& target, const std::vector<CodeSourceSettings>& sources,
                   const CodeSourceSettings*& found) const;
    Result show(const Target& target, const std::string& text, const std::string& language);
    Result apply(const CodeSourceSettings& source, const CodeSettingsChange& change,
                 std::vector<Event>& events);
    void emit(const std::vector<Event>& events);
    std::string chosen() const;

    std::shared_ptr<CodeSources> code_;
    std::shared_ptr<Clipboard> clipboard_;
    std::shared_ptr<Store> store_;
    std::string version_;

    std::mutex command_mutex_; // one command at a time
    mutable std::mutex data_mutex_;
    std::string chosen_code_;
    std::uint64_t revision_ = 0;
    std::uint64_t next_listener_ = 1;
    std::vector<std::pair<std::uint64_t, std::shared_ptr<const Listener>>> listeners_;
};

// Step bookkeeping shared by every path: how many steps a source's list has (0 when none or
// unparsable) and its current step clamped into the list.
std::size_t step_count(const CodeSourceSettings& source);
std::size_t current_step(const CodeSourceSettings& source);

} // namespace stagehand::control
