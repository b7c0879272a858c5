#include "core/code/line_ranges.hpp"

#include <algorithm>
#include <charconv>

namespace stagehand::core::code {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool parse_number(std::string_view s, std::size_t& out) {
    s = trim(s);
    if (s.empty())
        return false;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size() && out >= 1;
}

} // namespace

bool LineSet::contains(std::size_t line) const {
    return std::any_of(ranges_.begin(), ranges_.end(),
                       [&](const auto& r) { return line >= r.first && line <= r.second; });
}

std::size_t LineSet::first() const {
    std::size_t f = 0;
    for (const auto& r : ranges_)
        f = f == 0 ? r.first : std::min(f, r.first);
    return f;
}

std::size_t LineSet::last() const {
    std::size_t l = 0;
    for (const auto& r : ranges_)
        l = std::max(l, r.second);
    return l;
}

void LineSet::add(std::size_t from, std::size_t to) {
    ranges_.emplace_back(std::min(from, to), std::max(from, to));
}

std::optional<LineSet> parse_line_set(std::string_view text, std::string& error) {
    LineSet set;
    text = trim(text);
    if (text.empty())
        return set;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string_view item = trim(text.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        const std::size_t dash = item.find('-');
        std::size_t from = 0, to = 0;
        const bool ok = dash == std::string_view::npos
                            ? parse_number(item, from) && (to = from, true)
                            : parse_number(item.substr(0, dash), from) &&
                                  parse_number(item.substr(dash + 1), to);
        if (!ok) {
            error = "\"" + std::string(item) + "\": expected a line number or a range like 3-5";
            return std::nullopt;
        }
        set.add(from, to);
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return set;
}

std::optional<std::vector<LineSet>> parse_steps(std::string_view text, std::string& error) {
    std::vector<LineSet> steps;
    if (trim(text).empty())
        return steps;
    std::size_t start = 0;
    for (std::size_t index = 1;; ++index) {
        const std::size_t bar = text.find('|', start);
        const std::string_view part = text.substr(
            start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
        std::string why;
        auto set = parse_line_set(part, why);
        if (!set || set->empty()) {
            error = "step " + std::to_string(index) + ": " +
                    (set ? std::string("is empty (expected lines like 1-3)") : why);
            return std::nullopt;
        }
        steps.push_back(std::move(*set));
        if (bar == std::string_view::npos)
            break;
        start = bar + 1;
    }
    return steps;
}

} // namespace stagehand::core::code
