#include "control/preset_control.hpp"

#include "control/status_board.hpp"
#include "core/base/bounded_file.hpp"
#include "core/base/json_fields.hpp"
#include "core/chat/platform.hpp"
#include "core/preset/accessibility.hpp"
#include "core/preset/library.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

namespace stagehand::control {

namespace {

namespace fs = std::filesystem;
using core::preset::Preset;

constexpr const char* kStoreName = "presets"; // presets.json: which preset each source follows
constexpr std::size_t kMaxFollowed = 1000;

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

std::string joined(const std::vector<core::preset::Problem>& problems) {
    std::string out;
    for (const auto& p : problems)
        out += (out.empty() ? "" : "; ") + p.text();
    return out;
}

// Lists in answers hold objects: obs-websocket carries vendor data through obs_data, whose
// arrays hold objects only (a list of plain strings arrives empty).
nlohmann::json texts(const std::vector<core::preset::Problem>& problems) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : problems)
        out.push_back({{"pointer", p.pointer}, {"reason", p.reason}, {"text", p.text()}});
    return out;
}

// What the preset's colours and sizes may cost viewers: warnings, never changes.
nlohmann::json warnings_of(const Preset& preset) {
    core::preset::CheckContext context;
    for (const auto& platform : core::chat::platforms())
        context.marks.emplace_back(platform.name, platform.color);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& w : core::preset::check(preset, context))
        out.push_back({{"pointer", w.pointer},
                       {"problem", w.problem},
                       {"suggestion", w.suggestion},
                       {"text", w.text()}});
    return out;
}

} // namespace

PresetControl::PresetControl(Options options, const EventBus& bus)
    : sources_(std::move(options.sources))
    , store_(std::move(options.store))
    , builtin_(std::move(options.builtin_folder))
    , exports_(options.exports)
    , bus_(bus) {
    if (store_)
        store_->read(kStoreName, "which preset each source follows", [&](const nlohmann::json& j) {
            const core::Fields root(j);
            root.integer("version", 1, 1, 1);
            std::map<std::string, std::string> followed;
            if (const auto sources = root.object("sources")) {
                if (sources->raw().size() > kMaxFollowed)
                    throw core::ShapeError(sources->pointer() + ": expected at most " +
                                           std::to_string(kMaxFollowed) + " sources");
                for (const auto& [name, value] : sources->raw().items())
                    followed[name] = sources->string(name);
            }
            followed_ = std::move(followed);
        });
}

fs::path PresetControl::user_folder() const {
    return store_ ? store_->folder() / "presets" : fs::path();
}

Result PresetControl::list() const {
    nlohmann::json out = nlohmann::json::array();
    std::map<std::string, std::string> followed;
    {
        std::lock_guard lock(data_mutex_);
        followed = followed_;
    }
    for (const auto& entry : core::preset::list(builtin_, user_folder())) {
        nlohmann::json sources = nlohmann::json::array();
        for (const auto& [source, name] : followed)
            if (name == entry.name)
                sources.push_back({{"name", source}});
        nlohmann::json item = {{"name", entry.name},
                               {"builtin", entry.builtin},
                               {"file", entry.file.string()},
                               {"ok", entry.preset.has_value()},
                               {"followed_by", std::move(sources)}};
        if (entry.preset) {
            item["author"] = entry.preset->metadata.author;
            item["description"] = entry.preset->metadata.description;
            item["revision"] = entry.preset->metadata.revision;
        } else {
            item["errors"] = texts(entry.errors);
        }
        out.push_back(std::move(item));
    }
    return Result::success({{"presets", std::move(out)}});
}

Result PresetControl::apply(const Preset& preset, const std::string& source,
                            std::vector<Event>& events) {
    if (!sources_)
        return Result::failure("there are no overlay sources in this process");
    std::vector<LookSource> targets;
    for (const auto& s : sources_->list())
        if (source.empty() || s.name == source || (!s.uuid.empty() && s.uuid == source))
            targets.push_back(s);
    if (targets.empty())
        return Result::failure(
            source.empty() ? "there is no Stagehand overlay source to apply it to"
                           : "there is no Stagehand overlay source named " + quoted(source));
    nlohmann::json applied = nlohmann::json::array();
    std::map<std::string, std::string> followed;
    for (const auto& t : targets) {
        const auto look = preset.looks.find(t.overlay);
        if (look != preset.looks.end() && !sources_->apply(t.name, look->second))
            continue; // gone meanwhile
        applied.push_back({{"name", t.name}});
        followed[t.name] = preset.metadata.name;
    }
    remember(followed);
    std::uint64_t revision;
    {
        std::lock_guard lock(data_mutex_);
        revision = revision_;
    }
    events.push_back(
        Event{"preset_applied", {{"name", preset.metadata.name}, {"sources", applied}}});
    events.push_back(state_changed("preset", revision));
    return Result::success({{"name", preset.metadata.name}, {"sources", std::move(applied)}});
}

