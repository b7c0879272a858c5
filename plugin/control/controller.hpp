#pragma once

#include "control/chat_hub.hpp"
#include "control/code_sources.hpp"
#include "control/commands.hpp"
#include "control/export_folder.hpp"
#include "control/result.hpp"
#include "control/state.hpp"
#include "control/store.hpp"
#include "core/chat/chat_event.hpp"
#include "core/latest_job_worker.hpp"
#include "core/published.hpp"
#include "core/questions/question_queue.hpp"
#include "core/slides/talk.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace stagehand::control {

// What the live question source draws: the featured question (none: nothing on screen), how
// many approved questions wait, and whether the last change must leave the screen at once
// (a withdrawal: no animation that keeps it readable).
struct FeaturedQuestion {
    std::optional<core::questions::Question> question;
    bool instant = false;
    std::size_t waiting = 0;
    std::uint64_t revision = 0;
};

// What the slide progress source draws: the talk at the moment of `revision`; the source asks it
// for the status at its own frame time (the timer moves between revisions).
struct SlidesSnapshot {
    core::slides::TalkState talk;
    std::uint64_t revision = 0;
};

// The one command API: the dock, OBS hotkeys, obs-websocket vendor requests, the CLI and tests
// all act through it, so each action is validated and applied the same way whoever asks.
//
// Threads: safe to call from any thread (UI, hotkey, obs-websocket's pool, tests) except OBS's
// video and graphics threads, which only read what sources publish. Commands are serialised
// among themselves so a read-modify-write (a step) never races another. It never touches Qt
// widgets or gs_* itself. Events are delivered on the calling thread after the command's lock
// is released, so a listener may call back into the controller.
class Controller {
public:
    struct Options {
        std::shared_ptr<CodeSources> code;
        std::shared_ptr<Clipboard> clipboard; // nothing: code_show_clipboard says so
        std::shared_ptr<Store> store;         // nothing: choices are not kept across restarts
        std::string version;                  // the plugin's version, for get_version
        std::shared_ptr<ChatHub> chat;        // nothing: chat_connect says chat is unavailable
        // Where remote requests may write (questions_export); default: exports/ in the store's
        // folder; none without a store.
        std::filesystem::path export_folder;
        core::questions::QueueSettings questions;
        // The talk timer's clocks: a monotonic one (OBS's) and the wall clock (to count the time
        // OBS was down after a crash). Both in milliseconds; defaults: the C++ clocks.
        std::function<std::int64_t()> now_ms;
        std::function<std::int64_t()> wall_ms;
        // The question queue is written at most this often (a crash loses at most this much).
        std::chrono::milliseconds queue_save_interval{1000};
    };
    explicit Controller(Options options);

    Result execute(const CodeShow& command);
    Result execute(const CodeShowClipboard& command);
    Result execute(const CodeFollow& command);
    Result execute(const CodeStep& command);
    Result execute(const CodeFocus& command);
    Result execute(const ChooseCodeSource& command);

    Result execute(const ChatConnect& command);
    Result execute(const ChatDisconnect& command);
    Result chat_status() const;
    // Reconnects the chats that were connected when OBS last stopped (or crashed).
    void resume_chat();
    // Every chat event, from the chat thread: new questions, votes, withdrawals.
    void on_chat(const core::chat::ChatEvent& event);

    Result execute(const QuestionApprove& command);
    Result execute(const QuestionFeature& command);
    Result execute(const QuestionHide& command);
    Result execute(const QuestionAnswered& command);
    Result execute(const QuestionDismiss& command);
    Result execute(const QuestionPin& command);
    Result execute(const QuestionAdd& command);
    Result execute(const QuestionsExport& command);
    Result execute(const QuestionsSettings& command);
    // Time-driven changes (a featured question's auto-hide). Called by the dock's timer on the
    // UI thread, never by OBS's video thread.
    void tick();
    // questions_list: every question of the session (or those in one state) and the featured id.
    // `limit`: at most this many, from the head of the queue (0: all); `total` says how many
    // there are.
    Result questions(std::optional<core::questions::State> state = std::nullopt,
                     std::size_t limit = 0) const;
    // What the question source draws; cheap (copies a pointer), safe from OBS's video thread.
    std::shared_ptr<const FeaturedQuestion> featured_question() const;
    // Waits until the question queue and the talk are on disk (tests, and before OBS exits).
    void flush();

