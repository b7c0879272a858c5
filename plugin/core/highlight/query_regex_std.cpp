// QueryRegex over the C++ library's ECMAScript engine (the default: query_regex.hpp). It reads
// bytes, not code points: a class such as [A-Z] or \d behaves as in ICU on the ASCII the pinned
// grammars' patterns test; a pattern with Unicode properties (\p{Lu}) or look-behind does not
// compile here and is reported by QueryRegex::compile returning nullptr.
#include "core/highlight/query_regex.hpp"

#include <regex>

namespace stagehand::core::highlight {

struct QueryRegex::Impl {
    std::regex regex;
};

QueryRegex::QueryRegex(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
QueryRegex::~QueryRegex() = default;

const char* QueryRegex::engine() {
    return "std";
}

std::unique_ptr<QueryRegex> QueryRegex::compile(const std::string& pattern) {
    try {
        auto impl = std::make_unique<Impl>();
        impl->regex = std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
        return std::unique_ptr<QueryRegex>(new QueryRegex(std::move(impl)));
    } catch (const std::regex_error&) {
        return nullptr;
    }
}

bool QueryRegex::finds(std::string_view text) {
    // libstdc++ searches by recursion, one stack frame per character for a pattern such as
    // "^[a-z][^.]*$": a capture the size of a long string or comment would overflow a worker's
    // stack (a crash, not an exception). The pinned grammars test identifiers and short
    // literals; a longer capture does not match here.
    constexpr std::size_t kLongest = 1024;
    if (text.size() > kLongest)
        return false;
    try {
        return std::regex_search(text.begin(), text.end(), impl_->regex);
    } catch (const std::regex_error&) {
        return false; // too complex for the engine on this text (error_complexity/error_stack)
    }
}

} // namespace stagehand::core::highlight
