#include "core/questions/question_queue.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace stagehand::core::questions {

namespace {

const std::vector<std::string>& no_strings() {
    static const std::vector<std::string> none;
    return none;
}

std::size_t strings_bytes(const std::vector<std::string>& strings) {
    std::size_t bytes = strings.capacity() * sizeof(std::string);
    for (const std::string& s : strings)
        if (s.capacity() > std::string().capacity()) // past the string's own buffer
            bytes += s.capacity() + 1;
    return bytes;
}

} // namespace

Question::Question(const Question& other)
    : id(other.id)
    , state(other.state)
    , pinned(other.pinned)
    , roles(other.roles)
    , votes(other.votes)
    , time(other.time)
    , ends_(other.ends_) {
    if (other.chars_ && ends_.back() > 0) {
        chars_ = std::make_unique<char[]>(ends_.back());
        std::memcpy(chars_.get(), other.chars_.get(), ends_.back());
    }
    if (other.extra_)
        extra_ = std::make_unique<Extra>(*other.extra_);
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

Question::Extra& Question::extra() {
    if (!extra_)
        extra_ = std::make_unique<Extra>();
    return *extra_;
}

const std::vector<std::string>& Question::merged_ids() const {
    return extra_ ? extra_->merged_ids : no_strings();
}

const std::vector<std::string>& Question::voters() const {
    return extra_ ? extra_->voters : no_strings();
}

void Question::add_merged_id(std::string message) {
    extra().merged_ids.push_back(std::move(message));
}

void Question::add_voter(std::string author) {
    extra().voters.push_back(std::move(author));
}

void Question::set_merged_ids(std::vector<std::string> messages) {
    if (messages.empty() && !extra_)
        return;
    extra().merged_ids = std::move(messages);
}

void Question::set_voters(std::vector<std::string> authors) {
    if (authors.empty() && !extra_)
        return;
    extra().voters = std::move(authors);
}

std::size_t Question::heap_bytes() const {
    std::size_t bytes = ends_.back();
    if (extra_)
        bytes += sizeof(Extra) + strings_bytes(extra_->merged_ids) + strings_bytes(extra_->voters);
    return bytes;
}

} // namespace stagehand::core::questions