void PresetControl::remember(const std::map<std::string, std::string>& followed) {
    rewrite_followed([&](std::map<std::string, std::string>& all) {
        for (const auto& [source, name] : followed)
            all[source] = name;
    });
}

std::uint64_t PresetControl::rewrite_followed(
    const std::function<void(std::map<std::string, std::string>&)>& change) {
    nlohmann::json saved;
    std::uint64_t revision;
    {
        std::lock_guard lock(data_mutex_);
        change(followed_);
        revision = ++revision_;
        saved = {{"version", 1}, {"sources", followed_}};
    }
    std::string error;
    if (store_ && !store_->save(kStoreName, saved, error))
        StatusBoard::global().set("preset", "presets", Severity::warning,
                                  {"which preset each source follows was not saved: " + error});
    return revision;
}

std::optional<Preset> PresetControl::loaded(const std::string& name, Result& why) const {
    const auto entries = core::preset::list(builtin_, user_folder());
    const auto found = core::preset::find(entries, name);
    if (!found) {
        why = Result::failure("there is no preset named " + quoted(name) +
                              " (presets_list lists them)");
        return std::nullopt;
    }
    if (!found->preset)
        why = Result::failure(found->file.string() + ": " + joined(found->errors));
    return found->preset;
}

Result PresetControl::execute(const PresetApply& command) {
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        Result why;
        const auto preset = loaded(command.name, why);
        if (!preset)
            return why;
        result = apply(*preset, command.source, events);
    }
    bus_.deliver(events);
    return result;
}

Result PresetControl::execute(const PresetSave& command) {
    if (auto bad = bad_name(command.name))
        return *bad;
    if (!store_)
        return Result::failure("presets cannot be saved in this process (no settings folder)");
    std::lock_guard lock(command_mutex_);
    Preset preset;
    const auto entries = core::preset::list(builtin_, user_folder());
    if (const auto existing = core::preset::find(entries, command.name);
        existing && existing->preset && !existing->builtin) {
        preset = *existing->preset; // a new revision of the user's own: its other keys stay
        preset.metadata.revision = existing->preset->metadata.revision + 1;
    }
    preset.metadata.name = command.name;
    preset.looks.clear();
    bool found_any = false;
    for (const auto& s : sources_ ? sources_->list() : std::vector<LookSource>{}) {
        if (!command.source.empty() && s.name != command.source && s.uuid != command.source)
            continue;
        if (preset.looks.count(s.overlay))
            continue; // one source of each overlay: the first
        if (auto values = sources_->read(s.name)) {
            preset.looks[s.overlay] = std::move(*values);
            found_any = true;
        }
    }
    if (!found_any)
        return Result::failure(command.source.empty()
                                   ? "there is no Stagehand overlay source to take the look of"
                                   : "there is no Stagehand overlay source named " +
                                         quoted(command.source));
    std::error_code ec;
    fs::create_directories(user_folder(), ec);
    const fs::path file = user_folder() / (command.name + ".json");
    std::string error;
    if (!write_file_atomically(file, core::preset::to_json(preset).dump(2) + "\n", error))
        return Result::failure("the preset was not saved: " + error);
    return Result::success({{"name", command.name},
                            {"file", file.string()},
                            {"revision", preset.metadata.revision},
                            {"warnings", warnings_of(preset)}});
}

