#include "obs/obs_code_sources.hpp"

#include "obs/obs_handles.hpp"
#include "obs/settings_keys.hpp"

#include "core/base/error_report.hpp"

#include <obs.h>

#include <cstring>
#include <vector>

namespace stagehand {

namespace {

constexpr const char* kCodeSourceId = "stagehand_code";

bool is_code_source(obs_source_t* source) {
    const char* id = obs_source_get_id(source);
    return id && std::strcmp(id, kCodeSourceId) == 0;
}

obs::SourceRef find_source(const std::string& name_or_uuid) {
    obs::SourceRef source(obs_get_source_by_name(name_or_uuid.c_str()));
#if LIBOBS_API_MAJOR_VER >= 30
    if (!source)
        source.reset(obs_get_source_by_uuid(name_or_uuid.c_str()));
#endif
    return source;
}

control::CodeSourceSettings read(obs_source_t* source) {
    control::CodeSourceSettings out;
    const char* name = obs_source_get_name(source);
    out.name = name ? name : "";
    out.uuid = obs::source_uuid(source);
    obs::Data settings(obs_source_get_settings(source));
    out.text = obs::get_string(settings.get(), keys::kText);
    out.file = obs::get_string(settings.get(), keys::kFile);
    out.language = obs::get_string(settings.get(), keys::kLanguage);
    out.focus = obs::get_string(settings.get(), keys::kFocus);
    out.steps = obs::get_string(settings.get(), keys::kSteps);
    out.step = obs_data_get_int(settings.get(), keys::kStep);
    out.on_program = obs_source_active(source);
    return out;
}

class ObsCodeSources final : public control::CodeSources {
public:
    std::vector<control::CodeSourceSettings> list() override {
        std::vector<control::CodeSourceSettings> found;
        obs_enum_sources(
            [](void* data, obs_source_t* source) noexcept {
                core::run_guarded("listing code sources", [&] {
                    if (is_code_source(source))
                        static_cast<std::vector<control::CodeSourceSettings>*>(data)->push_back(
                            read(source));
                });
                return true;
            },
            &found);
        return found;
    }

    bool apply(const std::string& name, const control::CodeSettingsChange& change) override {
        obs::SourceRef source(obs_get_source_by_name(name.c_str()));
        if (!source || !is_code_source(source.get()))
            return false;
        // Only what changes is sent: libobs merges it into the settings and applies them on the
        // next video tick, so a step change does not re-send a megabyte of text.
        obs::Data settings(obs_data_create());
        if (change.text)
            obs_data_set_string(settings.get(), keys::kText, change.text->c_str());
        if (change.file)
            obs_data_set_string(settings.get(), keys::kFile, change.file->c_str());
        if (change.language)
            obs_data_set_string(settings.get(), keys::kLanguage, change.language->c_str());
        if (change.focus)
            obs_data_set_string(settings.get(), keys::kFocus, change.focus->c_str());
        if (change.steps)
            obs_data_set_string(settings.get(), keys::kSteps, change.steps->c_str());
        if (change.clear_marks)
            for (const char* key : {keys::kAdded, keys::kRemoved, keys::kMarked})
                obs_data_set_string(settings.get(), key, "");
        obs_source_update(source.get(), settings.get());
        return true;
    }

    std::string kind_of(const std::string& name_or_uuid) override {
        const obs::SourceRef source = find_source(name_or_uuid);
        const char* id = source ? obs_source_get_id(source.get()) : nullptr;
        return id ? id : "";
    }
};

} // namespace

std::string_view code_source_key_view(obs_source_t* source) {
#if LIBOBS_API_MAJOR_VER >= 30
    const char* uuid = obs_source_get_uuid(source);
#else
    const char* uuid = nullptr;
#endif
    const char* name = obs_source_get_name(source);
    return control::code_source_key(name ? name : "", uuid ? uuid : "");
}

std::shared_ptr<control::CodeSources> make_obs_code_sources() {
    return std::make_shared<ObsCodeSources>();
}

} // namespace stagehand
