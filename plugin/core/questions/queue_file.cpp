// The question queue as a saved file (questions.json, "stagehand.questions" version 1) and its
// settings as JSON: written by the saving worker, read back at start as outside input.
#include "core/questions/question_queue.hpp"
#include "core/questions/queue_journal.hpp"
#include "core/questions/queue_lines.hpp"
#include "core/questions/saved_queue.hpp"

#include "core/base/bounded_file.hpp"
#include "core/base/json_fields.hpp"
#include "core/chat/chat_event.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <optional>

namespace stagehand::core::questions {

nlohmann::json to_json(const QueueSettings& s) {
    const char* detect = s.detect == QueueSettings::Detect::prefix  ? "prefix"
                         : s.detect == QueueSettings::Detect::every ? "every"
                                                                    : "question_mark";
    return {{"detect", detect},         {"auto_approve_moderators", s.auto_approve_moderators},
            {"platforms", s.platforms}, {"roles", chat::role_names(s.required_roles)},
            {"blocklist", s.blocklist}, {"auto_hide_seconds", s.auto_hide_seconds}};
}

namespace {

QueueSettings read_settings(const Fields& j, QueueSettings s) {
    if (j.has("detect")) {
        const std::string d = j.string("detect");
        if (d == "question_mark")
            s.detect = QueueSettings::Detect::question_mark;
        else if (d == "prefix")
            s.detect = QueueSettings::Detect::prefix;
        else if (d == "every")
            s.detect = QueueSettings::Detect::every;
        else
            throw ShapeError(j.pointer("detect") + ": expected question_mark, prefix or every, " +
                             got(*j.find("detect")));
    }
    s.auto_approve_moderators = j.boolean("auto_approve_moderators", s.auto_approve_moderators);
    if (j.has("platforms"))
        s.platforms = j.strings("platforms");
    if (j.has("blocklist"))
        s.blocklist = j.strings("blocklist");
    if (j.has("roles")) {
        s.required_roles = 0;
        for (const auto& r : j.strings("roles")) {
            const std::uint32_t bit = r == "broadcaster"  ? chat::kBroadcaster
                                      : r == "moderator"  ? chat::kModerator
                                      : r == "vip"        ? chat::kVip
                                      : r == "subscriber" ? chat::kSubscriber
                                      : r == "member"     ? chat::kMember
                                                          : 0u;
            if (!bit)
                throw ShapeError(j.pointer("roles") + ": unknown role \"" + r +
                                 "\" (expected broadcaster, moderator, vip, subscriber or member)");
            s.required_roles |= bit;
        }
    }
    s.auto_hide_seconds =
        static_cast<int>(j.integer("auto_hide_seconds", s.auto_hide_seconds, 0, 3600));
    return s;
}

// Bounds on what a saved queue may hold: a file that claims more was not written by Stagehand.
// Far past any session, and far enough below INT_MAX that next_id_ cannot overflow.
constexpr std::int64_t kMaxId = 1'000'000'000;
constexpr std::size_t kMaxSavedQuestions = 100000;

Question read_question(const Fields& item) {
    Question q;
    q.id = static_cast<int>(item.required_integer("id", 1, kMaxId));
    q.set_message_id(item.string("message_id"));
    q.set_merged_ids(item.strings("merged_ids"));
    q.set_platform(item.required_string("platform"));
    q.set_author_id(item.string("author_id"));
    q.set_author(item.string("author"));
    q.roles = static_cast<std::uint32_t>(
        item.integer("roles", 0, 0, std::numeric_limits<std::uint32_t>::max()));
    q.set_text(item.required_string("text"));
    const std::string state = item.required_string("state");
    const auto parsed = state_from_string(state);
    if (!parsed)
        throw ShapeError(item.pointer("state") +
                         ": expected pending, approved, featured, answered, dismissed or "
                         "withdrawn, " +
                         got(state));
    q.state = *parsed;
    q.votes = static_cast<int>(item.integer("votes", 0, 0, kMaxId));
    q.set_voters(item.strings("voters"));
    q.pinned = item.boolean("pinned", false);
    q.time = chat::parse_time(item.string("time")).value_or(chat::Clock::time_point{});
    return q;
}

} // namespace

std::optional<QueueSettings> settings_from_json(const nlohmann::json& j, const QueueSettings& base,
                                                std::string& error) {
    try {
        return read_settings(Fields(j), base);
    } catch (const ShapeError& e) {
        error = e.what();
    }
    return std::nullopt;
}

namespace saved_line {

nlohmann::json question_json(const Question& q) {
    return {{"id", q.id},
            {"message_id", q.message_id()},
            {"merged_ids", q.merged_ids().to_vector()},
            {"platform", q.platform()},
            {"author_id", q.author_id()},
            {"author", q.author()},
            {"roles", q.roles},
            {"text", q.text()},
            {"state", to_string(q.state)},
            {"votes", q.votes},
            {"voters", q.voters().to_vector()},
            {"pinned", q.pinned},
            {"time", chat::format_time(q.time)}};
}

std::string dump(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::uint64_t fingerprint(const Question& q) {
    std::uint64_t h = 0x9e3779b97f4a7c15ull;
    const auto mix = [&h](std::uint64_t v) {
        h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    };
    const auto text = [&mix](std::string_view t) {
        mix(std::hash<std::string_view>{}(t));
        mix(t.size());
    };
    mix(static_cast<std::uint64_t>(q.id));
    text(q.message_id());
    mix(q.merged_ids().size());
    for (const std::string_view id : q.merged_ids())
        text(id);
    text(q.platform());
    text(q.author_id());
    text(q.author());
    mix(q.roles);
    text(q.text());
    mix(static_cast<std::uint64_t>(q.state));
    mix(static_cast<std::uint64_t>(q.votes));
    mix(q.voters().size());
    for (const std::string_view voter : q.voters())
        text(voter);
    mix(q.pinned);
    mix(static_cast<std::uint64_t>(q.time.time_since_epoch().count()));
    return h;
}

} // namespace saved_line

using namespace saved_line;

nlohmann::json QuestionQueue::to_json() const {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& q : questions_)
        items.push_back(question_json(q));
    return {{"format", "stagehand.questions"},
            {"version", 1},
            {"next_id", next_id_},
            {"featured", featured_},
            {"settings", questions::to_json(settings_)},
            {"questions", std::move(items)}};
}

namespace {

std::uint64_t bytes_hash(std::string_view bytes) {
    return std::hash<std::string_view>{}(bytes);
}

// The file the last save wrote, read front to back: the lines a save copies from it ascend in
// it as they do in the new one. Opened as outside input (a FIFO or a device put there is
// refused, never waited on).
class PreviousFile {
public:
    PreviousFile(const std::filesystem::path& path, std::vector<char>& window)
        : file_(path)
        , window_(window) {
        window_.resize(SavedQueue::kBlock);
    }
    // [at, at + length) of the file, or nothing when the file is shorter or cannot be read.
    std::optional<std::string_view> get(std::uint64_t at, std::size_t length) {
        if (!file_.is_open() || at < start_)
            return std::nullopt;
        if (at + length > start_ + size_) {
            // Keep what is already read of it, at the front; skip what no line needs.
            const std::size_t keep =
                at < start_ + size_ ? static_cast<std::size_t>(start_ + size_ - at) : 0;
            std::memmove(window_.data(), window_.data() + (size_ - keep), keep);
            size_ = keep;
            start_ = at;
            if (window_.size() < length)
                window_.resize(length);
            while (size_ < length) {
                const auto n =
                    file_.read_at(start_ + size_, window_.data() + size_, window_.size() - size_);
                if (!n || *n == 0)
                    return std::nullopt;
                size_ += *n;
            }
        }
        return std::string_view(window_.data() + (at - start_), length);
    }

private:
    RegularFile file_;
    std::vector<char>& window_;
    std::uint64_t start_ = 0; // where window_ begins in the file
    std::size_t size_ = 0;    // how much of window_ holds the file
};

} // namespace

bool SavedQueue::in_place(const std::deque<Question>& questions) const {
    if (rows_.empty())
        return true;
    const int newest = rows_.back().id;
    std::size_t old = 0;
    for (const Question& q : questions) {
        if (q.id > newest)
            return true; // ascending: all the rest are newer too
        while (old < rows_.size() && rows_[old].id < q.id)
            ++old;
        if (old == rows_.size() || rows_[old].id != q.id)
            return false; // an older question without a row: writing it could pass the reading
    }
    return true;
}

void SavedQueue::update(const QuestionQueue& queue, std::uint64_t journal) {
    if (forget_) {
        rows_.clear();
        forget_ = false;
    }
    // Both lists ascend by id: one walk keeps the rows of unchanged questions, serialises the
    // changed and new ones, and leaves the rows of dropped questions behind. It writes the new
    // table over the old one, which it reads ahead of where it writes as long as every question
    // either has a row or is newer than all of them (new questions take new, higher ids: a
    // flood's every save); otherwise (a queue loaded over another) it reads a copy.
    blocks_.resize(std::min<std::size_t>(blocks_.size(), 1));
    stream_size_ = 0;
    const std::deque<Question>& questions = queue.by_id();
    std::vector<Row> copy;
    if (!in_place(questions))
        copy = rows_;
    const std::vector<Row>& before = copy.empty() ? rows_ : copy;
    const std::size_t count = before.size();
    if (rows_.capacity() < questions.size())
        rows_.reserve(questions.size() + questions.size() / 8); // room for a while of a flood
    std::size_t old = 0;
    std::size_t kept = 0; // rows of the new table written, at the front of rows_
    const auto put_row = [&](const Row& row) {
        if (kept < rows_.size())
            rows_[kept] = row;
        else
            rows_.push_back(row);
        ++kept;
    };
    for (const Question& q : questions) {
        while (old < count && before[old].id < q.id)
            ++old;
        const std::uint64_t print = fingerprint(q);
        // A row still kFresh was never written (the last save failed): serialised again.
        if (old < count && before[old].id == q.id && before[old].fingerprint == print &&
            !(before[old].at & kFresh)) {
            put_row(before[old++]);
            continue;
        }
        const std::string line = dump(question_json(q));
        put_row(Row{q.id, static_cast<std::uint32_t>(line.size()), print, bytes_hash(line),
                    kFresh | stream_size_});
        append(line);
    }
    rows_.resize(kept);
    serialised_ = static_cast<std::size_t>(stream_size_);
    head_ = "{\"format\":\"stagehand.questions\",\"version\":1," +
            (journal ? "\"journal\":" + std::to_string(journal) + "," : std::string()) +
            "\"next_id\":" + std::to_string(queue.next_id()) +
            ",\"featured\":" + std::to_string(queue.featured_id()) +
            ",\"settings\":" + dump(questions::to_json(queue.settings())) + ",\"questions\":[";
}

bool SavedQueue::write(const std::filesystem::path& previous,
                       const std::function<void(std::string_view)>& put) {
    copied_ = 0;
    if (head_.empty())
        return false; // never updated
    std::optional<PreviousFile> file;
    put(head_);
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        put(i ? ",\n" : "\n");
        const Row& row = rows_[i];
        if (row.at & kFresh) {
            pieces(row.at & ~kFresh, row.length, put);
            continue;
        }
        if (!file)
            file.emplace(previous, window_);
        const auto line = file->get(row.at, row.length);
        if (!line || bytes_hash(*line) != row.hash) {
            forget_ = true;
            return false;
        }
        put(*line);
        ++copied_;
    }
    put("\n]}\n");
    return true;
}

