// The dock's Code section over the real control layer, with OBS's code sources faked below it:
// picking a source, stepping, typing and pasting code, and what reaches the sources' settings.
#include "control/actions.hpp"
#include "control/requests.hpp"
#include "core/base/error_report.hpp"
#include "ui/dock_widget.hpp"
#include "ui/qt_clipboard.hpp"

#include "child_widget.hpp"
#include "dock_rig.hpp"
#include "fake_code_sources.hpp"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtTest/QtTest>

#include <atomic>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using stagehand::testing::child;
using stagehand::testing::english;
using stagehand::testing::FakeCodeSources;
using stagehand::testing::Rig;

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

} // namespace

class CodePanelTest : public QObject {
    Q_OBJECT

private slots:
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

QTEST_MAIN(CodePanelTest)
#include "code_panel_test.moc"
