#include "ui/steady_label.hpp"

#include <QEvent>
#include <QLabel>
#include <QResizeEvent>

#include <algorithm>

namespace stagehand::ui {

SteadyLabel::SteadyLabel(QWidget* parent)
    : QWidget(parent)
    , label_(new QLabel(this)) {
    setSizePolicy(label_->sizePolicy());
    fit(false);
}

QString SteadyLabel::text() const {
    return label_->text();
}

void SteadyLabel::setText(const QString& text) {
    if (text == label_->text())
        return;
    label_->setText(text);
    fit(true);
}

void SteadyLabel::fit(bool grow_only) {
    const QSize want = label_->sizeHint();
    const QSize least = label_->minimumSizeHint();
    if (grow_only && want.width() <= hint_.width() && want.height() == hint_.height())
        return;
    hint_ = QSize(grow_only ? std::max(want.width(), hint_.width()) : want.width(), want.height());
    minimum_ = QSize(grow_only ? std::max(least.width(), minimum_.width()) : least.width(),
                     least.height());
    updateGeometry();
}

void SteadyLabel::resizeEvent(QResizeEvent* event) {
    label_->setGeometry(0, 0, event->size().width(), event->size().height());
    QWidget::resizeEvent(event);
}

void SteadyLabel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    // A font set on the box reaches the label; its text then takes another room.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        label_->setFont(font());
        fit(false);
    }
}

} // namespace stagehand::ui
