#pragma once

#include "core/base/fingerprint_index.hpp"
#include "core/base/recent_ids.hpp"
#include "core/chat/chat_event.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The live question queue: chat messages that are questions, moderated by a person before any
// reaches the screen, voted up by viewers, withdrawn the moment chat deletes them. Pure logic:
// the control layer serialises access, persists it and publishes the featured question.
namespace stagehand::core::questions {

enum class State : std::uint8_t { pending, approved, featured, answered, dismissed, withdrawn };
const char* to_string(State state);
std::optional<State> state_from_string(std::string_view text);

// Texts packed back to back in one heap block, each after its length (a question's merged
// message ids or its voters), read as string_views. Owned by the Question it belongs to.
class PackedStrings {
public:
    class iterator {
    public:
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(const char* at, std::size_t left)
            : at_(at)
            , left_(left) {}
        std::string_view operator*() const;
        iterator& operator++();
        iterator operator++(int) {
            iterator before = *this;
            ++*this;
            return before;
        }
        bool operator==(const iterator& other) const { return left_ == other.left_; }

    private:
        const char* at_ = nullptr;
        std::size_t left_ = 0; // texts from here to the end
    };
    PackedStrings() = default;
    PackedStrings(const char* first, std::size_t count)
        : first_(first)
        , count_(count) {}
    iterator begin() const { return {first_, count_}; }
    iterator end() const { return {}; }
    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    bool contains(std::string_view text) const;
    std::vector<std::string> to_vector() const;

private:
    const char* first_ = nullptr;
    std::size_t count_ = 0;
};

// A question as the queue keeps it. A flood fills the queue with thousands, so a question is
// small: its five texts lie back to back in one heap block (a question with a string for each
// took some 400 bytes, this takes about 190 with a typical chat line), and the merged message
// ids and voters, which most questions have none or one of, in another that most leave empty
// (a vector of strings for each behind a pointer took 112 bytes for a question's one voter,
// this about 40). Texts are set once when a question is made; changing one rebuilds its block.
class Question {
public:
    int id = 0; // 1, 2, 3…: the number the dock and the overlay show ("!up 3")
    State state = State::pending;
    bool pinned = false;
    std::uint32_t roles = 0;
    int votes = 0;
    chat::Clock::time_point time{};

    Question() = default;
    Question(const Question& other);
    Question& operator=(const Question& other);
    Question(Question&&) noexcept = default;
    Question& operator=(Question&&) noexcept = default;
    ~Question() = default;

    // The chat message it came from; empty when typed in the dock.
    std::string_view message_id() const { return part(kMessageId); }
    // "twitch", "youtube", "discord", "demo" or "room" (typed in the dock).
    std::string_view platform() const { return part(kPlatform); }
    std::string_view author_id() const { return part(kAuthorId); }
    // Display name, or the label of a typed question ("from the room").
    std::string_view author() const { return part(kAuthor); }
    std::string_view text() const { return part(kText); }
    void set_message_id(std::string_view value) { set(kMessageId, value); }
    void set_platform(std::string_view value) { set(kPlatform, value); }
    void set_author_id(std::string_view value) { set(kAuthorId, value); }
    void set_author(std::string_view value) { set(kAuthor, value); }
    void set_text(std::string_view value) { set(kText, value); }

    // Near-identical messages merged into it, and the author ids that voted (one vote each).
    // Views into the question: valid until either list changes.
    PackedStrings merged_ids() const;
    PackedStrings voters() const;
    // The text must not lie in this question's own lists.
    void add_merged_id(std::string_view message);
    void add_voter(std::string_view author);
    void set_merged_ids(const std::vector<std::string>& messages);
    void set_voters(const std::vector<std::string>& authors);

