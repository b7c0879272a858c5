#include "control/controller.hpp"

#include "core/base/bounded_file.hpp"
#include "core/base/error_report.hpp"
#include "core/base/json_fields.hpp"
#include "core/code/line_ranges.hpp"
#include "core/highlight/languages.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

namespace stagehand::control {

namespace {

constexpr std::size_t kMaxTextBytes = 5u * 1024u * 1024u; // what a followed file may hold too
constexpr const char* kStoreName = "control";
constexpr const char* kQuestionsStore = "questions";
constexpr const char* kChatStore = "chat";
// secrets.json: chat keys, owner-only, never set aside (Store::keep_secret).
constexpr const char* kSecretsStore = "secrets";
constexpr const char* kSlidesStore = "slides";

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::int64_t system_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

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
    , version_(std::move(options.version))
    , exports_(!options.export_folder.empty() ? options.export_folder
               : store_                       ? store_->folder() / "exports"
                                              : std::filesystem::path(),
               store_)
    , chat_(std::move(options.chat))
    , queue_(std::move(options.questions))
    , now_ms_(options.now_ms ? std::move(options.now_ms) : steady_ms)
    , wall_ms_(options.wall_ms ? std::move(options.wall_ms) : system_ms)
    , save_interval_(options.queue_save_interval) {
    if (store_)
        store_->keep_secret(kSecretsStore);
    // Every saved file is outside input: a reader throws on anything it did not expect, and
    // the store sets that file aside so OBS starts from defaults (store.hpp).
    const auto rejected = [](const std::string& error) {
        throw core::ShapeError(error);
    };
    if (store_)
        store_->read(kSlidesStore, "a talk position", [&](const nlohmann::json& saved) {
            std::string error;
            if (!talk_.from_json(saved, now_ms_(), wall_ms_(), error))
                rejected(error);
        });
    slides_.publish(std::make_shared<SlidesSnapshot>(SlidesSnapshot{talk_, 0}));
    if (store_)
        store_->read(kQuestionsStore, "a question queue", [&](const nlohmann::json& saved) {
            std::string error;
            if (!queue_.from_json(saved, error))
                rejected(error);
        });
    {
        auto featured = std::make_shared<FeaturedQuestion>();
        if (const auto* q = queue_.featured())
            featured->question = *q;
        featured->waiting = queue_.waiting();
        featured_.publish(std::move(featured));
    }
    if (store_)
        store_->read(kStoreName, "the dock's choices", [&](const nlohmann::json& saved) {
            const core::Fields root(saved);
            root.integer("version", 1, 1, 1);
            if (const auto code = root.object("code"))
                chosen_code_ = code->string("chosen");
        });
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

Result Controller::change_code(
    const Target& target,
    const std::function<CodeSettingsChange(const CodeSourceSettings&)>& change) {
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(command_mutex_);
        const auto sources = code_->list();
        const CodeSourceSettings* source = nullptr;
        if (auto resolved = resolve(target, sources, source); !resolved)
            return resolved;
        result = apply(*source, change(*source), events);
    }
    deliver(events);
    return result;
}

Result Controller::show(const CodeShow& command) {
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
        CodeSettingsChange change;
        change.text = command.text;
        change.file = std::string(); // typed text replaces a followed file
        if (!id.empty())
            change.language = id;
        // New text: the old snippet's lines mean nothing in it.
        const bool fresh = command.text != source.text || !source.file.empty();
        if (fresh || command.steps)
            change.steps = command.steps.value_or(std::string());
        if (fresh || command.focus)
            change.focus = command.focus.value_or(std::string());
        if (fresh || command.step || command.steps)
            change.step = command.step.value_or(1);
        change.clear_marks = fresh;
        return change;
    });
}

Result Controller::execute(const CodeShow& command) {
    return show(command);
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
    return show(CodeShow{command.target, *text, command.language});
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
    if (const auto size = fs::file_size(path, ec); !ec && size > kMaxTextBytes)
        return Result::failure("file " + quoted(command.file) + " is " + core::readable_size(size) +
                               "; the code overlay follows files up to " +
                               core::readable_size(kMaxTextBytes));
    return change_code(command.target, [&](const CodeSourceSettings&) {
        CodeSettingsChange change;
        change.file = command.file;
        return change;
    });
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
    deliver(events);
    return result;
}

