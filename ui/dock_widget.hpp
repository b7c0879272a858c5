#pragma once

#include "ui/code_panel.hpp"
#include "ui/questions_panel.hpp"
#include "ui/slides_panel.hpp"

#include <QString>
#include <QWidget>

#include <cstdint>
#include <memory>

class QLabel;
class QTimer;

namespace stagehand::ui {

// The content of the presenter dock: the header, what the control layer's status board says,
// and the code section. It acts only through the control layer. Slides and questions join as
// their features land.
class DockWidget : public QWidget {
    Q_OBJECT

public:
    DockWidget(const QString& title, const QString& subtitle, const QString& version,
               std::shared_ptr<control::Controller> control = nullptr, Translate text = {},
               QWidget* parent = nullptr);

    // Shows a fresh snapshot of the controller: the status board (missing fonts, unreadable
    // files) and the code section. Polled on a timer: sources post from OBS's threads and never
    // touch widgets.
    void refreshStatus();
    // Stops polling OBS: called when OBS exits, before its sources are released.
    void detach();
    // The code section; nullptr without a controller.
    CodePanel* codePanel() const { return code_; }
    // The questions section; nullptr without a controller.
    QuestionsPanel* questionsPanel() const { return questions_; }
    SlidesPanel* slidesPanel() const { return slides_; }

private:
    std::shared_ptr<control::Controller> control_;
    QLabel* warnings_;
    QTimer* timer_;
    CodePanel* code_ = nullptr;
    QuestionsPanel* questions_ = nullptr;
    SlidesPanel* slides_ = nullptr;
    std::uint64_t shown_revision_ = 0;
};

} // namespace stagehand::ui
