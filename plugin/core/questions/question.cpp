#include "core/questions/question_queue.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace stagehand::core::questions {

namespace {

constexpr std::size_t kCountBytes = sizeof(std::uint32_t);
// The block's head: how many merged ids, how many voters, bytes in use, bytes held.
constexpr std::size_t kMerged = 0, kVoters = kCountBytes, kUsed = 2 * kCountBytes,
                      kHeld = 3 * kCountBytes, kHead = 4 * kCountBytes;

std::uint32_t read_count(const char* at) {
    std::uint32_t value = 0;
    std::memcpy(&value, at, sizeof value);
    return value;
}

void write_count(char*& at, std::size_t value) {
    const auto count = static_cast<std::uint32_t>(value);
    std::memcpy(at, &count, sizeof count);
    at += sizeof count;
}

void set_count(char* block, std::size_t field, std::size_t value) {
    char* at = block + field;
    write_count(at, value);
}

// Where the texts after `first` (`count` of them) end.
const char* skip(const char* first, std::size_t count) {
    while (count-- > 0)
        first += kCountBytes + read_count(first);
    return first;
}

// A list's bytes in the block (each text after its length).
std::size_t packed_size(const std::vector<std::string_view>& texts) {
    std::size_t bytes = 0;
    for (const std::string_view text : texts)
        bytes += kCountBytes + text.size();
    return bytes;
}

std::vector<std::string_view> views(const PackedStrings& texts) {
    return {texts.begin(), texts.end()};
}

std::vector<std::string_view> views(const std::vector<std::string>& texts) {
    return {texts.begin(), texts.end()};
}

} // namespace

Question::Question(const Question& other)
    : id(other.id)
    , state(other.state)
    , pinned(other.pinned)
    , roles(other.roles)
    , votes(other.votes)
    , time(other.time)
    , ends_(other.ends_)
    , edit_(other.edit_) {
    if (other.chars_ && ends_.back() > 0) {
        chars_ = std::make_unique<char[]>(ends_.back());
        std::memcpy(chars_.get(), other.chars_.get(), ends_.back());
    }
    if (other.lists_) {
        // A copy (the dock's rows, a snapshot) holds what is in use, no room to grow.
        const std::size_t used = read_count(other.lists_.get() + kUsed);
        lists_ = std::make_unique<char[]>(used);
        std::memcpy(lists_.get(), other.lists_.get(), used);
        set_count(lists_.get(), kHeld, used);
    }
}

std::string_view PackedStrings::iterator::operator*() const {
    return {at_ + kCountBytes, read_count(at_)};
}

PackedStrings::iterator& PackedStrings::iterator::operator++() {
    at_ += kCountBytes + read_count(at_);
    --left_;
    return *this;
}

bool PackedStrings::contains(std::string_view text) const {
    return std::find(begin(), end(), text) != end();
}

std::vector<std::string> PackedStrings::to_vector() const {
    return {begin(), end()};
}

Question& Question::operator=(const Question& other) {
    if (this != &other) {
        Question copy(other);
        *this = std::move(copy);
    }
    return *this;
}

std::string_view Question::part(Part which) const {
    const std::uint32_t begin = which == 0 ? 0 : ends_[which - 1];
    if (!chars_)
        return {};
    return std::string_view(chars_.get() + begin, ends_[which] - begin);
}

