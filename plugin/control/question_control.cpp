#include "control/question_control.hpp"

#include "control/status_board.hpp"
#include "core/base/cpu_cost.hpp"
#include "core/base/json_fields.hpp"

#include <algorithm>
#include <chrono>

namespace stagehand::control {

namespace {

constexpr const char* kQuestionsStore = "questions";
constexpr const char* kQuestionsJournal = "questions.journal";

} // namespace

QuestionControl::QuestionControl(Options options, const EventBus& bus)
    : store_(std::move(options.store))
    , exports_(options.exports)
    , now_ms_(std::move(options.now_ms))
    , bus_(bus)
    , queue_(std::move(options.settings))
    , save_interval_(options.save_interval)
    , decision_gather_(options.decision_gather)
    , next_save_in_(options.save_interval) {
    if (store_) {
        bool journal = false; // one is there: the file is written whole soon, which empties it
        const bool read =
            store_->read(kQuestionsStore, "a question queue", [&](const nlohmann::json& saved) {
                std::string error;
                if (const auto it = saved.find("journal");
                    it != saved.end() && it->is_number_unsigned())
                    journal_seq_ = it->get<std::uint64_t>();
                // What changed after the file was last written whole, from the journal.
                if (const auto text = store_->read_text(kQuestionsJournal)) {
                    journal = true;
                    std::string problem;
                    bool applied = false;
                    // Whatever the journal holds, the file's queue is never lost over it (a
                    // throw here would set the file aside).
                    try {
                        nlohmann::json merged = saved;
                        const auto replay = core::questions::apply_journal(merged, *text);
                        problem = replay.problem;
                        if (replay.applied > 0) {
                            applied = queue_.from_json(merged, error);
                            if (applied)
                                journal_seq_ = replay.seq;
                            else
                                problem = "its records do not make a queue (" + error + ")";
                        }
                    } catch (const std::exception& e) {
                        problem = std::string("it could not be applied (") + e.what() + ")";
                    }
                    // A copy for the presenter (and a bug report); what could be applied is.
                    if (!problem.empty())
                        store_->copy_aside(kQuestionsJournal, problem);
                    if (applied)
                        return;
                }
                if (!queue_.from_json(saved, error))
                    throw core::ShapeError(error);
            });
        if (!read) {
            // A journal without its file (set aside as broken, or deleted) is no queue on its
            // own: kept aside, and its numbers never used again.
            if (const auto text = store_->read_text(kQuestionsJournal)) {
                journal = true;
                nlohmann::json none = nlohmann::json::object();
                journal_seq_ = core::questions::apply_journal(none, *text).seq;
                store_->copy_aside(kQuestionsJournal, "there is no questions.json to apply it to");
            }
        }
        if (journal)
            persist_.submit([this] { save_job(); });
    }
    auto featured = std::make_shared<FeaturedQuestion>();
    if (const auto* q = queue_.featured())
        featured->question = *q;
    featured->waiting = queue_.waiting();
    featured_.publish(std::move(featured));
}

void QuestionControl::on_chat(const std::vector<core::chat::ChatEvent>& batch,
                              std::vector<Event>& events) {
    std::lock_guard lock(mutex_);
    core::questions::Change all;
    for (const core::chat::ChatEvent& event : batch) {
        const core::questions::Change change = queue_.on_chat(event);
        all.queue = all.queue || change.queue;
        all.featured = all.featured || change.featured;
        all.instant = all.instant || change.instant;
    }
    if (all)
        changed(all, events, false);
}

void QuestionControl::changed(const core::questions::Change& change, std::vector<Event>& events,
                              bool decided) {
    const std::uint64_t revision = ++revision_;
    const auto* now = queue_.featured();
    const int now_id = now ? now->id : 0;
    if (now_id != featured_id_) {
        featured_id_ = now_id;
        featured_since_ms_ = now_ms_();
    }
    // The question card is prepared again only when what it shows changed: in a chat flood
    // nearly every message changes the queue and almost none the card.
    const std::size_t waiting = queue_.waiting();
    const auto shown = featured_.snapshot().value;
    const auto same_card = [&](const FeaturedQuestion& f) {
        if (change.featured || change.instant || f.instant || f.waiting != waiting ||
            f.question.has_value() != (now != nullptr))
            return false;
        if (!now)
            return true;
        const core::questions::Question& q = *f.question;
        return q.id == now->id && q.state == now->state && q.text() == now->text() &&
               q.author() == now->author() && q.platform() == now->platform() &&
               q.votes == now->votes && q.pinned == now->pinned;
    };
    if (!shown || !same_card(*shown)) {
        auto featured = std::make_shared<FeaturedQuestion>();
        if (now)
            featured->question = *now;
        featured->instant = change.instant;
        featured->waiting = waiting;
        featured->revision = revision;
        featured_.publish(std::move(featured));
    }
    if (store_) {
        // Serialised on the worker, not here: in a chat flood each message costs a submit,
        // and the worker writes the newest queue at most once per save interval (each save is
        // the whole queue, megabytes in a long session: back to back they would take a core).
        // What a person decided (or the auto-hide timer did) is saved at once; what chat changed
        // waits for the next save (newer changes replace this job meanwhile).
        if (decided)
            save_now();
        persist_.submit([this] { save_job(); });
    }
    events.push_back(Event{"questions_changed", {{"revision", revision}}});
    if (change.featured)
        events.push_back(Event{"question_featured",
                               {{"id", now ? nlohmann::json(now->id) : nlohmann::json(nullptr)}}});
    events.push_back(state_changed("questions", revision));
}

void QuestionControl::save_job() {
    // A save for chat may take a small share of the time to the next: a long session's
    // queue of thousands, saved in a flood, is then written every few seconds instead of
    // every second (never less often than every ten intervals).
    const auto pace = [this](std::int64_t cpu_before) {
        const std::int64_t cpu = core::thread_cpu_ns() - cpu_before;
        if (cpu_before >= 0 && cpu >= 0)
            next_save_in_ = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::nanoseconds(cpu) * kSaveCpuShare),
                                       save_interval_, save_interval_ * 10);
    };
    bool closing = false;
    {
        // A decision is saved decision_gather_ after it was made, with those that came
        // meanwhile; what chat changed, at the save interval's time.
        std::unique_lock lock(save_mutex_);
        for (;;) {
            auto due = last_save_ + next_save_in_;
            if (save_now_)
                due = std::min(due, decided_at_ + decision_gather_);
            if (flushing_ > 0 || std::chrono::steady_clock::now() >= due)
                break;
            save_wake_.wait_until(lock, due);
        }
        save_now_ = false;
        closing = flushing_ > 0;
    }
    last_save_ = std::chrono::steady_clock::now();
    const std::int64_t cpu_before = core::thread_cpu_ns();
    if (journal_ready_ && !closing && journal_bytes_ < std::max(kJournalLeast, file_bytes_)) {
        // What changed since the last record, appended: a line and a flush to disk.
        std::string line;
        {
            std::lock_guard lock(mutex_);
            line = journal_.record(queue_, journal_seq_ + 1);
        }
        std::string error;
        if (line.empty() || store_->append(kQuestionsJournal, line, error)) {
            if (!line.empty()) {
                journal_.committed();
                ++journal_seq_;
                journal_bytes_ += line.size();
            }
            pace(cpu_before);
            return;
        }
        // The file is written whole instead, and a new journal starts after it.
        journal_ready_ = false;
    }
    // Only new and changed questions are serialised; the others' lines are copied from
    // the file the last save wrote. Where that file no longer holds them (edited by hand
    // meanwhile), the save is made again with every line serialised.
    const auto previous = store_->path_of(kQuestionsStore);
    std::string error;
    bool saved = false;
    std::uint64_t size = 0;
    for (int attempt = 0; attempt < 2 && !saved; ++attempt) {
        {
            std::lock_guard lock(mutex_);
            saved_.update(queue_, journal_seq_);
        }
        bool whole = true;
        size = 0;
        saved = store_->save_pieces(
            kQuestionsStore,
            [&](const auto& put) {
                return whole = saved_.write(previous, [&](std::string_view piece) {
                    size += piece.size();
                    put(piece);
                });
            },
            error);
        saved_.written(saved);
        if (whole)
            break;
    }
    if (!saved) {
        StatusBoard::global().set("questions", "queue", Severity::error,
                                  {"the question queue was not saved: " + error});
    } else {
        // The file holds every record now: the journal starts again, empty. Where it
        // cannot be removed, the file is written whole each time (its records are
        // older than the file says, so they are never applied again).
        journal_.rebase(saved_);
        file_bytes_ = size;
        journal_bytes_ = 0;
        std::string removal;
        journal_ready_ = store_->remove(kQuestionsJournal, removal);
    }
    pace(cpu_before);
}