void SavedQueue::written(bool ok) {
    // Where each line now lies in the file: after the head, each after its separator. When the
    // save failed, the last file is as it was: kept rows still point into it, fresh ones stay
    // fresh and are serialised again by the next update().
    if (ok) {
        std::uint64_t at = head_.size();
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            at += i ? 2 : 1;
            rows_[i].at = at;
            at += rows_[i].length;
        }
    }
    blocks_.resize(std::min<std::size_t>(blocks_.size(), 1));
    stream_size_ = 0;
    if (window_.size() > kBlock)
        std::vector<char>().swap(window_); // a long line's read
}

std::size_t SavedQueue::memory() const {
    return rows_.capacity() * sizeof(Row) + head_.capacity() + blocks_.size() * kBlock +
           window_.capacity();
}

void SavedQueue::append(std::string_view bytes) {
    while (!bytes.empty()) {
        const std::size_t block = static_cast<std::size_t>(stream_size_ / kBlock);
        const std::size_t offset = static_cast<std::size_t>(stream_size_ % kBlock);
        if (block == blocks_.size())
            blocks_.push_back(allocate_pages(kBlock));
        const std::size_t n = std::min(bytes.size(), kBlock - offset);
        std::memcpy(blocks_[block].get() + offset, bytes.data(), n);
        stream_size_ += n;
        bytes.remove_prefix(n);
    }
}

