// The dock's Questions section over the real control layer, with chat faked below it.
#include "control/controller.hpp"
#include "ui/questions_panel.hpp"

#include "chat_messages.hpp"
#include "child_widget.hpp"
#include "fake_chat_hub.hpp"
#include "fake_code_sources.hpp"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QtTest/QtTest>

#include <chrono>
#include <memory>

namespace {

using namespace stagehand;

struct Rig {
    std::shared_ptr<testing::FakeChatHub> hub = std::make_shared<testing::FakeChatHub>();
    std::shared_ptr<control::Controller> controller;
    Rig() {
        control::Controller::Options options;
        options.code = std::make_shared<testing::FakeCodeSources>();
        options.chat = hub;
        controller = std::make_shared<control::Controller>(std::move(options));
    }
    void chat(const std::string& id, const std::string& author, const std::string& text) {
        core::chat::ChatMessage m;
        m.platform = "twitch";
        m.id = id;
        m.author_id = author;
        m.name = author;
        m.text = text;
        controller->on_chat(m);
    }
    int featured() {
        const auto f = controller->featured_question();
        return f && f->question ? f->question->id : 0;
    }
};

using stagehand::testing::child;

// The dock refreshes twice a second, and in a flood its rows follow every two seconds: these
// tests refresh as a dock does two seconds apart, each refresh seeing what changed since the one
// before (the pacing itself: aFloodMovesTheRowsEveryTwoSeconds).
void paced(ui::QuestionsPanel& panel) {
    auto at = std::make_shared<std::chrono::steady_clock::time_point>(
        std::chrono::steady_clock::now() + std::chrono::hours(1));
    panel.set_clock([at] {
        *at += ui::QuestionsPanel::kQueueInterval;
        return *at;
    });
}

void select(QTreeWidget* tree, int id) {
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->data(0, Qt::UserRole).toInt() == id)
            tree->setCurrentItem(tree->topLevelItem(i));
}

// A question of its own for each i: two words far apart from all others, so none merges.
std::string distinct(int i) {
    static const char* const words[] = {
        "closures",  "generics",  "pointers", "channels", "futures",   "macros", "lambdas",
        "templates", "iterators", "sockets",  "parsers",  "compilers", "monads", "kernels",
        "shaders",   "vectors",   "tensors",  "queues",   "schemas",   "drivers"};
    return std::string("how do ") + words[i % 20] + " and " + words[(i / 20) % 20] + " mix?";
}

QString english(const char* key) {
    if (std::string(key) == "Dock.Questions.OnStream")
        return QStringLiteral("On stream: %1 (%2)");
    if (std::string(key) == "Dock.Questions.More")
        return QStringLiteral("%1 more");
    return QString::fromUtf8(key);
}

} // namespace

