#include "core/questions/question_queue.hpp"

#include "core/chat/text_safety.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>

namespace stagehand::core::questions {

namespace {

using chat::ChatBan;
using chat::ChatClear;
using chat::ChatDelete;
using chat::ChatMessage;

std::uint64_t vote_key(int id, std::string_view voter) {
    return fingerprint_of(voter) ^ (static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ull);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char a = text[i];
        if (a >= 'A' && a <= 'Z')
            a = static_cast<char>(a - 'A' + 'a');
        if (a != prefix[i])
            return false;
    }
    return true;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Question marks in the scripts viewers write: ASCII, full-width (CJK), Arabic, Greek, Spanish
// opening, the reversed one, and the small form.
bool has_question_mark(std::string_view text) {
    for (std::string_view mark :
         {"?", "\xEF\xBC\x9F", "\xD8\x9F", "\xCD\xBE", "\xC2\xBF", "\xE2\xB8\xAE", "\xEF\xB9\x96"})
        if (text.find(mark) != std::string_view::npos)
            return true;
    return false;
}

} // namespace

const char* to_string(State state) {
    switch (state) {
    case State::pending:
        return "pending";
    case State::approved:
        return "approved";
    case State::featured:
        return "featured";
    case State::answered:
        return "answered";
    case State::dismissed:
        return "dismissed";
    case State::withdrawn:
        return "withdrawn";
    }
    return "pending";
}

std::optional<State> state_from_string(std::string_view text) {
    for (State s : {State::pending, State::approved, State::featured, State::answered,
                    State::dismissed, State::withdrawn})
        if (text == to_string(s))
            return s;
    return std::nullopt;
}

namespace {

// Where each queue's edit counts start: past every count of the queues made before it. A step of
// 2^40 lets a queue count a trillion edits (a flood's 170 a second for two centuries) before it
// reaches the next queue's start.
std::atomic<std::uint64_t> next_edits{0};
constexpr std::uint64_t kEditsPerQueue = std::uint64_t{1} << 40;

// The question with `id` in `questions` (ascending ids), or null.
template <typename Questions>
auto* find_in(Questions& questions, int id) {
    const auto it = std::lower_bound(questions.begin(), questions.end(), id,
                                     [](const Question& q, int wanted) { return q.id < wanted; });
    return it != questions.end() && it->id == id ? &*it : nullptr;
}

} // namespace

QuestionQueue::QuestionQueue(QueueSettings settings)
    : settings_(std::move(settings))
    , edits_(next_edits.fetch_add(kEditsPerQueue, std::memory_order_relaxed)) {}

void QuestionQueue::touch(Question& q) {
    q.edit_ = ++edits_;
}

Question* QuestionQueue::find_mutable(int id) {
    // questions_ is in ascending id order (ids are handed out in arrival order).
    Question* q = find_in(questions_, id);
    if (q)
        touch(*q);
    return q;
}

const Question* QuestionQueue::find(int id) const {
    return find_in(questions_, id);
}

const Question* QuestionQueue::featured() const {
    return featured_ ? find(featured_) : nullptr;
}

Question* QuestionQueue::by_message(std::string_view message_id) {
    if (message_id.empty())
        return nullptr;
    const int* id = by_message_.find(fingerprint_of(message_id));
    if (!id)
        return nullptr;
    Question* q = find_mutable(*id);
    if (!q || (q->message_id() != message_id && !q->merged_ids().contains(message_id)))
        return nullptr; // another message with the same fingerprint
    return q;
}

Question* QuestionQueue::duplicate_of(const std::string& body) {
    const auto open = [](const Question& q) {
        return q.state != State::withdrawn && q.state != State::dismissed && q.platform() != "room";
    };
    const QuestionKey key = QuestionKey::of(body);
    if (const int* id = by_text_.find(fingerprint_of(key.text)))
        if (Question* q = find_mutable(*id); q && open(*q) && normalized(q->text()) == key.text)
            return q;
    const std::size_t first = questions_.size() - recent_keys_.size();
    const NearMatcher near(key);
    for (std::size_t i = questions_.size(); i-- > first;)
        if (open(questions_[i]) && near.matches(recent_keys_[i - first])) {
            touch(questions_[i]);
            return &questions_[i];
        }
    return nullptr;
}

void QuestionQueue::index(const Question& q, std::uint64_t text) {
    if (!q.message_id().empty())
        by_message_.assign(fingerprint_of(q.message_id()), q.id);
    for (const std::string_view id : q.merged_ids())
        by_message_.assign(fingerprint_of(id), q.id);
    // A text is added again only once its first asking was closed: the newest is the open one.
    by_text_.assign(text, q.id);
    for (const std::string_view voter : q.voters())
        votes_.insert(vote_key(q.id, voter));
}

void QuestionQueue::append(Question q) {
    QuestionKey key = QuestionKey::of(q.text());
    const std::uint64_t text = fingerprint_of(key.text);
    recent_keys_.push_back(std::move(key));
    if (recent_keys_.size() > kNearWindow)
        recent_keys_.pop_front();
    ++in_state_[static_cast<std::size_t>(q.state)];
    questions_.push_back(std::move(q));
    touch(questions_.back());
    index(questions_.back(), text);
}

void QuestionQueue::set_state(Question& q, State state) {
    touch(q);
    --in_state_[static_cast<std::size_t>(q.state)];
    ++in_state_[static_cast<std::size_t>(state)];
    q.state = state;
}

void QuestionQueue::reindex() {
    by_message_.clear();
    by_text_.clear();
    votes_.clear();
    recent_keys_.clear();
    in_state_ = {};
    const std::size_t first = questions_.size() > kNearWindow ? questions_.size() - kNearWindow : 0;
    for (std::size_t i = 0; i < questions_.size(); ++i) {
        QuestionKey key = QuestionKey::of(questions_[i].text());
        index(questions_[i], fingerprint_of(key.text));
        ++in_state_[static_cast<std::size_t>(questions_[i].state)];
        if (i >= first)
            recent_keys_.push_back(std::move(key));
    }
}

void QuestionQueue::drop_oldest() {
    if (questions_.size() <= kMaxQuestions)
        return;
    // Down to 90 %, so the drop (and the reindex) happens once per many new questions.
    const std::size_t target = kMaxQuestions - kMaxQuestions / 10;
    std::size_t excess = questions_.size() - target;
    const auto drop_where = [&](auto&& droppable) {
        std::erase_if(questions_, [&](const Question& q) {
            if (excess == 0 || q.pinned || q.id == featured_ || !droppable(q))
                return false;
            --excess;
            ++dropped_;
            return true;
        });
    };
    drop_where([](const Question& q) {
        return q.state == State::answered || q.state == State::dismissed ||
               q.state == State::withdrawn;
    });
    drop_where([](const Question& q) { return q.state == State::pending; });
    reindex();
}

bool QuestionQueue::is_question(std::string_view text, std::string& body) const {
    text = trim(text);
    // An explicit prefix always counts: "!q ..." or "Q: ...".
    for (std::string_view prefix : {"!q ", "q:"})
        if (starts_with_ci(text, prefix)) {
            body = std::string(trim(text.substr(prefix.size())));
            return !body.empty();
        }
    // Other bot commands never do ("!discord", "!up 3").
    if (text.empty() || text.front() == '!')
        return false;
    body = std::string(text);
    switch (settings_.detect) {
    case QueueSettings::Detect::prefix:
        return false;
    case QueueSettings::Detect::question_mark:
        return has_question_mark(text);
    case QueueSettings::Detect::every:
        return true;
    }
    return false;
}

bool QuestionQueue::allowed(const ChatMessage& m) const {
    const std::string platform = m.platform;
    if (!settings_.platforms.empty() &&
        std::find(settings_.platforms.begin(), settings_.platforms.end(), platform) ==
            settings_.platforms.end())
        return false;
    if (settings_.required_roles != 0 && !(m.roles & settings_.required_roles))
        return false;
    return true;
}

bool QuestionQueue::vote(Question& q, const std::string& voter) {
    if (voter.empty() || voter == q.author_id())
        return false;
    if (q.state == State::withdrawn || q.state == State::dismissed)
        return false;
    if (!votes_.insert(vote_key(q.id, voter)) && q.voters().contains(voter))
        return false; // one vote per viewer
    touch(q);
    q.add_voter(voter);
    ++q.votes;
    return true;
}

Change QuestionQueue::on_chat(const chat::ChatEvent& event) {
    if (const auto* m = std::get_if<ChatMessage>(&event))
        return on_message(*m);
    if (const auto* d = std::get_if<ChatDelete>(&event)) {
        const std::string platform = d->platform;
        return withdraw_if(
            [&](const Question& q) { return q.platform() == platform && q.message_id() == d->id; });
    }
    if (const auto* b = std::get_if<ChatBan>(&event)) {
        const std::string platform = b->platform;
        return withdraw_if([&](const Question& q) {
            return q.platform() == platform && q.author_id() == b->author_id;
        });
    }
    if (const auto* c = std::get_if<ChatClear>(&event)) {
        const std::string platform = c->platform;
        return withdraw_if([&](const Question& q) { return q.platform() == platform; });
    }
    return {};
}

Change QuestionQueue::withdraw_if(const std::function<bool(const Question&)>& match) {
    Change change;
    for (auto& q : questions_) {
        if (!match(q) || q.state == State::withdrawn || q.state == State::answered ||
            q.state == State::dismissed)
            continue;
        if (q.id == featured_) {
            featured_ = 0;
            change.featured = true;
            change.instant = true; // gone from the screen now, not faded out readably
        }
        set_state(q, State::withdrawn);
        change.queue = true;
    }
    return change;
}

Change QuestionQueue::on_message(const ChatMessage& m) {
    Change change;
    if (m.id.empty() || !seen_.add(m.id))
        return change; // a message seen before (a replay after a reconnect)
    const std::string_view text = trim(m.text);
    const std::string platform = m.platform;
    // Votes: "+1" replying to a question, or "!up N".
    if (text == "+1" || starts_with_ci(text, "+1 ")) {
        if (m.reply_to)
            if (Question* q = by_message(*m.reply_to); q && q->platform() == platform)
                change.queue = vote(*q, m.author_id);
        return change;
    }
    if (starts_with_ci(text, "!up")) {
        std::string_view number = trim(text.substr(3));
        if (!number.empty() && number.front() == '#')
            number.remove_prefix(1);
        int id = 0;
        const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), id);
        if (error == std::errc() && end == number.data() + number.size())
            if (Question* q = find_mutable(id))
                change.queue = vote(*q, m.author_id);
        return change;
    }
    std::string body;
    if (!is_question(text, body) || !allowed(m))
        return change;
    const std::string lower = lower_ascii(body);
    for (const std::string& word : settings_.blocklist)
        if (!word.empty() && lower.find(lower_ascii(word)) != std::string::npos) {
            ++blocked_;
            return change;
        }
    // The same question asked again: merged, and the asker's interest counts as a vote.
    if (Question* q = duplicate_of(body)) {
        q->add_merged_id(m.id);
        by_message_.assign(fingerprint_of(m.id), q->id);
        vote(*q, m.author_id);
        change.queue = true;
        return change;
    }
    Question q;
    q.id = next_id_++;
    q.set_message_id(m.id);
    q.set_platform(platform);
    q.set_author_id(m.author_id);
    q.set_author(m.name.empty() ? m.login : m.name);
    q.roles = m.roles;
    q.set_text(chat::make_safe(body, true).text);
    q.time = m.time;
    const bool trusted = (m.roles & (chat::kModerator | chat::kBroadcaster)) != 0;
    q.state = settings_.auto_approve_moderators && trusted ? State::approved : State::pending;
    append(std::move(q));
    drop_oldest();
    change.queue = true;
    return change;
}

