#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core::code {

// A set of 1-based line numbers written the way presenters write them: "3-5,9".
class LineSet {
public:
    bool empty() const { return ranges_.empty(); }
    bool contains(std::size_t line) const;
    // The first and last lines of the set (1-based); 0 when empty.
    std::size_t first() const;
    std::size_t last() const;
    void add(std::size_t from, std::size_t to);

    friend bool operator==(const LineSet&, const LineSet&) = default;

private:
    std::vector<std::pair<std::size_t, std::size_t>> ranges_;
};

// Parses "3-5,9" (spaces allowed, empty = no lines). On error returns nullopt with what was
// wrong: "\"3-x\": expected a line number or a range like 3-5".
std::optional<LineSet> parse_line_set(std::string_view text, std::string& error);

// Parses a step list "1-3 | 4-6 | 8": one LineSet per step.
std::optional<std::vector<LineSet>> parse_steps(std::string_view text, std::string& error);

} // namespace stagehand::core::code
