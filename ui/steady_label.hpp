#pragma once

#include <QSize>
#include <QString>
#include <QWidget>

class QLabel;

namespace stagehand::ui {

// A line of text that changes often (the talk timer every second, the code step) without the
// dock being laid out again each time. A QLabel whose text changes asks its parent's layout to
// measure every widget of the dock anew, even when nothing moves; this box holds its label
// without a layout of its own, so the label's request stops here, and asks for a new layout only
// when the text needs more width than it has had, or another height.
class SteadyLabel : public QWidget {
public:
    explicit SteadyLabel(QWidget* parent = nullptr);

    // The label itself: its object name, font and style sheet are the caller's.
    QLabel* label() const { return label_; }
    void setText(const QString& text);
    QString text() const;

    QSize sizeHint() const override { return hint_; }
    QSize minimumSizeHint() const override { return minimum_; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Takes the label's size hints; `grow_only`: a hint narrower than the one held is not taken.
    void fit(bool grow_only);

    QLabel* label_;
    QSize hint_;
    QSize minimum_;
};

} // namespace stagehand::ui
