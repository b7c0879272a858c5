#pragma once

#include "ui/code_panel.hpp"

#include <QString>
#include <QWidget>

#include <cstdint>
#include <memory>

class QLabel;
class QTimer;

namespace stagehand::ui {

// The content of the presenter dock: the header, warnings from the sources, and the code
// section when given a CodeControl. Slides and questions join as their features land.
class DockWidget : public QWidget {
    Q_OBJECT

public:
    DockWidget(const QString& title, const QString& subtitle, const QString& version,
               std::shared_ptr<core::code::CodeControl> code = nullptr, Translate text = {},
               QWidget* parent = nullptr);

    // Shows what the sources posted on the status board (missing fonts, unreadable files).
    // Polled on a timer: sources post from OBS's threads and never touch widgets.
    void refreshStatus();
    // Stops polling OBS: called when OBS exits, before its sources are released.
    void detach();
    // The code section; nullptr without a CodeControl.
    CodePanel* codePanel() const { return code_; }

private:
    QLabel* warnings_;
    QTimer* timer_;
    CodePanel* code_ = nullptr;
    std::uint64_t shown_revision_ = 0;
};

} // namespace stagehand::ui
