#pragma once

#include "control/chat_control.hpp"
#include "control/chat_hub.hpp"
#include "control/code_control.hpp"
#include "control/code_sources.hpp"
#include "control/commands.hpp"
#include "control/event_bus.hpp"
#include "control/export_folder.hpp"
#include "control/look_sources.hpp"
#include "control/preset_control.hpp"
#include "control/question_control.hpp"
#include "control/result.hpp"
#include "control/state.hpp"
#include "control/store.hpp"
#include "control/talk_control.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace stagehand::control {

// The one command API: the dock, OBS hotkeys, obs-websocket vendor requests, the CLI and tests
// all act through it, so each action is validated and applied the same way whoever asks.
//
// A façade over the domains (code, chat, questions, the talk), each of which owns its state, its
// lock and its saved file, and announces changes on one event bus. get_state is assembled from
// their snapshots.
//
// Threads: safe to call from any thread (UI, hotkey, obs-websocket's pool, tests) except OBS's
// video and graphics threads, which only read what sources publish. Each domain serialises its
// own commands, so a read-modify-write (a step) never races another. It never touches Qt
// widgets or gs_* itself. Events are delivered on the calling thread after the command's lock
// is released, so a listener may call back into the controller.
class Controller {
public:
    struct Options {
        std::shared_ptr<CodeSources> code;    // nothing: there are no code sources
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
        // How long a decision on a question waits for the next before the queue is saved.
        std::chrono::milliseconds queue_decision_gather{250};
        // The overlay sources' looks, for presets; nothing: presets cannot be applied or saved.
        std::shared_ptr<LookSources> looks;
        // The built-in presets (data/presets); the user's are in presets/ in the store's folder.
        std::filesystem::path presets_folder;
    };
    explicit Controller(Options options);

    // Code snippets.
    Result execute(const CodeShow& c) { return code_.execute(c); }
    Result execute(const CodeShowClipboard& c) { return code_.execute(c); }
    Result execute(const CodeFollow& c) { return code_.execute(c); }
    Result execute(const CodeStep& c) { return code_.execute(c); }
    Result execute(const CodeFocus& c) { return code_.execute(c); }
    Result execute(const ChooseCodeSource& c) { return code_.execute(c); }
    // Every code snippet source with its live step and focus.
    std::vector<CodeSourceSettings> code_sources() const { return code_.list(); }
    // What code sources draw their step and focus from; cheap, safe from OBS's video thread.
    std::shared_ptr<const CodeLive> code_live() const { return code_.live(); }

    // Chat.
    Result execute(const ChatConnect& c) { return chat_.execute(c); }
    Result execute(const ChatDisconnect& c) { return chat_.execute(c); }
    Result chat_status() const { return chat_.status(); }
    // Reconnects the chats that were connected when OBS last stopped (or crashed).
    void resume_chat() { chat_.resume(); }
    // Every chat event, from the chat thread: new questions, votes, withdrawals, health.
    void on_chat(const core::chat::ChatEvent& event);
    // The events of one read from a chat connection, in order. The queue is saved and the
    // question card prepared once for all of them, and the announcements that only say "look
    // again" (questions_changed, state_changed) go out once, with the latest revision: in a
    // flood that is one set of events per read instead of one per message.
    void on_chat(const std::vector<core::chat::ChatEvent>& batch);

