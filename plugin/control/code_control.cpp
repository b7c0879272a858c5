#include "control/code_control.hpp"

#include "control/status_board.hpp"
#include "core/base/bounded_file.hpp"
#include "core/base/json_fields.hpp"
#include "core/code/line_ranges.hpp"
#include "core/highlight/languages.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace stagehand::control {

namespace {

constexpr std::size_t kMaxTextBytes = 5u * 1024u * 1024u; // what a followed file may hold too

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

std::string names_of(const std::vector<CodeSourceSettings>& sources) {
    std::string names;
    for (const auto& s : sources)
        names += (names.empty() ? "" : ", ") + quoted(s.name);
    return names;
}

// Resolves a language as typed ("C#", "ts", "auto") to the id settings store; empty when unknown.
std::string language_id(const std::string& typed) {
    if (typed == "auto")
        return typed;
    const auto* language = core::highlight::find_language(typed);
    return language ? std::string(language->id) : std::string();
}

std::string known_languages() {
    std::string ids = "auto";
    for (const auto& l : core::highlight::languages())
        ids += ", " + std::string(l.id);
    return ids;
}

} // namespace

std::string CodeControl::chosen() const {
    std::lock_guard lock(data_mutex_);
    return chosen_;
}

Result CodeControl::resolve(const Target& target, const std::vector<CodeSourceSettings>& sources,
                            const CodeSourceSettings*& found) const {
    found = nullptr;
    if (!target.source.empty()) {
        for (const auto& s : sources)
            if (s.name == target.source || (!s.uuid.empty() && s.uuid == target.source))
                found = &s;
        if (found)
            return Result::success();
        const std::string kind = sources_ ? sources_->kind_of(target.source) : std::string();
        if (!kind.empty())
            return Result::failure("source " + quoted(target.source) +
                                   " is not a code snippet (it is a " + kind + ")");
        return Result::failure(
            "there is no source named " + quoted(target.source) +
            (sources.empty() ? "" : " (code snippets: " + names_of(sources) + ")"));
    }
    if (sources.empty())
        return Result::failure("there is no code snippet source: add a Code Snippet (Stagehand) "
                               "source to a scene first");
    const std::string choice = chosen();
    for (const auto& s : sources)
        if (!choice.empty() && s.name == choice)
            found = &s;
    if (!found)
        for (const auto& s : sources)
            if (s.on_program) {
                found = &s;
                break;
            }
    if (found)
        return Result::success();
    return Result::failure("no code snippet is chosen in the dock or on the program output: name "
                           "one with \"source\" (" +
                           names_of(sources) + ")");
}

Result CodeControl::apply(const CodeSourceSettings& source, const Change& change,
                          const std::vector<CodeSourceSettings>& sources,
                          std::vector<Event>& events) {
    if (!change.settings.empty() && (!sources_ || !sources_->apply(source.name, change.settings)))
        return Result::failure("source " + quoted(source.name) + " went away");
    std::uint64_t revision;
    nlohmann::json json;
    {
        std::lock_guard lock(data_mutex_);
        revision = ++revision_;
        if (change.step || change.focus) {
            auto& entry =
                live_state_.sources[std::string(code_source_key(source.name, source.uuid))];
            if (change.step)
                entry.step = *change.step;
            if (change.focus)
                entry.focus = *change.focus;
            entry.revision = revision;
            live_state_.revision = revision;
            live_.publish(std::make_shared<CodeLive>(live_state_));
            json = saved(sources);
        }
    }
    if (!json.is_null())
        save(std::move(json));
    events.push_back(state_changed("code", revision));
    return Result::success({{"source", source.name}, {"revision", revision}});
}

Result CodeControl::change_code(const Target& target,
                                const std::function<Change(const CodeSourceSettings&)>& change) {
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        const auto sources = list();
        const CodeSourceSettings* source = nullptr;
        if (auto resolved = resolve(target, sources, source); !resolved)
            return resolved;
        result = apply(*source, change(*source), sources, events);
    }
    bus_.deliver(events);
    return result;
}

Result CodeControl::show(const CodeShow& command) {
    if (command.text.size() > kMaxTextBytes)
        return Result::failure("text is " + std::to_string(command.text.size() / 1024) +
                               " KB; a code snippet shows at most 5 MB");
    std::string id;
    if (!command.language.empty()) {
        id = language_id(command.language);
        if (id.empty())
            return Result::failure("unknown language " + quoted(command.language) + " (expected " +
                                   known_languages() + ")");
    }
    std::string error;
    std::optional<std::vector<core::code::LineSet>> steps;
    if (command.steps && !(steps = core::code::parse_steps(*command.steps, error)))
        return Result::failure("steps " + quoted(*command.steps) + ": " + error);
    if (command.focus && !core::code::parse_line_set(*command.focus, error))
        return Result::failure("focus " + quoted(*command.focus) + ": " + error);
    if (command.step) {
        const auto count = static_cast<long long>(steps ? steps->size() : 0);
        if (!steps)
            return Result::failure("step: give the steps it counts in too");
        if (*command.step < 1 || *command.step > count)
            return Result::failure("step " + std::to_string(*command.step) + ": expected 1 to " +
                                   std::to_string(count));
    }
    return change_code(command.target, [&](const CodeSourceSettings& source) {
        Change change;
        change.settings.text = command.text;
        change.settings.file = std::string(); // typed text replaces a followed file
        if (!id.empty())
            change.settings.language = id;
        // New text: the old snippet's lines mean nothing in it.
        const bool fresh = command.text != source.text || !source.file.empty();
        if (fresh || command.steps)
            change.settings.steps = command.steps.value_or(std::string());
        if (fresh)
            change.settings.focus = std::string();
        if (command.focus)
            change.focus = std::optional<std::string>(*command.focus);
        else if (fresh)
            change.focus = std::optional<std::string>(); // back to the settings' (cleared) focus
        if (fresh || command.step || command.steps)
            change.step = command.step.value_or(1);
        change.settings.clear_marks = fresh;
        return change;
    });
}

