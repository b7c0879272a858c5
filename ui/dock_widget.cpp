#include "ui/dock_widget.hpp"

#include "core/status_board.hpp"

#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace stagehand::ui {

DockWidget::DockWidget(const QString& title, const QString& subtitle, const QString& version,
                       std::shared_ptr<core::code::CodeControl> code, Translate text,
                       QWidget* parent)
    : QWidget(parent)
    , warnings_(new QLabel(this))
    , timer_(new QTimer(this)) {
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
    warnings_->setObjectName(QStringLiteral("stagehandDockWarnings"));
    warnings_->setWordWrap(true);
    warnings_->setTextFormat(Qt::PlainText);
    warnings_->setStyleSheet(QStringLiteral("color: #e8a33d;"));
    warnings_->hide();
    layout->addWidget(warnings_);
    if (code) {
        code_ = new CodePanel(std::move(code), std::move(text), this);
        layout->addWidget(code_, 1);
    } else {
        layout->addStretch(1);
    }

    connect(timer_, &QTimer::timeout, this, &DockWidget::refreshStatus);
    timer_->start(500);
    refreshStatus();
}

void DockWidget::detach() {
    timer_->stop();
    if (code_)
        code_->detach();
}

void DockWidget::refreshStatus() {
    if (code_)
        code_->refresh();
    const auto& board = core::StatusBoard::global();
    if (board.revision() == shown_revision_)
        return;
    const core::StatusBoard::Snapshot snapshot = board.snapshot();
    QStringList lines;
    for (const auto& entry : snapshot.entries)
        lines << QStringLiteral("⚠ %1: %2")
                     .arg(QString::fromStdString(entry.source),
                          QString::fromStdString(entry.message));
    warnings_->setText(lines.join(QLatin1Char('\n')));
    warnings_->setVisible(!lines.isEmpty());
    shown_revision_ = snapshot.revision;
}

} // namespace stagehand::ui