std::string QuestionQueue::approve(int id, Change& change) {
    Question* q = find_mutable(id);
    if (!q)
        return "there is no question " + std::to_string(id);
    if (q->state == State::withdrawn)
        return "question " + std::to_string(id) +
               " was withdrawn in chat (deleted or its author "
               "banned) and cannot be approved";
    if (q->state == State::pending || q->state == State::dismissed) {
        set_state(*q, State::approved);
        change.queue = true;
    }
    return {};
}

std::string QuestionQueue::feature(std::optional<int> id, Change& change) {
    Question* q = nullptr;
    if (id) {
        q = find_mutable(*id);
        if (!q)
            return "there is no question " + std::to_string(*id);
        if (q->state == State::featured)
            return {};
        if (q->state != State::approved)
            return "question " + std::to_string(*id) + " is " + to_string(q->state) +
                   ": only approved questions go on screen";
    } else {
        // The first approved one in queue order, found without copying the others.
        const std::vector<const Question*> next = head(State::approved, 1, nullptr);
        if (!next.empty())
            q = find_mutable(next.front()->id);
        if (!q)
            return "no approved question is waiting";
    }
    if (Question* current = find_mutable(featured_); current && current->state == State::featured)
        set_state(*current, State::approved);
    set_state(*q, State::featured);
    featured_ = q->id;
    change.queue = change.featured = true;
    return {};
}

