#include "control/request_table.hpp"

#include <algorithm>

namespace stagehand::control {

using nlohmann::json;

void add_code_requests(std::vector<RequestSpec>& table) {
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
}

} // namespace stagehand::control
