#include "core/status_board.hpp"
#include "ui/dock_widget.hpp"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtTest/QtTest>

#include <map>

namespace {

// A stand-in for OBS: named code sources with their state, and a log of what the dock did.
class FakeCodeControl : public stagehand::core::code::CodeControl {
public:
    std::map<std::string, stagehand::core::code::CodeSourceState> sources_by_name;
    std::vector<std::string> order;
    std::vector<std::string> calls;

    void add(const std::string& name, stagehand::core::code::CodeSourceState state) {
        sources_by_name[name] = std::move(state);
        order.push_back(name);
    }
    std::vector<std::string> sources() override { return order; }
    std::optional<stagehand::core::code::CodeSourceState> state(const std::string& name) override {
        auto it = sources_by_name.find(name);
        if (it == sources_by_name.end())
            return std::nullopt;
        return it->second;
    }
    bool show_text(const std::string& name, const std::string& text,
                   const std::string& language) override {
        calls.push_back("show " + name + (language.empty() ? "" : " as " + language) + ": " + text);
        auto it = sources_by_name.find(name);
        if (it == sources_by_name.end())
            return false;
        it->second.text = text;
        it->second.file.clear();
        return true;
    }
    bool step(const std::string& name, int delta) override {
        calls.push_back("step " + name + " " + std::to_string(delta));
        auto it = sources_by_name.find(name);
        if (it == sources_by_name.end() || it->second.steps == 0)
            return false;
        const long long next = static_cast<long long>(it->second.step) + delta;
        it->second.step = static_cast<std::size_t>(
            std::clamp<long long>(next, 1, static_cast<long long>(it->second.steps)));
        return true;
    }
};

template <typename T>
T* child(QWidget& root, const char* name) {
    T* found = root.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

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
        auto& board = stagehand::core::StatusBoard::global();
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"));
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* warnings = dock.findChild<QLabel*>(QStringLiteral("stagehandDockWarnings"));
        QVERIFY(warnings);
        QVERIFY(!warnings->isVisible());

        board.set("Code snippet", {"font family \"Fira Code\" is not installed; using \"DejaVu "
                                   "Sans\" instead"});
        QTRY_VERIFY_WITH_TIMEOUT(warnings->isVisible(), 3000);
        QVERIFY(warnings->text().contains(QStringLiteral("Code snippet")));
        QVERIFY(warnings->text().contains(QStringLiteral("Fira Code")));

        board.set("Code snippet", {});
        QTRY_VERIFY_WITH_TIMEOUT(!warnings->isVisible(), 3000);
    }

