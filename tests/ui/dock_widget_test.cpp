#include "control/actions.hpp"
#include "control/requests.hpp"
#include "control/status_board.hpp"
#include "core/base/error_report.hpp"
#include "ui/dock_widget.hpp"
#include "ui/qt_clipboard.hpp"

#include "child_widget.hpp"
#include "fake_code_sources.hpp"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTreeWidget>
#include <QtTest/QtTest>

#include <atomic>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using stagehand::testing::FakeCodeSources;

// The dock over the real control layer, with OBS's sources faked below it and Qt's own
// clipboard: what the dock does is checked in the sources' settings, as OBS would hold them.
struct Rig {
    std::shared_ptr<FakeCodeSources> sources;
    std::shared_ptr<stagehand::control::Controller> controller;
    explicit Rig(std::shared_ptr<FakeCodeSources> code = std::make_shared<FakeCodeSources>())
        : sources(std::move(code)) {
        stagehand::control::Controller::Options options;
        options.code = sources;
        options.clipboard = std::make_shared<stagehand::ui::QtClipboard>();
        options.version = "0";
        controller = std::make_shared<stagehand::control::Controller>(std::move(options));
    }
    void add(const std::string& name, const std::string& text, const std::string& file = {},
             const std::string& steps = {}, bool on_program = false) {
        auto s = stagehand::testing::code_source(name, steps, on_program);
        s.text = text;
        s.file = file;
        sources->add(s);
    }
    std::string text(const std::string& name) { return sources->get(name)->text; }
};

using stagehand::testing::child;

// OBS's sources failing below the control layer (libobs out of memory, say): the exception comes
// up through the controller into whatever dock slot made the change. Each failure says its number,
// so the log's once-a-minute limit per message lets every one through.
class ThrowingCodeSources : public FakeCodeSources {
public:
    bool fail = false;
    int failures = 0;
    bool apply(const std::string& name,
               const stagehand::control::CodeSettingsChange& change) override {
        if (fail)
            throw std::runtime_error("settings not applied, failure " + std::to_string(++failures));
        return FakeCodeSources::apply(name, change);
    }
};

// Counts the events of one type a widget receives: a layout request that reaches OBS's main
// window lays out every dock again (title bars measured, dock animations started).
class EventCount : public QObject {
public:
    explicit EventCount(QEvent::Type type)
        : type_(type) {}
    int count = 0;
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == type_)
            ++count;
        return QObject::eventFilter(watched, event);
    }

private:
    QEvent::Type type_;
};

// Keys are shown as they are with no translator; tests use English-like values to read well.
QString english(const char* key) {
    const std::map<std::string, QString> strings = {
        {"Dock.Code.StepOf", QStringLiteral("Step %1 of %2")},
        {"Dock.Code.Following", QStringLiteral("Following %1")},
    };
    auto it = strings.find(key);
    return it == strings.end() ? QString::fromUtf8(key) : it->second;
}

} // namespace

