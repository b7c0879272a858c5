#include "ui/dock_widget.hpp"

#include "control/cost.hpp"
#include "control/guard.hpp"

#include <QEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace stagehand::ui {

namespace {

// The sections scroll up and down in a short dock instead of being squashed, and are as wide as
// they need. Above all, a section whose size hint moves (the talk clock each second, a chat's
// health line) is laid out again in here: without the scroll area each such change climbed to
// OBS's main window, which laid out every dock again (their title bars measured, their
// animations restarted) on the UI thread. Only a change of the sections' minimum width goes on up,
// as the dock's own minimum width.
class SectionsScroll : public QScrollArea {
public:
    SectionsScroll(QWidget* sections, QWidget* parent)
        : QScrollArea(parent) {
        setFrameShape(QFrame::NoFrame);
        setWidgetResizable(true);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setWidget(sections);
        sections->installEventFilter(this);
        fit_width();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == widget() && event->type() == QEvent::LayoutRequest)
            fit_width();
        return QScrollArea::eventFilter(watched, event);
    }

private:
    void fit_width() {
        // Room for the vertical scroll bar too, so that it never covers a section's edge.
        const int width = widget()->minimumSizeHint().width() +
                          style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
        if (width != minimumWidth())
            setMinimumWidth(width);
    }
};

} // namespace

DockWidget::DockWidget(const QString& title, const QString& subtitle, const QString& version,
                       std::shared_ptr<control::Controller> control, Translate text,
                       QWidget* parent)
    : QWidget(parent)
    , control_(std::move(control))
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
    if (control_) {
        // The sections share the dock's height; the presenter drags the dividers.
        auto* sections = new QSplitter(Qt::Vertical, this);
        sections->setObjectName(QStringLiteral("stagehandDockSections"));
        sections->setChildrenCollapsible(false);
        for (const DockSectionKind& kind : dock_sections()) {
            DockSection* section = kind.make(control_, text, sections);
            sections->addWidget(section);
            sections->setStretchFactor(sections->count() - 1, kind.stretch);
            sections_.push_back(section);
        }
        auto* scroll = new SectionsScroll(sections, this);
        scroll->setObjectName(QStringLiteral("stagehandDockScroll"));
        layout->addWidget(scroll, 1);
    } else {
        layout->addStretch(1);
    }

    connect(timer_, &QTimer::timeout, this,
            control::guarded_slot("refreshing the dock", [this] { refreshStatus(); }));
    timer_->start(500);
    refreshStatus();
}

void DockWidget::detach() {
    timer_->stop();
    control_.reset();
    for (auto* section : sections_)
        section->detach();
}

void DockWidget::quietWhenClosing(QWidget* window) {
    if (closing_window_)
        closing_window_->removeEventFilter(this);
    closing_window_ = window;
    if (window)
        window->installEventFilter(this);
}

bool DockWidget::eventFilter(QObject* watched, QEvent* event) {
    if (watched == closing_window_ && event->type() == QEvent::Close) {
        // Seen before the window's own close handler runs. OBS's saves its scenes, clears
        // them and sends its exit event from there, handling the events waiting meanwhile:
        // a dock that still refreshed would queue repaints of its rows and chat form into a
        // window being taken apart (a shutdown crash in Qt's painting was seen under a chat
        // flood). A timer, not a queued call: OBS handles waiting events while closing.
        control::run_guarded("quieting the dock", [this] { setQuiet(true); });
        QTimer::singleShot(1000, this, control::guarded_slot("resuming the dock", [this] {
                               const QWidget* window = closing_window_.data();
                               if (window && window->isVisible())
                                   setQuiet(false);
                           }));
    }
    return QWidget::eventFilter(watched, event);
}

void DockWidget::setQuiet(bool quiet) {
    if (quiet == quiet_)
        return;
    quiet_ = quiet;
    setUpdatesEnabled(!quiet);
    if (quiet) {
        timer_->stop();
        return;
    }
    if (control_)
        timer_->start(500);
    refreshStatus();
}

void DockWidget::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    control::run_guarded("showing the dock", [this] { refreshStatus(); });
}

void DockWidget::refreshStatus() {
    if (quiet_)
        return;
    const control::DockCostScope meter;
    if (control_)
        control_->tick(); // time-driven changes, such as a featured question's auto-hide
    if (!isVisible())
        return;
    const control::ControlState state = control_ ? control_->state() : control::ControlState{};
    for (auto* section : sections_)
        section->refresh(state);
    if (state.status_revision == shown_revision_)
        return;
    QStringList lines;
    for (const auto& entry : state.status)
        lines << QStringLiteral("%1 %2: %3")
                     .arg(entry.severity == control::Severity::info ? QStringLiteral("ℹ")
                                                                    : QStringLiteral("⚠"),
                          QString::fromStdString(entry.source),
                          QString::fromStdString(entry.message));
    warnings_->setText(lines.join(QLatin1Char('\n')));
    warnings_->setVisible(!lines.isEmpty());
    shown_revision_ = state.status_revision;
}

} // namespace stagehand::ui