    void codeSectionSaysWhatToDoWhenThereIsNoCodeSource() {
        auto control = std::make_shared<FakeCodeControl>();
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), control, english);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        QVERIFY(child<QLabel>(dock, "stagehandCodeHint")->isVisible());
        QVERIFY(!child<QPushButton>(dock, "stagehandCodeShow")->isEnabled());
        QVERIFY(!child<QPushButton>(dock, "stagehandCodeNext")->isEnabled());

        // A source added in OBS appears on the next refresh, and the hint goes.
        control->add("Snippet", {"int a;", "", 0, 0});
        QTRY_VERIFY_WITH_TIMEOUT(!child<QLabel>(dock, "stagehandCodeHint")->isVisible(), 3000);
        QCOMPARE(child<QComboBox>(dock, "stagehandCodeSource")->currentText(),
                 QStringLiteral("Snippet"));
        QCOMPARE(child<QPlainTextEdit>(dock, "stagehandCodeEditor")->toPlainText(),
                 QStringLiteral("int a;"));
    }

    void nextAndPreviousWalkTheChosenSourcesSteps() {
        auto control = std::make_shared<FakeCodeControl>();
        control->add("Intro", {"a", "", 0, 0});
        control->add("Demo", {"b", "", 1, 3});
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), control, english);
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
        QVERIFY(!next->isEnabled()); // at the end
        QTest::mouseClick(previous, Qt::LeftButton);
        QCOMPARE(label->text(), QStringLiteral("Step 2 of 3"));
        QCOMPARE(control->calls,
                 (std::vector<std::string>{"step Demo 1", "step Demo 1", "step Demo -1"}));

        // A hotkey moved the step behind the dock's back: the label follows.
        control->sources_by_name["Demo"].step = 1;
        QTRY_COMPARE_WITH_TIMEOUT(label->text(), QStringLiteral("Step 1 of 3"), 3000);
    }

    void typedTextIsShownWithTheButtonOrCtrlEnter() {
        auto control = std::make_shared<FakeCodeControl>();
        control->add("Snippet", {"old", "/home/me/app/main.py", 0, 0});
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), control, english);
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
        QCOMPARE(control->calls.back(), std::string("show Snippet: let x = 1;"));
        QVERIFY(!file->isVisible()); // no longer following the file

        QTest::keyClicks(editor, "\tlet y;");
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(control->calls.back(), std::string("show Snippet: let x = 1;\tlet y;"));
    }

    void clipboardTextGoesOnStreamAndAnEmptyClipboardChangesNothing() {
        auto control = std::make_shared<FakeCodeControl>();
        control->add("Snippet", {"before", "", 0, 0});
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), control, english);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* paste = child<QPushButton>(dock, "stagehandCodePaste");

        QApplication::clipboard()->clear();
        QTest::mouseClick(paste, Qt::LeftButton);
        QVERIFY(control->calls.empty());
        QCOMPARE(control->sources_by_name["Snippet"].text, std::string("before"));

        QApplication::clipboard()->setText(QStringLiteral("fn main() {\n    println!(\"hi\");\n}"));
        QTest::mouseClick(paste, Qt::LeftButton);
        QCOMPARE(control->sources_by_name["Snippet"].text,
                 std::string("fn main() {\n    println!(\"hi\");\n}"));
        QCOMPARE(child<QPlainTextEdit>(dock, "stagehandCodeEditor")->toPlainText(),
                 QApplication::clipboard()->text());
    }

    void typedTextSurvivesItsSourceBeingRenamedInOBS() {
        auto control = std::make_shared<FakeCodeControl>();
        control->add("Snippet", {"shown", "", 0, 0});
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), control, english);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* editor = child<QPlainTextEdit>(dock, "stagehandCodeEditor");
        editor->setFocus();
        QTest::keyClicks(editor, " and typed");
        // Renamed in OBS while the presenter types: the list follows, the typing stays.
        control->sources_by_name["Renamed"] = control->sources_by_name["Snippet"];
        control->sources_by_name.erase("Snippet");
        control->order = {"Renamed"};
        auto* picker = child<QComboBox>(dock, "stagehandCodeSource");
        QTRY_COMPARE_WITH_TIMEOUT(picker->currentText(), QStringLiteral("Renamed"), 3000);
        QVERIFY(editor->toPlainText().contains(QStringLiteral("typed")));
    }

    void theFirstChoiceIsACodeSourceOnTheProgramOutput() {
        auto control = std::make_shared<FakeCodeControl>();
        control->add("Backstage", {"a", "", 0, 0, false});
        control->add("Live", {"b", "", 0, 0, true});
        control->add("Later", {"c", "", 0, 0, false});
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), control, english);
        QCOMPARE(child<QComboBox>(dock, "stagehandCodeSource")->currentText(),
                 QStringLiteral("Live"));
        QCOMPARE(child<QPlainTextEdit>(dock, "stagehandCodeEditor")->toPlainText(),
                 QStringLiteral("b"));
    }

    void aLanguagePickedInTheDockGoesWithTheText() {
        auto control = std::make_shared<FakeCodeControl>();
        control->add("Snippet", {"", "", 0, 0});
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), control, english);
        auto* language = child<QComboBox>(dock, "stagehandCodeLanguage");
        QCOMPARE(language->currentIndex(), 0); // as the source says: nothing sent
        child<QPlainTextEdit>(dock, "stagehandCodeEditor")->setPlainText(QStringLiteral("x = 1"));
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeShow"), Qt::LeftButton);
        QCOMPARE(control->calls.back(), std::string("show Snippet: x = 1"));
        // The list holds every language Stagehand highlights, by name.
        const int python = language->findText(QStringLiteral("Python"));
        QVERIFY(python > 1);
        QVERIFY(language->findText(QStringLiteral("C#")) > 1);
        language->setCurrentIndex(python);
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeShow"), Qt::LeftButton);
        QCOMPARE(control->calls.back(), std::string("show Snippet as python: x = 1"));
        language->setCurrentIndex(1);
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeShow"), Qt::LeftButton);
        QCOMPARE(control->calls.back(), std::string("show Snippet as auto: x = 1"));
    }

    void detachedDockStopsCallingOBS() {
        auto control = std::make_shared<FakeCodeControl>();
        control->add("Snippet", {"x", "", 1, 2});
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), control, english);
        dock.detach();
        QTest::mouseClick(child<QPushButton>(dock, "stagehandCodeNext"), Qt::LeftButton);
        QVERIFY(control->calls.empty());
        QVERIFY(!child<QPushButton>(dock, "stagehandCodeShow")->isEnabled());
    }
};

QTEST_MAIN(DockWidgetTest)
#include "dock_widget_test.moc"
