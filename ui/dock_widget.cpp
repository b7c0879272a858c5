#include "ui/dock_widget.hpp"

#include <QFont>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace stagehand::ui {

DockWidget::DockWidget(const QString& title, const QString& subtitle, const QString& version,
                       QWidget* parent)
    : QWidget(parent)
    , title_(new QLabel(title, this))
    , subtitle_(new QLabel(subtitle, this)) {
    setObjectName(QStringLiteral("stagehandDockContent"));
    title_->setObjectName(QStringLiteral("stagehandDockTitle"));
    subtitle_->setObjectName(QStringLiteral("stagehandDockSubtitle"));

    QFont title_font = title_->font();
    title_font.setBold(true);
    title_font.setPointSizeF(title_font.pointSizeF() * 1.3);
    title_->setFont(title_font);
    subtitle_->setWordWrap(true);

    auto* version_label = new QLabel(QStringLiteral("v") + version, this);
    version_label->setObjectName(QStringLiteral("stagehandDockVersion"));
    version_label->setEnabled(false);

    auto* header = new QHBoxLayout;
    header->addWidget(title_);
    header->addStretch(1);
    header->addWidget(version_label);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(subtitle_);
    layout->addStretch(1);
}

} // namespace stagehand::ui