    Result execute(const SlidesSet& command);
    Result execute(const SlidesMove& command);
    Result execute(const SlidesGoTo& command);
    Result execute(const SlidesEdge& command);
    Result execute(const TalkLoad& command);
    Result execute(const TimerControl& command);
    Result execute(const TimerAdd& command);
    // The talk now: position, section, timer and pace.
    core::slides::TalkStatus talk_status() const;
    // What the slide progress source draws; cheap, safe from OBS's video thread.
    std::shared_ptr<const SlidesSnapshot> slides() const;
    std::int64_t now_ms() const { return now_ms_(); }

    ControlState state() const;
    std::uint64_t revision() const;
    const std::string& version() const { return version_; }

    using Listener = std::function<void(const Event&)>;
    // Returns an id for unsubscribe. Listeners run on the thread that made the change.
    std::uint64_t subscribe(Listener listener);
    void unsubscribe(std::uint64_t id);

private:
    Result resolve(const Target& target, const std::vector<CodeSourceSettings>& sources,
                   const CodeSourceSettings*& found) const;
    Result show(const CodeShow& command);
    // Resolves the target under the command lock and applies the change `change` makes for it.
    Result change_code(const Target& target,
                       const std::function<CodeSettingsChange(const CodeSourceSettings&)>& change);
    Result apply(const CodeSourceSettings& source, const CodeSettingsChange& change,
                 std::vector<Event>& events);
    void deliver(const std::vector<Event>& events);
    std::string chosen() const;
    // A moderation step on the queue: runs `step` under the queue's lock, then publishes,
    // persists and announces what changed.
    Result moderate(const std::function<std::string(core::questions::QuestionQueue&,
                                                    core::questions::Change&)>& step);
    // Under questions_mutex_: new revision, the featured snapshot, a save, the events.
    void questions_changed(const core::questions::Change& change, std::vector<Event>& events);
    void save_chat_settings(const std::string& platform, const ChatConnect* settings);
    // secrets.json, checked: {platform: {"key": string}}; empty when there is none.
    nlohmann::json saved_secrets();
    // A change to the talk under talks_mutex_: publish, persist, and the events to send.
    Result change_talk(const std::function<std::string(core::slides::TalkState&)>& step,
                       bool timer_changed);

    std::shared_ptr<CodeSources> code_;
    std::shared_ptr<Clipboard> clipboard_;
    std::shared_ptr<Store> store_;
    std::string version_;
    ExportFolder exports_;

    std::mutex command_mutex_; // one command at a time
    mutable std::mutex data_mutex_;
    std::string chosen_code_;
    std::uint64_t revision_ = 0;
    std::uint64_t next_listener_ = 1;
    std::vector<std::pair<std::uint64_t, std::shared_ptr<const Listener>>> listeners_;

    std::shared_ptr<ChatHub> chat_;
    mutable std::mutex questions_mutex_;
    core::questions::QuestionQueue queue_;
    std::uint64_t questions_revision_ = 0;
    int featured_id_ = 0;                // what featured_since_ms_ belongs to
    std::int64_t featured_since_ms_ = 0; // when it went on screen (now_ms_ clock)
    // Its own small lock, held only to swap a pointer: the video thread reads it every tick.
    core::Published<FeaturedQuestion> featured_;

    std::function<std::int64_t()> now_ms_;
    std::function<std::int64_t()> wall_ms_;
    mutable std::mutex talk_mutex_;
    core::slides::TalkState talk_;
    std::uint64_t talk_revision_ = 0;
    core::Published<SlidesSnapshot> slides_;
    // Last: writes the queue to disk off the caller's thread, newest snapshot wins, so a chat
    // flood costs a few writes, not thousands. Destroyed first, finishing the last write.
    std::chrono::milliseconds save_interval_;
    // Touched by persist_'s thread only.
    std::chrono::steady_clock::time_point last_queue_save_{};
    core::LatestJobWorker persist_;
    core::LatestJobWorker persist_talk_;
};

// Step bookkeeping shared by every path: how many steps a source's list has (0 when none or
// unparsable) and its current step clamped into the list.
std::size_t step_count(const CodeSourceSettings& source);
std::size_t current_step(const CodeSourceSettings& source);

} // namespace stagehand::control