class DockWidgetTest : public QObject {
    Q_OBJECT

private slots:
    // A closed dock does no work on its timer (a chat flood would rebuild its lists twice a
    // second for no one); shown again, it is up to date at once.
    void aClosedDockCatchesUpWhenShown() {
        Rig rig;
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        auto* tree = child<QTreeWidget>(dock, "stagehandQuestionQueue");
        QCOMPARE(tree->topLevelItemCount(), 0);
        QVERIFY(rig.controller->execute(stagehand::control::QuestionAdd{"From the room?", {}}).ok);
        QTest::qWait(1200); // two ticks of the dock's timer
        QCOMPARE(tree->topLevelItemCount(), 0);
        dock.show();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(2), QStringLiteral("From the room?"));
    }

    // The talk clock changes the dock's text every second of a talk, a chat's health line every
    // two seconds of a show: neither may make the main window lay itself out again (in OBS that
    // is every dock's title bar measured and its dock animations restarted, on the UI thread).
    void aTickingClockLeavesTheMainWindowsLayoutAlone() {
        Rig rig;
        QMainWindow window;
        window.setCentralWidget(new QWidget(&window));
        auto* frame = new QDockWidget(QStringLiteral("Stagehand"), &window);
        auto* dock = new stagehand::ui::DockWidget(QStringLiteral("T"), QStringLiteral("S"),
                                                   QStringLiteral("0"), rig.controller, english);
        frame->setWidget(dock);
        window.addDockWidget(Qt::RightDockWidgetArea, frame);
        window.resize(900, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(
            rig.controller
                ->execute(stagehand::control::TimerControl{stagehand::control::TimerAction::start})
                .ok);
        dock->refreshStatus();
        QTest::qWait(300); // the start's own layout settles
        auto* clock = child<QWidget>(*dock, "stagehandSlidesTimer");
        const QString started = clock->property("text").toString();
        EventCount requests(QEvent::LayoutRequest);
        window.installEventFilter(&requests);
        // Nor is what did not change painted again (a spin box given its value again repaints).
        auto* total = child<QWidget>(*dock, "stagehandSlidesTotal");
        EventCount paints(QEvent::Paint);
        total->installEventFilter(&paints);
        QTest::qWait(2300); // the clock moves on twice; the dock refreshes four times
        const QString later = clock->property("text").toString();
        QVERIFY2(later != started, qPrintable(QStringLiteral("the clock still says ") + later));
        QCOMPARE(requests.count, 0);
        QCOMPARE(paints.count, 0);
        window.removeEventFilter(&requests);
        total->removeEventFilter(&paints);

        // What stops the climb is the scroll area the sections sit in: it must still follow
        // them, with room to scroll in a short dock and more of it when a section grows.
        auto* scroll = child<QScrollArea>(*dock, "stagehandDockScroll");
        // The dock is as wide as its sections need: nothing cut off at the side.
        auto* sections = child<QWidget>(*dock, "stagehandDockSections");
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        QVERIFY2(scroll->viewport()->width() >= sections->minimumSizeHint().width(),
                 qPrintable(QStringLiteral("%1 px shown of %2")
                                .arg(scroll->viewport()->width())
                                .arg(sections->minimumSizeHint().width())));
        window.resize(900, 260);
        QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
        const int short_range = scroll->verticalScrollBar()->maximum();
        auto* error = child<QLabel>(*dock, "stagehandSlidesError");
        error->setText(QStringLiteral("one\ntwo\nthree\nfour\nfive\nsix\nseven\neight"));
        error->show();
        QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > short_range + 40);
        window.resize(900, 2000);
        QTRY_COMPARE(scroll->verticalScrollBar()->maximum(), 0);
    }

    void showsTitleSubtitleAndVersion() {
        stagehand::ui::DockWidget dock(QStringLiteral("Stagehand"),
                                       QStringLiteral("Presenter overlays"),
                                       QStringLiteral("1.2.3"));
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));

        auto* title = dock.findChild<QLabel*>(QStringLiteral("stagehandDockTitle"));
        auto* subtitle = dock.findChild<QLabel*>(QStringLiteral("stagehandDockSubtitle"));
        auto* version = dock.findChild<QLabel*>(QStringLiteral("stagehandDockVersion"));
        QVERIFY(title && subtitle && version);
        QCOMPARE(title->text(), QStringLiteral("Stagehand"));
        QCOMPARE(subtitle->text(), QStringLiteral("Presenter overlays"));
        QCOMPARE(version->text(), QStringLiteral("v1.2.3"));
        QVERIFY(title->isVisible());
        QVERIFY(title->font().bold());
    }

    void headerSitsAboveTheSubtitle() {
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"));
        dock.resize(300, 200);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* title = dock.findChild<QLabel*>(QStringLiteral("stagehandDockTitle"));
        auto* subtitle = dock.findChild<QLabel*>(QStringLiteral("stagehandDockSubtitle"));
        QVERIFY(title->geometry().bottom() <= subtitle->geometry().top());
    }

    void showsWarningsPostedBySourcesAndHidesThemWhenCleared() {
        using stagehand::control::Severity;
        auto& board = stagehand::control::StatusBoard::global();
        Rig rig;
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* warnings = dock.findChild<QLabel*>(QStringLiteral("stagehandDockWarnings"));
        QVERIFY(warnings);
        QVERIFY(!warnings->isVisible());

        board.set("sources", "Code snippet", Severity::warning,
                  {"font family \"Fira Code\" is not installed; using \"DejaVu Sans\" instead"});
        QTRY_VERIFY_WITH_TIMEOUT(warnings->isVisible(), 3000);
        QVERIFY(warnings->text().contains(QStringLiteral("Code snippet")));
        QVERIFY(warnings->text().contains(QStringLiteral("Fira Code")));

        board.set("sources", "Code snippet", Severity::warning, {});
        QTRY_VERIFY_WITH_TIMEOUT(!warnings->isVisible(), 3000);
    }

    void codeSectionSaysWhatToDoWhenThereIsNoCodeSource() {
        Rig rig;
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        QVERIFY(child<QLabel>(dock, "stagehandCodeHint")->isVisible());
        QVERIFY(!child<QPushButton>(dock, "stagehandCodeShow")->isEnabled());
        QVERIFY(!child<QPushButton>(dock, "stagehandCodeNext")->isEnabled());

        // A source added in OBS appears on the next refresh, and the hint goes.
        rig.add("Snippet", "int a;");
        QTRY_VERIFY_WITH_TIMEOUT(!child<QLabel>(dock, "stagehandCodeHint")->isVisible(), 3000);
        QCOMPARE(child<QComboBox>(dock, "stagehandCodeSource")->currentText(),
                 QStringLiteral("Snippet"));
        QCOMPARE(child<QPlainTextEdit>(dock, "stagehandCodeEditor")->toPlainText(),
                 QStringLiteral("int a;"));
    }

    void nextAndPreviousWalkTheChosenSourcesSteps() {
        Rig rig;
        rig.add("Intro", "a");
        rig.add("Demo", "b", "", "1 | 2 | 3");
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* picker = child<QComboBox>(dock, "stagehandCodeSource");
        auto* next = child<QPushButton>(dock, "stagehandCodeNext");
        auto* previous = child<QPushButton>(dock, "stagehandCodePrevious");
        auto* label = child<QLabel>(dock, "stagehandCodeStep");
        QCOMPARE(picker->count(), 2);
        QVERIFY(!next->isEnabled()); // "Intro" has no steps

        picker->setCurrentIndex(1);
        QCOMPARE(label->text(), QStringLiteral("Step 1 of 3"));
        QVERIFY(!previous->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(label->text(), QStringLiteral("Step 3 of 3"));
        QCOMPARE(stagehand::testing::live(*rig.controller, "Demo")->step, 3);
        QVERIFY(!next->isEnabled()); // at the end
        QTest::mouseClick(previous, Qt::LeftButton);
        QCOMPARE(label->text(), QStringLiteral("Step 2 of 3"));
        QCOMPARE(stagehand::testing::live(*rig.controller, "Demo")->step, 2);
        QCOMPARE(stagehand::testing::live(*rig.controller, "Intro")->step, 1);

        // A hotkey moved the step behind the dock's back: the label follows.
        rig.controller->execute(stagehand::control::CodeStep{{"Demo"}, 1, std::nullopt});
        QTRY_COMPARE_WITH_TIMEOUT(label->text(), QStringLiteral("Step 1 of 3"), 3000);
    }

    // The source picked in the dock is the one commands without a target act on: the global
    // hotkeys and remote requests without "source".
    void theDocksChoiceIsWhereHotkeysAndRemoteRequestsAct() {
        Rig rig;
        rig.add("Intro", "a", "", "1 | 2", true);
        rig.add("Demo", "b", "", "1 | 2 | 3");
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        dock.show(); // a closed dock does not follow (aClosedDockCatchesUpWhenShown)
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* picker = child<QComboBox>(dock, "stagehandCodeSource");
        QCOMPARE(rig.controller->state().chosen_code_source, std::string("Intro"));
        picker->setCurrentIndex(picker->findText(QStringLiteral("Demo")));
        QCOMPARE(rig.controller->state().chosen_code_source, std::string("Demo"));
        const auto* next = stagehand::control::find_action("stagehand.dock.next_step");
        QVERIFY(next);
        QVERIFY(next->run(*rig.controller).ok);
        QCOMPARE(stagehand::testing::live(*rig.controller, "Demo")->step, 2);
        QCOMPARE(stagehand::testing::live(*rig.controller, "Intro")->step, 1);
        const auto answer =
            stagehand::control::handle_request(*rig.controller, "code_step", {{"delta", 1}});
        QCOMPARE(answer["step"].get<int>(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(dock, "stagehandCodeStep")->text(),
                                  QStringLiteral("Step 3 of 3"), 3000);
    }

    // Clicking in the dock and sending the same remote requests end in the same settings.
    void theDockAndRemoteRequestsReachTheSameState() {
        Rig by_dock;
        Rig by_remote;
        for (Rig* rig : {&by_dock, &by_remote})
            rig->add("Demo", "old", "", "1 | 2 | 3", true);
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), by_dock.controller, english);
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeNext"), Qt::LeftButton);
        auto* editor = child<QPlainTextEdit>(dock, "stagehandCodeEditor");
        editor->setPlainText(QStringLiteral("let x = 1;"));
        auto* language = child<QComboBox>(dock, "stagehandCodeLanguage");
        language->setCurrentIndex(language->findText(QStringLiteral("TypeScript")));
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeShow"), Qt::LeftButton);

        using stagehand::control::handle_request;
        QVERIFY(handle_request(*by_remote.controller, "code_step", {{"delta", 1}})["ok"]);
        QVERIFY(handle_request(*by_remote.controller, "code_show",
                               {{"text", "let x = 1;"}, {"language", "typescript"}})["ok"]);
        const auto a = *stagehand::testing::live(*by_dock.controller, "Demo");
        const auto b = *stagehand::testing::live(*by_remote.controller, "Demo");
        // Stepped to 2, then new text: both start it without the old snippet's steps.
        QCOMPARE(a.step, 1LL);
        QCOMPARE(a.steps, std::string());
        QCOMPARE(a.step, b.step);
        QCOMPARE(a.steps, b.steps);
        QCOMPARE(a.text, std::string("let x = 1;"));
        QCOMPARE(a.text, b.text);
        QCOMPARE(a.language, std::string("typescript"));
        QCOMPARE(a.language, b.language);
    }

    void typedTextIsShownWithTheButtonOrCtrlEnter() {
        Rig rig;
        rig.add("Snippet", "old", "/home/me/app/main.py");
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* file = child<QLabel>(dock, "stagehandCodeFile");
        QVERIFY(file->isVisible());
        QCOMPARE(file->text(), QStringLiteral("Following main.py"));

        auto* editor = child<QPlainTextEdit>(dock, "stagehandCodeEditor");
        editor->clear();
        editor->setFocus();
        QTest::keyClicks(editor, "let x = 1;");
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeShow"), Qt::LeftButton);
        QCOMPARE(rig.text("Snippet"), std::string("let x = 1;"));
        QCOMPARE(rig.sources->get("Snippet")->file, std::string());
        QVERIFY(!file->isVisible()); // no longer following the file

        QTest::keyClicks(editor, "\tlet y;");
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(rig.text("Snippet"), std::string("let x = 1;\tlet y;"));

        // A plain Return (and the keypad's Enter) is a new line in the editor, never a send:
        // code has many lines.
        QTest::keyClick(editor, Qt::Key_Return);
        QTest::keyClicks(editor, "let z;");
        QTest::keyClick(editor, Qt::Key_Enter, Qt::KeypadModifier);
        QCOMPARE(rig.text("Snippet"), std::string("let x = 1;\tlet y;"));
        QCOMPARE(editor->toPlainText(), QStringLiteral("let x = 1;\tlet y;\nlet z;\n"));
        QTest::keyClick(editor, Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
        QCOMPARE(rig.text("Snippet"), std::string("let x = 1;\tlet y;\nlet z;\n"));
    }

    void clipboardTextGoesOnStreamAndAnEmptyClipboardSaysSo() {
        Rig rig;
        rig.add("Snippet", "before");
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* paste = child<QPushButton>(dock, "stagehandCodePaste");
        auto* error = child<QLabel>(dock, "stagehandCodeError");

        QApplication::clipboard()->clear();
        QTest::mouseClick(paste, Qt::LeftButton);
        QCOMPARE(rig.sources->changes(), std::size_t{0});
        QCOMPARE(rig.text("Snippet"), std::string("before"));
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("clipboard holds no text")));

        QApplication::clipboard()->setText(QStringLiteral("fn main() {\n    println!(\"hi\");\n}"));
        QTest::mouseClick(paste, Qt::LeftButton);
        QCOMPARE(rig.text("Snippet"), std::string("fn main() {\n    println!(\"hi\");\n}"));
        QCOMPARE(child<QPlainTextEdit>(dock, "stagehandCodeEditor")->toPlainText(),
                 QApplication::clipboard()->text());
        QVERIFY2(!error->isVisible(), "a success clears the error");
    }

    // Code shown by a hotkey or a remote request appears in the dock's editor as well.
    void textShownFromElsewhereAppearsInTheEditor() {
        Rig rig;
        rig.add("Snippet", "before", "", "", true);
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        stagehand::control::handle_request(*rig.controller, "code_show", {{"text", "remote()"}});
        QTRY_COMPARE_WITH_TIMEOUT(child<QPlainTextEdit>(dock, "stagehandCodeEditor")->toPlainText(),
                                  QStringLiteral("remote()"), 3000);
    }

    void typedTextSurvivesItsSourceBeingRenamedInOBS() {
        Rig rig;
        rig.add("Snippet", "shown");
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* editor = child<QPlainTextEdit>(dock, "stagehandCodeEditor");
        editor->setFocus();
        QTest::keyClicks(editor, " and typed");
        // Renamed in OBS while the presenter types: the list follows, the typing stays.
        rig.sources->rename("Snippet", "Renamed");
        auto* picker = child<QComboBox>(dock, "stagehandCodeSource");
        QTRY_COMPARE_WITH_TIMEOUT(picker->currentText(), QStringLiteral("Renamed"), 3000);
        QVERIFY(editor->toPlainText().contains(QStringLiteral("typed")));
    }

    void theFirstChoiceIsACodeSourceOnTheProgramOutput() {
        Rig rig;
        rig.add("Backstage", "a");
        rig.add("Live", "b", "", "", true);
        rig.add("Later", "c");
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        QCOMPARE(child<QComboBox>(dock, "stagehandCodeSource")->currentText(),
                 QStringLiteral("Live"));
        QCOMPARE(child<QPlainTextEdit>(dock, "stagehandCodeEditor")->toPlainText(),
                 QStringLiteral("b"));
    }

    void aLanguagePickedInTheDockGoesWithTheText() {
        Rig rig;
        rig.add("Snippet", "");
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        auto* language = child<QComboBox>(dock, "stagehandCodeLanguage");
        QCOMPARE(language->currentIndex(), 0); // as the source says: nothing sent
        child<QPlainTextEdit>(dock, "stagehandCodeEditor")->setPlainText(QStringLiteral("x = 1"));
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeShow"), Qt::LeftButton);
        QCOMPARE(rig.sources->get("Snippet")->language, std::string("auto"));
        // The list holds every language Stagehand highlights, by name.
        const int python = language->findText(QStringLiteral("Python"));
        QVERIFY(python > 1);
        QVERIFY(language->findText(QStringLiteral("C#")) > 1);
        language->setCurrentIndex(python);
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeShow"), Qt::LeftButton);
        QCOMPARE(rig.sources->get("Snippet")->language, std::string("python"));
        language->setCurrentIndex(1);
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeShow"), Qt::LeftButton);
        QCOMPARE(rig.sources->get("Snippet")->language, std::string("auto"));
    }

    // An exception that left a slot would unwind through Qt's event loop and end OBS: it is
    // logged instead and the dock goes on. Both ways to show the code: the button, Ctrl+Enter.
    void aFailureUnderADockActionIsLoggedAndTheDockGoesOn() {
        auto throwing = std::make_shared<ThrowingCodeSources>();
        Rig rig(throwing);
        rig.add("Snippet", "x");
        std::vector<std::string> logged;
        stagehand::core::set_error_sink([&](const std::string& m) { logged.push_back(m); });
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* editor = child<QPlainTextEdit>(dock, "stagehandCodeEditor");
        auto* show = child<QPushButton>(dock, "stagehandCodeShow");
        editor->setPlainText(QStringLiteral("int b;"));
        throwing->fail = true;
        QTest::mouseClick(show, Qt::LeftButton);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        stagehand::core::set_error_sink(nullptr);
        QCOMPARE(throwing->failures, 2);
        QCOMPARE(logged.size(), std::size_t{2});
        QVERIFY2(logged[0].find("showing the code failed: settings not applied, failure 1") !=
                     std::string::npos,
                 logged[0].c_str());
        QVERIFY2(logged[1].find("(Ctrl+Enter) failed: settings not applied, failure 2") !=
                     std::string::npos,
                 logged[1].c_str());
        QCOMPARE(rig.text("Snippet"), std::string("x"));

        throwing->fail = false;
        QTest::mouseClick(show, Qt::LeftButton);
        QCOMPARE(rig.text("Snippet"), std::string("int b;"));
    }

    void detachedDockStopsCallingOBS() {
        Rig rig;
        rig.add("Snippet", "x", "", "1 | 2");
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, english);
        dock.detach();
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeNext"), Qt::LeftButton);
        QCOMPARE(rig.sources->changes(), std::size_t{0});
        QVERIFY(!child<QPushButton>(dock, "stagehandCodeShow")->isEnabled());
    }

    // The clipboard through Qt from another thread (as an obs-websocket request reads it): it
    // is read on the UI thread, and a UI thread that does not answer in time gives up cleanly.
    void theClipboardIsReadOnTheUiThreadFromAnyThread() {
        QApplication::clipboard()->setText(QStringLiteral("from the UI thread"));
        stagehand::ui::QtClipboard clipboard(std::chrono::milliseconds(2000));
        std::optional<std::string> seen;
        std::atomic<bool> done{false};
        std::thread other([&] {
            seen = clipboard.text();
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 3000); // the event loop runs the request
        other.join();
        QCOMPARE(*seen, std::string("from the UI thread"));
        stagehand::ui::QtClipboard impatient(std::chrono::milliseconds(50));
        std::optional<std::string> none = std::string("unset");
        std::thread blocked([&] { none = impatient.text(); });
        blocked.join(); // the UI thread is busy here: no event loop runs
        QVERIFY(!none.has_value());
        QCoreApplication::processEvents(); // the late request runs harmlessly
    }
};

QTEST_MAIN(DockWidgetTest)
#include "dock_widget_test.moc"
