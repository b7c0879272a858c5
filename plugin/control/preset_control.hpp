#pragma once

#include "control/commands.hpp"
#include "control/event_bus.hpp"
#include "control/export_folder.hpp"
#include "control/look_sources.hpp"
#include "control/result.hpp"
#include "control/store.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace stagehand::control {

// The presets domain: the built-in presets (data/presets, read-only) and the user's (presets/ in
// the store's folder), applying one to every overlay source or one, saving the current look as
// one, importing and exporting files, and which preset each source follows (presets.json). A
// broken import or save changes nothing: no source, no file.
class PresetControl {
public:
    struct Options {
        std::shared_ptr<LookSources> sources;
        std::shared_ptr<Store> store;
        std::filesystem::path builtin_folder;
        ExportFolder* exports = nullptr; // must outlive this
    };
    PresetControl(Options options, const EventBus& bus);

    Result list() const;
    Result execute(const PresetApply& command);
    Result execute(const PresetSave& command);
    Result execute(const PresetImport& command);
    Result execute(const PresetExport& command);
    Result execute(const PresetCreateStage& command);
    // In preset_files.cpp: the user's presets as files.
    Result execute(const PresetRename& command);
    Result execute(const PresetDuplicate& command);
    Result execute(const PresetDelete& command);
    // A small picture of each preset in `names`, drawn off the caller's thread, handed to
    // `done` with the preset's name; an empty picture when there is no such preset or nothing
    // to draw with. The presets are read once for all of them.
    void thumbnails(const std::vector<std::string>& names, std::uint32_t width,
                    const std::function<void(const std::string&, Thumbnail)>& done) const;
    // The overlay sources a preset can be applied to, by name.
    std::vector<std::string> source_names() const;
    // get_state's "preset": what each source follows.
    nlohmann::json snapshot() const;
    std::filesystem::path user_folder() const;

private:
    Result apply(const core::preset::Preset& preset, const std::string& source,
                 std::vector<Event>& events);
    void remember(const std::map<std::string, std::string>& followed);
    // Changes which preset the sources follow and saves it; the new revision.
    std::uint64_t
    rewrite_followed(const std::function<void(std::map<std::string, std::string>&)>& change);
    // Why `name` cannot be a preset's name (it becomes a file name); nothing when it can.
    static std::optional<Result> bad_name(const std::string& name);
    // The preset of that name, loaded; nothing, with `why`, when there is none or it is broken.
    std::optional<core::preset::Preset> loaded(const std::string& name, Result& why) const;

    std::shared_ptr<LookSources> sources_;
    std::shared_ptr<Store> store_;
    std::filesystem::path builtin_;
    ExportFolder* exports_;
    const EventBus& bus_;
    std::mutex command_mutex_; // one preset command at a time
    mutable std::mutex data_mutex_;
    std::map<std::string, std::string> followed_; // source name -> preset name
    std::uint64_t revision_ = 0;
};

} // namespace stagehand::control