Result Controller::execute(const CodeFocus& command) {
    std::string error;
    if (!core::code::parse_line_set(command.lines, error))
        return Result::failure("lines " + error);
    return change_code(command.target, [&](const CodeSourceSettings&) {
        CodeSettingsChange change;
        change.focus = command.lines;
        return change;
    });
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
    deliver(events);
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
    {
        const auto talk = talk_status();
        state.slide = talk.current;
        state.slides = talk.total;
        state.section = talk.section;
        state.timer_running = talk.running;
        state.elapsed_ms = talk.elapsed_ms;
        state.planned_ms = talk.planned_ms;
    }
    {
        std::lock_guard lock(questions_mutex_);
        state.questions_revision = questions_revision_;
        const auto* featured = queue_.featured();
        state.featured_question = featured ? featured->id : 0;
        for (const auto& q : queue_.list()) {
            ++state.questions_total;
            state.questions_pending += q.state == core::questions::State::pending;
            state.questions_approved += q.state == core::questions::State::approved;
        }
    }
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

void Controller::deliver(const std::vector<Event>& events) {
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
            {"status", std::move(status)},
            {"questions",
             {{"revision", state.questions_revision},
              {"featured", state.featured_question ? nlohmann::json(state.featured_question)
                                                   : nlohmann::json(nullptr)},
              {"pending", state.questions_pending},
              {"approved", state.questions_approved},
              {"total", state.questions_total}}},
            {"slides",
             {{"current", state.slide},
              {"total", state.slides},
              {"section", state.section},
              {"timer",
               {{"running", state.timer_running},
                {"elapsed_ms", state.elapsed_ms},
                {"planned_ms", state.planned_ms}}}}}};
}

// ---- Chat -----------------------------------------------------------------------------------

Result Controller::execute(const ChatConnect& command) {
    if (!chat_)
        return Result::failure("chat is not available in this process");
    const bool known =
        command.platform == "twitch" || command.platform == "youtube" || command.platform == "demo";
    if (!known)
        return Result::failure("platform \"" + command.platform +
                               "\": expected twitch, youtube or demo");
    Result result = chat_->connect(command);
    if (result) {
        save_chat_settings(command.platform, &command);
        std::vector<Event> events{state_changed("chat", revision())};
        deliver(events);
    }
    return result;
}

Result Controller::execute(const ChatDisconnect& command) {
    if (!chat_)
        return Result::failure("chat is not available in this process");
    Result result = chat_->disconnect(command.platform);
    if (result) {
        save_chat_settings(command.platform, nullptr);
        deliver({state_changed("chat", revision())});
    }
    return result;
}

Result Controller::chat_status() const {
    nlohmann::json list = nlohmann::json::array();
    if (chat_)
        for (const auto& s : chat_->status()) {
            nlohmann::json item = {
                {"platform", s.platform}, {"state", s.state},
                {"detail", s.detail},     {"target", s.target},
                {"messages", s.messages}, {"messages_per_minute", s.messages_per_minute},
                {"skipped", s.skipped},   {"reconnects", s.reconnects}};
            if (s.quota_used >= 0) {
                item["quota_used"] = s.quota_used;
                item["quota_left"] = std::max(0, s.quota_daily - s.quota_used);
            }
            list.push_back(std::move(item));
        }
    return Result::success({{"connections", std::move(list)}});
}

