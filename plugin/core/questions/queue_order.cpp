// The question queue in the order the dock, the overlay and remote panels show it: its head,
// the fingerprint of that head, and what is counted in place (see question_queue.hpp).
#include "core/questions/question_queue.hpp"

#include <algorithm>
#include <functional>

namespace stagehand::core::questions {

namespace {

// The featured question, then open ones, then those done with (answered, dismissed, withdrawn):
// the head of the queue is what the presenter can still act on.
int order_rank(State s) {
    switch (s) {
    case State::featured:
        return 0;
    case State::pending:
    case State::approved:
        return 1;
    default:
        return 2;
    }
}

bool before(const Question& a, const Question& b) {
    if (a.pinned != b.pinned)
        return a.pinned;
    if (order_rank(a.state) != order_rank(b.state))
        return order_rank(a.state) < order_rank(b.state);
    if (a.votes != b.votes)
        return a.votes > b.votes;
    if (a.time != b.time)
        return a.time < b.time;
    return a.id < b.id;
}

} // namespace

QuestionQueue::Counts QuestionQueue::counts() const {
    Counts c;
    c.total = questions_.size();
    c.pending = in_state_[static_cast<std::size_t>(State::pending)];
    c.approved = in_state_[static_cast<std::size_t>(State::approved)];
    return c;
}

std::vector<const Question*> QuestionQueue::head(std::optional<State> state, std::size_t limit,
                                                 std::size_t* matching) const {
    // Sorted as pointers and only as far as asked: the dock shows the head of a queue that may
    // hold thousands.
    std::vector<const Question*> order;
    order.reserve(questions_.size());
    for (const auto& q : questions_)
        if (!state || q.state == *state)
            order.push_back(&q);
    if (matching)
        *matching = order.size();
    const auto by_queue = [](const Question* a, const Question* b) {
        return before(*a, *b);
    };
    const std::size_t count = std::min(limit, order.size());
    const auto head_end = order.begin() + static_cast<std::ptrdiff_t>(count);
    std::partial_sort(order.begin(), head_end, order.end(), by_queue);
    order.resize(count);
    return order;
}

std::vector<Question> QuestionQueue::list(std::optional<State> state, std::size_t limit,
                                          std::size_t* matching) const {
    std::vector<Question> out;
    for (const Question* q : head(state, limit, matching))
        out.push_back(*q);
    return out;
}

std::uint64_t QuestionQueue::head_fingerprint(std::size_t limit, std::size_t* matching) const {
    return head_print(head(std::nullopt, limit, matching));
}

bool QuestionQueue::head_rows(std::size_t limit, std::optional<std::uint64_t> known,
                              std::uint64_t& fingerprint, std::size_t& matching,
                              std::vector<Question>& rows) const {
    const std::vector<const Question*> order = head(std::nullopt, limit, &matching);
    fingerprint = head_print(order);
    if (known && *known == fingerprint)
        return false;
    rows.clear();
    rows.reserve(order.size());
    for (const Question* q : order)
        rows.push_back(*q);
    return true;
}

std::uint64_t QuestionQueue::head_print(const std::vector<const Question*>& order) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ull;
    const auto mix = [&h](std::uint64_t v) {
        h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
        h *= 0xbf58476d1ce4e5b9ull;
    };
    const Question* on_stream = featured();
    mix(on_stream ? static_cast<std::uint64_t>(on_stream->id) : 0);
    for (const Question* q : order) {
        mix(static_cast<std::uint64_t>(q->id));
        mix(static_cast<std::uint64_t>(static_cast<std::uint32_t>(q->votes)));
        mix(static_cast<std::uint64_t>(q->state) << 1 | (q->pinned ? 1u : 0u));
        mix(std::hash<std::string_view>{}(q->text()));
    }
    return h;
}

} // namespace stagehand::core::questions
