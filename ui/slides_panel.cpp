#include "ui/slides_panel.hpp"

#include "control/guard.hpp"
#include "ui/steady_label.hpp"

#include <QFileDialog>
#include <QFont>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace stagehand::ui {

SlidesPanel::SlidesPanel(std::shared_ptr<control::Controller> control, Translate text,
                         QWidget* parent)
    : DockSection(parent)
    , control_(std::move(control))
    , translate_(std::move(text))
    , position_(new QLabel(this))
    , section_(new QLabel(this))
    , timer_(new SteadyLabel(this))
    , first_(new QPushButton(QStringLiteral("⇤"), this))
    , previous_(new QPushButton(QStringLiteral("◀"), this))
    , next_(new QPushButton(QStringLiteral("▶"), this))
    , last_(new QPushButton(QStringLiteral("⇥"), this))
    , total_(new QSpinBox(this))
    , start_(new QPushButton(this))
    , reset_(new QPushButton(this))
    , more_(new QPushButton(this))
    , load_(new QPushButton(this))
    , error_(new QLabel(this)) {
    setObjectName(QStringLiteral("stagehandSlidesPanel"));
    auto* heading = new QLabel(this->text("Dock.Slides"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    auto name = [](QWidget* w, const char* n) {
        w->setObjectName(QString::fromLatin1(n));
    };
    name(position_, "stagehandSlidesPosition");
    name(section_, "stagehandSlidesSection");
    name(timer_->label(), "stagehandSlidesTimer");
    name(first_, "stagehandSlidesFirst");
    name(previous_, "stagehandSlidesPrevious");
    name(next_, "stagehandSlidesNext");
    name(last_, "stagehandSlidesLast");
    name(total_, "stagehandSlidesTotal");
    name(start_, "stagehandTimerStart");
    name(reset_, "stagehandTimerReset");
    name(more_, "stagehandTimerMore");
    name(load_, "stagehandTalkLoad");
    name(error_, "stagehandSlidesError");
    QFont big = timer_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    timer_->setFont(big);
    section_->setTextFormat(Qt::PlainText);
    first_->setToolTip(this->text("Dock.Slides.First"));
    previous_->setToolTip(this->text("Dock.Slides.Previous"));
    next_->setToolTip(this->text("Dock.Slides.Next"));
    last_->setToolTip(this->text("Dock.Slides.Last"));
    total_->setRange(0, 10000);
    total_->setPrefix(this->text("Dock.Slides.Total"));
    reset_->setText(this->text("Dock.Slides.Reset"));
    more_->setText(this->text("Dock.Slides.OneMore"));
    load_->setText(this->text("Dock.Slides.Load"));
    error_->setWordWrap(true);
    error_->setTextFormat(Qt::PlainText);
    error_->setStyleSheet(QStringLiteral("color: #e8a33d;"));
    error_->hide();

    // The moves in one row, the rest two a row: the dock fits a narrow column beside OBS's
    // other docks (all in one row each, it made OBS's main window wider).
    auto* moves = new QHBoxLayout;
    for (QPushButton* b : {first_, previous_, next_, last_})
        moves->addWidget(b);
    auto* clock = new QGridLayout;
    clock->addWidget(start_, 0, 0);
    clock->addWidget(reset_, 0, 1);
    clock->addWidget(more_, 1, 0);
    clock->addWidget(load_, 1, 1);
    clock->addWidget(total_, 2, 0, 1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    auto* where = new QHBoxLayout;
    where->addWidget(position_);
    where->addStretch(1);
    where->addWidget(timer_);
    layout->addLayout(where);
    layout->addWidget(section_);
    layout->addLayout(moves);
    layout->addLayout(clock);
    layout->addWidget(error_);

    connect(first_, &QPushButton::clicked, this,
            control::guarded_slot("going to the first slide", [this] {
                if (control_)
                    run(control_->execute(control::SlidesEdge{false}));
            }));
    connect(previous_, &QPushButton::clicked, this,
            control::guarded_slot("going to the previous slide", [this] {
                if (control_)
                    run(control_->execute(control::SlidesMove{-1}));
            }));
    connect(next_, &QPushButton::clicked, this,
            control::guarded_slot("going to the next slide", [this] {
                if (control_)
                    run(control_->execute(control::SlidesMove{+1}));
            }));
    connect(last_, &QPushButton::clicked, this,
            control::guarded_slot("going to the last slide", [this] {
                if (control_)
                    run(control_->execute(control::SlidesEdge{true}));
            }));
    connect(total_, QOverload<int>::of(&QSpinBox::valueChanged), this,
            control::guarded_slot("setting the slide count", [this](int total) {
                if (control_)
                    run(control_->execute(control::SlidesSet{std::nullopt, total, std::nullopt}));
            }));
    connect(start_, &QPushButton::clicked, this,
            control::guarded_slot("starting or pausing the timer", [this] {
                if (control_)
                    run(control_->execute(control::TimerControl{control::TimerAction::toggle}));
            }));
    connect(reset_, &QPushButton::clicked, this,
            control::guarded_slot("resetting the timer", [this] {
                if (control_)
                    run(control_->execute(control::TimerControl{control::TimerAction::reset}));
            }));
    connect(more_, &QPushButton::clicked, this,
            control::guarded_slot("giving the talk a minute", [this] {
                if (control_)
                    run(control_->execute(control::TimerAdd{60}));
            }));
    connect(
        load_, &QPushButton::clicked, this, control::guarded_slot("loading a talk file", [this] {
            const QString file = QFileDialog::getOpenFileName(
                this, this->text("Dock.Slides.Load"), QString(), QStringLiteral("Talk (*.json)"));
            if (!file.isEmpty())
                loadTalk(file);
        }));
    refresh();
}

QString SlidesPanel::text(const char* key) const {
    return translate_ ? translate_(key) : QString::fromUtf8(key);
}

void SlidesPanel::run(const control::Result& result) {
    error_->setText(result.ok ? QString() : QString::fromStdString(result.error));
    error_->setVisible(!result.ok);
    refresh();
}

void SlidesPanel::loadTalk(const QString& file) {
    if (control_)
        run(control_->execute(control::TalkLoad{file.toStdString()}));
}

void SlidesPanel::refresh(const control::ControlState&) {
    refresh(); // the talk is read at the panel's own time (the timer moves between changes)
}

void SlidesPanel::refresh() {
    if (!control_) {
        setEnabled(false);
        return;
    }
    const core::slides::TalkStatus s = control_->talk_status();
    position_->setText(s.total > 0 ? text("Dock.Slides.Of").arg(s.current).arg(s.total)
                                   : text("Dock.Slides.At").arg(s.current));
    section_->setText(s.section_index >= 0 ? QStringLiteral("%1 / %2: %3")
                                                 .arg(s.section_index + 1)
                                                 .arg(s.sections)
                                                 .arg(QString::fromStdString(s.section))
                                           : QString());
    QString clock = QString::fromStdString(core::slides::clock_text(s.elapsed_ms));
    if (s.planned_ms > 0)
        clock +=
            QStringLiteral(" / ") + QString::fromStdString(core::slides::clock_text(s.planned_ms));
    if (s.overtime)
        clock += QStringLiteral(" · ") + text("Dock.Slides.Overtime");
    else if (s.planned_ms > 0 && (s.running || s.elapsed_ms > 0))
        clock +=
            QStringLiteral(" · ") + QString::fromStdString(core::slides::pace_words(s.pace_ms));
    timer_->setText(clock);
    // Set only when it changes: a style sheet set again is applied again (the label polished,
    // its font and palette worked out), twice a second.
    const QString style = s.overtime  ? QStringLiteral("color: #ff5555;")
                          : s.warning ? QStringLiteral("color: #e8a33d;")
                                      : QString();
    if (timer_->label()->styleSheet() != style)
        timer_->label()->setStyleSheet(style);
    start_->setText(s.running ? text("Dock.Slides.Pause") : text("Dock.Slides.Start"));
    // A spin box given its own value again still repaints.
    if (total_->value() != s.total) {
        const QSignalBlocker quiet(total_);
        total_->setValue(s.total);
    }
}

void SlidesPanel::detach() {
    control_.reset();
    refresh();
}

} // namespace stagehand::ui
