// The presets domain's file keeping: rename, duplicate and delete a user preset. Built-in
// presets are read-only: they can be duplicated, never renamed or deleted.
#include "control/preset_control.hpp"

#include "control/store.hpp"
#include "core/preset/library.hpp"

#include <system_error>

namespace stagehand::control {

namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

// The user's preset `name` among `entries`; nothing, with `why`, when there is none or it is a
// built-in (`builtin_refusal` says why that cannot be done).
std::optional<core::preset::Entry> user_preset(const std::vector<core::preset::Entry>& entries,
                                               const std::string& name,
                                               const std::string& builtin_refusal, Result& why) {
    auto found = core::preset::find(entries, name);
    if (!found)
        why = Result::failure("there is no preset named " + quoted(name));
    else if (found->builtin)
        why = Result::failure(quoted(name) + builtin_refusal);
    else
        return found;
    return std::nullopt;
}

} // namespace

std::optional<Result> PresetControl::bad_name(const std::string& name) {
    if (core::preset::is_preset_name(name))
        return std::nullopt;
    return Result::failure("name " + quoted(name) +
                           ": expected letters, digits, spaces, '-', '_' or '.' (it becomes a "
                           "file name)");
}

Result PresetControl::execute(const PresetRename& command) {
    if (auto bad = bad_name(command.new_name))
        return *bad;
    if (!store_)
        return Result::failure("presets cannot be renamed in this process (no settings folder)");
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        const auto entries = core::preset::list(builtin_, user_folder());
        Result why;
        const auto found = user_preset(
            entries, command.name, " is built in: duplicate it to make a copy of your own", why);
        if (!found)
            return why;
        if (command.new_name != command.name && core::preset::find(entries, command.new_name))
            return Result::failure("a preset named " + quoted(command.new_name) +
                                   " exists already");
        const fs::path to = user_folder() / (command.new_name + ".json");
        std::string error;
        if (found->preset) {
            core::preset::Preset renamed = *found->preset;
            renamed.metadata.name = command.new_name;
            if (!write_file_atomically(to, core::preset::to_json(renamed).dump(2) + "\n", error))
                return Result::failure("the preset was not renamed: " + error);
        } else {
            // A file that does not load keeps its bytes: only its name changes (its errors stay
            // for the user to fix).
            std::error_code ec;
            fs::rename(found->file, to, ec);
            if (ec)
                return Result::failure("the preset was not renamed: " + ec.message());
        }
        std::error_code ec;
        if (found->preset && to != found->file && !fs::remove(found->file, ec)) {
            fs::remove(to, ec); // both or neither
            return Result::failure("the preset was not renamed: " + found->file.string() +
                                   " could not be removed");
        }
        nlohmann::json moved = nlohmann::json::array();
        const std::uint64_t revision = rewrite_followed([&](auto& followed) {
            for (auto& [source, name] : followed)
                if (name == command.name) {
                    name = command.new_name;
                    moved.push_back({{"name", source}});
                }
        });
        events.push_back(state_changed("preset", revision));
        result = Result::success({{"name", command.new_name},
                                  {"previous", command.name},
                                  {"file", to.string()},
                                  {"followed_by", std::move(moved)}});
    }
    bus_.deliver(events);
    return result;
}

Result PresetControl::execute(const PresetDuplicate& command) {
    if (auto bad = bad_name(command.new_name))
        return *bad;
    if (!store_)
        return Result::failure("presets cannot be saved in this process (no settings folder)");
    std::lock_guard lock(command_mutex_);
    const auto entries = core::preset::list(builtin_, user_folder());
    if (core::preset::find(entries, command.new_name))
        return Result::failure("a preset named " + quoted(command.new_name) + " exists already");
    Result why;
    auto copy = loaded(command.name, why);
    if (!copy)
        return why;
    copy->metadata.name = command.new_name;
    copy->metadata.revision = 1;
    std::error_code ec;
    fs::create_directories(user_folder(), ec);
    const fs::path file = user_folder() / (command.new_name + ".json");
    std::string error;
    if (!write_file_atomically(file, core::preset::to_json(*copy).dump(2) + "\n", error))
        return Result::failure("the copy was not saved: " + error);
    return Result::success({{"name", command.new_name}, {"file", file.string()}});
}

Result PresetControl::execute(const PresetDelete& command) {
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        Result why;
        const auto found = user_preset(core::preset::list(builtin_, user_folder()), command.name,
                                       " is built in and cannot be deleted", why);
        if (!found)
            return why;
        std::error_code ec;
        if (!fs::remove(found->file, ec))
            return Result::failure("the preset was not deleted: " +
                                   (ec ? ec.message() : found->file.string() + " is gone"));
        // A user preset may have replaced a built-in of its name: that one is back, and its
        // followers follow it; otherwise the sources keep their look and follow nothing.
        const bool builtin_back =
            core::preset::find(core::preset::list(builtin_, user_folder()), command.name)
                .has_value();
        nlohmann::json released = nlohmann::json::array();
        const std::uint64_t revision = rewrite_followed([&](auto& followed) {
            for (auto it = followed.begin(); it != followed.end();) {
                if (it->second == command.name && !builtin_back) {
                    released.push_back({{"name", it->first}});
                    it = followed.erase(it);
                } else {
                    ++it;
                }
            }
        });
        events.push_back(state_changed("preset", revision));
        result = Result::success({{"name", command.name},
                                  {"file", found->file.string()},
                                  {"builtin_back", builtin_back},
                                  {"released", std::move(released)}});
    }
    bus_.deliver(events);
    return result;
}

} // namespace stagehand::control
