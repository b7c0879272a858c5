#include "control/controller.hpp"

#include "core/base/error_report.hpp"
#include "core/code/line_ranges.hpp"
#include "core/highlight/languages.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace stagehand::control {

namespace {

constexpr std::size_t kMaxTextBytes = 5u * 1024u * 1024u; // what a followed file may hold too
constexpr const char* kStoreName = "control";

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

Event state_changed(const char* area, std::uint64_t revision) {
    return Event{"state_changed", {{"area", area}, {"revision", revision}}};
}

} // namespace

std::size_t step_count(const CodeSourceSettings& source) {
    std::string error;
    const auto steps = core::code::parse_steps(source.steps, error);
    return steps ? steps->size() : 0;
}

std::size_t current_step(const CodeSourceSettings& source) {
    const std::size_t count = step_count(source);
    if (count == 0)
        return 0;
    return static_cast<std::size_t>(
        std::clamp<long long>(source.step, 1, static_cast<long long>(count)));
}

Controller::Controller(Options options)
    : code_(std::move(options.code))
    , clipboard_(std::move(options.clipboard))
    , store_(std::move(options.store))
    , version_(std::move(options.version)) {
    if (store_)
        if (auto saved = store_->load(kStoreName)) {
            const auto code = saved->find("code");
            if (code != saved->end() && code->is_object() && code->contains("chosen") &&
                (*code)["chosen"].is_string())
                chosen_code_ = (*code)["chosen"].get<std::string>();
        }
}

std::string Controller::chosen() const {
    std::lock_guard lock(data_mutex_);
    return chosen_code_;
}

Result Controller::resolve(const Target& target, const std::vector<CodeSourceSettings>& sources,
                           const CodeSourceSettings*& found) const {
    found = nullptr;
    if (!target.source.empty()) {
        for (const auto& s : sources)
            if (s.name == target.source || (!s.uuid.empty() && s.uuid == target.source))
                found = &s;
        if (found)
            return Result::success();
        const std::string kind = code_->kind_of(target.source);
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

Result Controller::apply(const CodeSourceSettings& source, const CodeSettingsChange& change,
                         std::vector<Event>& events) {
    if (!code_->apply(source.name, change))
        return Result::failure("source " + quoted(source.name) + " went away");
    std::uint64_t revision;
    {
        std::lock_guard lock(data_mutex_);
        revision = ++revision_;
    }
    events.push_back(state_changed("code", revision));
    return Result::success({{"source", source.name}, {"revision", revision}});
}

Result Controller::show(const Target& target, const std::string& text,
                        const std::string& language) {
    if (text.size() > kMaxTextBytes)
        return Result::failure("text is " + std::to_string(text.size() / 1024) +
                               " KB; a code snippet shows at most 5 MB");
    std::string id;
    if (!language.empty()) {
        id = language_id(language);
        if (id.empty())
            return Result::failure("unknown language " + quoted(language) + " (expected " +
                                   known_languages() + ")");
    }
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        const auto sources = code_->list();
        const CodeSourceSettings* source = nullptr;
        if (auto resolved = resolve(target, sources, source); !resolved)
            return resolved;
        CodeSettingsChange change;
        change.text = text;
        change.file = std::string(); // typed text replaces a followed file
        if (!id.empty())
            change.language = id;
        result = apply(*source, change, events);
    }
    emit(events);
    return result;
}

Result Controller::execute(const CodeShow& command) {
    return show(command.target, command.text, command.language);
}

Result Controller::execute(const CodeShowClipboard& command) {
    // Read before taking the command lock: reading may wait for the UI thread, which may itself
    // be calling the controller.
    if (!clipboard_)
        return Result::failure("no clipboard is available in this process");
    const auto text = clipboard_->text();
    if (!text)
        return Result::failure("the clipboard could not be read (OBS's window is busy); try again");
    if (text->empty())
        return Result::failure("the clipboard holds no text: copy some code first");
    return show(command.target, *text, command.language);
}

Result Controller::execute(const CodeFollow& command) {
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
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        const auto sources = code_->list();
        const CodeSourceSettings* source = nullptr;
        if (auto resolved = resolve(command.target, sources, source); !resolved)
            return resolved;
        CodeSettingsChange change;
        change.file = command.file;
        result = apply(*source, change, events);
    }
    emit(events);
    return result;
}

