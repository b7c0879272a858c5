#include "obs/code_control.hpp"

#include "obs/settings_keys.hpp"

#include "core/code/line_ranges.hpp"

#include <obs.h>

#include <algorithm>
#include <cstring>

namespace stagehand {

namespace {

constexpr const char* kCodeSourceId = "stagehand_code";

// A strong reference to the named source when it is a code snippet source.
struct SourceRef {
    explicit SourceRef(const std::string& name)
        : source(obs_get_source_by_name(name.c_str())) {
        if (source && std::strcmp(obs_source_get_id(source), kCodeSourceId) != 0) {
            obs_source_release(source);
            source = nullptr;
        }
    }
    ~SourceRef() { obs_source_release(source); }
    SourceRef(const SourceRef&) = delete;
    SourceRef& operator=(const SourceRef&) = delete;
    obs_source_t* source;
};

std::size_t step_count(obs_data_t* settings) {
    std::string error;
    const auto steps = core::code::parse_steps(obs_data_get_string(settings, keys::kSteps), error);
    return steps ? steps->size() : 0;
}

class ObsCodeControl final : public core::code::CodeControl {
public:
    std::vector<std::string> sources() override {
        std::vector<std::string> names;
        obs_enum_sources(
            [](void* data, obs_source_t* source) {
                if (std::strcmp(obs_source_get_id(source), kCodeSourceId) == 0)
                    if (const char* name = obs_source_get_name(source))
                        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
                return true;
            },
            &names);
        return names;
    }

    std::optional<core::code::CodeSourceState> state(const std::string& name) override {
        SourceRef ref(name);
        if (!ref.source)
            return std::nullopt;
        obs_data_t* settings = obs_source_get_settings(ref.source);
        core::code::CodeSourceState state;
        state.text = obs_data_get_string(settings, keys::kText);
        state.file = obs_data_get_string(settings, keys::kFile);
        state.steps = step_count(settings);
        state.on_program = obs_source_active(ref.source);
        if (state.steps > 0)
            state.step = static_cast<std::size_t>(std::clamp<long long>(
                obs_data_get_int(settings, keys::kStep), 1, static_cast<long long>(state.steps)));
        obs_data_release(settings);
        return state;
    }

    bool show_text(const std::string& name, const std::string& text,
                   const std::string& language) override {
        SourceRef ref(name);
        if (!ref.source)
            return false;
        obs_data_t* change = obs_data_create();
        obs_data_set_string(change, keys::kText, text.c_str());
        obs_data_set_string(change, keys::kFile, "");
        if (!language.empty())
            obs_data_set_string(change, keys::kLanguage, language.c_str());
        obs_source_update(ref.source, change);
        obs_data_release(change);
        return true;
    }

    bool step(const std::string& name, int delta) override {
        SourceRef ref(name);
        return ref.source && code_step_by(ref.source, delta);
    }
};

} // namespace

bool code_step_by(obs_source_t* source, int delta) {
    obs_data_t* settings = obs_source_get_settings(source);
    const auto count = static_cast<long long>(step_count(settings));
    const long long step =
        std::clamp<long long>(obs_data_get_int(settings, keys::kStep) + delta, 1, count);
    obs_data_release(settings);
    if (count == 0)
        return false;
    // Only the step is sent: libobs merges it into the source's settings and applies them on
    // the next video tick.
    obs_data_t* change = obs_data_create();
    obs_data_set_int(change, keys::kStep, step);
    obs_source_update(source, change);
    obs_data_release(change);
    return true;
}

std::unique_ptr<core::code::CodeControl> make_obs_code_control() {
    return std::make_unique<ObsCodeControl>();
}

} // namespace stagehand
