#include "ui/code_panel.hpp"
#include "ui/dock_section.hpp"
#include "ui/presets_panel.hpp"
#include "ui/questions_panel.hpp"
#include "ui/slides_panel.hpp"

namespace stagehand::ui {

namespace {

template <typename Panel>
DockSection* make(std::shared_ptr<control::Controller> control, Translate text, QWidget* parent) {
    return new Panel(std::move(control), std::move(text), parent);
}

} // namespace

// The dock's sections, one line each, top to bottom.
const std::vector<DockSectionKind>& dock_sections() {
    static const std::vector<DockSectionKind> all = {
        {"talk", 0, &make<SlidesPanel>},
        {"code", 2, &make<CodePanel>},
        {"questions", 3, &make<QuestionsPanel>},
        {"presets", 1, &make<PresetsPanel>},
    };
    return all;
}

} // namespace stagehand::ui
