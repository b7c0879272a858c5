// When two questions say the same thing: the text compared (normalized, with its letter counts)
// and the bounded edit distance behind the question queue's near-duplicate check.
#include "core/questions/question_queue.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core::questions {

namespace {

// Levenshtein distance, or limit + 1 when it is more than `limit`. Only the band of cells within
// `limit` of the diagonal can stay under it, so only they are computed: O(length x limit).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t far = limit + 1;
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit)
        return far;
    // One row of the table, kept per thread: a flood compares each question with hundreds.
    thread_local std::vector<std::size_t> row;
    row.assign(b.size() + 1, far);
    for (std::size_t j = 0; j <= std::min(b.size(), limit); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        const std::size_t lo = i > limit ? i - limit : 1;
        const std::size_t hi = std::min(b.size(), i + limit);
        if (lo > hi)
            return far;
        std::size_t diagonal = row[lo - 1];
        row[lo - 1] = lo == 1 && i <= limit ? i : far; // this row's cell left of the band
        std::size_t best = row[lo - 1];
        for (std::size_t j = lo; j <= hi; ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({up + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1]), far});
            diagonal = up;
            best = std::min(best, row[j]);
        }
        if (best > limit)
            return far; // already too far apart
    }
    return row[b.size()];
}

} // namespace

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

bool near_identical(const QuestionKey& x, const QuestionKey& y) {
    if (x.text.empty() || y.text.empty())
        return false;
    // A typo or two in a longer question; short ones must match exactly ("why?" vs "who?").
    const std::size_t longer = std::max(x.text.size(), y.text.size());
    if (longer < 16 || longer > 400)
        return x.text == y.text;
    // The queue compares each new question with its newest 256 in a flood, so the cheapest
    // tests come first: the lengths, then the letter counts (equal texts pass both and the
    // table, which then costs nothing past the band).
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
    return x.text == y.text || edit_distance(x.text, y.text, limit) <= limit;
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