namespace {

constexpr const char* kChatPlatforms[] = {"twitch", "youtube", "demo"};

// chat.json: per platform, whether it was connected and how. Read whole before use, so a
// wrong-typed value anywhere sets the file aside instead of half-reconnecting.
std::vector<ChatConnect> saved_chats(const nlohmann::json& saved) {
    const core::Fields root(saved);
    std::vector<ChatConnect> chats;
    for (const char* platform : kChatPlatforms) {
        const auto entry = root.object(platform);
        if (!entry)
            continue;
        ChatConnect c;
        c.platform = platform;
        c.channel = entry->string("channel");
        c.server = entry->string("server");
        c.ca_file = entry->string("ca_file");
        c.video = entry->string("video");
        c.key = entry->string("key");
        c.api = entry->string("api");
        if (entry->boolean("connected", false))
            chats.push_back(std::move(c));
    }
    return chats;
}

} // namespace

nlohmann::json Controller::saved_secrets() {
    nlohmann::json secrets = nlohmann::json::object();
    store_->read(kSecretsStore, "chat keys", [&](const nlohmann::json& json) {
        const core::Fields root(json);
        for (const auto& [platform, entry] : json.items())
            root.object(platform)->string("key");
        secrets = json;
    });
    return secrets;
}

void Controller::save_chat_settings(const std::string& platform, const ChatConnect* settings) {
    if (!store_)
        return;
    nlohmann::json saved = nlohmann::json::object();
    store_->read(kChatStore, "chat settings", [&](const nlohmann::json& json) {
        saved_chats(json); // the whole file is checked before any of it is kept
        saved = json;
    });
    nlohmann::json& entry = saved[platform];
    if (!entry.is_object())
        entry = nlohmann::json::object();
    entry["connected"] = settings != nullptr;
    if (settings) {
        entry["channel"] = settings->channel;
        entry["server"] = settings->server;
        entry["ca_file"] = settings->ca_file;
        entry["video"] = settings->video;
        entry["api"] = settings->api;
    }
    // The key lives in the owner-only secrets file (resume_chat moves an older version's out of
    // chat.json).
    nlohmann::json secrets = saved_secrets();
    const std::string kept =
        secrets.contains(platform) ? secrets[platform].value("key", "") : std::string();
    const std::string key = settings ? settings->key : kept;
    std::string error;
    if (key != kept) {
        if (key.empty())
            secrets.erase(platform);
        else
            secrets[platform] = {{"key", key}};
        if (!store_->save(kSecretsStore, secrets, error))
            StatusBoard::global().set("chat", platform, Severity::warning,
                                      {"the chat key was not saved: " + error});
    }
    if (!store_->save(kChatStore, saved, error))
        StatusBoard::global().set("chat", platform, Severity::warning,
                                  {"chat settings not saved: " + error});
}

void Controller::resume_chat() {
    if (!store_ || !chat_)
        return;
    std::vector<ChatConnect> chats;
    nlohmann::json settings;
    store_->read(kChatStore, "chat settings", [&](const nlohmann::json& saved) {
        chats = saved_chats(saved);
        settings = saved;
    });
    nlohmann::json secrets = saved_secrets();
    // An older version kept keys in chat.json (saved_chats checked they are strings): they move
    // to the owner-only secrets file, connected or not.
    bool moved = false;
    for (const char* platform : kChatPlatforms) {
        const auto entry = settings.find(platform);
        if (entry == settings.end() || !entry->is_object() || !entry->contains("key"))
            continue;
        const std::string key = (*entry)["key"].get<std::string>();
        if (!key.empty() && !secrets.contains(platform))
            secrets[platform] = {{"key", key}};
        entry->erase("key");
        moved = true;
    }
    std::string error;
    if (moved && store_->save(kSecretsStore, secrets, error))
        store_->save(kChatStore, settings, error);
    for (ChatConnect& c : chats) {
        if (const auto it = secrets.find(c.platform); it != secrets.end())
            c.key = it->value("key", c.key);
        const Result result = chat_->connect(c);
        if (!result)
            StatusBoard::global().set("chat", c.platform, Severity::warning,
                                      {"not reconnected: " + result.error});
    }
}

