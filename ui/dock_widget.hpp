#pragma once

#include <QString>
#include <QWidget>

namespace stagehand::ui {

// The content of the presenter dock. For now it holds the header; the controls for slides,
// code and questions are added by the features that drive them.
class DockWidget : public QWidget {
    Q_OBJECT

public:
    DockWidget(const QString& title, const QString& subtitle, const QString& version,
               QWidget* parent = nullptr);
};

} // namespace stagehand::ui
