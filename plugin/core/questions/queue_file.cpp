// The question queue as a saved file (questions.json, "stagehand.questions" version 1) and its
// settings as JSON: written by the saving worker, read back at start as outside input.
#include "core/questions/question_queue.hpp"
#include "core/questions/saved_queue.hpp"

#include "core/base/json_fields.hpp"
#include "core/chat/chat_event.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>

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
    q.message_id = item.string("message_id");
    q.merged_ids = item.strings("merged_ids");
    q.platform = item.required_string("platform");
    q.author_id = item.string("author_id");
    q.author = item.string("author");
    q.roles = static_cast<std::uint32_t>(
        item.integer("roles", 0, 0, std::numeric_limits<std::uint32_t>::max()));
    q.text = item.required_string("text");
    const std::string state = item.required_string("state");
    const auto parsed = state_from_string(state);
    if (!parsed)
        throw ShapeError(item.pointer("state") +
                         ": expected pending, approved, featured, answered, dismissed or "
                         "withdrawn, " +
                         got(state));
    q.state = *parsed;
    q.votes = static_cast<int>(item.integer("votes", 0, 0, kMaxId));
    q.voters = item.strings("voters");
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

namespace {

nlohmann::json question_json(const Question& q) {
    return {{"id", q.id},
            {"message_id", q.message_id},
            {"merged_ids", q.merged_ids},
            {"platform", q.platform},
            {"author_id", q.author_id},
            {"author", q.author},
            {"roles", q.roles},
            {"text", q.text},
            {"state", to_string(q.state)},
            {"votes", q.votes},
            {"voters", q.voters},
            {"pinned", q.pinned},
            {"time", chat::format_time(q.time)}};
}

// Invalid UTF-8 (from a platform that let it through) is replaced, never a throw mid-save.
std::string dump(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Every field question_json() writes, folded into 64 bits: equal fingerprints mean the saved
// line can be written again as it is.
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
    text(q.message_id);
    mix(q.merged_ids.size());
    for (const std::string& id : q.merged_ids)
        text(id);
    text(q.platform);
    text(q.author_id);
    text(q.author);
    mix(q.roles);
    text(q.text);
    mix(static_cast<std::uint64_t>(q.state));
    mix(static_cast<std::uint64_t>(q.votes));
    mix(q.voters.size());
    for (const std::string& voter : q.voters)
        text(voter);
    mix(q.pinned);
    mix(static_cast<std::uint64_t>(q.time.time_since_epoch().count()));
    return h;
}

} // namespace

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

void SavedQueue::update(const QuestionQueue& queue) {
    // Both lists ascend by id: one walk keeps the lines of unchanged questions where they are,
    // writes the changed and new ones at the end, and turns the old lines of changed and dropped
    // questions into gaps.
    spare_.clear();
    spare_.reserve(queue.by_id().size());
    std::size_t old = 0;
    for (const Question& q : queue.by_id()) {
        while (old < lines_.size() && lines_[old].id < q.id)
            live_ -= lines_[old++].length; // dropped from the queue
        const std::uint64_t print = fingerprint(q);
        if (old < lines_.size() && lines_[old].id == q.id) {
            if (lines_[old].fingerprint == print) {
                spare_.push_back(lines_[old++]);
                continue;
            }
            live_ -= lines_[old++].length;
        }
        const std::string line = dump(question_json(q));
        spare_.push_back(Line{q.id, static_cast<std::uint32_t>(line.size()), print, stream_size_});
        live_ += line.size();
        append(line);
    }
    while (old < lines_.size())
        live_ -= lines_[old++].length;
    lines_.swap(spare_);
    if (gap_bytes() > live_ / 4 + kBlock)
        close_gaps();
    head_ = "{\"format\":\"stagehand.questions\",\"version\":1,\"next_id\":" +
            std::to_string(queue.next_id()) +
            ",\"featured\":" + std::to_string(queue.featured_id()) +
            ",\"settings\":" + dump(questions::to_json(queue.settings())) + ",\"questions\":[";
}

void SavedQueue::write(const std::function<void(std::string_view)>& put) const {
    if (head_.empty())
        return; // never updated
    put(head_);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        put(i ? ",\n" : "\n");
        pieces(lines_[i].at, lines_[i].length, put);
    }
    put("\n]}\n");
}

std::string SavedQueue::text() const {
    std::string out;
    out.reserve(head_.size() + live_ + 2 * lines_.size() + 4);
    write([&out](std::string_view piece) { out += piece; });
    return out;
}

std::size_t SavedQueue::memory() const {
    return blocks_.size() * kBlock + (lines_.capacity() + spare_.capacity()) * sizeof(Line) +
           head_.capacity();
}

void SavedQueue::append(std::string_view bytes) {
    while (!bytes.empty()) {
        const std::size_t block = static_cast<std::size_t>(stream_size_ / kBlock);
        const std::size_t offset = static_cast<std::size_t>(stream_size_ % kBlock);
        if (block == blocks_.size())
            blocks_.emplace_back(new char[kBlock]);
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

void SavedQueue::move_down(std::uint64_t from, std::uint64_t to, std::uint64_t length) {
    // Front to back in pieces that stay within one block at both ends: with to <= from, no
    // piece overwrites bytes a later piece still has to read.
    while (length > 0) {
        const std::size_t from_offset = static_cast<std::size_t>(from % kBlock);
        const std::size_t to_offset = static_cast<std::size_t>(to % kBlock);
        const std::size_t n = static_cast<std::size_t>(
            std::min<std::uint64_t>(length, std::min(kBlock - from_offset, kBlock - to_offset)));
        std::memmove(blocks_[static_cast<std::size_t>(to / kBlock)].get() + to_offset,
                     blocks_[static_cast<std::size_t>(from / kBlock)].get() + from_offset, n);
        from += n;
        to += n;
        length -= n;
    }
}

void SavedQueue::close_gaps() {
    // The lines in the order they lie in the stream (not their id order: changed ones were
    // written at the end), each slid down to where the one before it ends.
    std::vector<std::uint32_t> order(lines_.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::uint32_t>(i);
    std::sort(order.begin(), order.end(),
              [this](std::uint32_t a, std::uint32_t b) { return lines_[a].at < lines_[b].at; });
    std::uint64_t to = 0;
    for (const std::uint32_t i : order) {
        Line& line = lines_[i];
        if (line.at != to)
            move_down(line.at, to, line.length);
        line.at = to;
        to += line.length;
    }
    stream_size_ = to;
    blocks_.resize(static_cast<std::size_t>((to + kBlock - 1) / kBlock)); // frees the empty ones
    ++compactions_;
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
        const int featured_id = static_cast<int>(root.integer("featured", 0, 0, kMaxId));
        // Everything was read: only now does the queue change, so a bad file changes nothing.
        settings_ = std::move(settings);
        questions_.assign(std::make_move_iterator(loaded.begin()),
                          std::make_move_iterator(loaded.end()));
        next_id_ = next_id;
        featured_ = featured_id;
        seen_.clear();
        for (const auto& q : questions_) {
            next_id_ = std::max(next_id_, q.id + 1);
            for (const std::string& id : q.merged_ids)
                seen_.add(id);
            if (!q.message_id.empty())
                seen_.add(q.message_id);
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
