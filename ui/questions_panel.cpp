#include "ui/questions_panel.hpp"

#include "control/guard.hpp"
#include "ui/chat_connect_form.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFont>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stagehand::ui {

namespace {

// The question's text comes early: it is what the presenter reads.
enum Column { kNumber, kVotes, kText, kAuthor, kState, kPlatform, kAge, kColumns };

// Rows the queue shows: its head, which is what a presenter acts on (pinned, featured, then
// open questions come before those answered, dismissed or withdrawn).
constexpr std::size_t kShownQuestions = 200;

QString age_of(core::chat::Clock::time_point time, core::chat::Clock::time_point now) {
    if (time == core::chat::Clock::time_point{})
        return {}; // not known (a question saved without its time)
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now - time).count();
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(std::max<long long>(0, seconds));
    if (seconds < 3600)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 h").arg(seconds / 3600);
}

} // namespace

QuestionsPanel::QuestionsPanel(std::shared_ptr<control::Controller> control, Translate text,
                               QWidget* parent)
    : DockSection(parent)
    , control_(std::move(control))
    , translate_(std::move(text))
    , chat_(new ChatConnectForm(
          control_, translate_, [this](const control::Result& r) { run(r); }, this))
    , on_stream_(new QLabel(this))
    , search_(new QLineEdit(this))
    , queue_(new QTreeWidget(this))
    , approve_(new QPushButton(this))
    , feature_(new QPushButton(this))
    , hide_(new QPushButton(this))
    , answered_(new QPushButton(this))
    , dismiss_(new QPushButton(this))
    , pin_(new QPushButton(this))
    , typed_(new QLineEdit(this))
    , add_(new QPushButton(this))
    , detect_(new QComboBox(this))
    , auto_approve_(new QCheckBox(this))
    , auto_hide_(new QSpinBox(this))
    , blocklist_(new QLineEdit(this))
    , error_(new QLabel(this)) {
    setObjectName(QStringLiteral("stagehandQuestionsPanel"));
    auto* heading = new QLabel(this->text("Dock.Questions"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);

    auto name = [](QWidget* w, const char* n) {
        w->setObjectName(QString::fromLatin1(n));
    };
    name(on_stream_, "stagehandOnStream");
    on_stream_->setWordWrap(true);
    on_stream_->setTextFormat(Qt::PlainText);
    on_stream_->setStyleSheet(QStringLiteral("padding: 4px; border: 1px solid #5b7cff;"));
    name(search_, "stagehandQuestionSearch");
    search_->setPlaceholderText(this->text("Dock.Questions.Search"));
    search_->setClearButtonEnabled(true);

    name(queue_, "stagehandQuestionQueue");
    queue_->setColumnCount(kColumns);
    queue_->setHeaderLabels(
        {QStringLiteral("#"), this->text("Dock.Questions.Votes"),
         this->text("Dock.Questions.Question"), this->text("Dock.Questions.Author"),
         this->text("Dock.Questions.State"), this->text("Dock.Questions.Platform"),
         this->text("Dock.Questions.Age")});
    queue_->setRootIsDecorated(false);
    queue_->setUniformRowHeights(true);
    queue_->setSelectionMode(QAbstractItemView::SingleSelection);
    queue_->header()->setStretchLastSection(false);
    // The narrow columns are sized to their contents when the rows are built, not on every
    // change of a cell: sized to contents by the header, one changed cell (the count of further
    // questions, in a flood twice a second) measured all 200 rows again.
    for (int c = 0; c < kColumns; ++c)
        queue_->header()->setSectionResizeMode(c, c == kText ? QHeaderView::Stretch
                                                             : QHeaderView::Interactive);
    // Fitted to the rows in view, not to all 200 (Qt measures up to a thousand by default): a
    // presenter reads the head of the queue, and a longer name scrolled to is elided.
    queue_->header()->setResizeContentsPrecision(0);
    queue_->installEventFilter(this);
    queue_->setMinimumHeight(120);

    const std::pair<QPushButton*, const char*> actions[] = {
        {approve_, "Approve"},   {feature_, "Feature"}, {hide_, "Hide"},
        {answered_, "Answered"}, {dismiss_, "Dismiss"}, {pin_, "Pin"}};
    // Three a row: six in one made the dock some 650 pixels wide at least, which OBS's main
    // window then grew by (and squeezed its preview to half a 1080p screen).
    auto* buttons = new QGridLayout;
    int at = 0;
    for (const auto& [button, word] : actions) {
        button->setObjectName(QStringLiteral("stagehandQuestion") + QLatin1String(word));
        button->setText(this->text((std::string("Dock.Questions.") + word).c_str()));
        buttons->addWidget(button, at / 3, at % 3);
        ++at;
    }
    name(typed_, "stagehandQuestionTyped");
    typed_->setPlaceholderText(this->text("Dock.Questions.Typed"));
    name(add_, "stagehandQuestionAdd");
    add_->setText(this->text("Dock.Questions.Add"));
    name(error_, "stagehandQuestionsError");
    error_->setWordWrap(true);
    error_->setTextFormat(Qt::PlainText);
    error_->setStyleSheet(QStringLiteral("color: #e8a33d;"));
    error_->hide();

    auto* typed = new QHBoxLayout;
    typed->addWidget(typed_, 1);
    typed->addWidget(add_);

    // How chat becomes questions, and how long a featured one stays.
    name(detect_, "stagehandQuestionDetect");
    detect_->addItem(this->text("Dock.Questions.DetectMark"), QStringLiteral("question_mark"));
    detect_->addItem(this->text("Dock.Questions.DetectPrefix"), QStringLiteral("prefix"));
    detect_->addItem(this->text("Dock.Questions.DetectEvery"), QStringLiteral("every"));
    name(auto_approve_, "stagehandQuestionAutoApprove");
    auto_approve_->setText(this->text("Dock.Questions.AutoApprove"));
    name(auto_hide_, "stagehandQuestionAutoHide");
    auto_hide_->setRange(0, 3600);
    auto_hide_->setSuffix(QStringLiteral(" s"));
    auto_hide_->setSpecialValueText(this->text("Dock.Questions.NoAutoHide"));
    auto_hide_->setToolTip(this->text("Dock.Questions.AutoHide"));
    name(blocklist_, "stagehandQuestionBlocklist");
    blocklist_->setPlaceholderText(this->text("Dock.Questions.Blocklist"));
    detect_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    detect_->setMinimumContentsLength(16);
    auto* approval = new QHBoxLayout;
    approval->addWidget(auto_approve_, 1);
    approval->addWidget(auto_hide_);
    auto* settings = new QVBoxLayout;
    settings->addWidget(detect_);
    settings->addLayout(approval);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(chat_);
    layout->addWidget(on_stream_);
    layout->addWidget(search_);
    layout->addWidget(queue_, 1);
    layout->addLayout(buttons);
    layout->addLayout(typed);
    layout->addLayout(settings);
    layout->addWidget(blocklist_);
    layout->addWidget(error_);

    connect(search_, &QLineEdit::textChanged, this,
            control::guarded_slot("searching the questions", [this] { apply_search(); }));
    connect(approve_, &QPushButton::clicked, this,
            control::guarded_slot("approving a question", [this] { act_on_key(Qt::Key_A); }));
    connect(feature_, &QPushButton::clicked, this,
            control::guarded_slot("featuring a question", [this] { act_on_key(Qt::Key_F); }));
    connect(
        hide_, &QPushButton::clicked, this,
        control::guarded_slot("hiding the featured question", [this] { act_on_key(Qt::Key_H); }));
    connect(
        answered_, &QPushButton::clicked, this,
        control::guarded_slot("marking a question answered", [this] { act_on_key(Qt::Key_R); }));
    connect(dismiss_, &QPushButton::clicked, this,
            control::guarded_slot("dismissing a question", [this] { act_on_key(Qt::Key_D); }));
    connect(pin_, &QPushButton::clicked, this,
            control::guarded_slot("pinning a question", [this] { act_on_key(Qt::Key_P); }));
    connect(add_, &QPushButton::clicked, this,
            control::guarded_slot("adding a question", [this] { add_typed(); }));
    connect(detect_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
            control::guarded_slot("changing question settings", [this] { apply_settings(); }));
    connect(auto_approve_, &QCheckBox::toggled, this,
            control::guarded_slot("changing question settings", [this] { apply_settings(); }));
    connect(auto_hide_, QOverload<int>::of(&QSpinBox::valueChanged), this,
            control::guarded_slot("changing question settings", [this] { apply_settings(); }));
    connect(blocklist_, &QLineEdit::editingFinished, this,
            control::guarded_slot("changing question settings", [this] { apply_settings(); }));
    if (control_)
        show_settings(control_->questions().member("settings"));
    connect(typed_, &QLineEdit::returnPressed, this,
            control::guarded_slot("adding a question", [this] { add_typed(); }));
    refresh(control_ ? control_->state() : control::ControlState{});
}

QString QuestionsPanel::text(const char* key) const {
    return translate_ ? translate_(key) : QString::fromUtf8(key);
}

int QuestionsPanel::selected() const {
    const QTreeWidgetItem* item = queue_->currentItem();
    return item ? item->data(kNumber, Qt::UserRole).toInt() : 0;
}

void QuestionsPanel::run(const control::Result& result) {
    error_->setText(result.ok ? QString() : QString::fromStdString(result.error));
    error_->setVisible(!result.ok);
    force_rebuild_ = true; // the presenter acted: show the outcome now
    reload_queue();
}

bool QuestionsPanel::act_on_key(int key) {
    if (!control_)
        return false;
    const int id = selected();
    switch (key) {
    case Qt::Key_A:
        run(control_->execute(control::QuestionApprove{id}));
        return true;
    case Qt::Key_F:
        // Nothing selected: the next approved question, as the hotkey does.
        run(control_->execute(
            control::QuestionFeature{id ? std::optional<int>(id) : std::nullopt}));
        return true;
    case Qt::Key_H:
        run(control_->execute(control::QuestionHide{}));
        return true;
    case Qt::Key_R:
        run(control_->execute(
            control::QuestionAnswered{id ? std::optional<int>(id) : std::nullopt}));
        return true;
    case Qt::Key_D:
        run(control_->execute(control::QuestionDismiss{id}));
        return true;
    case Qt::Key_P: {
        const QTreeWidgetItem* item = queue_->currentItem();
        const bool pinned = item && item->data(kAuthor, Qt::UserRole).toBool();
        run(control_->execute(control::QuestionPin{id, !pinned}));
        return true;
    }
    default:
        return false;
    }
}

bool QuestionsPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == queue_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        bool acted = false;
        control::run_guarded("a key in the question queue", [&] {
            acted = key->modifiers() == Qt::NoModifier && act_on_key(key->key());
        });
        if (acted)
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

void QuestionsPanel::showEvent(QShowEvent* event) {
    reloaded_at_ = {};
    QWidget::showEvent(event);
}

void QuestionsPanel::refresh(const control::ControlState& state) {
    const auto now = clock_();
    const bool due = state.featured_question != shown_featured_ || force_rebuild_ ||
                     now - reloaded_at_ >= kQueueInterval;
    if (state.questions_revision != shown_revision_ && due) {
        shown_revision_ = state.questions_revision;
        shown_featured_ = state.featured_question;
        reloaded_at_ = now;
        reload_queue();
    }
    chat_->refresh();
}

void QuestionsPanel::reload_queue() {
    if (!control_) {
        queue_->clear();
        more_ = nullptr; // it was one of the rows
        return;
    }
    // In a flood the queue changes every refresh, but mostly behind the head the dock shows:
    // when the shown rows and what is on stream are as they were (the head's fingerprint, no
    // copies), only the count below them moves (building the rows' JSON and laying out 200 rows
    // twice a second was most of the plugin's CPU on OBS's UI thread). Their ages are brought up
    // to date every 15 seconds.
    // The head of the queue only, and its rows only when they changed: a long session's
    // thousands of rows would be rebuilt on the UI thread every half second of a flood.
    const auto now = std::chrono::steady_clock::now();
    const bool stale = force_rebuild_ || now - rebuilt_at_ >= std::chrono::seconds(15);
    const control::QuestionsView view = control_->questions_view(
        kShownQuestions, stale ? std::nullopt : std::optional<std::uint64_t>(shown_head_));
    if (!view.fresh) {
        show_more(view.head.total, shown_count_);
        return;
    }
    const std::size_t total = view.head.total;
    shown_count_ = view.rows.size();
    shown_head_ = view.head.fingerprint;
    const bool acted = force_rebuild_;
    force_rebuild_ = false;
    rebuilt_at_ = now;
    ++rebuilds_;
    const int keep = selected();
    const QSignalBlocker quiet(queue_);
    // The rows there are reused, each cell set only where it changed: in a flood, votes move the
    // head every refresh, and rows made anew were laid out and painted whole twice a second where
    // now only the cells that changed are painted. The "N more" row stays last.
    const auto& rows = view.rows;
    const int wanted = static_cast<int>(rows.size());
    int have = queue_->topLevelItemCount() - (more_ ? 1 : 0);
    for (; have > wanted; --have)
        delete queue_->takeTopLevelItem(have - 1);
    const auto put = [](QTreeWidgetItem* item, int column, int role, const QVariant& value) {
        if (item->data(column, role) != value)
            item->setData(column, role, value);
    };
    QString on_stream = text("Dock.Questions.NothingOnStream");
    const auto wall_now = core::chat::Clock::now();
    QTreeWidgetItem* current = nullptr;
    int row = 0;
    for (const core::questions::Question& q : rows) {
        const int id = q.id;
        const QString state = QString::fromLatin1(core::questions::to_string(q.state));
        QTreeWidgetItem* item = nullptr;
        if (row < have) {
            item = queue_->topLevelItem(row);
        } else {
            item = new QTreeWidgetItem;
            queue_->insertTopLevelItem(row, item);
        }
        ++row;
        const bool pinned = q.pinned;
        put(item, kNumber, Qt::UserRole, id);
        put(item, kAuthor, Qt::UserRole, pinned);
        const QString question =
            QString::fromUtf8(q.text().data(), static_cast<int>(q.text().size()));
        const QString author =
            QString::fromUtf8(q.author().data(), static_cast<int>(q.author().size()));
        put(item, kNumber, Qt::DisplayRole,
            (pinned ? QStringLiteral("📌") : QString()) + QString::number(id));
        put(item, kVotes, Qt::DisplayRole, QString::number(q.votes));
        put(item, kState, Qt::DisplayRole, state);
        put(item, kAuthor, Qt::DisplayRole, author);
        put(item, kPlatform, Qt::DisplayRole,
            QString::fromUtf8(q.platform().data(), static_cast<int>(q.platform().size())));
        put(item, kAge, Qt::DisplayRole, age_of(q.time, wall_now));
        put(item, kText, Qt::DisplayRole, question);
        put(item, kText, Qt::ToolTipRole, question);
        // Closed questions are greyed; a reused row drops the grey when it shows an open one.
        const bool closed = q.state == core::questions::State::withdrawn ||
                            q.state == core::questions::State::dismissed ||
                            q.state == core::questions::State::answered;
        const QVariant grey = closed ? QVariant(QBrush(QColor(128, 128, 128))) : QVariant();
        for (int c = 0; c < kColumns; ++c)
            put(item, c, Qt::ForegroundRole, grey);
        if (view.featured != 0 && view.featured == id)
            on_stream = text("Dock.Questions.OnStream").arg(question, author);
        if (id == keep)
            current = item;
    }
    // The selection follows its question, wherever it went; gone from the rows, nothing is.
    if (queue_->currentItem() != current)
        queue_->setCurrentItem(current);
    show_more(total, shown_count_);
    // Measuring every cell of 200 rows was half of a rebuild: in a flood, where votes move the
    // head every refresh, the columns are fitted again at most every 10 seconds (a longer name
    // meanwhile is elided), and at once after the presenter acted.
    if (acted || now - resized_at_ >= std::chrono::seconds(10)) {
        resized_at_ = now;
        for (int c = 0; c < kColumns; ++c)
            if (c != kText)
                queue_->resizeColumnToContents(c);
    }
    on_stream_->setText(on_stream);
    apply_search();
}

void QuestionsPanel::show_more(std::size_t total, std::size_t shown) {
    if (total <= shown) {
        delete more_;
        more_ = nullptr;
        return;
    }
    if (!more_) {
        more_ = new QTreeWidgetItem(queue_);
        more_->setFlags(Qt::NoItemFlags);
    }
    // In the text column, which stretches: nothing else is measured again.
    more_->setText(kText, text("Dock.Questions.More").arg(total - shown));
}

void QuestionsPanel::add_typed() {
    if (!control_ || typed_->text().trimmed().isEmpty())
        return;
    const control::Result r =
        control_->execute(control::QuestionAdd{typed_->text().toStdString(), {}});
    run(r);
    if (r.ok)
        typed_->clear();
}

void QuestionsPanel::apply_search() {
    const QString needle = search_->text().trimmed();
    for (int i = 0; i < queue_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = queue_->topLevelItem(i);
        const bool match = needle.isEmpty() ||
                           item->text(kText).contains(needle, Qt::CaseInsensitive) ||
                           item->text(kAuthor).contains(needle, Qt::CaseInsensitive);
        item->setHidden(!match);
    }
}

void QuestionsPanel::show_settings(const nlohmann::json& settings) {
    if (!settings.is_object())
        return;
    const QSignalBlocker a(detect_), b(auto_approve_), c(auto_hide_), d(blocklist_);
    detect_->setCurrentIndex(std::max(
        0, detect_->findData(QString::fromStdString(settings.value("detect", "question_mark")))));
    auto_approve_->setChecked(settings.value("auto_approve_moderators", false));
    auto_hide_->setValue(settings.value("auto_hide_seconds", 0));
    QStringList words;
    for (const auto& w : settings.value("blocklist", nlohmann::json::array()))
        words << QString::fromStdString(w.get<std::string>());
    blocklist_->setText(words.join(QStringLiteral(", ")));
}

void QuestionsPanel::apply_settings() {
    if (!control_)
        return;
    nlohmann::json words = nlohmann::json::array();
    for (const QString& w : blocklist_->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!w.trimmed().isEmpty())
            words.push_back(w.trimmed().toStdString());
    const control::Result r = control_->execute(
        control::QuestionsSettings{{{"detect", detect_->currentData().toString().toStdString()},
                                    {"auto_approve_moderators", auto_approve_->isChecked()},
                                    {"auto_hide_seconds", auto_hide_->value()},
                                    {"blocklist", std::move(words)}}});
    run(r);
}

void QuestionsPanel::detach() {
    control_.reset();
    chat_->detach();
    queue_->clear();
    more_ = nullptr; // it was one of the rows
}

} // namespace stagehand::ui
