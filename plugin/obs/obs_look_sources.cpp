#include "obs/obs_look_sources.hpp"

#include "obs/look_settings.hpp"
#include "obs/obs_handles.hpp"
#include "obs/thumbnails.hpp"

#include "core/base/error_report.hpp"

#include <obs.h>

#include <cmath>
#include <cstring>
#include <optional>

namespace stagehand {

namespace {

using core::preset::Field;
using core::preset::Kind;
using core::preset::Overlay;
using core::preset::Value;

std::optional<Overlay> overlay_of(obs_source_t* source) {
    const char* id = obs_source_get_id(source);
    if (!id)
        return std::nullopt;
    if (std::strcmp(id, "stagehand_code") == 0)
        return Overlay::code;
    if (std::strcmp(id, "stagehand_slides") == 0)
        return Overlay::slides;
    if (std::strcmp(id, "stagehand_question") == 0)
        return Overlay::question;
    return std::nullopt;
}

// "font.size": the object "font" and its key "size"; "width": the settings and "width".
struct Place {
    std::string object;
    std::string key;
};
Place place_of(const Field& f) {
    const auto dot = f.setting.find('.');
    if (dot == std::string::npos)
        return {"", f.setting};
    return {f.setting.substr(0, dot), f.setting.substr(dot + 1)};
}

Value read_value(obs_data_t* data, const Field& f, const std::string& key) {
    switch (f.kind) {
    case Kind::boolean:
        return Value(obs_data_get_bool(data, key.c_str()));
    case Kind::integer:
        return Value(static_cast<long long>(obs_data_get_int(data, key.c_str())));
    case Kind::number: // libobs converts an integer (a font's size) too
        return Value(obs_data_get_double(data, key.c_str()));
    case Kind::text:
    case Kind::choice:
        return Value(std::string(obs_data_get_string(data, key.c_str())));
    case Kind::color:
        return Value(
            core::from_obs_abgr(static_cast<std::uint32_t>(obs_data_get_int(data, key.c_str()))));
    }
    return Value(false);
}

void write_value(obs_data_t* data, const Field& f, const std::string& key, const Value& v) {
    if (const auto* b = std::get_if<bool>(&v))
        obs_data_set_bool(data, key.c_str(), *b);
    else if (const auto* i = std::get_if<long long>(&v))
        obs_data_set_int(data, key.c_str(), *i);
    else if (const auto* d = std::get_if<double>(&v)) {
        if (f.setting.find('.') != std::string::npos) // a font's size: an integer
            obs_data_set_int(data, key.c_str(), std::llround(*d));
        else
            obs_data_set_double(data, key.c_str(), *d);
    } else if (const auto* s = std::get_if<std::string>(&v))
        obs_data_set_string(data, key.c_str(), s->c_str());
    else if (const auto* c = std::get_if<core::Color>(&v))
        obs_data_set_int(data, key.c_str(), core::to_obs_abgr(*c));
}

class ObsLookSources final : public control::LookSources {
public:
    std::vector<control::LookSource> list() override {
        std::vector<control::LookSource> found;
        obs_enum_sources(
            [](void* data, obs_source_t* source) noexcept {
                core::run_guarded("listing overlay sources", [&] {
                    if (const auto overlay = overlay_of(source)) {
                        const char* name = obs_source_get_name(source);
                        static_cast<std::vector<control::LookSource>*>(data)->push_back(
                            {name ? name : "", obs::source_uuid(source), *overlay,
                             obs_source_active(source)});
                    }
                });
                return true;
            },
            &found);
        return found;
    }

    std::optional<control::LookValues> read(const std::string& name) override {
        obs::SourceRef source(obs_get_source_by_name(name.c_str()));
        const auto overlay = source ? overlay_of(source.get()) : std::nullopt;
        if (!overlay)
            return std::nullopt;
        obs::Data settings(obs_source_get_settings(source.get()));
        control::LookValues values;
        for (const Field& f : core::preset::fields()) {
            if (f.overlay != *overlay)
                continue;
            const Place p = place_of(f);
            if (p.object.empty()) {
                values[f.path] = read_value(settings.get(), f, p.key);
                continue;
            }
            obs::Data object(obs_data_get_obj(settings.get(), p.object.c_str()));
            if (object)
                values[f.path] = read_value(object.get(), f, p.key);
        }
        // Only what the table allows: a value out of range (a hand-edited scene) is left out.
        std::erase_if(values, [&](const auto& entry) {
            const Field* f = core::preset::find_field(*overlay, entry.first);
            if (const auto* d = std::get_if<double>(&entry.second))
                return *d < f->min || *d > f->max;
            if (const auto* i = std::get_if<long long>(&entry.second))
                return static_cast<double>(*i) < f->min || static_cast<double>(*i) > f->max;
            if (const auto* s = std::get_if<std::string>(&entry.second))
                return s->empty();
            return false;
        });
        return values;
    }

