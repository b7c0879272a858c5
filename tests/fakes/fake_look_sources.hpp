#pragma once

#include "control/look_sources.hpp"

#include <mutex>
#include <string>
#include <vector>

namespace stagehand::testing {

// Overlay sources as presets see them: each with its look values, and a count of changes.
class FakeLookSources : public control::LookSources {
public:
    struct Source {
        control::LookSource info;
        control::LookValues values;
    };
    void add(std::string name, core::preset::Overlay overlay, control::LookValues values = {}) {
        std::lock_guard lock(mutex_);
        sources_.push_back({{std::move(name), "", overlay, true}, std::move(values)});
    }
    control::LookValues values(const std::string& name) {
        std::lock_guard lock(mutex_);
        for (const auto& s : sources_)
            if (s.info.name == name)
                return s.values;
        return {};
    }
    std::size_t changes() {
        std::lock_guard lock(mutex_);
        return changes_;
    }

    std::vector<control::LookSource> list() override {
        std::lock_guard lock(mutex_);
        std::vector<control::LookSource> out;
        for (const auto& s : sources_)
            out.push_back(s.info);
        return out;
    }
    std::optional<control::LookValues> read(const std::string& name) override {
        std::lock_guard lock(mutex_);
        for (const auto& s : sources_)
            if (s.info.name == name)
                return s.values;
        return std::nullopt;
    }
    bool apply(const std::string& name, const control::LookValues& values) override {
        std::lock_guard lock(mutex_);
        for (auto& s : sources_)
            if (s.info.name == name) {
                for (const auto& [path, value] : values)
                    s.values[path] = value;
                ++changes_;
                return true;
            }
        return false;
    }

    std::string create_stage(const std::string& scene,
                             const std::vector<control::StageItem>& items) override {
        std::lock_guard lock(mutex_);
        if (refuse_stages)
            return "a source named \"" + scene + "\" exists";
        stages.push_back({scene, items});
        for (const auto& item : items)
            sources_.push_back({{item.source, "", item.overlay, false}, item.look});
        return {};
    }
    struct Stage {
        std::string scene;
        std::vector<control::StageItem> items;
    };
    std::vector<Stage> stages;
    bool refuse_stages = false;

private:
    std::mutex mutex_;
    std::vector<Source> sources_;
    std::size_t changes_ = 0;
};

} // namespace stagehand::testing