void Controller::on_chat(const core::chat::ChatEvent& event) {
    std::vector<Event> events;
    {
        std::lock_guard lock(questions_mutex_);
        const core::questions::Change change = queue_.on_chat(event);
        if (change)
            questions_changed(change, events);
    }
    if (const auto* status = std::get_if<core::chat::ChatStatus>(&event)) {
        events.push_back(Event{"chat_status_changed",
                               {{"platform", core::chat::to_string(status->platform)},
                                {"state", core::chat::to_string(status->state)},
                                {"detail", status->detail}}});
        const bool bad = status->state == core::chat::ConnectionState::error ||
                         status->state == core::chat::ConnectionState::reconnecting;
        StatusBoard::global().set(
            "chat", core::chat::to_string(status->platform),
            status->state == core::chat::ConnectionState::error ? Severity::error
                                                                : Severity::warning,
            bad ? std::vector<std::string>{status->detail} : std::vector<std::string>{});
    }
    deliver(events);
}

// ---- Questions --------------------------------------------------------------------------------

void Controller::questions_changed(const core::questions::Change& change,
                                   std::vector<Event>& events) {
    const std::uint64_t revision = ++questions_revision_;
    auto featured = std::make_shared<FeaturedQuestion>();
    const auto* now = queue_.featured();
    const int now_id = now ? now->id : 0;
    if (now_id != featured_id_) {
        featured_id_ = now_id;
        featured_since_ms_ = now_ms_();
    }
    if (now)
        featured->question = *now;
    featured->instant = change.instant;
    featured->waiting = queue_.waiting();
    featured->revision = revision;
    featured_.publish(std::move(featured));
    if (store_) {
        // Serialised on the worker, not here: in a chat flood each message costs a submit,
        // and the worker writes the newest queue at most once per save interval (each save is
        // the whole queue, megabytes in a long session: back to back they would take a core).
        persist_.submit([this] {
            const auto due = last_queue_save_ + save_interval_;
            if (const auto at = std::chrono::steady_clock::now(); at < due)
                std::this_thread::sleep_for(due - at); // newer changes replace this job meanwhile
            last_queue_save_ = std::chrono::steady_clock::now();
            nlohmann::json json;
            {
                std::lock_guard lock(questions_mutex_);
                json = queue_.to_json();
            }
            std::string error;
            if (!store_->save(kQuestionsStore, json, error))
                StatusBoard::global().set("questions", "queue", Severity::error,
                                          {"the question queue was not saved: " + error});
        });
    }
    events.push_back(Event{"questions_changed", {{"revision", revision}}});
    if (change.featured)
        events.push_back(Event{"question_featured",
                               {{"id", now ? nlohmann::json(now->id) : nlohmann::json(nullptr)}}});
    events.push_back(state_changed("questions", revision));
}

Result Controller::moderate(const std::function<std::string(core::questions::QuestionQueue&,
                                                            core::questions::Change&)>& step) {
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(questions_mutex_);
        core::questions::Change change;
        const std::string error = step(queue_, change);
        if (!error.empty())
            return Result::failure(error);
        if (change)
            questions_changed(change, events);
        const auto* featured = queue_.featured();
        result = Result::success(
            {{"featured", featured ? nlohmann::json(featured->id) : nlohmann::json(nullptr)},
             {"revision", questions_revision_}});
    }
    deliver(events);
    return result;
}

Result Controller::execute(const QuestionApprove& c) {
    return moderate([&](auto& q, auto& change) { return q.approve(c.id, change); });
}

Result Controller::execute(const QuestionFeature& c) {
    return moderate([&](auto& q, auto& change) { return q.feature(c.id, change); });
}

Result Controller::execute(const QuestionHide&) {
    return moderate([&](auto& q, auto& change) { return q.hide(change); });
}

Result Controller::execute(const QuestionAnswered& c) {
    return moderate([&](auto& q, auto& change) { return q.answered(c.id, change); });
}

Result Controller::execute(const QuestionDismiss& c) {
    return moderate([&](auto& q, auto& change) { return q.dismiss(c.id, change); });
}

Result Controller::execute(const QuestionPin& c) {
    return moderate([&](auto& q, auto& change) { return q.pin(c.id, c.pinned, change); });
}

