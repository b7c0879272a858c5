// The dock's Presets section over the real control layer, with OBS's overlay sources faked.
#include "control/controller.hpp"
#include "ui/presets_panel.hpp"

#include "child_widget.hpp"
#include "fake_look_sources.hpp"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>

using namespace stagehand;
using core::preset::Overlay;
using stagehand::testing::child;
using stagehand::testing::FakeLookSources;

namespace {

struct Rig {
    QTemporaryDir folder;
    std::shared_ptr<FakeLookSources> looks = std::make_shared<FakeLookSources>();
    std::shared_ptr<control::Controller> controller;
    Rig() {
        looks->add("Code", Overlay::code);
        looks->add("Question", Overlay::question);
        control::Controller::Options o;
        o.store = std::make_shared<control::Store>(folder.path().toStdString());
        o.looks = looks;
        o.presets_folder = std::filesystem::path(STAGEHAND_DATA_DIR) / "presets";
        controller = std::make_shared<control::Controller>(std::move(o));
    }
};

// The locale file's words for the keys whose text the test reads.
QString english(const char* key) {
    const std::string k = key;
    if (k == "Dock.Presets.BuiltIn")
        return QStringLiteral(" (built-in)");
    if (k == "Dock.Presets.Applied")
        return QStringLiteral("Applied %1.");
    if (k == "Dock.Presets.StageMade")
        return QStringLiteral("Made the scene %1.");
    if (k == "Dock.Presets.Imported")
        return QStringLiteral("Imported %1.");
    if (k == "Dock.Presets.Copy")
        return QStringLiteral("%1 copy");
    if (k == "Dock.Presets.Renamed")
        return QStringLiteral("Renamed to %1.");
    if (k == "Dock.Presets.Deleted")
        return QStringLiteral("Deleted %1.");
    if (k == "Dock.Presets.ConfirmDelete")
        return QStringLiteral("Press Delete again to delete %1 for good.");
    return QString::fromUtf8(key);
}

void choose(QListWidget* list, const QString& name) {
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString() == name)
            list->setCurrentRow(i);
}

} // namespace

