#pragma once

#include "control/controller.hpp"

#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

namespace stagehand::ui {

// Looks up a localized string by its key in the module's locale files; tests pass nothing and
// see the keys.
using Translate = std::function<QString(const char* key)>;

// One section of the presenter dock (slides, code, questions): a panel over one control domain.
// The dock refreshes each from one snapshot of the controller and detaches each when OBS exits.
class DockSection : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;
    // A fresh snapshot of the controller, from the dock's timer on the UI thread.
    virtual void refresh(const control::ControlState& state) = 0;
    // Stops talking to OBS (at OBS's exit, before its sources are released).
    virtual void detach() = 0;
};

// A kind of section: the control domain it shows, its share of the dock's height, and how to
// make it. dock_sections.cpp lists them, one line each, in the dock's order.
struct DockSectionKind {
    const char* domain;
    int stretch; // 0: as tall as it needs
    DockSection* (*make)(std::shared_ptr<control::Controller> control, Translate text,
                         QWidget* parent);
};
const std::vector<DockSectionKind>& dock_sections();

} // namespace stagehand::ui