Result Controller::execute(const QuestionAdd& c) {
    if (c.text.find_first_not_of(" \t\r\n") == std::string::npos)
        return Result::failure("text: expected the question");
    int id = 0;
    Result result = moderate([&](auto& q, auto& change) {
        id = q.add(c.text, c.label, core::chat::Clock::now(), change);
        return std::string();
    });
    if (result)
        result.data["id"] = id;
    return result;
}

Result Controller::execute(const QuestionsExport& c) {
    if (c.format != "markdown" && c.format != "csv")
        return Result::failure("format \"" + c.format + "\": expected markdown or csv");
    std::string text;
    std::size_t count = 0;
    {
        std::lock_guard lock(questions_mutex_);
        count = queue_.list().size();
        text = c.format == "csv" ? queue_.export_csv()
                                 : queue_.export_markdown("Questions from the live chat");
    }
    Result written = exports_.write(c.file, text);
    if (written)
        written.data["questions"] = count;
    return written;
}

Result Controller::execute(const QuestionsSettings& c) {
    std::string error;
    Result result =
        moderate([&](core::questions::QuestionQueue& q, core::questions::Change& change) {
            auto settings = core::questions::settings_from_json(c.changes, q.settings(), error);
            if (!settings)
                return "questions settings " + error;
            q.set_settings(std::move(*settings));
            change.queue = true; // saved with the queue
            return std::string();
        });
    if (result) {
        std::lock_guard lock(questions_mutex_);
        result.data["settings"] = core::questions::to_json(queue_.settings());
    }
    return result;
}

void Controller::tick() {
    bool expired = false;
    {
        std::lock_guard lock(questions_mutex_);
        const int seconds = queue_.settings().auto_hide_seconds;
        expired = seconds > 0 && featured_id_ != 0 &&
                  now_ms_() - featured_since_ms_ >= static_cast<std::int64_t>(seconds) * 1000;
    }
    if (expired)
        execute(QuestionHide{});
}

Result Controller::questions(std::optional<core::questions::State> state, std::size_t limit) const {
    std::lock_guard lock(questions_mutex_);
    nlohmann::json list = nlohmann::json::array();
    std::size_t total = 0;
    for (const auto& q : queue_.list(state, limit ? limit : static_cast<std::size_t>(-1), &total))
        list.push_back({{"id", q.id},
                        {"platform", q.platform},
                        {"author", q.author},
                        {"text", q.text},
                        {"state", core::questions::to_string(q.state)},
                        {"votes", q.votes},
                        {"pinned", q.pinned},
                        {"time", core::chat::format_time(q.time)}});
    const auto* featured = queue_.featured();
    return Result::success(
        {{"questions", std::move(list)},
         {"total", total},
         {"featured", featured ? nlohmann::json(featured->id) : nlohmann::json(nullptr)},
         {"revision", questions_revision_},
         {"settings", core::questions::to_json(queue_.settings())}});
}

std::shared_ptr<const FeaturedQuestion> Controller::featured_question() const {
    return featured_.snapshot().value;
}

void Controller::flush() {
    persist_.wait_idle();
    persist_talk_.wait_idle();
}

// ---- The talk --------------------------------------------------------------------------------

Result Controller::change_talk(const std::function<std::string(core::slides::TalkState&)>& step,
                               bool timer_changed) {
    std::vector<Event> events;
    core::slides::TalkStatus status;
    {
        std::lock_guard lock(talk_mutex_);
        const int before = talk_.current();
        const int total_before = talk_.total();
        const std::string error = step(talk_);
        if (!error.empty())
            return Result::failure(error);
        const std::int64_t now = now_ms_();
        status = talk_.status(now);
        const std::uint64_t revision = ++talk_revision_;
        slides_.publish(std::make_shared<SlidesSnapshot>(SlidesSnapshot{talk_, revision}));
        if (store_)
            persist_talk_.submit([store = store_, json = talk_.to_json(now, wall_ms_())] {
                std::string why;
                if (!store->save(kSlidesStore, json, why))
                    StatusBoard::global().set("slides", "talk", Severity::error,
                                              {"the talk position was not saved: " + why});
            });
        if (status.current != before || status.total != total_before)
            events.push_back(Event{"slide_changed",
                                   {{"current", status.current},
                                    {"total", status.total},
                                    {"section", status.section}}});
        if (timer_changed)
            events.push_back(Event{"timer_state_changed",
                                   {{"running", status.running},
                                    {"elapsed_ms", status.elapsed_ms},
                                    {"planned_ms", status.planned_ms}}});
        events.push_back(state_changed("slides", revision));
    }
    deliver(events);
    return Result::success({{"current", status.current},
                            {"total", status.total},
                            {"section", status.section},
                            {"timer",
                             {{"running", status.running},
                              {"elapsed_ms", status.elapsed_ms},
                              {"planned_ms", status.planned_ms}}}});
}

