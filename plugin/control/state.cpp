#include "control/state.hpp"

namespace stagehand::control {

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
                {"planned_ms", state.planned_ms}}}}},
            {"preset", state.preset}};
}

} // namespace stagehand::control
