#pragma once

#include <obs.h>
#include <util/bmem.h>

#include <memory>
#include <string>

// Owning holders for libobs handles: each reference taken is released exactly once, also when
// an exception unwinds through the code that took it.
namespace stagehand::obs {

struct DataRelease {
    void operator()(obs_data_t* data) const noexcept { obs_data_release(data); }
};
using Data = std::unique_ptr<obs_data_t, DataRelease>;

struct DataArrayRelease {
    void operator()(obs_data_array_t* array) const noexcept { obs_data_array_release(array); }
};
using DataArray = std::unique_ptr<obs_data_array_t, DataArrayRelease>;

struct SourceRelease {
    void operator()(obs_source_t* source) const noexcept { obs_source_release(source); }
};
// A strong reference to a source (from obs_get_source_by_name, obs_source_get_ref, ...).
using SourceRef = std::unique_ptr<obs_source_t, SourceRelease>;

// A string libobs allocated for the caller (obs_module_file, obs_module_config_path, ...), as a
// std::string; empty when libobs returned nothing.
inline std::string take_string(char* owned) {
    std::string result = owned ? owned : "";
    bfree(owned);
    return result;
}

// A setting's string, never null.
inline std::string get_string(obs_data_t* data, const char* key) {
    const char* value = obs_data_get_string(data, key);
    return value ? value : "";
}

// A source's UUID (OBS 30+; "" before, where a source is known by its name only).
inline std::string source_uuid([[maybe_unused]] obs_source_t* source) {
#if LIBOBS_API_MAJOR_VER >= 30
    const char* uuid = obs_source_get_uuid(source);
    return uuid ? uuid : "";
#else
    return {};
#endif
}

} // namespace stagehand::obs
