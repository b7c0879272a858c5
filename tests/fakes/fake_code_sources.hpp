#pragma once

#include "control/code_sources.hpp"
#include "control/controller.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace stagehand::testing {

// A stand-in for OBS's sources as the control layer sees them: code sources with settings,
// other sources by kind, and a count of the changes applied. Thread-safe like libobs.
class FakeCodeSources : public control::CodeSources {
public:
    void add(control::CodeSourceSettings source) {
        std::lock_guard lock(mutex_);
        sources_.push_back(std::move(source));
    }
    void add_other(std::string name, std::string kind) {
        std::lock_guard lock(mutex_);
        others_.emplace_back(std::move(name), std::move(kind));
    }
    void remove(const std::string& name) {
        std::lock_guard lock(mutex_);
        std::erase_if(sources_, [&](const auto& s) { return s.name == name; });
    }
    void rename(const std::string& from, const std::string& to) {
        std::lock_guard lock(mutex_);
        for (auto& s : sources_)
            if (s.name == from)
                s.name = to;
    }
    std::optional<control::CodeSourceSettings> get(const std::string& name) {
        std::lock_guard lock(mutex_);
        for (const auto& s : sources_)
            if (s.name == name)
                return s;
        return std::nullopt;
    }
    std::size_t changes() {
        std::lock_guard lock(mutex_);
        return changes_;
    }
    std::optional<control::CodeSettingsChange> last_change() {
        std::lock_guard lock(mutex_);
        return last_change_;
    }

    std::vector<control::CodeSourceSettings> list() override {
        std::lock_guard lock(mutex_);
        return sources_;
    }
    bool apply(const std::string& name, const control::CodeSettingsChange& change) override {
        std::lock_guard lock(mutex_);
        for (auto& s : sources_) {
            if (s.name != name)
                continue;
            if (change.text)
                s.text = *change.text;
            if (change.file)
                s.file = *change.file;
            if (change.language)
                s.language = *change.language;
            if (change.focus)
                s.focus = *change.focus;
            if (change.steps)
                s.steps = *change.steps;
            last_change_ = change;
            ++changes_;
            return true;
        }
        return false;
    }
    std::string kind_of(const std::string& name_or_uuid) override {
        std::lock_guard lock(mutex_);
        for (const auto& s : sources_)
            if (s.name == name_or_uuid || s.uuid == name_or_uuid)
                return "stagehand_code";
        for (const auto& [name, kind] : others_)
            if (name == name_or_uuid)
                return kind;
        return {};
    }

private:
    std::mutex mutex_;
    std::vector<control::CodeSourceSettings> sources_;
    std::vector<std::pair<std::string, std::string>> others_;
    std::size_t changes_ = 0;
    std::optional<control::CodeSettingsChange> last_change_;
};

class FakeClipboard : public control::Clipboard {
public:
    std::optional<std::string> contents = std::string();
    std::optional<std::string> text() override { return contents; }
};

inline control::CodeSourceSettings code_source(std::string name, std::string steps = {},
                                               bool on_program = false) {
    control::CodeSourceSettings s;
    s.name = std::move(name);
    s.uuid = "uuid-" + s.name;
    s.text = "a\nb\nc\n";
    s.language = "auto";
    s.steps = std::move(steps);
    s.step = 1;
    s.on_program = on_program;
    return s;
}

// A code source as the controller sees it: its settings with its live step and focus (which
// the control layer keeps, not the settings).
inline std::optional<control::CodeSourceSettings> live(const control::Controller& controller,
                                                       const std::string& name) {
    for (auto& s : controller.code_sources())
        if (s.name == name)
            return s;
    return std::nullopt;
}

} // namespace stagehand::testing
