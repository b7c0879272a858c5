#include "control/request_table.hpp"

#include <algorithm>

namespace stagehand::control {

using nlohmann::json;

void add_talk_requests(std::vector<RequestSpec>& table) {
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
}

} // namespace stagehand::control
