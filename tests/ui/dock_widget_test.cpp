#include "core/status_board.hpp"
#include "ui/dock_widget.hpp"

#include <QLabel>
#include <QtTest/QtTest>

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
};

QTEST_MAIN(DockWidgetTest)
#include "dock_widget_test.moc"
