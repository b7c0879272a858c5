// QuestionControl's saving: questions.json written whole and the journal beside it
// (core/questions/queue_journal.hpp), on the saving worker; read back at start as outside input.
#include "control/question_control.hpp"

#include "control/status_board.hpp"
#include "core/base/cpu_cost.hpp"
#include "core/base/json_fields.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace stagehand::control {

namespace {

constexpr const char* kQuestionsStore = "questions";
constexpr const char* kQuestionsJournal = "questions.journal";

} // namespace

void QuestionControl::load() {
    bool journal = false; // one is there: the file is written whole soon, which empties it
    const bool read =
        store_->read(kQuestionsStore, "a question queue", [&](const nlohmann::json& saved) {
            std::string error;
            // Taken before the file is checked, so bounded here: a number past the bound,
            // written into every file after, would have each of them set aside in turn.
            if (const auto it = saved.find("journal");
                it != saved.end() && it->is_number_unsigned() &&
                it->get<std::uint64_t>() <= core::questions::kMaxJournalSeq)
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
            auto due = last_save_ ? *last_save_ + next_save_in_
                                  : std::chrono::steady_clock::time_point::min();
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

} // namespace stagehand::control
