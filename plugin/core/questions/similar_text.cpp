// When two questions say the same thing: the text compared (normalized, with its letter counts)
// and the edit distance behind the question queue's near-duplicate check.
#include "core/questions/question_queue.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core::questions {

std::string normalized(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            out += c; // letters of other scripts are kept as they are
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += c;
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        }
    }
    // Trailing question marks in other scripts are punctuation too.
    for (std::string_view mark : {"\xEF\xBC\x9F", "\xD8\x9F", "\xC2\xBF"})
        while (out.size() >= mark.size() && std::string_view(out).ends_with(mark))
            out.resize(out.size() - mark.size());
    return out;
}

NearMatcher::NearMatcher(const QuestionKey& key)
    : key_(key) {
    const std::string_view text = key.text;
    if (text.empty() || text.size() > kNearMaxLength)
        return; // compared exactly, if at all
    words_ = (text.size() + kBits - 1) / kBits;
    where_.assign(words_, 0); // row 0: bytes the key does not hold
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::uint16_t& row = row_[static_cast<unsigned char>(text[i])];
        if (row == 0) {
            row = static_cast<std::uint16_t>(where_.size() / words_);
            where_.resize(where_.size() + words_, 0);
        }
        where_[row * words_ + i / kBits] |= std::uint64_t{1} << (i % kBits);
    }
}

bool NearMatcher::matches(const QuestionKey& other) const {
    const QuestionKey& x = key_;
    const QuestionKey& y = other;
    if (x.text.empty() || y.text.empty())
        return false;
    // A typo or two in a longer question; short ones must match exactly ("why?" vs "who?").
    const std::size_t longer = std::max(x.text.size(), y.text.size());
    if (longer < 16 || longer > kNearMaxLength)
        return x.text == y.text;
    // The queue compares each new question with its newest 256 in a flood, so the cheapest
    // tests come first: the lengths, then the letter counts, then equal texts.
    const std::size_t limit = longer / 10;
    if ((x.text.size() > y.text.size() ? x.text.size() - y.text.size()
                                       : y.text.size() - x.text.size()) > limit)
        return false;
    // Each edit changes the letter counts by at most two, so texts whose counts differ by more
    // than twice the limit are further apart than it: most pairs end here, without the table.
    // (Summed as ints, so the compiler makes it a sum of absolute differences of bytes.)
    unsigned apart = 0;
    for (std::size_t i = 0; i < x.letters.size(); ++i)
        apart += static_cast<unsigned>(std::abs(int{x.letters[i]} - int{y.letters[i]}));
    if (apart > 2 * limit)
        return false;
    return x.text == y.text || within(y.text, limit);
}

// Myers' bit-parallel edit distance (J. ACM 46(3), 1999), in words of 64 rows: the table's
// rows are the key's bytes, one bit each, and each byte of `text` computes its next column
// from the one before as differences between neighbouring cells (+1 and -1 bits per row),
// where the table took a cell at a time. Templated questions in a flood ("question 12 about
// closures and 95031?") pass the cheaper tests, so this runs for most of the newest 256.
bool NearMatcher::within(std::string_view text, std::size_t limit) const {
    const std::size_t rows = key_.text.size();
    if (words_ == 1)
        return within_one_word(text, limit);
    std::array<std::uint64_t, kMaxWords> plus;  // rows whose cell is one more than above
    std::array<std::uint64_t, kMaxWords> minus; // and one less
    plus.fill(~std::uint64_t{0});               // column 0 counts 0, 1, 2, ... down
    minus.fill(0);
    const std::uint64_t last_row = std::uint64_t{1} << ((rows - 1) % kBits);
    const std::uint64_t top_bit = std::uint64_t{1} << (kBits - 1);
    std::size_t bottom = rows; // the last row's cell in the column done so far
    for (std::size_t column = 0; column < text.size(); ++column) {
        const std::uint64_t* equal =
            &where_[row_[static_cast<unsigned char>(text[column])] * words_];
        // The difference along the row above a word's rows (Myers' "hin"): the table's first
        // row counts 0, 1, 2, ... across; each word hands on the one along its own last row.
        int carry = 1;
        for (std::size_t w = 0; w < words_; ++w) {
            const std::uint64_t pv = plus[w], mv = minus[w];
            const std::uint64_t in_minus = carry < 0 ? 1 : 0;
            const std::uint64_t in_plus = carry > 0 ? 1 : 0;
            const std::uint64_t eq = equal[w] | in_minus;
            const std::uint64_t xv = equal[w] | mv;
            const std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
            std::uint64_t ph = mv | ~(xh | pv); // the column grows by one along these rows
            std::uint64_t mh = pv & xh;         // shrinks by one
            const std::uint64_t high = w + 1 == words_ ? last_row : top_bit;
            carry = (ph & high) ? 1 : (mh & high) ? -1 : 0;
            ph = (ph << 1) | in_plus;
            mh = (mh << 1) | in_minus;
            plus[w] = mh | ~(xv | ph);
            minus[w] = ph & xv;
        }
        bottom = carry > 0 ? bottom + 1 : carry < 0 ? bottom - 1 : bottom;
        // The last row changes by at most one a column: past this it cannot come back.
        if (bottom > limit + (text.size() - column - 1))
            return false;
    }
    return bottom <= limit;
}

// The same for a key of at most 64 bytes (most questions), the words' loop and its carries
// left out: the first row's +1 is the only one that comes in.
bool NearMatcher::within_one_word(std::string_view text, std::size_t limit) const {
    std::uint64_t plus = ~std::uint64_t{0};
    std::uint64_t minus = 0;
    const std::uint64_t last_row = std::uint64_t{1} << (key_.text.size() - 1);
    std::size_t bottom = key_.text.size();
    for (std::size_t column = 0; column < text.size(); ++column) {
        const std::uint64_t eq = where_[row_[static_cast<unsigned char>(text[column])]];
        const std::uint64_t xv = eq | minus;
        const std::uint64_t xh = (((eq & plus) + plus) ^ plus) | eq;
        std::uint64_t ph = minus | ~(xh | plus);
        std::uint64_t mh = plus & xh;
        bottom += (ph & last_row) ? 1 : 0;
        bottom -= (mh & last_row) ? 1 : 0;
        ph = (ph << 1) | 1;
        mh <<= 1;
        plus = mh | ~(xv | ph);
        minus = ph & xv;
        if (bottom > limit + (text.size() - column - 1))
            return false;
    }
    return bottom <= limit;
}

bool near_identical(const QuestionKey& x, const QuestionKey& y) {
    return NearMatcher(x).matches(y);
}

QuestionKey QuestionKey::of(std::string_view text) {
    QuestionKey key;
    key.text = normalized(text);
    for (const char c : key.text) {
        // Bytes folded into 32 buckets: merged counts still bound the distance from below.
        std::uint8_t& count = key.letters[static_cast<unsigned char>(c) % key.letters.size()];
        if (count < 255)
            ++count;
    }
    return key;
}

bool near_identical(std::string_view a, std::string_view b) {
    return near_identical(QuestionKey::of(a), QuestionKey::of(b));
}

} // namespace stagehand::core::questions