class PresetsPanelTest : public QObject {
    Q_OBJECT

private slots:
    void applyingAPresetFromTheDockChangesEverySourceOrTheChosenOne() {
        Rig rig;
        ui::PresetsPanel panel(rig.controller, english);
        auto* list = child<QListWidget>(panel, "stagehandPresetList");
        QVERIFY(list->count() >= 13);
        QCOMPARE(list->item(0)->text(), QStringLiteral("Conference Dark (built-in)"));
        choose(list, QStringLiteral("High Contrast"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetApply"), Qt::LeftButton);
        QCOMPARE(child<QLabel>(panel, "stagehandPresetsMessage")->text(),
                 QStringLiteral("Applied High Contrast."));
        QCOMPARE(std::get<core::Color>(rig.looks->values("Code").at("card/background")),
                 (core::Color{0, 0, 0, 1}));
        QCOMPARE(std::get<double>(rig.looks->values("Question").at("font/size")), 44.0);

        // Only the source chosen in the list of targets.
        auto* target = child<QComboBox>(panel, "stagehandPresetTarget");
        QCOMPARE(target->count(), 3); // every source, Code, Question
        target->setCurrentIndex(target->findData(QStringLiteral("Code")));
        choose(list, QStringLiteral("Conference Light"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetApply"), Qt::LeftButton);
        QCOMPARE(std::get<core::Color>(rig.looks->values("Code").at("card/background")),
                 (core::Color{1, 1, 1, 1}));
        QCOMPARE(std::get<double>(rig.looks->values("Question").at("font/size")), 44.0);
    }

    // Create stage: a scene with the three overlays in the preset's look, placed as its stage
    // says; they follow the preset and are offered as targets at once.
    void createStageMakesASceneWithTheThreeOverlaysWhereThePresetSays() {
        Rig rig;
        ui::PresetsPanel panel(rig.controller, english);
        choose(child<QListWidget>(panel, "stagehandPresetList"), QStringLiteral("Conference Dark"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetStage"), Qt::LeftButton);
        QCOMPARE(child<QLabel>(panel, "stagehandPresetsMessage")->text(),
                 QStringLiteral("Made the scene Stage: Conference Dark."));
        QCOMPARE(rig.looks->stages.size(), std::size_t{1});
        const auto& stage = rig.looks->stages[0];
        QCOMPARE(stage.scene, std::string("Stage: Conference Dark"));
        QCOMPARE(stage.items.size(), std::size_t{3});
        for (const auto& item : stage.items)
            if (item.overlay == Overlay::slides) {
                QCOMPARE(item.source, std::string("Slides (Conference Dark)"));
                QCOMPARE(item.placement, (core::preset::Placement{60, 996, 1800, 64}));
                QCOMPARE(std::get<long long>(item.look.at("card/height")), 64LL);
                QCOMPARE(std::get<core::Color>(item.look.at("bar")),
                         *core::parse_hex_color("#2F81F7"));
            }
        QCOMPARE(child<QComboBox>(panel, "stagehandPresetTarget")->count(), 6);
        const auto state = control::to_json(rig.controller->state());
        QCOMPARE(state["preset"]["sources"]["Code (Conference Dark)"].get<std::string>(),
                 std::string("Conference Dark"));
        // A taken name: the reason, nothing made.
        rig.looks->refuse_stages = true;
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetStage"), Qt::LeftButton);
        QVERIFY(child<QLabel>(panel, "stagehandPresetsMessage")
                    ->text()
                    .contains(QStringLiteral("exists")));
        QCOMPARE(rig.looks->stages.size(), std::size_t{1});
    }

    void savingAndImportingShowTheirResultAndABrokenFileItsErrors() {
        Rig rig;
        ui::PresetsPanel panel(rig.controller, english);
        child<QLineEdit>(panel, "stagehandPresetName")->setText(QStringLiteral("My Look"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetSave"), Qt::LeftButton);
        auto* list = child<QListWidget>(panel, "stagehandPresetList");
        QVERIFY(!list->findItems(QStringLiteral("My Look"), Qt::MatchExactly).isEmpty());

        const QString broken = rig.folder.filePath(QStringLiteral("broken.json"));
        std::ofstream(broken.toStdString())
            << R"({"format": "stagehand.preset", "version": 1, "metadata": {"name": "B"},
                   "code": {"font": {"size": "big"}}})";
        const auto changes = rig.looks->changes();
        panel.importFile(broken);
        QVERIFY(child<QLabel>(panel, "stagehandPresetsMessage")
                    ->text()
                    .contains(QStringLiteral(
                        "/code/font/size: expected a number from 6 to 400, got \"big\"")));
        QCOMPARE(rig.looks->changes(), changes);
        QVERIFY(list->findItems(QStringLiteral("B"), Qt::MatchExactly).isEmpty());
    }

    // Every preset gets its picture, drawn off the UI thread and shown on it: High Contrast's
    // is its black code card. A preset's picture is drawn once while its file is unchanged.
    void everyPresetGetsAThumbnailFromTheDrawingPath() {
        Rig rig;
        ui::PresetsPanel panel(rig.controller, english);
        auto* list = child<QListWidget>(panel, "stagehandPresetList");
        QTRY_VERIFY(!panel.thumbnail(QStringLiteral("High Contrast")).isNull());
        QTRY_VERIFY(!panel.thumbnail(QStringLiteral("Conference Light")).isNull());
        const QImage dark = panel.thumbnail(QStringLiteral("High Contrast"))
                                .pixmap(QSize(192, 120))
                                .toImage()
                                .convertToFormat(QImage::Format_RGBA8888);
        QVERIFY(!dark.isNull());
        QCOMPARE(dark.pixelColor(dark.width() / 2, dark.height() / 2), QColor(0, 0, 0));
        // Drawn as large as the icon shows on this screen, not larger.
        const QSize drawn_size =
            panel.thumbnail(QStringLiteral("High Contrast")).availableSizes().value(0);
        QCOMPARE(drawn_size.width(),
                 qRound(list->iconSize().width() * std::max(1.0, list->devicePixelRatioF())));
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(Qt::UserRole).toString() == QStringLiteral("High Contrast"))
                QVERIFY(!list->item(i)->icon().isNull());
        const auto drawn = rig.looks->thumbnails.size();
        QVERIFY(drawn >= 13);
        panel.reload();
        QCoreApplication::processEvents();
        QCOMPARE(rig.looks->thumbnails.size(), drawn);
    }

    // Duplicate a built-in (no name typed: "NAME copy"), rename the copy to the typed name,
    // then delete it: the first press only asks, the second deletes. Built-ins cannot be
    // deleted.
    void duplicateRenameAndDeleteFromTheDock() {
        Rig rig;
        ui::PresetsPanel panel(rig.controller, english);
        auto* list = child<QListWidget>(panel, "stagehandPresetList");
        auto* message = child<QLabel>(panel, "stagehandPresetsMessage");
        auto has = [&](const char* name) {
            for (int i = 0; i < list->count(); ++i)
                if (list->item(i)->data(Qt::UserRole).toString() == QString::fromUtf8(name))
                    return true;
            return false;
        };
        choose(list, QStringLiteral("Conference Dark"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetDuplicate"), Qt::LeftButton);
        QVERIFY(has("Conference Dark copy"));

        choose(list, QStringLiteral("Conference Dark copy"));
        child<QLineEdit>(panel, "stagehandPresetName")->setText(QStringLiteral("Meetup"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetRename"), Qt::LeftButton);
        QCOMPARE(message->text(), QStringLiteral("Renamed to Meetup."));
        QVERIFY(has("Meetup"));
        QVERIFY(!has("Conference Dark copy"));

        choose(list, QStringLiteral("Meetup"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetDelete"), Qt::LeftButton);
        QCOMPARE(message->text(), QStringLiteral("Press Delete again to delete Meetup for good."));
        QVERIFY(has("Meetup"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetDelete"), Qt::LeftButton);
        QCOMPARE(message->text(), QStringLiteral("Deleted Meetup."));
        QVERIFY(!has("Meetup"));

        choose(list, QStringLiteral("High Contrast"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetDelete"), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(panel, "stagehandPresetDelete"), Qt::LeftButton);
        QVERIFY(message->text().contains(QStringLiteral("built in")));
        QVERIFY(has("High Contrast"));
    }
};

QTEST_MAIN(PresetsPanelTest)
#include "presets_panel_test.moc"
