#include "ui/code_panel.hpp"

#include "control/guard.hpp"
#include "ui/steady_label.hpp"

#include <QComboBox>
#include <QFileInfo>
#include <QFont>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTextDocument>
#include <QVBoxLayout>

namespace stagehand::ui {

CodePanel::CodePanel(std::shared_ptr<control::Controller> control, Translate text, QWidget* parent)
    : DockSection(parent)
    , control_(std::move(control))
    , translate_(std::move(text))
    , sources_(new QComboBox(this))
    , hint_(new QLabel(this))
    , previous_(new QPushButton(this))
    , step_label_(new SteadyLabel(this))
    , next_(new QPushButton(this))
    , file_label_(new QLabel(this))
    , editor_(new QPlainTextEdit(this))
    , language_(new QComboBox(this))
    , show_(new QPushButton(this))
    , paste_(new QPushButton(this))
    , error_(new QLabel(this)) {
    setObjectName(QStringLiteral("stagehandCodePanel"));
    auto* heading = new QLabel(this->text("Dock.Code"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);

    sources_->setObjectName(QStringLiteral("stagehandCodeSource"));
    sources_->setToolTip(this->text("Dock.Code.Source"));
    hint_->setObjectName(QStringLiteral("stagehandCodeHint"));
    hint_->setText(this->text("Dock.Code.NoSource"));
    hint_->setWordWrap(true);

    previous_->setObjectName(QStringLiteral("stagehandCodePrevious"));
    previous_->setText(this->text("Dock.Code.PreviousStep"));
    next_->setObjectName(QStringLiteral("stagehandCodeNext"));
    next_->setText(this->text("Dock.Code.NextStep"));
    step_label_->label()->setObjectName(QStringLiteral("stagehandCodeStep"));
    step_label_->label()->setAlignment(Qt::AlignCenter);
    auto* steps = new QHBoxLayout;
    steps->addWidget(previous_);
    steps->addWidget(step_label_, 1);
    steps->addWidget(next_);

    file_label_->setObjectName(QStringLiteral("stagehandCodeFile"));
    file_label_->setWordWrap(true);
    file_label_->setTextFormat(Qt::PlainText);

    editor_->setObjectName(QStringLiteral("stagehandCodeEditor"));
    editor_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor_->setPlaceholderText(this->text("Dock.Code.EditorHint"));
    editor_->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor_->setTabChangesFocus(false);
    editor_->setMinimumHeight(60);

    // What the shown code is: as the source says, detected, or a language picked here (code
    // pasted from another project is often in another language).
    language_->setObjectName(QStringLiteral("stagehandCodeLanguage"));
    language_->addItem(this->text("Dock.Code.LanguageKeep"), QString());
    language_->addItem(this->text("Dock.Code.LanguageDetect"), QStringLiteral("auto"));
    for (const auto& l : control::code_languages())
        language_->addItem(QString::fromStdString(l.name), QString::fromStdString(l.id));

    show_->setObjectName(QStringLiteral("stagehandCodeShow"));
    show_->setText(this->text("Dock.Code.Show"));
    show_->setToolTip(
        QKeySequence(QStringLiteral("Ctrl+Return")).toString(QKeySequence::NativeText));
    paste_->setObjectName(QStringLiteral("stagehandCodePaste"));
    paste_->setText(this->text("Dock.Code.Paste"));
    // As narrow as eight characters rather than its longest language's name.
    language_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    language_->setMinimumContentsLength(8);
    auto* actions = new QHBoxLayout;
    actions->addWidget(language_, 1);
    actions->addWidget(paste_);
    actions->addWidget(show_);

    error_->setObjectName(QStringLiteral("stagehandCodeError"));
    error_->setWordWrap(true);
    error_->setTextFormat(Qt::PlainText);
    error_->setStyleSheet(QStringLiteral("color: #e8a33d;"));
    error_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(sources_);
    layout->addWidget(hint_);
    layout->addLayout(steps);
    layout->addWidget(file_label_);
    layout->addWidget(editor_, 1);
    layout->addLayout(actions);
    layout->addWidget(error_);

    connect(sources_, &QComboBox::currentTextChanged, this,
            control::guarded_slot("choosing a code source", [this] {
                choose(current());
                if (control_)
                    loadEditorFromSource(control_->state());
                refresh();
            }));
    connect(previous_, &QPushButton::clicked, this,
            control::guarded_slot("a code step back", [this] { step(-1); }));
    connect(next_, &QPushButton::clicked, this,
            control::guarded_slot("a code step", [this] { step(+1); }));
    connect(show_, &QPushButton::clicked, this,
            control::guarded_slot("showing the code", [this] { showEditorText(); }));
    connect(paste_, &QPushButton::clicked, this,
            control::guarded_slot("pasting code", [this] { pasteClipboard(); }));
    // Ctrl+Enter in the editor sends it, as chat boxes and notebooks do. Seen by a filter on
    // the editor, not a shortcut: OBS's own shortcuts must not compete for it.
    editor_->installEventFilter(this);
    refresh();
}

bool CodePanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == editor_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            (key->modifiers() & Qt::ControlModifier)) {
            control::run_guarded("showing the code (Ctrl+Enter)", [this] { showEditorText(); });
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QString CodePanel::text(const char* key) const {
    return translate_ ? translate_(key) : QString::fromUtf8(key);
}

std::string CodePanel::current() const {
    return sources_->currentText().toStdString();
}

const control::CodeSourceState* CodePanel::chosen(const control::ControlState& state) const {
    for (const auto& source : state.code)
        if (source.name == current())
            return &source;
    return nullptr;
}

void CodePanel::choose(const std::string& name) {
    // Commands without a target (the global hotkeys, remote requests without "source") act on
    // the source chosen here.
    if (control_ && control_->state().chosen_code_source != name)
        report(control_->execute(control::ChooseCodeSource{name}));
}

void CodePanel::refresh() {
    refresh(control_ ? control_->state() : control::ControlState{});
}

void CodePanel::refresh(const control::ControlState& state) {
    std::vector<std::string> names;
    for (const auto& source : state.code)
        names.push_back(source.name);
    if (names != listed_) {
        // Keep the chosen source chosen while others come and go.
        const QString before = sources_->currentText();
        {
            const QSignalBlocker quiet(sources_);
            sources_->clear();
            for (const std::string& name : names)
                sources_->addItem(QString::fromStdString(name));
            int again = sources_->findText(before);
            if (again < 0)
                again = sources_->findText(QString::fromStdString(state.chosen_code_source));
            if (again < 0) {
                // Nothing chosen yet (or it went away): the first one on the program output,
                // which is the one a presenter's hotkeys most likely mean.
                again = names.empty() ? -1 : 0;
                for (std::size_t i = 0; i < state.code.size(); ++i)
                    if (state.code[i].on_program) {
                        again = static_cast<int>(i);
                        break;
                    }
            }
            sources_->setCurrentIndex(again);
        }
        listed_ = names;
        choose(current());
        // The chosen source went away (removed or renamed in OBS): show the new choice's code,
        // unless the presenter has typed something not yet shown.
        if (sources_->currentText() != before && !editor_->document()->isModified())
            loadEditorFromSource(state);
    }
    const bool any = !names.empty();
    hint_->setVisible(!any);
    sources_->setEnabled(any);
    editor_->setEnabled(any);
    language_->setEnabled(any);
    show_->setEnabled(any);
    paste_->setEnabled(any);

    const control::CodeSourceState* source = any && control_ ? chosen(state) : nullptr;
    // Text shown by a hotkey or a remote request appears in the editor too, unless the
    // presenter is in the middle of typing.
    if (source && source->text != loaded_text_ && !editor_->document()->isModified())
        loadEditorFromSource(state);
    const bool has_steps = source && source->steps > 0;
    previous_->setEnabled(has_steps && source->step > 1);
    next_->setEnabled(has_steps && source->step < source->steps);
    step_label_->setText(has_steps ? text("Dock.Code.StepOf")
                                         .arg(static_cast<qulonglong>(source->step))
                                         .arg(static_cast<qulonglong>(source->steps))
                                   : text("Dock.Code.NoSteps"));
    if (source && !source->file.empty()) {
        const QString path = QString::fromStdString(source->file);
        file_label_->setText(text("Dock.Code.Following").arg(QFileInfo(path).fileName()));
        file_label_->setToolTip(path);
        file_label_->show();
    } else {
        file_label_->hide();
    }
}

void CodePanel::loadEditorFromSource(const control::ControlState& state) {
    const control::CodeSourceState* source = chosen(state);
    loaded_text_ = source ? source->text : std::string();
    editor_->setPlainText(QString::fromStdString(loaded_text_));
    editor_->document()->setModified(false);
}

void CodePanel::report(const control::Result& result) {
    error_->setText(result.ok ? QString() : QString::fromStdString(result.error));
    error_->setVisible(!result.ok);
}

void CodePanel::showEditorText() {
    if (!control_ || current().empty())
        return;
    const std::string language = language_->currentData().toString().toStdString();
    const std::string typed = editor_->toPlainText().toStdString();
    const control::Result result =
        control_->execute(control::CodeShow{{current()}, typed, language});
    report(result);
    if (result.ok) {
        loaded_text_ = typed;
        editor_->document()->setModified(false);
    }
    refresh();
}

void CodePanel::pasteClipboard() {
    if (!control_ || current().empty())
        return;
    const std::string language = language_->currentData().toString().toStdString();
    const control::Result result =
        control_->execute(control::CodeShowClipboard{{current()}, language});
    report(result);
    if (result.ok) {
        editor_->document()->setModified(false);
        loadEditorFromSource(control_->state());
    }
    refresh();
}

void CodePanel::step(int delta) {
    if (control_ && !current().empty())
        report(control_->execute(control::CodeStep{{current()}, std::nullopt, delta}));
    refresh();
}

void CodePanel::detach() {
    control_.reset();
    refresh();
}

} // namespace stagehand::ui
