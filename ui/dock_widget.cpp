#include "ui/dock_widget.hpp"

#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace stagehand::ui {

DockWidget::DockWidget(const QString& title, const QString& subtitle, const QString& version,
                       QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("stagehandDockContent"));
    auto* title_label = new QLabel(title, this);
    title_label->setObjectName(QStringLiteral("stagehandDockTitle"));
    QFont title_font = title_label->font();
    title_font.setBold(true);
    title_font.setPointSizeF(title_font.pointSizeF() * 1.3);
    title_label->setFont(title_font);

    auto* subtitle_label = new QLabel(subtitle, this);
    subtitle_label->setObjectName(QStringLiteral("stagehandDockSubtitle"));
    subtitle_label->setWordWrap(true);

    auto* version_label = new QLabel(QStringLiteral("v") + version, this);
    version_label->setObjectName(QStringLiteral("stagehandDockVersion"));
    version_label->setEnabled(false);

    auto* header = new QHBoxLayout;
    header->addWidget(title_label);
    header->addStretch(1);
    header->addWidget(version_label);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(subtitle_label);
    layout->addStretch(1);
}

} // namespace stagehand::ui