Result Controller::execute(const SlidesSet& c) {
    if (c.total && (*c.total < 0 || *c.total > 10000))
        return Result::failure("total " + std::to_string(*c.total) + ": expected 0..10000");
    return change_talk(
        [&](core::slides::TalkState& t) {
            if (c.total)
                t.set_total(*c.total);
            if (c.title)
                t.set_title(*c.title);
            if (c.current)
                t.go_to(*c.current);
            return std::string();
        },
        false);
}

Result Controller::execute(const SlidesMove& c) {
    return change_talk(
        [&](core::slides::TalkState& t) {
            t.move(c.delta);
            return std::string();
        },
        false);
}

Result Controller::execute(const SlidesGoTo& c) {
    return change_talk(
        [&](core::slides::TalkState& t) {
            t.go_to(c.slide);
            return std::string();
        },
        false);
}

Result Controller::execute(const SlidesEdge& c) {
    return change_talk(
        [&](core::slides::TalkState& t) {
            t.go_to(c.last ? std::max(1, t.total()) : 1);
            return std::string();
        },
        false);
}

Result Controller::execute(const TalkLoad& c) {
    namespace fs = std::filesystem;
    if (c.file.empty() || !fs::path(c.file).is_absolute())
        return Result::failure("file \"" + c.file + "\": expected an absolute path to a talk file");
    // A talk file is a page of JSON: a megabyte is far past any.
    constexpr std::uint64_t kMaxTalkBytes = 1024 * 1024;
    const core::FileRead read = core::read_bounded_file(c.file, kMaxTalkBytes);
    if (!read.text)
        return Result::failure("file \"" + c.file + "\" " + read.error);
    std::string error;
    auto talk = core::slides::parse_talk(*read.text, error);
    if (!talk) // the overlay keeps the talk it had
        return Result::failure(c.file + ": " + error);
    return change_talk(
        [&](core::slides::TalkState& t) {
            t.load(std::move(*talk));
            return std::string();
        },
        true);
}

Result Controller::execute(const TimerControl& c) {
    return change_talk(
        [&](core::slides::TalkState& t) {
            const std::int64_t now = now_ms_();
            switch (c.action) {
            case TimerAction::start:
                t.timer().start(now);
                break;
            case TimerAction::pause:
                t.timer().pause(now);
                break;
            case TimerAction::toggle:
                if (t.timer().running())
                    t.timer().pause(now);
                else
                    t.timer().start(now);
                break;
            case TimerAction::reset:
                t.timer().reset();
                break;
            }
            return std::string();
        },
        true);
}

Result Controller::execute(const TimerAdd& c) {
    if (c.seconds < -24 * 3600 || c.seconds > 24 * 3600)
        return Result::failure("seconds " + std::to_string(c.seconds) + ": expected -86400..86400");
    return change_talk(
        [&](core::slides::TalkState& t) {
            t.timer().add_planned(static_cast<std::int64_t>(c.seconds) * 1000);
            return std::string();
        },
        true);
}

core::slides::TalkStatus Controller::talk_status() const {
    std::lock_guard lock(talk_mutex_);
    return talk_.status(now_ms_());
}

std::shared_ptr<const SlidesSnapshot> Controller::slides() const {
    return slides_.snapshot().value;
}

} // namespace stagehand::control
