#include "control/request_table.hpp"

#include "core/chat/platform.hpp"

#include <algorithm>

namespace stagehand::control {

using nlohmann::json;

namespace {

// chat_connect takes the platform and every setting some platform's description lists that a
// remote client may send; the chosen platform's description then says which it takes.
std::vector<RequestParam> chat_connect_params() {
    std::vector<RequestParam> params{{"platform", "string", true, core::chat::platform_list()}};
    for (const auto& platform : chat_platforms())
        for (const auto& p : platform.params) {
            if (!p.remote)
                continue;
            const auto same = std::find_if(params.begin(), params.end(),
                                           [&](const RequestParam& r) { return r.name == p.name; });
            const std::string what = platform.name + ": " + p.hint +
                                     (p.secret ? " (never logged; default: the saved one)" : "");
            if (same == params.end())
                params.push_back({p.name, "string", false, what});
            else
                same->description += "; " + what;
        }
    return params;
}

} // namespace

void add_chat_requests(std::vector<RequestSpec>& table) {
    auto id_param = [](bool required, const char* description) {
        return RequestParam{"id", "id", required, description};
    };
    table.push_back({"chat_connect", chat_connect_params(),
                     "reads a platform's live chat into the question queue",
                     [](Controller& c, const json& p) {
                         ChatConnect connect{string_param(p, "platform"), {}};
                         for (const auto& [key, value] : p.items())
                             if (key != "platform" && !key.starts_with("_"))
                                 connect.params[key] = string_param(p, key.c_str());
                         if (const auto* platform = find_chat_platform(connect.platform))
                             for (const auto& [key, value] : connect.params)
                                 if (const auto* param = core::chat::find_param(*platform, key);
                                     param && !param->remote)
                                     return Result::failure(key + ": " + platform->name +
                                                            " takes it from OBS's machine only");
                         return c.execute(connect);
                     }});
    table.push_back({"chat_disconnect",
                     {{"platform", "string", true, core::chat::platform_list()}},
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
}

} // namespace stagehand::control
