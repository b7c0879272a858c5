#include "control/actions.hpp"

namespace stagehand::control {

const std::vector<Action>& global_actions() {
    static const std::vector<Action> actions = {
        {"stagehand.dock.show_clipboard", "Dock.Hotkey.ShowClipboard", true,
         [](Controller& c) {
             return c.execute(CodeShowClipboard{});
         }},
        {"stagehand.dock.next_step", "Dock.Hotkey.NextStep", false,
         [](Controller& c) {
             return c.execute(CodeStep{{}, std::nullopt, +1});
         }},
        {"stagehand.dock.previous_step", "Dock.Hotkey.PreviousStep", false,
         [](Controller& c) {
             return c.execute(CodeStep{{}, std::nullopt, -1});
         }},
        {"stagehand.questions.feature_next", "Hotkey.FeatureNextQuestion", false,
         [](Controller& c) {
             return c.execute(QuestionFeature{});
         }},
        {"stagehand.questions.hide", "Hotkey.HideQuestion", false,
         [](Controller& c) {
             return c.execute(QuestionHide{});
         }},
        {"stagehand.questions.answered", "Hotkey.QuestionAnswered", false,
         [](Controller& c) {
             return c.execute(QuestionAnswered{});
         }},
        {"stagehand.slides.next", "Hotkey.SlidesNext", false,
         [](Controller& c) {
             return c.execute(SlidesMove{+1});
         }},
        {"stagehand.slides.previous", "Hotkey.SlidesPrevious", false,
         [](Controller& c) {
             return c.execute(SlidesMove{-1});
         }},
        {"stagehand.slides.first", "Hotkey.SlidesFirst", false,
         [](Controller& c) {
             return c.execute(SlidesEdge{false});
         }},
        {"stagehand.slides.last", "Hotkey.SlidesLast", false,
         [](Controller& c) {
             return c.execute(SlidesEdge{true});
         }},
        {"stagehand.timer.toggle", "Hotkey.TimerToggle", false,
         [](Controller& c) {
             return c.execute(TimerControl{TimerAction::toggle});
         }},
    };
    return actions;
}

const Action* find_action(std::string_view name) {
    for (const Action& action : global_actions())
        if (name == action.name)
            return &action;
    return nullptr;
}

Result step_source(Controller& controller, const std::string& source, int delta) {
    return controller.execute(CodeStep{Target{source}, std::nullopt, delta});
}

} // namespace stagehand::control
