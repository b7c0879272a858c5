// The dock as a whole over the real control layer: its header and warnings, when it refreshes
// (not while closed, without laying out OBS's main window again), and letting go of OBS.
#include "control/status_board.hpp"
#include "ui/dock_widget.hpp"

#include "child_widget.hpp"
#include "dock_rig.hpp"
#include "shipped_strings.hpp"

#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTreeWidget>
#include <QtTest/QtTest>

#include <functional>
#include <string>

namespace {

using stagehand::testing::child;
using stagehand::testing::english;
using stagehand::testing::Rig;

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

// A main window that does what OBS's does in its close handler: work while still shown, with
// the events that arrive meanwhile handled, and sometimes a refusal to close.
class ClosingWindow : public QMainWindow {
public:
    std::function<void()> while_closing;
    bool refuse = false;

protected:
    void closeEvent(QCloseEvent* event) override {
        if (while_closing)
            while_closing();
        if (refuse)
            event->ignore();
        else
            QMainWindow::closeEvent(event);
    }
};

// The dock in a dock frame of `window`, shown.
stagehand::ui::DockWidget* dock_in(QMainWindow& window, Rig& rig) {
    window.setCentralWidget(new QWidget(&window));
    auto* frame = new QDockWidget(QStringLiteral("Stagehand"), &window);
    auto* dock = new stagehand::ui::DockWidget(QStringLiteral("T"), QStringLiteral("S"),
                                               QStringLiteral("0"), rig.controller, english);
    frame->setWidget(dock);
    window.addDockWidget(Qt::RightDockWidgetArea, frame);
    window.resize(900, 700);
    dock->quietWhenClosing(&window);
    window.show();
    return dock;
}

} // namespace

class DockWidgetTest : public QObject {
    Q_OBJECT

private slots:
    // OBS's docks stand in columns beside its preview, and a dock's minimum width is the least
    // its column (and with it OBS's main window) can be: with the shipped English strings the
    // dock fits a narrow column. It once held six question buttons in one row and the timer's
    // four in another, and made OBS's window some 650 pixels wider than its preview needed.
    void theDockFitsANarrowColumn() {
        const QMap<QString, QString> strings = stagehand::testing::shipped_english_strings();
        QVERIFY(strings.size() > 50);
        const auto shipped = [&strings](const char* key) {
            return strings.value(QString::fromUtf8(key), QString::fromUtf8(key));
        };
        Rig rig;
        stagehand::ui::DockWidget dock(QStringLiteral("T"), QStringLiteral("S"),
                                       QStringLiteral("0"), rig.controller, shipped);
        dock.show();
        QStringList wide;
        for (QWidget* w : dock.findChildren<QWidget*>())
            if (w->minimumSizeHint().width() > 360 && !w->objectName().isEmpty())
                wide << QStringLiteral("%1 %2")
                            .arg(w->objectName())
                            .arg(w->minimumSizeHint().width());
        QVERIFY2(dock.minimumSizeHint().width() <= 480,
                 qPrintable(QStringLiteral("%1 pixels at least; the widest parts: %2")
                                .arg(dock.minimumSizeHint().width())
                                .arg(wide.join(QStringLiteral(", ")))));
    }

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
        auto* dock = dock_in(window, rig);
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

    // From OBS's main window's close event on, while OBS still works in its close handler with
    // the window shown, the dock neither refreshes nor paints (a shutdown crash was seen in Qt
    // painting the dock's chat form under a chat flood).
    void aClosingWindowQuietsTheDock() {
        Rig rig;
        ClosingWindow window;
        auto* dock = dock_in(window, rig);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tree = child<QTreeWidget>(*dock, "stagehandQuestionQueue");
        auto* field = child<QWidget>(*dock, "stagehandChatChannel");
        EventCount paints(QEvent::Paint);
        int rows_while_closing = -1;
        bool shown_while_closing = false;
        window.while_closing = [&] {
            shown_while_closing = window.isVisible();
            QVERIFY(rig.controller->execute(stagehand::control::QuestionAdd{"Late?", {}}).ok);
            field->installEventFilter(&paints);
            field->update();
            QTest::qWait(700); // the dock's timer would have refreshed it once
            rows_while_closing = tree->topLevelItemCount();
            field->removeEventFilter(&paints);
        };
        QVERIFY(window.close());
        QVERIFY(shown_while_closing);
        QCOMPARE(rows_while_closing, 0);
        QCOMPARE(paints.count, 0);
        QVERIFY(dock->quiet());
        QTest::qWait(1300); // past the check for a refused close
        QVERIFY(dock->quiet());
    }

    // A close OBS refuses (a recording still running, a question asked) leaves the dock quiet
    // for a second at most; then it refreshes again.
    void aRefusedCloseLetsTheDockGoOn() {
        Rig rig;
        ClosingWindow window;
        window.refuse = true;
        auto* dock = dock_in(window, rig);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.close());
        QVERIFY(dock->quiet());
        QVERIFY(rig.controller->execute(stagehand::control::QuestionAdd{"Still there?", {}}).ok);
        QTRY_VERIFY_WITH_TIMEOUT(!dock->quiet(), 3000);
        auto* tree = child<QTreeWidget>(*dock, "stagehandQuestionQueue");
        QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 1, 3000);
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
};

QTEST_MAIN(DockWidgetTest)
#include "dock_widget_test.moc"