Result QuestionControl::moderate(const std::function<std::string(core::questions::QuestionQueue&,
                                                                 core::questions::Change&)>& step) {
    std::vector<Event> events;
    Result result;
    {
        std::lock_guard lock(mutex_);
        core::questions::Change change;
        const std::string error = step(queue_, change);
        if (!error.empty())
            return Result::failure(error);
        if (change)
            changed(change, events, true);
        const auto* featured = queue_.featured();
        result = Result::success(
            {{"featured", featured ? nlohmann::json(featured->id) : nlohmann::json(nullptr)},
             {"revision", revision_}});
    }
    bus_.deliver(events);
    return result;
}

Result QuestionControl::execute(const QuestionApprove& c) {
    return moderate([&](auto& q, auto& change) { return q.approve(c.id, change); });
}

Result QuestionControl::execute(const QuestionFeature& c) {
    return moderate([&](auto& q, auto& change) { return q.feature(c.id, change); });
}

Result QuestionControl::execute(const QuestionHide&) {
    return moderate([&](auto& q, auto& change) { return q.hide(change); });
}

Result QuestionControl::execute(const QuestionAnswered& c) {
    return moderate([&](auto& q, auto& change) { return q.answered(c.id, change); });
}

Result QuestionControl::execute(const QuestionDismiss& c) {
    return moderate([&](auto& q, auto& change) { return q.dismiss(c.id, change); });
}