    bool apply(const std::string& name, const control::LookValues& values) override {
        obs::SourceRef source(obs_get_source_by_name(name.c_str()));
        const auto overlay = source ? overlay_of(source.get()) : std::nullopt;
        if (!overlay)
            return false;
        obs::Data current(obs_source_get_settings(source.get()));
        obs::Data change = look_settings(*overlay, values, current.get());
        obs_source_update(source.get(), change.get());
        return true;
    }

    std::string create_stage(const std::string& scene,
                             const std::vector<control::StageItem>& items) override {
        // Every name is checked first: nothing is made when one is taken.
        for (const std::string& name : [&] {
                 std::vector<std::string> names{scene};
                 for (const auto& item : items)
                     names.push_back(item.source);
                 return names;
             }())
            if (obs::SourceRef taken(obs_get_source_by_name(name.c_str())); taken)
                return "a source named \"" + name + "\" exists already: give the stage " +
                       "another name";
        // The frontend keeps a reference to every scene made (it lists it); ours is released.
        obs_scene_t* made = obs_scene_create(scene.c_str());
        if (!made)
            return "OBS did not make the scene \"" + scene + "\"";
        for (const auto& item : items) {
            obs::Data settings = look_settings(item.overlay, item.look);
            obs::SourceRef source(obs_source_create(overlay_source_id(item.overlay),
                                                    item.source.c_str(), settings.get(), nullptr));
            if (!source)
                continue;
            if (obs_sceneitem_t* placed = obs_scene_add(made, source.get())) {
                vec2 position;
                vec2_set(&position, static_cast<float>(item.placement.x),
                         static_cast<float>(item.placement.y));
                obs_sceneitem_set_pos(placed, &position);
            }
        }
        obs_scene_release(made);
        return {};
    }

    void thumbnail(const core::preset::Preset& preset, std::uint32_t width,
                   control::ThumbnailDone done) override {
        make_thumbnail(preset, width, std::move(done));
    }
};

} // namespace

const char* overlay_source_id(Overlay overlay) {
    switch (overlay) {
    case Overlay::code:
        return "stagehand_code";
    case Overlay::slides:
        return "stagehand_slides";
    case Overlay::question:
        return "stagehand_question";
    }
    return "stagehand_code";
}

obs::Data look_settings(Overlay overlay, const control::LookValues& values, obs_data_t* current) {
    obs::Data settings(obs_data_create());
    // A new source's font object starts from the source's default one: a preset that sets only
    // the size keeps the default face.
    obs::Data defaults;
    if (!current) {
        defaults.reset(obs_get_source_defaults(overlay_source_id(overlay)));
        current = defaults.get();
    }
    std::map<std::string, obs::Data> objects; // font objects, from the current ones
    for (const auto& [path, value] : values) {
        const Field* f = core::preset::find_field(overlay, path);
        if (!f)
            continue;
        const Place p = place_of(*f);
        if (p.object.empty()) {
            write_value(settings.get(), *f, p.key, value);
            continue;
        }
        auto& object = objects[p.object];
        if (!object) {
            // The whole font the source has, its defaults included (a font never changed by
            // hand holds no values of its own): a preset that sets only the size keeps the face.
            obs::Data existing(current ? obs_data_get_obj(current, p.object.c_str()) : nullptr);
            if (!existing && current)
                existing.reset(obs_data_get_default_obj(current, p.object.c_str()));
            object.reset(existing ? obs_data_get_defaults(existing.get()) : obs_data_create());
            if (existing)
                obs_data_apply(object.get(), existing.get());
        }
        write_value(object.get(), *f, p.key, value);
    }
    for (const auto& [key, object] : objects)
        obs_data_set_obj(settings.get(), key.c_str(), object.get());
    return settings;
}

std::shared_ptr<control::LookSources> make_obs_look_sources() {
    return std::make_shared<ObsLookSources>();
}

} // namespace stagehand
