#include "control/requests.hpp"

#include "core/base/json_fields.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace stagehand::control {

namespace {

using nlohmann::json;

std::string type_name(const json& value) {
    if (value.is_string())
        return "a string";
    if (value.is_number_integer() || value.is_number_unsigned())
        return "an integer";
    if (value.is_number())
        return "a number";
    if (value.is_boolean())
        return "a boolean";
    if (value.is_null())
        return "null";
    if (value.is_array())
        return "an array";
    return "an object";
}

// A question's id: what the queue counts with. A larger number names no question, and must not
// wrap round to one that exists.
constexpr long long kLargestId = std::numeric_limits<int>::max();

bool has_type(const json& value, std::string_view type) {
    // Integers that fit a signed 64-bit number: 2^64-1 must not become -1.
    const bool integer = value.is_number_integer() &&
                         (!value.is_number_unsigned() ||
                          value.get<std::uint64_t>() <=
                              static_cast<std::uint64_t>(std::numeric_limits<long long>::max()));
    if (type == "id")
        return integer && value.get<long long>() >= 1 && value.get<long long>() <= kLargestId;
    if (type == "string")
        return value.is_string();
    if (type == "integer")
        return integer;
    if (type == "string|integer")
        return value.is_string() || integer;
    if (type == "boolean")
        return value.is_boolean();
    return false;
}

std::string expected(std::string_view type) {
    if (type == "id")
        return "a question id from 1 to " + std::to_string(kLargestId);
    if (type == "string|integer")
        return "a string or an integer";
    if (type == "boolean")
        return "true or false";
    return type == "integer" ? "an integer" : "a string";
}

// Checks names and types against the table; the handlers then read values without checks.
Result check_params(const RequestSpec& spec, const json& params) {
    if (!params.is_object())
        return Result::failure("requestData must be an object, got " + type_name(params));
    if (spec.params.empty())
        return Result::success();
    for (const auto& [key, value] : params.items()) {
        if (key.starts_with("_"))
            continue; // a placeholder: obs-websocket 5.1 refuses an empty requestData
        const RequestParam* known = nullptr;
        for (const auto& p : spec.params)
            if (key == p.name)
                known = &p;
        if (!known) {
            std::string names;
            for (const auto& p : spec.params)
                names += (names.empty() ? "" : ", ") + std::string(p.name);
            return Result::failure("unknown parameter \"" + key + "\" (" + spec.name + " takes " +
                                   names + ")");
        }
        if (!has_type(value, known->type))
            return Result::failure(
                "\"" + key + "\" must be " + expected(known->type) + ", got " + type_name(value) +
                (value.is_string() || value.is_number() ? " " + core::json_text(value)
                                                        : std::string()));
    }
    for (const auto& p : spec.params)
        if (p.required && !params.contains(p.name))
            return Result::failure(std::string("missing parameter \"") + p.name + "\" (" +
                                   p.description + ")");
    return Result::success();
}

std::string string_param(const json& params, const char* name) {
    const auto it = params.find(name);
    if (it == params.end())
        return {};
    return it->is_string() ? it->get<std::string>() : core::json_text(*it);
}

std::optional<long long> integer_param(const json& params, const char* name) {
    const auto it = params.find(name);
    if (it == params.end())
        return std::nullopt;
    return it->get<long long>();
}

// "a, b,,c " as ["a", "b", "c"].
json comma_list(const std::string& text) {
    json list = json::array();
    std::string item;
    for (char ch : text + ",") {
        if (ch != ',') {
            item += ch;
            continue;
        }
        const auto first = item.find_first_not_of(' ');
        if (first != std::string::npos)
            list.push_back(item.substr(first, item.find_last_not_of(' ') - first + 1));
        item.clear();
    }
    return list;
}

Target target(const json& params) {
    return Target{string_param(params, "source")};
}

constexpr RequestParam kSource{"source", "string", false,
                               "a code source's name or UUID; default: the dock's choice, else "
                               "the first on the program output"};

std::vector<RequestSpec> make_requests() {
    std::vector<RequestSpec> table;
    table.push_back(
        {"get_version",
         {},
         "the plugin's version and the remote API's version",
         [](Controller& c, const json&) {
             return Result::success({{"version", c.version()}, {"api", kRemoteApiVersion}});
         }});
    table.push_back(
        {"get_requests",
         {},
         "every request with its parameters and what it does",
         [](Controller&, const json&) {
             json list = json::array();
             for (const auto& spec : requests()) {
                 json params = json::array();
                 for (const auto& p : spec.params)
                     params.push_back(
                         {{"name", p.name},
                          {"type", std::string_view(p.type) == "id" ? "integer" : p.type},
                          {"required", p.required},
                          {"description", p.description}});
                 list.push_back({{"name", spec.name},
                                 {"params", std::move(params)},
                                 {"description", spec.description}});
             }
             return Result::success({{"requests", std::move(list)}});
         }});
    table.push_back({"get_state",
                     {},
                     "everything a remote panel shows: each code source's step, steps, "
                     "language and followed file, and the dock's warnings",
                     [](Controller& c, const json&) {
                         return Result::success(to_json(c.state()));
                     }});
    table.push_back(
        {"code_show",
         {kSource,
          {"text", "string", true, "the code to show"},
          {"language", "string", false,
           "auto, or a language id or alias (python, ts, c#); default: keep"},
          {"steps", "string", false, "steps like \"1-3 | 4-6\"; new text clears them otherwise"},
          {"focus", "string|integer", false,
           "lines to focus, like \"3-5,9\"; new text clears the focus otherwise"},
          {"step", "integer", false, "the step to show (1-based; needs steps)"}},
         "shows text in a code source (it stops following its file); new text starts without "
         "the previous snippet's steps, focus and marks",
         [](Controller& c, const json& p) {
             CodeShow show{
                 target(p),    string_param(p, "text"), string_param(p, "language"), std::nullopt,
                 std::nullopt, integer_param(p, "step")};
             if (p.contains("steps"))
                 show.steps = string_param(p, "steps");
             if (p.contains("focus"))
                 show.focus = string_param(p, "focus");
             return c.execute(show);
         }});
    table.push_back(
        {"code_show_clipboard",
         {kSource, {"language", "string", false, "auto, or a language id or alias; default: keep"}},
         "shows the text on OBS's machine's clipboard in a code source",
         [](Controller& c, const json& p) {
             return c.execute(CodeShowClipboard{target(p), string_param(p, "language")});
         }});
    table.push_back({"code_follow",
                     {kSource, {"file", "string", true, "an absolute path on OBS's machine"}},
                     "makes a code source show a file and follow its saves",
                     [](Controller& c, const json& p) {
                         return c.execute(CodeFollow{target(p), string_param(p, "file")});
                     }});
    table.push_back({"code_step",
                     {kSource,
                      {"step", "integer", false, "go to this step (1-based)"},
                      {"delta", "integer", false, "move by this many steps (1 next, -1 back)"}},
                     "goes to a step of a code source, or moves by delta (clamped)",
                     [](Controller& c, const json& p) {
                         return c.execute(CodeStep{target(p), integer_param(p, "step"),
                                                   integer_param(p, "delta")});
                     }});
    table.push_back({"code_focus",
                     {kSource,
                      {"lines", "string|integer", true,
                       "lines to focus, like \"3-5,9\"; \"\" clears the focus"}},
                     "focuses lines of a code source (the rest is dimmed)",
                     [](Controller& c, const json& p) {
                         return c.execute(CodeFocus{target(p), string_param(p, "lines")});
                     }});
    auto id_param = [](bool required, const char* description) {
        return RequestParam{"id", "id", required, description};
    };
    table.push_back({"chat_connect",
                     {{"platform", "string", true, "twitch, youtube or demo"},
                      {"channel", "string", false, "Twitch: the channel to read"},
                      {"server", "string", false,
                       "Twitch: ircs://, irc://, wss:// or ws:// URL (default: Twitch's TLS IRC)"},
                      {"ca_file", "string", false, "extra trusted certificates (PEM), for tests"},
                      {"video", "string", false, "YouTube: the video id or URL of the broadcast"},
                      {"key", "string", false, "YouTube: your Data API v3 key (never logged)"},
                      {"api", "string", false, "YouTube: API base URL (default: Google's)"}},
                     "reads a platform's live chat into the question queue",
                     [](Controller& c, const json& p) {
                         return c.execute(
                             ChatConnect{string_param(p, "platform"), string_param(p, "channel"),
                                         string_param(p, "server"), string_param(p, "ca_file"),
                                         string_param(p, "video"), string_param(p, "key"),
                                         string_param(p, "api")});
                     }});
    table.push_back({"chat_disconnect",
                     {{"platform", "string", true, "twitch, youtube or demo"}},
                     "stops reading a platform's chat",
                     [](Controller& c, const json& p) {
                         return c.execute(ChatDisconnect{string_param(p, "platform")});
                     }});
    table.push_back({"chat_status",
                     {},
                     "each chat connection: state, messages a minute, skipped lines, "
                     "reconnects, YouTube quota",
                     [](Controller& c, const json&) {
                         return c.chat_status();
                     }});
    table.push_back(
        {"questions_list",
         {{"state", "string", false,
           "pending, approved, featured, answered, dismissed or withdrawn; default: "
           "every question of the session"},
          {"limit", "integer", false,
           "at most this many, from the head of the queue; default: all"}},
         "the question queue in order, how many in all (total), and the featured "
         "question's id",
         [](Controller& c, const json& p) {
             const auto asked = integer_param(p, "limit");
             const std::size_t limit =
                 asked ? static_cast<std::size_t>(std::clamp<long long>(
                             *asked, 1,
                             static_cast<long long>(core::questions::QuestionQueue::kMaxQuestions)))
                       : 0;
             if (!p.contains("state"))
                 return c.questions(std::nullopt, limit);
             const auto state = core::questions::state_from_string(string_param(p, "state"));
             if (!state)
                 return Result::failure(
                     "state \"" + string_param(p, "state") +
                     "\": expected pending, approved, featured, answered, dismissed "
                     "or withdrawn");
             return c.questions(*state, limit);
         }});
    table.push_back({"question_approve",
                     {id_param(true, "the question's number")},
                     "approves a question: it may now go on screen",
                     [](Controller& c, const json& p) {
                         return c.execute(
                             QuestionApprove{static_cast<int>(*integer_param(p, "id"))});
                     }});
    table.push_back({"question_feature",
                     {id_param(false, "the question's number; default: the next approved one")},
                     "puts an approved question on screen",
                     [](Controller& c, const json& p) {
                         const auto id = integer_param(p, "id");
                         return c.execute(QuestionFeature{
                             id ? std::optional<int>(static_cast<int>(*id)) : std::nullopt});
                     }});
    table.push_back({"question_hide",
                     {},
                     "takes the featured question off screen (it stays approved)",
                     [](Controller& c, const json&) {
                         return c.execute(QuestionHide{});
                     }});
    table.push_back({"question_answered",
                     {id_param(false, "the question's number; default: the featured one")},
                     "marks a question answered (and takes it off screen)",
                     [](Controller& c, const json& p) {
                         const auto id = integer_param(p, "id");
                         return c.execute(QuestionAnswered{
                             id ? std::optional<int>(static_cast<int>(*id)) : std::nullopt});
                     }});
    table.push_back({"question_dismiss",
                     {id_param(true, "the question's number")},
                     "dismisses a question (and takes it off screen)",
                     [](Controller& c, const json& p) {
                         return c.execute(
                             QuestionDismiss{static_cast<int>(*integer_param(p, "id"))});
                     }});
    table.push_back({"question_pin",
                     {id_param(true, "the question's number"),
                      {"pinned", "boolean", true, "true pins it to the top, false unpins"}},
                     "pins a question to the top of the queue, or unpins it",
                     [](Controller& c, const json& p) {
                         return c.execute(QuestionPin{static_cast<int>(*integer_param(p, "id")),
                                                      p.at("pinned").get<bool>()});
                     }});
    table.push_back(
        {"question_add",
         {{"text", "string", true, "the question"},
          {"label", "string", false, "shown instead of an author; default \"from the room\""}},
         "adds a question typed by the presenter or an assistant (approved)",
         [](Controller& c, const json& p) {
             return c.execute(QuestionAdd{string_param(p, "text"), string_param(p, "label")});
         }});
    table.push_back(
        {"questions_settings",
         {{"detect", "string", false, "question_mark, prefix (Q: / !q only) or every"},
          {"auto_approve_moderators", "boolean", false,
           "moderators' and the broadcaster's questions skip approval"},
          {"platforms", "string", false, "only these platforms, comma-separated; \"\" for all"},
          {"roles", "string", false,
           "only authors with one of these roles (subscriber, member, vip, moderator, "
           "broadcaster), comma-separated; \"\" for anyone"},
          {"blocklist", "string", false, "words that keep a message out, comma-separated"},
          {"auto_hide_seconds", "integer", false,
           "a featured question leaves after this; 0: stays"}},
         "changes how chat messages become questions; answers with every setting",
         [](Controller& c, const json& p) {
             // obs-websocket carries no lists of strings: lists come comma-separated.
             json changes = json::object();
             for (const char* key : {"platforms", "roles", "blocklist"})
                 if (p.contains(key))
                     changes[key] = comma_list(string_param(p, key));
             for (const char* key : {"detect", "auto_approve_moderators", "auto_hide_seconds"})
                 if (p.contains(key))
                     changes[key] = p[key];
             return c.execute(QuestionsSettings{std::move(changes)});
         }});
    table.push_back(
        {"questions_export",
         {{"format", "string", true, "markdown or csv"},
          {"file", "string", true,
           "a file name in the export folder (exports/ in the plugin's config folder), "
           "like talk.md; the answer gives the full path"}},
         "writes the session's questions (text, author, platform, votes, answered, "
         "time) for the blog post",
         [](Controller& c, const json& p) {
             return c.execute(QuestionsExport{string_param(p, "format"), string_param(p, "file")});
         }});
    auto no_params = [](const char* name, const char* description,
                        std::function<Result(Controller&)> run) {
        return RequestSpec{name, {}, description, [run](Controller& c, const json&) {
                               return run(c);
                           }};
    };
    table.push_back({"slides_set",
                     {{"current", "integer", false, "the slide shown now (clamped to the deck)"},
                      {"total", "integer", false, "how many slides the deck has"},
                      {"title", "string", false, "the talk's title"}},
                     "says where the deck is (what the reveal.js bridge sends on every slide)",
                     [](Controller& c, const json& p) {
                         SlidesSet set;
                         if (auto v = integer_param(p, "current"))
                             set.current =
                                 static_cast<int>(std::clamp<long long>(*v, -1000000, 1000000));
                         if (auto v = integer_param(p, "total"))
                             set.total = static_cast<int>(std::clamp<long long>(*v, -1, 1000000));
                         if (p.contains("title"))
                             set.title = string_param(p, "title");
                         return c.execute(set);
                     }});
    table.push_back(no_params("slides_next", "the next slide",
                              [](Controller& c) { return c.execute(SlidesMove{+1}); }));
    table.push_back(no_params("slides_prev", "the previous slide",
                              [](Controller& c) { return c.execute(SlidesMove{-1}); }));
    table.push_back({"slides_goto",
                     {{"slide", "integer", true, "1-based; past the end lands on the last slide"}},
                     "goes to a slide",
                     [](Controller& c, const json& p) {
                         return c.execute(SlidesGoTo{static_cast<int>(std::clamp<long long>(
                             *integer_param(p, "slide"), -1000000, 1000000))});
                     }});
    table.push_back({"talk_load",
                     {{"file", "string", true, "a stagehand.talk JSON file (absolute path)"}},
                     "loads the talk's sections and planned minutes",
                     [](Controller& c, const json& p) {
                         return c.execute(TalkLoad{string_param(p, "file")});
                     }});
    table.push_back(
        no_params("timer_start", "starts (or resumes) the talk timer",
                  [](Controller& c) { return c.execute(TimerControl{TimerAction::start}); }));
    table.push_back(no_params("timer_pause", "pauses the talk timer (for Q&A)", [](Controller& c) {
        return c.execute(TimerControl{TimerAction::pause});
    }));
    table.push_back(
        no_params("timer_reset", "sets the talk timer back to zero and stops it",
                  [](Controller& c) { return c.execute(TimerControl{TimerAction::reset}); }));
    table.push_back({"timer_add",
                     {{"seconds", "integer", true, "more time for the talk (negative: less)"}},
                     "changes the talk's planned time",
                     [](Controller& c, const json& p) {
                         return c.execute(TimerAdd{static_cast<int>(std::clamp<long long>(
                             *integer_param(p, "seconds"), -100000, 100000))});
                     }});
    return table;
}

} // namespace

const std::vector<RequestSpec>& requests() {
    static const std::vector<RequestSpec> table = make_requests();
    return table;
}

json handle_request(Controller& controller, std::string_view name, const json& params) {
    const RequestSpec* spec = nullptr;
    for (const auto& s : requests())
        if (name == s.name)
            spec = &s;
    Result result = spec ? check_params(*spec, params)
                         : Result::failure("unknown request \"" + std::string(name) +
                                           "\" (get_requests lists them)");
    if (result)
        result = spec->run(controller, params);
    if (!result)
        return {{"ok", false}, {"error", result.error}};
    json response = result.data.is_object() ? result.data : json::object();
    response["ok"] = true;
    return response;
}

} // namespace stagehand::control
