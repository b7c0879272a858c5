#include "control/question_control.hpp"

#include <algorithm>
#include <chrono>

namespace stagehand::control {

QuestionControl::QuestionControl(Options options, const EventBus& bus)
    : store_(std::move(options.store))
    , exports_(options.exports)
    , now_ms_(std::move(options.now_ms))
    , bus_(bus)
    , queue_(std::move(options.settings))
    , save_interval_(options.save_interval)
    , decision_gather_(options.decision_gather)
    , next_save_in_(options.save_interval) {
    if (store_)
        load();
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