std::string QuestionQueue::hide(Change& change) {
    if (Question* current = find_mutable(featured_)) {
        if (current->state == State::featured)
            set_state(*current, State::approved);
        featured_ = 0;
        change.queue = change.featured = true;
    }
    return {};
}

std::string QuestionQueue::answered(std::optional<int> id, Change& change) {
    const int target = id.value_or(featured_);
    if (target == 0)
        return "no question is on screen: say which one was answered";
    Question* q = find_mutable(target);
    if (!q)
        return "there is no question " + std::to_string(target);
    if (q->state == State::withdrawn)
        return "question " + std::to_string(target) + " was withdrawn in chat";
    set_state(*q, State::answered);
    change.queue = true;
    if (featured_ == target) {
        featured_ = 0;
        change.featured = true;
    }
    return {};
}

std::string QuestionQueue::dismiss(int id, Change& change) {
    Question* q = find_mutable(id);
    if (!q)
        return "there is no question " + std::to_string(id);
    if (q->state == State::withdrawn)
        return {};
    set_state(*q, State::dismissed);
    change.queue = true;
    if (featured_ == id) {
        featured_ = 0;
        change.featured = true;
    }
    return {};
}

std::string QuestionQueue::pin(int id, bool pinned, Change& change) {
    Question* q = find_mutable(id);
    if (!q)
        return "there is no question " + std::to_string(id);
    if (q->pinned != pinned) {
        q->pinned = pinned;
        change.queue = true;
    }
    return {};
}

int QuestionQueue::add(std::string_view text, std::string_view label, chat::Clock::time_point now,
                       Change& change) {
    Question q;
    q.id = next_id_++;
    q.set_platform("room");
    // The label comes from a remote request: cleaned like a chat name (no control characters,
    // valid UTF-8, a name's length).
    const std::string author = chat::make_safe(trim(label), false, chat::kMaxNameCodePoints).text;
    q.set_author(author.empty() ? "from the room" : author);
    q.set_text(chat::make_safe(trim(text), true).text);
    q.state = State::approved; // a person typed it
    q.time = now;
    append(std::move(q));
    drop_oldest();
    change.queue = true;
    return next_id_ - 1;
}

} // namespace stagehand::core::questions