    bool answered() const { return state == State::answered; }
    // Heap bytes this question holds beyond its own size (tests, cost figures).
    std::size_t heap_bytes() const;
    // The queue's edit number when it last handed this question out to be changed (see
    // QuestionQueue::edits): the journal looks again only at those changed since its last record.
    std::uint64_t edit() const { return edit_; }

private:
    friend class QuestionQueue;
    enum Part : std::uint8_t { kMessageId, kPlatform, kAuthorId, kAuthor, kText, kParts };
    std::string_view part(Part which) const;
    void set(Part which, std::string_view value);
    // Makes the lists block anew from these (empty for both: no block).
    void set_lists(const std::vector<std::string_view>& merged,
                   const std::vector<std::string_view>& voters);
    // Writes `text` (its length, then its bytes) at `offset` of the block, moving what lies
    // from there on along; the block grows to at least twice its size when full, so a popular
    // question's thousands of votes append in place instead of copying the list each time.
    void insert_text(std::size_t offset, std::string_view text);

    // Where each part ends in chars_ (a part starts where the one before it ends).
    std::array<std::uint32_t, kParts> ends_{};
    std::unique_ptr<char[]> chars_;
    // The lists: four counts of 4 bytes (merged ids, voters, bytes in use, bytes held), then
    // each merged id and each voter as its length (4 bytes) and its bytes. Null while both are
    // empty.
    std::unique_ptr<char[]> lists_;
    std::uint64_t edit_ = 0;
};

struct QueueSettings {
    enum class Detect { question_mark, prefix, every };
    Detect detect = Detect::question_mark;
    // Messages from moderators and the broadcaster skip the approval step.
    bool auto_approve_moderators = false;
    // Only these platforms (empty: all).
    std::vector<std::string> platforms;
    // Only authors holding one of these roles (0: anyone).
    std::uint32_t required_roles = 0;
    // Messages containing one of these words (case-insensitive) never become questions.
    std::vector<std::string> blocklist;
    // A featured question leaves the screen after this many seconds (0: it stays).
    int auto_hide_seconds = 0;
};

nlohmann::json to_json(const QueueSettings& settings);
// Reads settings; unknown or missing keys keep `base`'s values. Nothing, with `error` (by JSON
// pointer), when a value has the wrong type or range.
std::optional<QueueSettings> settings_from_json(const nlohmann::json& json,
                                                const QueueSettings& base, std::string& error);

// What a change did, so the caller knows what to publish and say.
struct Change {
    bool queue = false;    // the list changed (a question, a vote, a state)
    bool featured = false; // what is on screen changed
    bool instant = false;  // take it off screen now, without an animation (a withdrawal)
    explicit operator bool() const { return queue || featured; }
};

// Texts compared for near-duplicates are at most this long (normalized); longer ones only
// match exactly.
inline constexpr std::size_t kNearMaxLength = 400;

// A question's text as the duplicate check compares it: normalized, with how often each byte
// occurs (folded into 32 buckets, at most 255), which rules most pairs out at a glance.
struct QuestionKey {
    std::string text;
    std::array<std::uint8_t, 32> letters{};
    static QuestionKey of(std::string_view text);
};

class QuestionQueue {
public:
    explicit QuestionQueue(QueueSettings settings = {});

    // A chat event: a new question, a vote, a merge, or a withdrawal.
    Change on_chat(const chat::ChatEvent& event);

    // Moderation. Each returns an error a person can act on, or empty on success; `change` says
    // what happened. Nothing that is not approved can be featured.
    std::string approve(int id, Change& change);
    std::string feature(std::optional<int> id, Change& change); // none: the next approved
    std::string hide(Change& change);
    std::string answered(std::optional<int> id, Change& change); // none: the featured one
    std::string dismiss(int id, Change& change);
    std::string pin(int id, bool pinned, Change& change);
    // A question typed by the presenter or an assistant: approved at once, shown under `label`.
    int add(std::string_view text, std::string_view label, chat::Clock::time_point now,
            Change& change);

