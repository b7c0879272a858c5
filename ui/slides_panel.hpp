#pragma once

#include "control/controller.hpp"
#include "ui/dock_section.hpp"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QSpinBox;

namespace stagehand::ui {

class SteadyLabel;

// The dock's Slides section: where the talk is, the timer and its pace at a glance, and the
// same actions the hotkeys and the deck bridge have (every one a control-layer command).
class SlidesPanel : public DockSection {
    Q_OBJECT

public:
    SlidesPanel(std::shared_ptr<control::Controller> control, Translate text,
                QWidget* parent = nullptr);

    void refresh(const control::ControlState& state) override;
    void refresh();
    void detach() override;
    // Loads a talk file (the Load button asks for one with a file dialog).
    void loadTalk(const QString& file);

private:
    QString text(const char* key) const;
    void run(const control::Result& result);

    std::shared_ptr<control::Controller> control_;
    Translate translate_;
    QLabel* position_;
    QLabel* section_;
    SteadyLabel* timer_; // changes every second: no layout of the dock for it
    QPushButton* first_;
    QPushButton* previous_;
    QPushButton* next_;
    QPushButton* last_;
    QSpinBox* total_;
    QPushButton* start_;
    QPushButton* reset_;
    QPushButton* more_;
    QPushButton* load_;
    QLabel* error_;
};

} // namespace stagehand::ui
