#pragma once

#include "control/controller.hpp"
#include "ui/dock_section.hpp"

#include <QTreeWidgetItem>
#include <QWidget>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace stagehand::ui {

class ChatConnectForm;

// The dock's Questions section: connect chats and see their health, moderate the live queue
// (approve, feature, hide, answered, dismiss, pin) by click or by key, search it, type a
// question from the room, and always see what is on stream. Every action is a control-layer
// command, the same a hotkey or a remote request sends.
class QuestionsPanel : public DockSection {
    Q_OBJECT

public:
    QuestionsPanel(std::shared_ptr<control::Controller> control, Translate text,
                   QWidget* parent = nullptr);

    // Re-reads the queue when its revision moved, and the chat health (the dock's timer). In a
    // flood the queue moves at every refresh: its rows then follow at most every
    // kQueueInterval, while a change of what is on stream, and the presenter's own actions, show
    // at once (the rows, painted anew, were most of what the dock cost OBS's UI thread).
    void refresh(const control::ControlState& state) override;
    static constexpr std::chrono::milliseconds kQueueInterval{2000};
    // The clock the queue's refreshes are timed with (tests).
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    void set_clock(Clock clock) { clock_ = std::move(clock); }
    void detach() override;

    // The selected question's number, 0 when none.
    int selected() const;
    // Keys on the queue: A approve, F feature, H hide, R answered, D dismiss, P pin.
    bool act_on_key(int key);
    // How many times the rows were built: a refresh that changed nothing shown builds none.
    int rebuilds() const { return rebuilds_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    // Shown again (the dock opened), the rows catch up at the next refresh.
    void showEvent(QShowEvent* event) override;

private:
    QString text(const char* key) const;
    void run(const control::Result& result);
    void reload_queue();
    // The row under the shown ones that says how many more there are (none when all show).
    void show_more(std::size_t total, std::size_t shown);
    void add_typed(); // the question typed in the dock
    void apply_search();
    void apply_settings();
    void show_settings(const nlohmann::json& settings);

    std::shared_ptr<control::Controller> control_;
    Translate translate_;
    ChatConnectForm* chat_;
    QLabel* on_stream_;
    QLineEdit* search_;
    QTreeWidget* queue_;
    QPushButton* approve_;
    QPushButton* feature_;
    QPushButton* hide_;
    QPushButton* answered_;
    QPushButton* dismiss_;
    QPushButton* pin_;
    QLineEdit* typed_;
    QPushButton* add_;
    QComboBox* detect_;
    QCheckBox* auto_approve_;
    QSpinBox* auto_hide_;
    QLineEdit* blocklist_;
    QLabel* error_;
    std::uint64_t shown_revision_ = ~std::uint64_t{0};
    int shown_featured_ = -1;                           // what was on stream at the last reload
    std::chrono::steady_clock::time_point reloaded_at_; // that reload (on clock_)
    Clock clock_ = [] {
        return std::chrono::steady_clock::now();
    };
    // What the rows were last built from, when, and how often they were (for tests).
    std::uint64_t shown_head_ = 0; // the head's fingerprint when the rows were built
    std::size_t shown_count_ = 0;
    std::chrono::steady_clock::time_point rebuilt_at_{};
    std::chrono::steady_clock::time_point resized_at_{}; // columns last fitted to their cells
    bool force_rebuild_ = true;
    QTreeWidgetItem* more_ = nullptr;
    int rebuilds_ = 0;
};

} // namespace stagehand::ui
