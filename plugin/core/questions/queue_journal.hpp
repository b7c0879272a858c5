#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core::questions {

class QuestionQueue;
class SavedQueue;

// The largest record number a journal or questions.json may name: far more records than any
// number of shows appends (one a second for 30,000 years). A larger one was not written by
// Stagehand, and taking it would make the next questions.json one that does not load.
inline constexpr std::uint64_t kMaxJournalSeq = std::uint64_t{1} << 40;

// questions.journal: what changed in the queue since questions.json was written, appended one
// record a line, so that a save in a chat flood or after a person's decision writes the few
// questions that changed instead of rewriting a file of thousands. A record is a JSON object:
//
//   {"seq":N,"next_id":..,"featured":..,"settings":{..},"questions":[..],"removed":[..]}
//
// `seq` counts up from the number questions.json holds as "journal" (the last record that file
// already contains); `questions` are the changed and new questions as questions.json writes
// them; `removed` the ids that left the queue. The saving worker writes questions.json whole
// again when the journal has grown as large as it (and when OBS closes), then deletes the
// journal: a crash between the two leaves records the file already holds, which their numbers
// show.
//
// The saving worker's side: which fingerprint each question had when it last reached the disk.
class QueueJournal {
public:
    // A record of what changed in `queue` since the last committed record (or rebase), numbered
    // `seq`, ending in a newline; empty when nothing changed (then there is nothing to commit:
    // the disk already holds the queue as it is). The caller holds the queue's lock.
    std::string record(const QuestionQueue& queue, std::uint64_t seq);
    // The last record reached the disk: the next compares with what it holds.
    void committed();
    // questions.json was written from `saved` (after SavedQueue::written(true)): records compare
    // with that from now on.
    void rebase(const SavedQueue& saved);
    // How many questions the last record() fingerprinted (tests: the unchanged are not).
    std::size_t fingerprinted() const { return fingerprinted_; }

private:
    struct Print {
        int id = 0;
        std::uint64_t print = 0;
    };
    std::vector<Print> persisted_; // by ascending id
    std::vector<Print> pending_;   // what the last record() would make persisted_
    std::string head_;             // the head fields the disk holds ("" after a rebase)
    std::string pending_head_;
    // The queue's edit count (QuestionQueue::edits) when persisted_ was last true of it: a
    // question not edited since has its print there, and is not fingerprinted again. None
    // after a rebase (the file was written from a queue whose count this did not see).
    std::optional<std::uint64_t> seen_edits_;
    std::uint64_t pending_edits_ = 0;
    std::size_t fingerprinted_ = 0;
};

// What reading a journal did.
struct JournalReplay {
    std::uint64_t seq = 0;   // the last record applied; the file's own number when none was
    std::size_t applied = 0; // records applied
    std::size_t skipped = 0; // records the file already held
    bool unfinished = false; // the last line had no newline (a crash while it was written)
    std::string problem;     // why reading stopped before the end ("" when it did not)
};

// Applies the records of `journal` that are newer than `doc`'s "journal" number to `doc` (the
// queue document as read from questions.json, not yet checked): each record's head fields
// replace the document's, its questions replace those with their ids (or join them) and its
// removed ids leave. Reading stops at the first line that is not a well-formed record, or whose
// number does not follow the one before; the records before it stay applied. The document is
// checked as a whole afterwards (QuestionQueue::from_json). Never throws.
JournalReplay apply_journal(nlohmann::json& doc, std::string_view journal);

} // namespace stagehand::core::questions