    // In queue order: pinned first, then the featured one, then open questions before those
    // done with (answered, dismissed, withdrawn); within each, most votes, then oldest.
    // The first `limit` of them; `matching` (when given) is how many there are in all.
    std::vector<Question> list(std::optional<State> state = std::nullopt,
                               std::size_t limit = static_cast<std::size_t>(-1),
                               std::size_t* matching = nullptr) const;
    // A number that changes when any of the first `limit` questions in queue order does (which
    // ones they are, their place, votes, state, pin or text) or the featured one does; `matching`
    // is how many questions there are. No copies: the dock compares it twice a second before
    // asking for the rows, which in a flood mostly change behind the head it shows.
    std::uint64_t head_fingerprint(std::size_t limit, std::size_t* matching = nullptr) const;
    // The same number and, only when it is not `known` (the one the caller shows), copies of
    // those questions into `rows`: one pass over the queue where asking for both took two.
    // True when `rows` was filled.
    bool head_rows(std::size_t limit, std::optional<std::uint64_t> known,
                   std::uint64_t& fingerprint, std::size_t& matching,
                   std::vector<Question>& rows) const;
    const Question* find(int id) const;
    const Question* featured() const;
    // Approved questions waiting (the overlay's "next up" count). Kept as a count: the chat
    // thread asks after every batch, with a flood's thousands in the queue.
    std::size_t waiting() const { return in_state_[static_cast<std::size_t>(State::approved)]; }
    // How many questions there are and how many wait in each moderation state (the dock asks
    // twice a second), kept as counts like waiting().
    struct Counts {
        std::size_t total = 0;
        std::size_t pending = 0;
        std::size_t approved = 0;
    };
    Counts counts() const;

    const QueueSettings& settings() const { return settings_; }
    void set_settings(QueueSettings settings) { settings_ = std::move(settings); }
    std::size_t blocked() const { return blocked_; }

    // The whole queue as JSON (format "stagehand.questions" version 1) and back. A file that
    // does not parse leaves the queue as it was and says why by JSON pointer.
    nlohmann::json to_json() const;
    bool from_json(const nlohmann::json& json, std::string& error);
    // Every question, by ascending id (what the file lists), and the two numbers it keeps
    // beside them; SavedQueue (saved_queue.hpp) writes the file from these.
    const std::deque<Question>& by_id() const { return questions_; }
    int next_id() const { return next_id_; }
    int featured_id() const { return featured_; }
    // Counts every time the queue handed a question out to be changed (or made, or loaded it),
    // and stamps the question with the count: a question whose edit() is not past the count a
    // reader saw has not changed since. Over-counts (a question looked at for a vote that was
    // refused), never misses. Unique to this queue's lifetime: every queue starts past the
    // counts of all queues made before it, so a queue replaced whole never looks unchanged.
    std::uint64_t edits() const { return edits_; }

    // For the blog post after the talk: every question that was asked, with author, platform,
    // votes, whether it was answered and when it was asked.
    std::string export_markdown(std::string_view title) const;
    std::string export_csv() const;

