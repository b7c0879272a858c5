#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::control {

// One code snippet source: its settings (the properties window changes them too) and, as the
// control layer lists it, its live step and focus (CodeControl keeps those, not the settings).
struct CodeSourceSettings {
    std::string name;
    std::string uuid; // empty before OBS 30
    std::string text;
    std::string file;
    std::string language;
    std::string focus;  // the live focus, else the focus in its settings
    std::string steps;  // the step list as typed: "1-3 | 4-6"
    long long step = 1; // the live step, else an older version's "step" setting
    bool on_program = false;
};

// A change to a code source's settings (its content: text, file, language, step list, the
// focus it rests on): only what is set is sent.
struct CodeSettingsChange {
    std::optional<std::string> text;
    std::optional<std::string> file;
    std::optional<std::string> language;
    std::optional<std::string> focus;
    std::optional<std::string> steps;
    // Clears the diff marks (added, removed and marked lines).
    bool clear_marks = false;
    bool empty() const { return !text && !file && !language && !focus && !steps && !clear_marks; }
};

// A code source's live presentation state: where its walk through the steps is and what is
// focused now. It changes many times a talk, so it is the control layer's, published for the
// source to read, not written into OBS's settings (and its scene collection) on every step.
struct CodeLive {
    struct Source {
        long long step = 1;
        std::optional<std::string> focus; // none: the focus in the source's settings
        std::uint64_t revision = 0;       // the change that last touched this source
    };
    // By source key (code_source_key); found by a view too, so that a video tick asks without
    // making a string.
    std::map<std::string, Source, std::less<>> sources;
    std::uint64_t revision = 0;
    const Source* find(std::string_view key) const {
        const auto it = sources.find(key);
        return it == sources.end() ? nullptr : &it->second;
    }
};

// How the live state names a source: its UUID where OBS has one (30+, survives a rename), else
// its name.
inline std::string_view code_source_key(std::string_view name, std::string_view uuid) {
    return uuid.empty() ? name : uuid;
}

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