    // The question queue.
    Result execute(const QuestionApprove& c) { return questions_.execute(c); }
    Result execute(const QuestionFeature& c) { return questions_.execute(c); }
    Result execute(const QuestionHide& c) { return questions_.execute(c); }
    Result execute(const QuestionAnswered& c) { return questions_.execute(c); }
    Result execute(const QuestionDismiss& c) { return questions_.execute(c); }
    Result execute(const QuestionPin& c) { return questions_.execute(c); }
    Result execute(const QuestionAdd& c) { return questions_.execute(c); }
    Result execute(const QuestionsExport& c) { return questions_.execute(c); }
    Result execute(const QuestionsSettings& c) { return questions_.execute(c); }
    // Time-driven changes (a featured question's auto-hide). Called by the dock's timer on the
    // UI thread, never by OBS's video thread.
    void tick() { questions_.tick(); }
    // questions_list: every question of the session (or those in one state) and the featured id.
    // `limit`: at most this many, from the head of the queue (0: all); `total` says how many
    // there are.
    Result questions(std::optional<core::questions::State> state = std::nullopt,
                     std::size_t limit = 0) const {
        return questions_.questions(state, limit);
    }
    // The first `limit` questions' fingerprint and, only when it is not `known`, the questions
    // themselves, in one pass (the dock, twice a second in a flood that mostly changes what lies
    // behind them).
    QuestionsView questions_view(std::size_t limit, std::optional<std::uint64_t> known) const {
        return questions_.view(limit, known);
    }
    // What the question source draws; cheap (copies a pointer), safe from OBS's video thread.
    std::shared_ptr<const FeaturedQuestion> featured_question() const {
        return questions_.featured();
    }

    // The talk.
    Result execute(const SlidesSet& c) { return talk_.execute(c); }
    Result execute(const SlidesMove& c) { return talk_.execute(c); }
    Result execute(const SlidesGoTo& c) { return talk_.execute(c); }
    Result execute(const SlidesEdge& c) { return talk_.execute(c); }
    Result execute(const TalkLoad& c) { return talk_.execute(c); }
    Result execute(const TimerControl& c) { return talk_.execute(c); }
    Result execute(const TimerAdd& c) { return talk_.execute(c); }
    // The talk now: position, section, timer and pace.
    core::slides::TalkStatus talk_status() const { return talk_.status(); }
    // What the slide progress source draws; cheap, safe from OBS's video thread.
    std::shared_ptr<const SlidesSnapshot> slides() const { return talk_.slides(); }
    std::int64_t now_ms() const { return now_ms_(); }

    // Presets.
    Result presets() const { return presets_.list(); }
    std::vector<std::string> overlay_sources() const { return presets_.source_names(); }
    Result execute(const PresetApply& c) { return presets_.execute(c); }
    Result execute(const PresetSave& c) { return presets_.execute(c); }
    Result execute(const PresetImport& c) { return presets_.execute(c); }
    Result execute(const PresetExport& c) { return presets_.execute(c); }
    Result execute(const PresetCreateStage& c) { return presets_.execute(c); }
    void preset_thumbnails(const std::vector<std::string>& names, std::uint32_t width,
                           const std::function<void(const std::string&, Thumbnail)>& done) const {
        presets_.thumbnails(names, width, done);
    }
    Result execute(const PresetRename& c) { return presets_.execute(c); }
    Result execute(const PresetDuplicate& c) { return presets_.execute(c); }
    Result execute(const PresetDelete& c) { return presets_.execute(c); }

    // Waits until the code state, the question queue and the talk are on disk (tests, and
    // before OBS exits).
    void flush();

    ControlState state() const;
    // The code domain's revision (get_state's top-level "revision").
    std::uint64_t revision() const { return code_.revision(); }
    const std::string& version() const { return version_; }

    using Listener = EventBus::Listener;
    // Returns an id for unsubscribe. Listeners run on the thread that made the change.
    std::uint64_t subscribe(Listener listener) { return bus_.subscribe(std::move(listener)); }
    void unsubscribe(std::uint64_t id) { bus_.unsubscribe(id); }

private:
    std::string version_;
    std::function<std::int64_t()> now_ms_;
    EventBus bus_; // before the domains, which hold a reference to it
    ExportFolder exports_;
    CodeControl code_;
    ChatControl chat_;
    TalkControl talk_;
    PresetControl presets_;
    QuestionControl questions_; // last: its saving worker stops first
};

} // namespace stagehand::control
