#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace stagehand::core::code {

// What one code snippet source shows, as the presenter dock needs it.
struct CodeSourceState {
    std::string text;        // the text typed into the source (or sent from the dock)
    std::string file;        // the followed file; when set, it wins over the text
    std::size_t step = 0;    // the current step, 1-based; 0 when there is no step list
    std::size_t steps = 0;   // how many steps the list has
    bool on_program = false; // shown in the program output right now
};

// What the presenter dock does to code snippet sources. The plugin implements it over libobs
// (plugin/obs/code_control.cpp); the dock's tests use a fake. Every call is made from the UI
// thread and returns at once: OBS applies the new settings on its own video tick.
class CodeControl {
public:
    virtual ~CodeControl() = default;
    // The names of the code snippet sources, in OBS's order.
    virtual std::vector<std::string> sources() = 0;
    // Nothing when no code snippet source has that name.
    virtual std::optional<CodeSourceState> state(const std::string& source) = 0;
    // Shows `text` in the source: it stops following its file (if it did) and the change
    // animates like any other. A non-empty `language` (an id, or "auto" to detect) replaces
    // the source's language too. False when there is no such source.
    virtual bool show_text(const std::string& source, const std::string& text,
                           const std::string& language = {}) = 0;
    // Moves the current step by `delta`, clamped to the step list. False when there is no
    // such source or it has no steps.
    virtual bool step(const std::string& source, int delta) = 0;
};

} // namespace stagehand::core::code