Result Controller::execute(const CodeStep& command) {
    if (command.step.has_value() == command.delta.has_value())
        return Result::failure("give either step (go to that step) or delta (move by that many)");
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        const auto sources = code_->list();
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
        CodeSettingsChange change;
        change.step = next;
        result = apply(*source, change, events);
        if (result) {
            result.data["step"] = next;
            result.data["steps"] = count;
            events.push_back(Event{"code_step_changed",
                                   {{"source", source->name}, {"step", next}, {"steps", count}}});
        }
    }
    emit(events);
    return result;
}

Result Controller::execute(const CodeFocus& command) {
    std::string error;
    if (!core::code::parse_line_set(command.lines, error))
        return Result::failure("lines " + error);
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        const auto sources = code_->list();
        const CodeSourceSettings* source = nullptr;
        if (auto resolved = resolve(command.target, sources, source); !resolved)
            return resolved;
        CodeSettingsChange change;
        change.focus = command.lines;
        result = apply(*source, change, events);
    }
    emit(events);
    return result;
}

Result Controller::execute(const ChooseCodeSource& command) {
    std::vector<Event> events;
    {
        std::lock_guard lock(command_mutex_);
        if (!command.source.empty()) {
            const auto sources = code_->list();
            const CodeSourceSettings* source = nullptr;
            if (auto resolved = resolve(Target{command.source}, sources, source); !resolved)
                return resolved;
        }
        std::uint64_t revision;
        {
            std::lock_guard lock_data(data_mutex_);
            if (chosen_code_ == command.source)
                return Result::success({{"source", command.source}, {"revision", revision_}});
            chosen_code_ = command.source;
            revision = ++revision_;
        }
        if (store_) {
            std::string error;
            if (!store_->save(kStoreName, {{"version", 1}, {"code", {{"chosen", command.source}}}},
                              error))
                return Result::failure("chosen, but not saved: " + error);
        }
        events.push_back(state_changed("code", revision));
    }
    emit(events);
    return Result::success({{"source", command.source}});
}

ControlState Controller::state() const {
    ControlState state;
    {
        std::lock_guard lock(data_mutex_);
        state.revision = revision_;
        state.chosen_code_source = chosen_code_;
    }
    for (const auto& s : code_->list()) {
        CodeSourceState out;
        out.name = s.name;
        out.uuid = s.uuid;
        out.text = s.text;
        out.file = s.file;
        out.language = s.language;
        out.focus = s.focus;
        out.steps = step_count(s);
        out.step = current_step(s);
        out.on_program = s.on_program;
        out.chosen = s.name == state.chosen_code_source;
        state.code.push_back(std::move(out));
    }
    const auto status = StatusBoard::global().snapshot();
    state.status = status.entries;
    state.status_revision = status.revision;
    return state;
}

std::uint64_t Controller::revision() const {
    std::lock_guard lock(data_mutex_);
    return revision_;
}

std::uint64_t Controller::subscribe(Listener listener) {
    std::lock_guard lock(data_mutex_);
    const std::uint64_t id = next_listener_++;
    listeners_.emplace_back(id, std::make_shared<const Listener>(std::move(listener)));
    return id;
}

void Controller::unsubscribe(std::uint64_t id) {
    std::lock_guard lock(data_mutex_);
    std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

void Controller::emit(const std::vector<Event>& events) {
    if (events.empty())
        return;
    std::vector<std::shared_ptr<const Listener>> listeners;
    {
        std::lock_guard lock(data_mutex_);
        for (const auto& entry : listeners_)
            listeners.push_back(entry.second);
    }
    for (const Event& event : events)
        for (const auto& listener : listeners)
            core::run_guarded("an event listener", [&] { (*listener)(event); });
}

nlohmann::json to_json(const ControlState& state) {
    nlohmann::json code = nlohmann::json::array();
    for (const auto& s : state.code)
        code.push_back({{"name", s.name},
                        {"uuid", s.uuid},
                        {"step", s.step},
                        {"steps", s.steps},
                        {"language", s.language},
                        {"file", s.file},
                        {"focus", s.focus},
                        {"on_program", s.on_program},
                        {"chosen", s.chosen}});
    nlohmann::json status = nlohmann::json::array();
    for (const auto& e : state.status)
        status.push_back({{"area", e.area},
                          {"severity", to_string(e.severity)},
                          {"source", e.source},
                          {"message", e.message}});
    return {{"revision", state.revision},
            {"code", std::move(code)},
            {"chosen_code_source", state.chosen_code_source},
            {"status", std::move(status)}};
}

} // namespace stagehand::control
