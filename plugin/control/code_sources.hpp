#pragma once

#include <optional>
#include <string>
#include <vector>

namespace stagehand::control {

// One code snippet source as its settings say (the settings are the source of truth: the
// properties window changes them too).
struct CodeSourceSettings {
    std::string name;
    std::string uuid; // empty before OBS 30
    std::string text;
    std::string file;
    std::string language;
    std::string focus;
    std::string steps; // the step list as typed: "1-3 | 4-6"
    long long step = 1;
    bool on_program = false;
};

// A change to a code source's settings: only what is set is sent.
struct CodeSettingsChange {
    std::optional<std::string> text;
    std::optional<std::string> file;
    std::optional<std::string> language;
    std::optional<std::string> focus;
    std::optional<std::string> steps;
    std::optional<long long> step;
    // Clears the diff marks (added, removed and marked lines).
    bool clear_marks = false;
};

// The code snippet sources as the control layer sees them. The plugin implements it over libobs
// (plugin/obs/obs_code_sources.cpp); tests use a fake. Called from any thread but never from
// OBS's video or graphics thread.
class CodeSources {
public:
    virtual ~CodeSources() = default;
    // Every code snippet source, in OBS's order.
    virtual std::vector<CodeSourceSettings> list() = 0;
    // Merges `change` into the settings of the source with that name (OBS applies it on its next
    // video tick). False when the source no longer exists.
    virtual bool apply(const std::string& name, const CodeSettingsChange& change) = 0;
    // The kind of another source with this name or UUID ("stagehand_slides"), for a clear error
    // when a command names a source that is not a code snippet; empty when there is none.
    virtual std::string kind_of(const std::string& name_or_uuid) = 0;
};

// The system clipboard's text. The plugin reads it on Qt's UI thread; tests use a fake.
class Clipboard {
public:
    virtual ~Clipboard() = default;
    // The text on the clipboard ("" when there is none), or nothing when it could not be read.
    virtual std::optional<std::string> text() = 0;
};

} // namespace stagehand::control