class QuestionsPanelTest : public QObject {
    Q_OBJECT

private slots:
    void theQueueShowsChatQuestionsAndWhatIsOnStream() {
        Rig rig;
        rig.chat("m1", "ann", "How does it scale?");
        rig.chat("m2", "bob", "not a question");
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(2), QStringLiteral("How does it scale?"));
        QCOMPARE(tree->headerItem()->text(2), QStringLiteral("Dock.Questions.Question"));
        QCOMPARE(tree->topLevelItem(0)->text(4), QStringLiteral("pending"));
        QVERIFY(child<QLabel>(panel, "stagehandOnStream")
                    ->text()
                    .contains(QStringLiteral("Dock.Questions.NothingOnStream")));
        // A new question arrives: the next refresh shows it.
        rig.chat("m3", "cy", "Is there a recording?");
        panel.refresh(rig.controller->state());
        QCOMPARE(tree->topLevelItemCount(), 2);
    }

    // A flood behind the head of the queue (the dock shows 200 rows) moves only the count below
    // them; a vote that changes the head, or the presenter acting, builds the rows again.
    void aFloodBehindTheShownRowsOnlyMovesTheCount() {
        Rig rig;
        for (int i = 0; i < 210; ++i)
            rig.chat("m" + std::to_string(i), "viewer" + std::to_string(i), distinct(i));
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        QCOMPARE(tree->topLevelItemCount(), 201);
        const int built = panel.rebuilds();
        QTreeWidgetItem* first = tree->topLevelItem(0);
        for (int i = 210; i < 260; ++i) {
            rig.chat("m" + std::to_string(i), "viewer" + std::to_string(i), distinct(i));
            panel.refresh(rig.controller->state());
        }
        QCOMPARE(panel.rebuilds(), built);
        QCOMPARE(tree->topLevelItem(0), first);
        QCOMPARE(tree->topLevelItemCount(), 201);
        QCOMPARE(tree->topLevelItem(200)->text(2), QStringLiteral("60 more"));

        // A reply votes for the newest question: it moves into the head, so the rows are built.
        core::chat::ChatMessage vote = stagehand::testing::twitch_message("v1", "voter", "+1");
        vote.reply_to = "m259";
        rig.controller->on_chat(vote);
        panel.refresh(rig.controller->state());
        QCOMPARE(panel.rebuilds(), built + 1);
        QCOMPARE(tree->topLevelItem(0)->text(2), QString::fromStdString(distinct(259)));
        QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("1"));
    }

    // The narrow columns fit the rows in view: a long name far below them does not widen its
    // column (measuring all 200 rows was most of a rebuild), one in view does.
    void theColumnsFitTheRowsInView() {
        Rig rig;
        const std::string long_name = "someone_with_a_remarkably_long_display_name_indeed";
        for (int i = 0; i < 200; ++i)
            rig.chat("m" + std::to_string(i), i == 150 ? long_name : "v" + std::to_string(i),
                     distinct(i));
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        panel.resize(700, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        QCOMPARE(tree->topLevelItem(150)->text(3), QString::fromStdString(long_name));
        const int wide = tree->fontMetrics().horizontalAdvance(QString::fromStdString(long_name));
        // The presenter pins question 2 through the dock: the rows are built and the columns
        // fitted again at once.
        select(tree, 2);
        QTest::mouseClick(child<QPushButton>(panel, "stagehandQuestionPin"), Qt::LeftButton);
        QCOMPARE(tree->topLevelItem(0)->data(0, Qt::UserRole).toInt(), 2);
        QVERIFY2(tree->columnWidth(3) < wide, qPrintable(QString::number(tree->columnWidth(3))));
        // The long name's question is pinned too (below the first pin): now in view, its column
        // takes it whole.
        select(tree, 151);
        QTest::mouseClick(child<QPushButton>(panel, "stagehandQuestionPin"), Qt::LeftButton);
        QCOMPARE(tree->topLevelItem(1)->text(3), QString::fromStdString(long_name));
        QVERIFY2(tree->columnWidth(3) >= wide, qPrintable(QString::number(tree->columnWidth(3))));
    }

    // In a flood the queue changes at every refresh of the dock: its rows follow every two
    // seconds, not twice a second (painting them was most of what the dock cost OBS's UI
    // thread), while what goes on stream and what the presenter does show at once.
    void aFloodMovesTheRowsEveryTwoSeconds() {
        Rig rig;
        rig.chat("m0", "viewer0", distinct(0));
        ui::QuestionsPanel panel(rig.controller, english);
        auto now = std::make_shared<std::chrono::steady_clock::time_point>(
            std::chrono::steady_clock::now() + std::chrono::hours(1));
        panel.set_clock([now] { return *now; });
        const auto tick = [&] { // the dock's timer: half a second later
            *now += std::chrono::milliseconds(500);
            panel.refresh(rig.controller->state());
        };
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        tick(); // the first change after a quiet time shows at once
        rig.chat("m1", "viewer1", distinct(1));
        tick();
        QCOMPARE(tree->topLevelItemCount(), 2);
        // More keep coming: the next reload waits two seconds from that one.
        rig.chat("m2", "viewer2", distinct(2));
        tick();
        QCOMPARE(tree->topLevelItemCount(), 2);
        rig.chat("m3", "viewer3", distinct(3));
        tick();
        tick();
        QCOMPARE(tree->topLevelItemCount(), 2);
        tick(); // two seconds on
        QCOMPARE(tree->topLevelItemCount(), 4);
        // What is on stream shows at the next refresh, however soon.
        rig.chat("m4", "viewer4", distinct(4));
        QVERIFY(rig.controller->execute(control::QuestionApprove{1}).ok);
        QVERIFY(rig.controller->execute(control::QuestionFeature{1}).ok);
        tick();
        QCOMPARE(tree->topLevelItemCount(), 5);
        QVERIFY(child<QLabel>(panel, "stagehandOnStream")
                    ->text()
                    .contains(QString::fromStdString(distinct(0))));
        // So does the presenter's own action, from the dock.
        rig.chat("m5", "viewer5", distinct(5));
        select(tree, 2);
        QVERIFY(panel.act_on_key(Qt::Key_D));
        QCOMPARE(tree->topLevelItemCount(), 6);
    }

    // Votes move the shown rows in a flood: the rows are updated where they stand, no row made
    // or removed, and a change to one cell repaints that cell only.
    void aVoteUpdatesTheShownRowsInPlace() {
        Rig rig;
        for (int i = 0; i < 30; ++i)
            rig.chat("m" + std::to_string(i), "viewer" + std::to_string(i), distinct(i));
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        QCOMPARE(tree->topLevelItemCount(), 30);
        select(tree, 6); // distinct(5), the sixth row
        int structural = 0;
        std::vector<std::pair<int, int>> cells; // (row, column) of each changed cell
        QAbstractItemModel* model = tree->model();
        QObject::connect(model, &QAbstractItemModel::modelReset, [&] { ++structural; });
        QObject::connect(model, &QAbstractItemModel::rowsInserted, [&] { ++structural; });
        QObject::connect(model, &QAbstractItemModel::rowsRemoved, [&] { ++structural; });
        QObject::connect(model, &QAbstractItemModel::dataChanged,
                         [&](const QModelIndex& from, const QModelIndex& to) {
                             for (int r = from.row(); r <= to.row(); ++r)
                                 for (int c = from.column(); c <= to.column(); ++c)
                                     cells.emplace_back(r, c);
                         });
        const auto vote = [&](const std::string& id, const std::string& voter) {
            core::chat::ChatMessage m = stagehand::testing::twitch_message(id, voter, "+1");
            m.reply_to = "m29";
            rig.controller->on_chat(m);
            panel.refresh(rig.controller->state());
        };
        // The newest question takes the lead: every row above it moves down one.
        vote("v1", "voter1");
        QCOMPARE(tree->topLevelItem(0)->text(2), QString::fromStdString(distinct(29)));
        QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("1"));
        QCOMPARE(tree->topLevelItem(29)->text(2), QString::fromStdString(distinct(28)));
        QCOMPARE(structural, 0);
        QVERIFY(tree->currentItem());
        QCOMPARE(tree->currentItem()->data(0, Qt::UserRole).toInt(), 6);
        QCOMPARE(tree->currentItem()->text(2), QString::fromStdString(distinct(5)));
        QCOMPARE(tree->indexOfTopLevelItem(tree->currentItem()), 6); // one row down, with it
        // Another vote for the leader: its vote count is the one cell that changes.
        cells.clear();
        vote("v2", "voter2");
        QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("2"));
        QCOMPARE(structural, 0);
        std::erase_if(cells, [](const auto& cell) { return cell.second == 6; }); // ages (hourly)
        QCOMPARE(cells.size(), std::size_t{1});
        QCOMPARE(cells.front(), std::make_pair(0, 1));
    }

    // A refresh keeps the selection on its question when the order changes, and a closed
    // question fades.
    void refreshesKeepTheSelectionOnItsQuestion() {
        Rig rig;
        rig.chat("m1", "ann", "first?");
        rig.chat("m2", "bob", "second?");
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        QCOMPARE(tree->topLevelItemCount(), 2);
        select(tree, 2);
        rig.chat("m3", "cy", "third?");
        panel.refresh(rig.controller->state());
        QCOMPARE(tree->topLevelItemCount(), 3);
        QCOMPARE(tree->topLevelItem(2)->text(2), QStringLiteral("third?"));
        // Question 3 pinned: it leads, and the selection is still question 2 wherever it went.
        QVERIFY(rig.controller->execute(control::QuestionPin{3, true}).ok);
        panel.refresh(rig.controller->state());
        QCOMPARE(tree->topLevelItem(0)->data(0, Qt::UserRole).toInt(), 3);
        QVERIFY(tree->currentItem());
        QCOMPARE(tree->currentItem()->data(0, Qt::UserRole).toInt(), 2);
        QCOMPARE(tree->currentItem()->text(2), QStringLiteral("second?"));
        // Dismissed: greyed, and no longer the pinned look once unpinned.
        QVERIFY(rig.controller->execute(control::QuestionDismiss{1}).ok);
        QVERIFY(rig.controller->execute(control::QuestionPin{3, false}).ok);
        panel.refresh(rig.controller->state());
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem* row = tree->topLevelItem(i);
            const bool dismissed = row->data(0, Qt::UserRole).toInt() == 1;
            QCOMPARE(row->data(2, Qt::ForegroundRole).isValid(), dismissed);
            QVERIFY(!row->text(0).contains(QStringLiteral("📌")));
        }
    }

    void keysAndButtonsModerateTheSelectedQuestion() {
        Rig rig;
        rig.chat("m1", "ann", "first?");
        rig.chat("m2", "bob", "second?");
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        panel.show();
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        select(tree, 2);
        tree->setFocus();
        // F on a pending question: refused, and the dock says why.
        QTest::keyClick(tree, Qt::Key_F);
        QCOMPARE(rig.featured(), 0);
        auto* error = child<QLabel>(panel, "stagehandQuestionsError");
        QVERIFY(error->text().contains(QStringLiteral("only approved questions go on screen")));
        QTest::keyClick(tree, Qt::Key_A);
        select(tree, 2);
        QTest::keyClick(tree, Qt::Key_F);
        QCOMPARE(rig.featured(), 2);
        QVERIFY(
            child<QLabel>(panel, "stagehandOnStream")->text().contains(QStringLiteral("second?")));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandQuestionHide"), Qt::LeftButton);
        QCOMPARE(rig.featured(), 0);
        select(tree, 1);
        QTest::mouseClick(child<QPushButton>(panel, "stagehandQuestionPin"), Qt::LeftButton);
        QCOMPARE(tree->topLevelItem(0)->data(0, Qt::UserRole).toInt(), 1);
        QVERIFY(tree->topLevelItem(0)->text(0).contains(QStringLiteral("📌")));
        select(tree, 1);
        QTest::mouseClick(child<QPushButton>(panel, "stagehandQuestionDismiss"), Qt::LeftButton);
        const auto listed = rig.controller->questions(core::questions::State::dismissed);
        QCOMPARE(listed.data["questions"].size(), std::size_t{1});
    }

    // Approve-before-display through the dock: Feature with nothing approved puts nothing on.
    void featureWithNothingApprovedPutsNothingOnScreen() {
        Rig rig;
        rig.chat("m1", "ann", "pending?");
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        QTest::mouseClick(child<QPushButton>(panel, "stagehandQuestionFeature"), Qt::LeftButton);
        QCOMPARE(rig.featured(), 0);
    }

    void searchFiltersByTextAndAuthor() {
        Rig rig;
        rig.chat("m1", "ann", "Does it run on ARM?");
        rig.chat("m2", "bob", "What about Windows?");
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        child<QLineEdit>(panel, "stagehandQuestionSearch")->setText(QStringLiteral("arm"));
        QVERIFY(!tree->topLevelItem(0)->isHidden());
        QVERIFY(tree->topLevelItem(1)->isHidden());
        child<QLineEdit>(panel, "stagehandQuestionSearch")->setText(QStringLiteral("BOB"));
        QVERIFY(tree->topLevelItem(0)->isHidden());
        QVERIFY(!tree->topLevelItem(1)->isHidden());
    }

    void aQuestionFromTheRoomIsTypedIn() {
        Rig rig;
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        auto* typed = child<QLineEdit>(panel, "stagehandQuestionTyped");
        typed->setText(QStringLiteral("What about accessibility?"));
        QTest::keyClick(typed, Qt::Key_Return);
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(4), QStringLiteral("approved"));
        QVERIFY(typed->text().isEmpty());
    }

    void connectingAChatGoesThroughTheControlLayerAndTheKeyIsHidden() {
        Rig rig;
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        auto* platform = child<QComboBox>(panel, "stagehandChatPlatform");
        child<QLineEdit>(panel, "stagehandChatChannel")->setText(QStringLiteral("talk"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandChatConnect"), Qt::LeftButton);
        QCOMPARE(rig.hub->connected.size(), std::size_t{1});
        QCOMPARE(rig.hub->connected[0].param("channel"), std::string("talk"));
        QCOMPARE(child<QLabel>(panel, "stagehandChatHealth")->text(),
                 QStringLiteral("twitch talk: connected, 3.5/min, 1 skipped, 0 reconnects"));
        platform->setCurrentIndex(platform->findData(QStringLiteral("youtube")));
        QCOMPARE(child<QLineEdit>(panel, "stagehandChatKey")->echoMode(), QLineEdit::Password);
        // No channel: the control layer's reason is shown.
        platform->setCurrentIndex(platform->findData(QStringLiteral("twitch")));
        child<QLineEdit>(panel, "stagehandChatChannel")->clear();
        QTest::mouseClick(child<QPushButton>(panel, "stagehandChatConnect"), Qt::LeftButton);
        QVERIFY(child<QLabel>(panel, "stagehandQuestionsError")
                    ->text()
                    .contains(QStringLiteral("channel")));
    }

    // Each platform's fields come from its description: Discord's channel id and its token
    // (hidden), with no change to the panel's code when the platform was added.
    void theConnectFormOffersEveryRegisteredPlatformWithItsOwnFields() {
        Rig rig;
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        panel.show();
        auto* platform = child<QComboBox>(panel, "stagehandChatPlatform");
        QCOMPARE(platform->count(), static_cast<int>(control::chat_platforms().size()));
        const int discord = platform->findData(QStringLiteral("discord"));
        QVERIFY(discord >= 0);
        QCOMPARE(platform->itemText(discord), QStringLiteral("Discord"));
        platform->setCurrentIndex(discord);
        auto* token = child<QLineEdit>(panel, "stagehandChatToken");
        QVERIFY(token->isVisible());
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QVERIFY(!child<QLineEdit>(panel, "stagehandChatVideo")->isVisible());
        QVERIFY(child<QLineEdit>(panel, "stagehandChatChannel")
                    ->placeholderText()
                    .contains(QStringLiteral("Copy Channel ID")));
        child<QLineEdit>(panel, "stagehandChatChannel")->setText(QStringLiteral("555"));
        token->setText(QStringLiteral("T0KEN"));
        QTest::mouseClick(child<QPushButton>(panel, "stagehandChatConnect"), Qt::LeftButton);
        QCOMPARE(rig.hub->connected.size(), std::size_t{1});
        QCOMPARE(rig.hub->connected[0].platform, std::string("discord"));
        QCOMPARE(rig.hub->connected[0].param("token"), std::string("T0KEN"));
        QCOMPARE(rig.hub->connected[0].param("channel"), std::string("555"));
    }

    void theSettingsRowChangesHowChatBecomesQuestions() {
        Rig rig;
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        auto* detect = child<QComboBox>(panel, "stagehandQuestionDetect");
        detect->setCurrentIndex(detect->findData(QStringLiteral("prefix")));
        child<QSpinBox>(panel, "stagehandQuestionAutoHide")->setValue(45);
        auto* blocklist = child<QLineEdit>(panel, "stagehandQuestionBlocklist");
        blocklist->setText(QStringLiteral("crypto, spam"));
        emit blocklist->editingFinished();
        const auto settings = rig.controller->questions().data["settings"];
        QCOMPARE(settings["detect"].get<std::string>(), std::string("prefix"));
        QCOMPARE(settings["auto_hide_seconds"].get<int>(), 45);
        QCOMPARE(settings["blocklist"].size(), std::size_t{2});
        rig.chat("m1", "ann", "is this a question?");
        rig.chat("m2", "bob", "Q: buy crypto?");
        rig.chat("m3", "cy", "Q: what about tests");
        panel.refresh(rig.controller->state());
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(2), QStringLiteral("what about tests"));
    }

    void aWithdrawnQuestionLeavesTheStreamAndIsGreyedInTheQueue() {
        Rig rig;
        rig.chat("m1", "ann", "one?");
        rig.controller->execute(control::QuestionApprove{1});
        rig.controller->execute(control::QuestionFeature{1});
        ui::QuestionsPanel panel(rig.controller, english);
        paced(panel);
        rig.controller->on_chat(core::chat::ChatDelete{"twitch", "m1"});
        panel.refresh(rig.controller->state());
        auto* tree = child<QTreeWidget>(panel, "stagehandQuestionQueue");
        QCOMPARE(tree->topLevelItem(0)->text(4), QStringLiteral("withdrawn"));
        QVERIFY(child<QLabel>(panel, "stagehandOnStream")
                    ->text()
                    .contains(QStringLiteral("NothingOnStream")));
    }
};

QTEST_MAIN(QuestionsPanelTest)
#include "questions_panel_test.moc"