Result CodeControl::execute(const CodeShow& command) {
    return show(command);
}

Result CodeControl::execute(const CodeShowClipboard& command) {
    // Read before taking the command lock: reading may wait for the UI thread, which may itself
    // be calling the controller.
    if (!clipboard_)
        return Result::failure("no clipboard is available in this process");
    const auto text = clipboard_->text();
    if (!text)
        return Result::failure("the clipboard could not be read (OBS's window is busy); try again");
    if (text->empty())
        return Result::failure("the clipboard holds no text: copy some code first");
    return show(CodeShow{command.target, *text, command.language});
}

Result CodeControl::execute(const CodeFollow& command) {
    namespace fs = std::filesystem;
    if (command.file.empty())
        return Result::failure("file: expected the path of a file to follow");
    const fs::path path(command.file);
    if (!path.is_absolute())
        return Result::failure("file " + quoted(command.file) +
                               ": expected an absolute path (OBS's working folder is not yours)");
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return Result::failure("file " + quoted(command.file) + " does not exist");
    if (!fs::is_regular_file(status))
        return Result::failure("file " + quoted(command.file) + " is not a regular file");
    if (const auto size = fs::file_size(path, ec); !ec && size > kMaxTextBytes)
        return Result::failure("file " + quoted(command.file) + " is " + core::readable_size(size) +
                               "; the code overlay follows files up to " +
                               core::readable_size(kMaxTextBytes));
    return change_code(command.target, [&](const CodeSourceSettings&) {
        Change change;
        change.settings.file = command.file;
        return change;
    });
}

Result CodeControl::execute(const CodeStep& command) {
    if (command.step.has_value() == command.delta.has_value())
        return Result::failure("give either step (go to that step) or delta (move by that many)");
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        const auto sources = list();
        const CodeSourceSettings* source = nullptr;
        if (auto resolved = resolve(command.target, sources, source); !resolved)
            return resolved;
        std::string error;
        const auto steps = core::code::parse_steps(source->steps, error);
        if (!steps)
            return Result::failure("source " + quoted(source->name) + ": its steps " +
                                   quoted(source->steps) + " do not parse: " + error);
        const auto count = static_cast<long long>(steps->size());
        if (count == 0)
            return Result::failure("source " + quoted(source->name) +
                                   " has no steps (set Steps in its properties, like 1-3 | 4-6)");
        const auto now = static_cast<long long>(current_step(*source));
        long long next;
        if (command.step) {
            if (*command.step < 1)
                return Result::failure("step " + std::to_string(*command.step) +
                                       ": steps are counted from 1");
            if (*command.step > count)
                return Result::failure("step " + std::to_string(*command.step) +
                                       " is past the last step (" + std::to_string(count) + ")");
            next = *command.step;
        } else {
            // Next on the last step (and Previous on the first) stays put, as a clicker does.
            next = std::clamp(now + *command.delta, 1LL, count);
        }
        if (next == now && source->step == now)
            return Result::success({{"source", source->name},
                                    {"step", next},
                                    {"steps", count},
                                    {"revision", revision()}});
        Change change;
        change.step = next;
        result = apply(*source, change, sources, events);
        if (result) {
            result.data["step"] = next;
            result.data["steps"] = count;
            events.push_back(Event{"code_step_changed",
                                   {{"source", source->name}, {"step", next}, {"steps", count}}});
        }
    }
    bus_.deliver(events);
    return result;
}

Result CodeControl::execute(const CodeFocus& command) {
    std::string error;
    if (!core::code::parse_line_set(command.lines, error))
        return Result::failure("lines " + error);
    return change_code(command.target, [&](const CodeSourceSettings&) {
        Change change;
        change.focus = std::optional<std::string>(command.lines);
        return change;
    });
}

Result CodeControl::execute(const ChooseCodeSource& command) {
    std::vector<Event> events;
    {
        std::lock_guard lock(command_mutex_);
        const auto sources = list();
        if (!command.source.empty()) {
            const CodeSourceSettings* source = nullptr;
            if (auto resolved = resolve(Target{command.source}, sources, source); !resolved)
                return resolved;
        }
        std::uint64_t revision;
        nlohmann::json json;
        {
            std::lock_guard lock_data(data_mutex_);
            if (chosen_ == command.source)
                return Result::success({{"source", command.source}, {"revision", revision_}});
            chosen_ = command.source;
            revision = ++revision_;
            json = saved(sources);
        }
        if (store_) {
            // Waited for: the answer says whether the choice was kept.
            if (const std::string error = save_now(std::move(json)); !error.empty())
                return Result::failure("chosen, but not saved: " + error);
        }
        events.push_back(state_changed("code", revision));
    }
    bus_.deliver(events);
    return Result::success({{"source", command.source}});
}

} // namespace stagehand::control
