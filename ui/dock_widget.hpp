#pragma once

#include <QString>
#include <QWidget>

#include <cstdint>

class QLabel;
class QTimer;

namespace stagehand::ui {

// The content of the presenter dock. For now it holds the header; the controls for slides,
// code and questions are added by the features that drive them.
class DockWidget : public QWidget {
    Q_OBJECT

public:
    DockWidget(const QString& title, const QString& subtitle, const QString& version,
               QWidget* parent = nullptr);

    // Shows what the sources posted on the status board (missing fonts, unreadable files).
    // Polled on a timer: sources post from OBS's threads and never touch widgets.
    void refreshStatus();

private:
    QLabel* warnings_;
    QTimer* timer_;
    std::uint64_t shown_revision_ = 0;
};

} // namespace stagehand::ui