void Question::set(Part which, std::string_view value) {
    const std::uint32_t begin = which == 0 ? 0 : ends_[which - 1];
    const std::uint32_t old_size = ends_[which] - begin;
    // Chat texts are bounded by make_safe and saved queues by the store's 64 MiB, so this cut
    // never happens; it keeps the offsets valid without an exception on the chat thread.
    const std::size_t room = std::size_t{std::numeric_limits<std::uint32_t>::max()} -
                             (std::size_t{ends_.back()} - old_size);
    value = value.substr(0, std::min(value.size(), room));
    const std::size_t total = std::size_t{ends_.back()} - old_size + value.size();
    std::unique_ptr<char[]> chars = total > 0 ? std::make_unique<char[]>(total) : nullptr;
    std::array<std::uint32_t, kParts> ends{};
    std::uint32_t at = 0;
    for (int p = 0; p < kParts; ++p) {
        const std::string_view piece = p == which ? value : part(static_cast<Part>(p));
        if (!piece.empty())
            std::memcpy(chars.get() + at, piece.data(), piece.size());
        at += static_cast<std::uint32_t>(piece.size());
        ends[static_cast<std::size_t>(p)] = at;
    }
    chars_ = std::move(chars);
    ends_ = ends;
}

PackedStrings Question::merged_ids() const {
    if (!lists_)
        return {};
    return {lists_.get() + kHead, read_count(lists_.get() + kMerged)};
}

PackedStrings Question::voters() const {
    if (!lists_)
        return {};
    return {skip(lists_.get() + kHead, read_count(lists_.get() + kMerged)),
            read_count(lists_.get() + kVoters)};
}

void Question::set_lists(const std::vector<std::string_view>& merged,
                         const std::vector<std::string_view>& voters) {
    if (merged.empty() && voters.empty()) {
        lists_.reset();
        return;
    }
    const std::size_t bytes = kHead + packed_size(merged) + packed_size(voters);
    auto block = std::make_unique<char[]>(bytes);
    char* at = block.get();
    write_count(at, merged.size());
    write_count(at, voters.size());
    write_count(at, bytes);
    write_count(at, bytes);
    for (const auto* list : {&merged, &voters})
        for (const std::string_view text : *list) {
            write_count(at, text.size());
            if (!text.empty())
                std::memcpy(at, text.data(), text.size());
            at += text.size();
        }
    lists_ = std::move(block); // the views above may point into the old block until here
}

void Question::insert_text(std::size_t offset, std::string_view text) {
    const std::size_t used = read_count(lists_.get() + kUsed);
    const std::size_t need = used + kCountBytes + text.size();
    if (need > read_count(lists_.get() + kHeld)) {
        const std::size_t held = std::max(need, 2 * std::size_t{read_count(lists_.get() + kHeld)});
        auto grown = std::make_unique<char[]>(held);
        std::memcpy(grown.get(), lists_.get(), used);
        set_count(grown.get(), kHeld, held);
        lists_ = std::move(grown);
    }
    char* at = lists_.get() + offset;
    std::memmove(at + kCountBytes + text.size(), at, used - offset);
    write_count(at, text.size());
    if (!text.empty())
        std::memcpy(at, text.data(), text.size());
    set_count(lists_.get(), kUsed, need);
}

void Question::add_merged_id(std::string_view message) {
    if (!lists_) {
        set_lists({message}, {});
        return;
    }
    // After the last merged id, before the voters.
    const std::size_t merged = read_count(lists_.get() + kMerged);
    const auto offset = static_cast<std::size_t>(skip(lists_.get() + kHead, merged) - lists_.get());
    insert_text(offset, message);
    set_count(lists_.get(), kMerged, merged + 1);
}

void Question::add_voter(std::string_view author) {
    if (!lists_) {
        set_lists({}, {author});
        return;
    }
    insert_text(read_count(lists_.get() + kUsed), author); // at the end
    set_count(lists_.get(), kVoters, read_count(lists_.get() + kVoters) + 1);
}

void Question::set_merged_ids(const std::vector<std::string>& messages) {
    set_lists(views(messages), views(voters()));
}

void Question::set_voters(const std::vector<std::string>& authors) {
    set_lists(views(merged_ids()), views(authors));
}

std::size_t Question::heap_bytes() const {
    std::size_t bytes = ends_.back();
    if (lists_)
        bytes += read_count(lists_.get() + kHeld);
    return bytes;
}

} // namespace stagehand::core::questions
