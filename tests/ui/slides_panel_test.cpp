// The dock's Slides section over the real control layer, with a clock the test moves.
#include "control/controller.hpp"
#include "ui/slides_panel.hpp"

#include "child_widget.hpp"
#include "fake_code_sources.hpp"
#include "shipped_strings.hpp"

#include <QApplication>
#include <QFile>
#include <QFontInfo>
#include <QLabel>
#include <QPushButton>
#include <QRawFont>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <fstream>

namespace {

using namespace stagehand;

struct Rig {
    std::int64_t now = 0;
    std::shared_ptr<control::Controller> controller;
    Rig() {
        control::Controller::Options options;
        options.code = std::make_shared<testing::FakeCodeSources>();
        options.now_ms = [this] {
            return now;
        };
        controller = std::make_shared<control::Controller>(std::move(options));
    }
};

using stagehand::testing::child;

QString english(const char* key) {
    const std::string k = key;
    if (k == "Dock.Slides.Of")
        return QStringLiteral("Slide %1 of %2");
    if (k == "Dock.Slides.Start")
        return QStringLiteral("Start");
    if (k == "Dock.Slides.Pause")
        return QStringLiteral("Pause");
    return QString::fromUtf8(key);
}

// Counts the layout requests a widget receives (each one lays out everything in it).
class LayoutCounter : public QObject {
public:
    int requests = 0;
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::LayoutRequest)
            ++requests;
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

class SlidesPanelTest : public QObject {
    Q_OBJECT

private slots:
    // The dock's symbols are in its own font. A symbol only an emoji font has (the media keys
    // U+23EE, U+23ED, U+23F8 were) makes Qt open the fallback fonts for the dock's whole life:
    // Droid Sans Fallback, then Noto Color Emoji and its colour glyphs, 0.4 MiB and more of a
    // show's memory for three buttons. The tests see the pinned fonts, DejaVu Sans the UI's.
    void theDocksSymbolsAreInItsOwnFont() {
        // The family the application's font resolves to (its own name is empty under the
        // pinned fonts), alone: QFontMetrics would answer with the fallbacks too.
        const QRawFont font = QRawFont::fromFont(QFont(QFontInfo(QApplication::font()).family()));
        QVERIFY(font.isValid());
        QVERIFY2(font.familyName() == QStringLiteral("DejaVu Sans"), qPrintable(font.familyName()));
        QStringList missing;
        const auto check = [&](const QString& where, const QString& text) {
            for (const uint cp : text.toUcs4())
                if (cp > 0x7F && !font.supportsCharacter(cp))
                    missing
                        << QStringLiteral("%1: U+%2").arg(where).arg(cp, 4, 16, QLatin1Char('0'));
        };
        const QMap<QString, QString> strings = stagehand::testing::shipped_english_strings();
        int dock_lines = 0;
        for (auto it = strings.begin(); it != strings.end(); ++it)
            if (it.key().startsWith(QStringLiteral("Dock."))) {
                ++dock_lines;
                check(it.key(), it.value());
            }
        QVERIFY(dock_lines > 50);
        Rig rig;
        ui::SlidesPanel panel(rig.controller, english);
        for (const char* button : {"stagehandSlidesFirst", "stagehandSlidesPrevious",
                                   "stagehandSlidesNext", "stagehandSlidesLast"})
            check(QString::fromLatin1(button), child<QPushButton>(panel, button)->text());
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }

