#pragma once

#include "control/commands.hpp"
#include "control/event_bus.hpp"
#include "control/export_folder.hpp"
#include "control/result.hpp"
#include "control/state.hpp"
#include "control/store.hpp"
#include "core/base/latest_job_worker.hpp"
#include "core/base/published.hpp"
#include "core/chat/chat_event.hpp"
#include "core/questions/question_queue.hpp"
#include "core/questions/queue_journal.hpp"
#include "core/questions/saved_queue.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace stagehand::control {

// The head of the queue as the dock shows it: the first questions in queue order, their
// fingerprint (QuestionsHead's) and what is on stream. `rows` holds copies of the questions only
// when the fingerprint is not the one the caller already shows (`fresh`).
struct QuestionsView {
    QuestionsHead head;
    int featured = 0; // 0: nothing on stream
    bool fresh = false;
    std::vector<core::questions::Question> rows;
};

// What the live question source draws: the featured question (none: nothing on screen), how
// many approved questions wait, and whether the last change must leave the screen at once
// (a withdrawal: no animation that keeps it readable).
struct FeaturedQuestion {
    std::optional<core::questions::Question> question;
    bool instant = false;
    std::size_t waiting = 0;
    std::uint64_t revision = 0;
};

// The question domain: the moderated queue (questions.json, written off the caller's thread at
// most once per save interval), what the question source shows, and the auto-hide timer.
class QuestionControl {
public:
    struct Options {
        std::shared_ptr<Store> store;
        ExportFolder* exports = nullptr; // where questions_export writes; must outlive this
        core::questions::QueueSettings settings;
        std::function<std::int64_t()> now_ms;
        std::chrono::milliseconds save_interval{1000};
        // How long a person's decision waits for the ones that follow it (a Companion button
        // that adds a question and features it, a moderator approving a few in a row) before
        // the queue is saved with all of them, instead of once for each.
        std::chrono::milliseconds decision_gather{250};
    };
    QuestionControl(Options options, const EventBus& bus);
    // Ends a save's wait for its time, so that the saving worker (destroyed first) finishes the
    // save under way at once and drops the one waiting.
    ~QuestionControl();
    QuestionControl(const QuestionControl&) = delete;
    QuestionControl& operator=(const QuestionControl&) = delete;

    Result execute(const QuestionApprove& command);
    Result execute(const QuestionFeature& command);
    Result execute(const QuestionHide& command);
    Result execute(const QuestionAnswered& command);
    Result execute(const QuestionDismiss& command);
    Result execute(const QuestionPin& command);
    Result execute(const QuestionAdd& command);
    Result execute(const QuestionsExport& command);
    Result execute(const QuestionsSettings& command);
    // Chat events (messages, votes, withdrawals) in order: the queue's changes, as events;
    // announced once for the whole batch.
    void on_chat(const std::vector<core::chat::ChatEvent>& batch, std::vector<Event>& events);
    // Time-driven changes (a featured question's auto-hide).
    void tick();
    Result questions(std::optional<core::questions::State> state, std::size_t limit) const;
    QuestionsView view(std::size_t limit, std::optional<std::uint64_t> known) const;
    std::shared_ptr<const FeaturedQuestion> featured() const;
    void snapshot(ControlState& state) const;
    // Waits until the queue is on disk.
    void flush();

private:
    // A moderation step on the queue: runs `step` under the queue's lock, then publishes,
    // persists and announces what changed.
    Result moderate(const std::function<std::string(core::questions::QuestionQueue&,
                                                    core::questions::Change&)>& step);
    // Under mutex_: new revision, the featured snapshot, a save, the events. `decided`: a
    // person's moderation (or the auto-hide timer), saved at once; chat's changes are saved at
    // the next save's time.
    void changed(const core::questions::Change& change, std::vector<Event>& events, bool decided);
    // Ends the wait of a save that waits for its time (or of the next one).
    void save_now();
    // At construction: the queue from questions.json and its journal (question_saving.cpp).
    void load();
    // On persist_'s thread: waits for the save's time, then appends what changed to the journal
    // or writes the file whole (question_saving.cpp).
    void save_job();

    std::shared_ptr<Store> store_;
    ExportFolder* exports_;
    std::function<std::int64_t()> now_ms_;
    const EventBus& bus_;

    mutable std::mutex mutex_;
    core::questions::QuestionQueue queue_;
    std::uint64_t revision_ = 0;
    int featured_id_ = 0;                // what featured_since_ms_ belongs to
    std::int64_t featured_since_ms_ = 0; // when it went on screen (now_ms_ clock)
    // Its own small lock, held only to swap a pointer: the video thread reads it every tick.
    core::Published<FeaturedQuestion> featured_;

    std::chrono::milliseconds save_interval_;
    std::chrono::milliseconds decision_gather_;
    // Touched by persist_'s thread only: when the last save was, and how long to the next (the
    // save interval, longer while a save costs more than a 2,000th of it in CPU). None before
    // the first: the steady clock counts from boot, and a machine up for less than an interval
    // would otherwise hold the first save back.
    std::optional<std::chrono::steady_clock::time_point> last_save_;
    std::chrono::milliseconds next_save_in_;
    // A save waits for its time on save_wake_ until save_now_ says a person decided something
    // (then until decision_gather_ after decided_at_, the first decision not saved yet), or
    // while OBS is closing.
    std::mutex save_mutex_;
    std::condition_variable save_wake_;
    bool save_now_ = false;
    std::chrono::steady_clock::time_point decided_at_{};
    int flushing_ = 0; // flush() calls under way (or destruction): no save waits meanwhile
    // Where each question's line lies in the file the last save wrote (unchanged lines are
    // copied from there); touched by persist_'s thread only.
    core::questions::SavedQueue saved_;
    // The journal beside the file (queue_journal.hpp): most saves append what changed to it;
    // the file is written whole when the journal has grown as large as the file (at least
    // kJournalLeast), when OBS closes, first after a start and after an append failed. Touched
    // by persist_'s thread only, after construction.
    core::questions::QueueJournal journal_;
    std::uint64_t journal_seq_ = 0;   // the last record on disk, or the one the file holds
    std::uint64_t journal_bytes_ = 0; // the journal's size
    std::uint64_t file_bytes_ = 0;    // the file's size when it was last written whole
    bool journal_ready_ = false;      // written whole and the journal emptied since the start
    static constexpr std::uint64_t kJournalLeast = 1024 * 1024;
    static constexpr int kSaveCpuShare = 2000;
    // Last: writes the queue to disk off the caller's thread, newest snapshot wins, so a chat
    // flood costs a few writes, not thousands. Destroyed first, finishing the last write.
    core::LatestJobWorker persist_{"stagehand-save"};
};

} // namespace stagehand::control
