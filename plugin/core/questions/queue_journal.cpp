// The question queue's journal (queue_journal.hpp): records of what changed since questions.json
// was written whole, made by the saving worker and applied at start as outside input.
#include "core/questions/queue_journal.hpp"

#include "core/questions/question_queue.hpp"
#include "core/questions/queue_lines.hpp"
#include "core/questions/saved_queue.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace stagehand::core::questions {

using namespace saved_line;

std::string QueueJournal::record(const QuestionQueue& queue, std::uint64_t seq) {
    // Both lists ascend by id: one walk finds the changed and new questions and the ids gone.
    // Only those edited since the last record are fingerprinted: a flood's record is a few new
    // questions and votes against 10,000 unchanged (whose fingerprints were most of the
    // saving thread's time).
    const std::uint64_t edits = queue.edits();
    const auto changed = [this](const Question& q) {
        return !seen_edits_ || q.edit() > *seen_edits_;
    };
    pending_edits_ = edits;
    fingerprinted_ = 0;
    pending_.clear();
    pending_.reserve(queue.by_id().size());
    std::string questions;
    std::string removed;
    const auto gone = [&removed](int id) {
        if (!removed.empty())
            removed += ',';
        removed += std::to_string(id);
    };
    std::size_t old = 0;
    for (const Question& q : queue.by_id()) {
        while (old < persisted_.size() && persisted_[old].id < q.id)
            gone(persisted_[old++].id);
        if (old < persisted_.size() && persisted_[old].id == q.id && !changed(q)) {
            pending_.push_back(persisted_[old++]);
            continue;
        }
        const std::uint64_t print = fingerprint(q);
        ++fingerprinted_;
        bool same = false;
        if (old < persisted_.size() && persisted_[old].id == q.id)
            same = persisted_[old++].print == print;
        pending_.push_back(Print{q.id, print});
        if (same)
            continue;
        if (!questions.empty())
            questions += ',';
        questions += dump(question_json(q));
    }
    for (; old < persisted_.size(); ++old)
        gone(persisted_[old].id);
    pending_head_ = "\"next_id\":" + std::to_string(queue.next_id()) +
                    ",\"featured\":" + std::to_string(queue.featured_id()) +
                    ",\"settings\":" + dump(questions::to_json(queue.settings()));
    if (questions.empty() && removed.empty() && pending_head_ == head_) {
        committed(); // what the disk holds is the queue as it is now
        return {};
    }
    return "{\"seq\":" + std::to_string(seq) + "," + pending_head_ + ",\"questions\":[" +
           questions + "],\"removed\":[" + removed + "]}\n";
}

void QueueJournal::committed() {
    persisted_.swap(pending_);
    head_.swap(pending_head_);
    seen_edits_ = pending_edits_;
}

void QueueJournal::rebase(const SavedQueue& saved) {
    persisted_.clear();
    saved.each_print([this](int id, std::uint64_t print) {
        persisted_.push_back(Print{id, print});
    });
    head_.clear();       // the next record says the head again
    seen_edits_.reset(); // and compares every question once
}

namespace {

// A record's fields, checked before any is applied: a record is applied whole or not at all.
std::string record_problem(const nlohmann::json& r) {
    const auto integer = [&r](const char* key) {
        const auto it = r.find(key);
        return it == r.end() || it->is_number_integer();
    };
    if (!integer("next_id") || !integer("featured"))
        return "\"next_id\" and \"featured\" must be integers";
    if (const auto it = r.find("settings"); it != r.end() && !it->is_object())
        return "\"settings\" must be an object";
    if (const auto it = r.find("questions"); it != r.end()) {
        if (!it->is_array())
            return "\"questions\" must be a list";
        for (const auto& q : *it)
            if (!q.is_object() || !q.contains("id") || !q["id"].is_number_integer())
                return "each of \"questions\" must be an object with an integer \"id\"";
    }
    if (const auto it = r.find("removed"); it != r.end()) {
        if (!it->is_array())
            return "\"removed\" must be a list";
        for (const auto& id : *it)
            if (!id.is_number_integer())
                return "each of \"removed\" must be an integer id";
    }
    return {};
}

} // namespace

JournalReplay apply_journal(nlohmann::json& doc, std::string_view journal) {
    JournalReplay out;
    if (!doc.is_object())
        return out;
    if (const auto it = doc.find("journal"); it != doc.end() && it->is_number_unsigned())
        out.seq = it->get<std::uint64_t>();
    // Where each question of the document is, by id; built at the first record applied.
    std::optional<std::map<std::int64_t, std::size_t>> where;
    std::size_t line_number = 0;
    while (!journal.empty()) {
        const std::size_t end = journal.find('\n');
        if (end == std::string_view::npos) {
            out.unfinished = true; // the last record was being written when OBS stopped
            break;
        }
        const std::string_view line = journal.substr(0, end);
        journal.remove_prefix(end + 1);
        ++line_number;
        const auto stop = [&](const std::string& why) {
            out.problem = "line " + std::to_string(line_number) + ": " + why +
                          "; it and the records after it were not applied";
        };
        auto record = nlohmann::json::parse(line, nullptr, false);
        if (record.is_discarded() || !record.is_object()) {
            stop("not a JSON object");
            break;
        }
        const auto seq = record.find("seq");
        if (seq == record.end() || !seq->is_number_unsigned() || seq->get<std::uint64_t>() == 0 ||
            seq->get<std::uint64_t>() > kMaxJournalSeq) {
            stop("expected a record number \"seq\" from 1 to " + std::to_string(kMaxJournalSeq));
            break;
        }
        const std::uint64_t number = seq->get<std::uint64_t>();
        if (number <= out.seq) {
            if (out.applied > 0) {
                stop("record " + std::to_string(number) + " after record " +
                     std::to_string(out.seq));
                break;
            }
            ++out.skipped; // written before questions.json last was: it holds this already
            continue;
        }
        if (const std::string why = record_problem(record); !why.empty()) {
            stop(why);
            break;
        }
        if (!where) {
            where.emplace();
            auto& list = doc["questions"];
            if (!list.is_array())
                list = nlohmann::json::array();
            for (std::size_t i = 0; i < list.size(); ++i)
                if (list[i].is_object() && list[i].contains("id") &&
                    list[i]["id"].is_number_integer())
                    (*where)[list[i]["id"].get<std::int64_t>()] = i;
        }
        auto& list = doc["questions"];
        for (const char* key : {"next_id", "featured", "settings"})
            if (const auto it = record.find(key); it != record.end())
                doc[key] = std::move(*it);
        if (const auto it = record.find("removed"); it != record.end())
            for (const auto& id : *it)
                if (const auto at = where->find(id.get<std::int64_t>()); at != where->end()) {
                    list[at->second] = nullptr; // taken out below, once
                    where->erase(at);
                }
        if (const auto it = record.find("questions"); it != record.end())
            for (auto& q : *it) {
                const std::int64_t id = q["id"].get<std::int64_t>();
                if (const auto at = where->find(id); at != where->end()) {
                    list[at->second] = std::move(q);
                } else {
                    (*where)[id] = list.size();
                    list.push_back(std::move(q));
                }
            }
        out.seq = number;
        ++out.applied;
    }
    if (out.applied > 0) {
        auto& list = doc["questions"];
        nlohmann::json kept = nlohmann::json::array();
        for (auto& q : list)
            if (!q.is_null())
                kept.push_back(std::move(q));
        list = std::move(kept);
        doc["journal"] = out.seq;
    }
    return out;
}

} // namespace stagehand::core::questions