    void buttonsMoveTheTalkThroughTheControlLayer() {
        Rig rig;
        rig.controller->execute(control::SlidesSet{std::nullopt, 10, std::nullopt});
        ui::SlidesPanel panel(rig.controller, english);
        QCOMPARE(child<QLabel>(panel, "stagehandSlidesPosition")->text(),
                 QStringLiteral("Slide 1 of 10"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandSlidesNext"), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(panel, "stagehandSlidesNext"), Qt::LeftButton);
        QCOMPARE(rig.controller->talk_status().current, 3);
        QTest::mouseClick(child<QPushButton>(panel, "stagehandSlidesLast"), Qt::LeftButton);
        QCOMPARE(rig.controller->talk_status().current, 10);
        QTest::mouseClick(child<QPushButton>(panel, "stagehandSlidesPrevious"), Qt::LeftButton);
        QCOMPARE(child<QLabel>(panel, "stagehandSlidesPosition")->text(),
                 QStringLiteral("Slide 9 of 10"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandSlidesFirst"), Qt::LeftButton);
        QCOMPARE(rig.controller->talk_status().current, 1);
        child<QSpinBox>(panel, "stagehandSlidesTotal")->setValue(25);
        QCOMPARE(rig.controller->talk_status().total, 25);
    }

    void theTimerStartsPausesAndShowsThePace() {
        Rig rig;
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("talk.json"));
        std::ofstream(file.toStdString())
            << R"({"format":"stagehand.talk","version":1,"slides":10,"minutes":10})";
        ui::SlidesPanel panel(rig.controller, english);
        panel.loadTalk(file);
        auto* start = child<QPushButton>(panel, "stagehandTimerStart");
        QCOMPARE(start->text(), QStringLiteral("Start"));
        QTest::mouseClick(start, Qt::LeftButton);
        QCOMPARE(start->text(), QStringLiteral("Pause"));
        rig.now += 3 * 60000; // three minutes on slide 1 of a ten-minute, ten-slide talk
        panel.refresh();
        const QString timer = child<QLabel>(panel, "stagehandSlidesTimer")->text();
        QVERIFY2(timer.startsWith(QStringLiteral("3:00 / 10:00")), qPrintable(timer));
        QVERIFY2(timer.contains(QStringLiteral("3 min behind")), qPrintable(timer));
        QVERIFY(child<QLabel>(panel, "stagehandSlidesTimer")
                    ->styleSheet()
                    .contains(QStringLiteral("#e8a33d")));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandTimerMore"), Qt::LeftButton);
        QVERIFY(child<QLabel>(panel, "stagehandSlidesTimer")
                    ->text()
                    .contains(QStringLiteral("/ 11:00")));
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(!rig.controller->talk_status().running);
    }

    // The timer changes every second while the talk runs: the dock is not laid out again for
    // it (a QLabel asks its parent's layout to measure the whole dock at each change of text).
    void theTimerTickingDoesNotLayOutTheDock() {
        Rig rig;
        ui::SlidesPanel panel(rig.controller, english);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandTimerStart"), Qt::LeftButton);
        for (int second = 0; second < 3; ++second) { // the widest time so far settles
            rig.now += 1000;
            panel.refresh();
            QCoreApplication::processEvents();
        }
        LayoutCounter counter;
        panel.installEventFilter(&counter);
        auto* timer = child<QLabel>(panel, "stagehandSlidesTimer");
        QString shown = timer->text();
        for (int second = 0; second < 10; ++second) {
            rig.now += 1000;
            panel.refresh();
            QCoreApplication::processEvents();
            QVERIFY(timer->text() != shown);
            shown = timer->text();
        }
        QVERIFY2(counter.requests <= 1, qPrintable(QString::number(counter.requests)));
        // Text that needs more room (an hour more) gets it.
        rig.now += 3600 * 1000;
        panel.refresh();
        QCoreApplication::processEvents();
        QVERIFY2(timer->width() >= timer->sizeHint().width(),
                 qPrintable(QStringLiteral("%1 for %2").arg(timer->width()).arg(timer->text())));
    }

    void aBrokenTalkFileIsRefusedWithItsReason() {
        Rig rig;
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("broken.json"));
        std::ofstream(file.toStdString())
            << R"({"format":"stagehand.talk","version":1,"slides":0})";
        ui::SlidesPanel panel(rig.controller, english);
        panel.loadTalk(file);
        auto* error = child<QLabel>(panel, "stagehandSlidesError");
        QVERIFY(error->text().contains(QStringLiteral("/slides: expected a slide number")));
    }
};

QTEST_MAIN(SlidesPanelTest)
#include "slides_panel_test.moc"