Result QuestionControl::execute(const QuestionPin& c) {
    return moderate([&](auto& q, auto& change) { return q.pin(c.id, c.pinned, change); });
}

Result QuestionControl::execute(const QuestionAdd& c) {
    if (c.text.find_first_not_of(" \t\r\n") == std::string::npos)
        return Result::failure("text: expected the question");
    int id = 0;
    Result result = moderate([&](auto& q, auto& change) {
        id = q.add(c.text, c.label, core::chat::Clock::now(), change);
        return std::string();
    });
    if (result)
        result.data["id"] = id;
    return result;
}

Result QuestionControl::execute(const QuestionsExport& c) {
    if (c.format != "markdown" && c.format != "csv")
        return Result::failure("format \"" + c.format + "\": expected markdown or csv");
    std::string text;
    std::size_t count = 0;
    {
        std::lock_guard lock(mutex_);
        count = queue_.list().size();
        text = c.format == "csv" ? queue_.export_csv()
                                 : queue_.export_markdown("Questions from the live chat");
    }
    Result written = exports_->write(c.file, text);
    if (written)
        written.data["questions"] = count;
    return written;
}

Result QuestionControl::execute(const QuestionsSettings& c) {
    std::string error;
    Result result =
        moderate([&](core::questions::QuestionQueue& q, core::questions::Change& change) {
            auto settings = core::questions::settings_from_json(c.changes, q.settings(), error);
            if (!settings)
                return "questions settings " + error;
            q.set_settings(std::move(*settings));
            change.queue = true; // saved with the queue
            return std::string();
        });
    if (result) {
        std::lock_guard lock(mutex_);
        result.data["settings"] = core::questions::to_json(queue_.settings());
    }
    return result;
}

void QuestionControl::tick() {
    bool expired = false;
    {
        std::lock_guard lock(mutex_);
        const int seconds = queue_.settings().auto_hide_seconds;
        expired = seconds > 0 && featured_id_ != 0 &&
                  now_ms_() - featured_since_ms_ >= static_cast<std::int64_t>(seconds) * 1000;
    }
    if (expired)
        execute(QuestionHide{});
}

Result QuestionControl::questions(std::optional<core::questions::State> state,
                                  std::size_t limit) const {
    std::lock_guard lock(mutex_);
    nlohmann::json list = nlohmann::json::array();
    std::size_t total = 0;
    for (const auto& q : queue_.list(state, limit ? limit : static_cast<std::size_t>(-1), &total))
        list.push_back({{"id", q.id},
                        {"platform", q.platform()},
                        {"author", q.author()},
                        {"text", q.text()},
                        {"state", core::questions::to_string(q.state)},
                        {"votes", q.votes},
                        {"pinned", q.pinned},
                        {"time", core::chat::format_time(q.time)}});
    const auto* featured = queue_.featured();
    return Result::success(
        {{"questions", std::move(list)},
         {"total", total},
         {"featured", featured ? nlohmann::json(featured->id) : nlohmann::json(nullptr)},
         {"revision", revision_},
         {"settings", core::questions::to_json(queue_.settings())}});
}

QuestionsView QuestionControl::view(std::size_t limit, std::optional<std::uint64_t> known) const {
    std::lock_guard lock(mutex_);
    QuestionsView out;
    out.fresh = queue_.head_rows(limit, known, out.head.fingerprint, out.head.total, out.rows);
    const auto* featured = queue_.featured();
    out.featured = featured ? featured->id : 0;
    return out;
}

std::shared_ptr<const FeaturedQuestion> QuestionControl::featured() const {
    return featured_.snapshot().value;
}

void QuestionControl::snapshot(ControlState& state) const {
    std::lock_guard lock(mutex_);
    state.questions_revision = revision_;
    const auto* featured = queue_.featured();
    state.featured_question = featured ? featured->id : 0;
    const auto counts = queue_.counts();
    state.questions_total = counts.total;
    state.questions_pending = counts.pending;
    state.questions_approved = counts.approved;
}

QuestionControl::~QuestionControl() {
    {
        std::lock_guard lock(save_mutex_);
        ++flushing_; // never taken back: nothing saves after this
    }
    save_wake_.notify_all();
}

void QuestionControl::save_now() {
    {
        std::lock_guard lock(save_mutex_);
        if (!save_now_)
            decided_at_ = std::chrono::steady_clock::now();
        save_now_ = true;
    }
    save_wake_.notify_all();
}

void QuestionControl::flush() {
    // OBS is closing: the save waiting for its time goes now, and so does the one after it.
    {
        std::lock_guard lock(save_mutex_);
        ++flushing_;
    }
    save_wake_.notify_all();
    persist_.wait_idle();
    std::lock_guard lock(save_mutex_);
    --flushing_;
}

} // namespace stagehand::control