Result PresetControl::execute(const PresetImport& command) {
    if (command.file.empty() || !fs::path(command.file).is_absolute())
        return Result::failure("file " + quoted(command.file) +
                               ": expected an absolute path to a preset file");
    if (!store_)
        return Result::failure("presets cannot be imported in this process (no settings folder)");
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        const auto loaded = core::preset::load_file(command.file);
        if (!loaded.preset) {
            // Nothing changes: no source, no file.
            Result refused = Result::failure(command.file + ": " + joined(loaded.errors));
            refused.data["errors"] = texts(loaded.errors);
            return refused;
        }
        const Preset& preset = *loaded.preset;
        std::error_code ec;
        fs::create_directories(user_folder(), ec);
        const fs::path file = user_folder() / (preset.metadata.name + ".json");
        std::string error;
        if (!write_file_atomically(file, core::preset::to_json(preset).dump(2) + "\n", error))
            return Result::failure("the preset was not imported: " + error);
        // Sources that follow a preset of this name show the new version at once.
        std::vector<std::string> following;
        {
            std::lock_guard data(data_mutex_);
            for (const auto& [source, name] : followed_)
                if (name == preset.metadata.name)
                    following.push_back(source);
        }
        nlohmann::json reapplied = nlohmann::json::array();
        for (const auto& source : following)
            if (apply(preset, source, events))
                reapplied.push_back({{"name", source}});
        result = Result::success({{"name", preset.metadata.name},
                                  {"file", file.string()},
                                  {"applied_to", std::move(reapplied)},
                                  {"warnings", warnings_of(preset)}});
    }
    bus_.deliver(events);
    return result;
}

Result PresetControl::execute(const PresetExport& command) {
    if (!exports_)
        return Result::failure("there is no export folder in this process");
    Result why;
    const auto preset = loaded(command.name, why);
    if (!preset)
        return why;
    Result written = exports_->write(command.file, core::preset::to_json(*preset).dump(2) + "\n");
    if (written)
        written.data["name"] = command.name;
    return written;
}

void PresetControl::thumbnails(
    const std::vector<std::string>& names, std::uint32_t width,
    const std::function<void(const std::string&, Thumbnail)>& done) const {
    const auto entries =
        sources_ ? core::preset::list(builtin_, user_folder()) : std::vector<core::preset::Entry>{};
    for (const std::string& name : names) {
        const auto found = core::preset::find(entries, name);
        if (!found || !found->preset) {
            done(name, {});
            continue;
        }
        sources_->thumbnail(*found->preset, std::clamp<std::uint32_t>(width, 16, 480),
                            [done, name](Thumbnail picture) { done(name, std::move(picture)); });
    }
}

std::vector<std::string> PresetControl::source_names() const {
    std::vector<std::string> names;
    if (sources_)
        for (const auto& s : sources_->list())
            names.push_back(s.name);
    return names;
}

Result PresetControl::execute(const PresetCreateStage& command) {
    if (!sources_)
        return Result::failure("there are no overlay sources in this process");
    const std::string scene = command.scene.empty() ? "Stage: " + command.name : command.scene;
    if (scene.size() > 200)
        return Result::failure("scene: expected a name of at most 200 bytes");
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        Result why;
        const auto preset = loaded(command.name, why);
        if (!preset)
            return why;
        // Where each overlay sits when the preset says nothing: code left, question lower
        // right, the progress bar along the bottom of a 1920x1080 canvas.
        const std::map<core::preset::Overlay, core::preset::Placement> fallback = {
            {core::preset::Overlay::code, {60, 60, 1160, 860}},
            {core::preset::Overlay::question, {1240, 740, 620, 220}},
            {core::preset::Overlay::slides, {60, 996, 1800, 64}}};
        std::vector<StageItem> items;
        nlohmann::json made = nlohmann::json::array();
        for (const auto overlay : core::preset::kOverlays) {
            StageItem item;
            item.overlay = overlay;
            const std::string kind = core::preset::to_string(overlay);
            item.source = std::string(1, static_cast<char>(std::toupper(kind[0]))) +
                          kind.substr(1) + " (" + command.name + ")";
            const auto placed = preset->stage.find(overlay);
            item.placement = placed != preset->stage.end() ? placed->second : fallback.at(overlay);
            if (const auto look = preset->looks.find(overlay); look != preset->looks.end())
                item.look = look->second;
            // The card is the size of its place on the stage.
            item.look["card/width"] = static_cast<long long>(item.placement.width);
            item.look["card/height"] = static_cast<long long>(item.placement.height);
            made.push_back({{"name", item.source}, {"overlay", kind}});
            items.push_back(std::move(item));
        }
        if (const std::string error = sources_->create_stage(scene, items); !error.empty())
            return Result::failure(error);
        std::map<std::string, std::string> followed;
        for (const auto& item : items)
            followed[item.source] = preset->metadata.name;
        remember(followed);
        events.push_back(
            Event{"preset_applied", {{"name", preset->metadata.name}, {"sources", made}}});
        result = Result::success({{"scene", scene}, {"sources", std::move(made)}});
    }
    bus_.deliver(events);
    return result;
}

nlohmann::json PresetControl::snapshot() const {
    std::lock_guard lock(data_mutex_);
    return {{"revision", revision_}, {"sources", followed_}};
}

} // namespace stagehand::control