    // At most this many questions are kept; past it the oldest answered, dismissed and
    // withdrawn go first, then the oldest pending. Approved, featured and pinned ones stay.
    static constexpr std::size_t kMaxQuestions = 10000;
    // How many questions were dropped to stay within kMaxQuestions.
    std::size_t dropped() const { return dropped_; }

private:
    // The first `limit` (of those in `state`) in queue order, as pointers into the queue.
    std::vector<const Question*> head(std::optional<State> state, std::size_t limit,
                                      std::size_t* matching) const;
    std::uint64_t head_print(const std::vector<const Question*>& head) const;
    // The question with `id`, stamped as edited (every change goes through here, or through
    // touch directly).
    Question* find_mutable(int id);
    void touch(Question& q);
    Question* by_message(std::string_view message_id);
    // A typo'd repeat is looked for among this many newest questions: a repeat comes soon after
    // the first, and the search must cost the same however long the session's queue grows.
    static constexpr std::size_t kNearWindow = 256;
    // Message ids remembered against replays: more than a platform sends again (a YouTube page
    // holds at most 2,000 messages, a Discord resume replays what the gap missed, Twitch never
    // replays), two and a half minutes of a 10,000-a-minute flood. Its table fills 32,768 slots
    // to three quarters (50,000 took twice that, 0.9 MiB with the ring, 0.45 now).
    static constexpr std::size_t kRememberedIds = 25000;
    Question* duplicate_of(const std::string& body);
    // Every change of a question's state in the queue goes through here, so in_state_ stays true.
    void set_state(Question& q, State state);
    // Rebuilds the lookups and counts below from questions_ (after a load or a drop).
    void reindex();
    // Indexes a question whose normalized text has the fingerprint `text`.
    void index(const Question& q, std::uint64_t text);
    void append(Question q);
    void drop_oldest();
    bool is_question(std::string_view text, std::string& body) const;
    bool allowed(const chat::ChatMessage& m) const;
    bool vote(Question& q, const std::string& voter);
    Change on_message(const chat::ChatMessage& m);
    Change withdraw_if(const std::function<bool(const Question&)>& match);

    QueueSettings settings_;
    // In arrival order, so by ascending id. A deque: no spare capacity (a vector of a flood's
    // 10,000 questions held room for 16,384, 1.5 MiB unused) and no copying as it grows.
    std::deque<Question> questions_;
    // Lookups that keep a chat message's cost flat, by fingerprint (recent_ids.hpp), each hit
    // checked against the question it names: message ids (merged ones too) and the normalized
    // text of each question to its id, and who voted for which question. A flood's 10,000
    // questions kept the strings three more times.
    FingerprintIndex by_message_;
    FingerprintIndex by_text_;
    FingerprintIndex votes_{FingerprintIndex::Holds::keys}; // of id and voter
    // The near-duplicate keys of the newest kNearWindow questions, the last beside the last.
    std::deque<QuestionKey> recent_keys_;
    // How many questions are in each State (by its value).
    std::array<std::size_t, static_cast<std::size_t>(State::withdrawn) + 1> in_state_{};
    std::size_t dropped_ = 0;
    RecentIds seen_{kRememberedIds};
    int next_id_ = 1;
    int featured_ = 0;
    std::size_t blocked_ = 0;
    std::uint64_t edits_;
};

// Text reduced for comparing questions: lower case, no punctuation or spaces.
std::string normalized(std::string_view text);
// True when two questions say the same thing (same normalized text, or nearly: a typo or two).
bool near_identical(std::string_view a, std::string_view b);
// The same on keys made with QuestionKey::of (the queue keeps one per question).
bool near_identical(const QuestionKey& a, const QuestionKey& b);

// near_identical of one key against many (a new question against the queue's newest 256):
// where each byte lies in the key is worked out once, and each comparison is then a pass over
// the other text with a few word operations per byte (Myers' bit-parallel edit distance).
class NearMatcher {
public:
    // `key` must outlive the matcher.
    explicit NearMatcher(const QuestionKey& key);
    bool matches(const QuestionKey& other) const;

private:
    // The Levenshtein distance of the key's text and `text` is at most `limit`.
    bool within(std::string_view text, std::size_t limit) const;
    bool within_one_word(std::string_view text, std::size_t limit) const;

    static constexpr std::size_t kBits = 64;
    static constexpr std::size_t kMaxWords = (kNearMaxLength + kBits - 1) / kBits;
    const QuestionKey& key_;
    std::size_t words_ = 0; // of kBits of the key's text each
    // Per byte value, its row in where_ (0: the key does not hold it, a row of zeros); a row
    // has a bit set at each place of the key's text that holds that byte.
    std::array<std::uint16_t, 256> row_{};
    std::vector<std::uint64_t> where_;
};

} // namespace stagehand::core::questions
