#pragma once

#include "control/look_sources.hpp"

#include <mutex>
#include <string>
#include <thread>
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
    // A picture filled with the preset's code card colour, handed over from another thread as
    // the real one is.
    void thumbnail(const core::preset::Preset& preset, std::uint32_t width,
                   control::ThumbnailDone done) override {
        core::Color fill{0.5f, 0.5f, 0.5f, 1.0f};
        if (const auto code = preset.looks.find(core::preset::Overlay::code);
            code != preset.looks.end())
            if (const auto bg = code->second.find("card/background"); bg != code->second.end())
                if (const auto* c = std::get_if<core::Color>(&bg->second))
                    fill = *c;
        std::lock_guard lock(mutex_);
        thumbnails.push_back(preset.metadata.name);
        drawers_.emplace_back([fill, width, done = std::move(done)] {
            control::Thumbnail t{width, width * 5 / 8, {}};
            for (std::uint32_t i = 0; i < t.width * t.height; ++i)
                for (const float channel : {fill.r, fill.g, fill.b, fill.a})
                    t.rgba.push_back(static_cast<std::uint8_t>(channel * 255.0f + 0.5f));
            done(std::move(t));
        });
    }
    ~FakeLookSources() override {
        for (auto& t : drawers_)
            t.join();
    }
    std::vector<std::string> thumbnails; // the presets drawn, in order

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
    std::vector<std::thread> drawers_;
};

} // namespace stagehand::testing