void SavedQueue::pieces(std::uint64_t at, std::uint64_t length,
                        const std::function<void(std::string_view)>& put) const {
    while (length > 0) {
        const std::size_t offset = static_cast<std::size_t>(at % kBlock);
        const std::size_t n =
            static_cast<std::size_t>(std::min<std::uint64_t>(length, kBlock - offset));
        put(std::string_view(blocks_[static_cast<std::size_t>(at / kBlock)].get() + offset, n));
        at += n;
        length -= n;
    }
}

bool QuestionQueue::from_json(const nlohmann::json& json, std::string& error) {
    try {
        const Fields root(json);
        root.expect_string("format", "stagehand.questions");
        root.required_integer("version", 1, 1);
        const auto& items = root.array("questions");
        if (items.size() > kMaxSavedQuestions)
            throw ShapeError("/questions: expected at most " + std::to_string(kMaxSavedQuestions) +
                             " questions, got " + std::to_string(items.size()));
        std::vector<Question> loaded;
        loaded.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i)
            loaded.push_back(read_question(element(items, i, "/questions")));
        // In id order, whatever order the file had (lookups by id rely on it); ids are unique.
        std::stable_sort(loaded.begin(), loaded.end(),
                         [](const Question& a, const Question& b) { return a.id < b.id; });
        for (std::size_t i = 1; i < loaded.size(); ++i)
            if (loaded[i].id == loaded[i - 1].id)
                throw ShapeError("/questions: id " + std::to_string(loaded[i].id) +
                                 " is used twice");
        QueueSettings settings = settings_;
        if (const auto saved = root.object("settings"))
            settings = read_settings(*saved, settings_);
        const int next_id = static_cast<int>(root.integer("next_id", 1, 1, kMaxId));
        // The last journal record this file holds (queue_journal.hpp): checked like the rest.
        root.integer("journal", 0, 0, static_cast<std::int64_t>(kMaxJournalSeq));
        const int featured_id = static_cast<int>(root.integer("featured", 0, 0, kMaxId));
        // Everything was read: only now does the queue change, so a bad file changes nothing.
        settings_ = std::move(settings);
        questions_.assign(std::make_move_iterator(loaded.begin()),
                          std::make_move_iterator(loaded.end()));
        for (Question& q : questions_)
            touch(q); // all new to whoever read the queue before
        next_id_ = next_id;
        featured_ = featured_id;
        seen_.clear();
        for (const auto& q : questions_) {
            next_id_ = std::max(next_id_, q.id + 1);
            for (const std::string_view id : q.merged_ids())
                seen_.add(id);
            if (!q.message_id().empty())
                seen_.add(q.message_id());
        }
        reindex();
        if (const Question* f = featured(); !f || f->state != State::featured)
            featured_ = 0;
        return true;
    } catch (const ShapeError& e) {
        error = e.what();
    }
    return false;
}

} // namespace stagehand::core::questions
