#pragma once

// A highlight or injection query compiled for one grammar, with what its patterns say beyond the
// nodes: the predicates that filter matches (#eq?, #match?, #any-of?, their negations) and the
// #set! properties. Used by the highlighter (highlighter.cpp); internal to core/highlight.
#include "core/highlight/grammar_table.hpp"
#include "core/highlight/query_regex.hpp"

#include <tree_sitter/api.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core::highlight {

enum class PredicateKind { Eq, NotEq, Match, NotMatch, AnyOf, NotAnyOf };

struct Predicate {
    PredicateKind kind = PredicateKind::Eq;
    std::uint32_t capture = 0;
    // Eq: compare with another capture (second_capture >= 0) or with a literal.
    std::int64_t second_capture = -1;
    std::vector<std::string> literals;
    std::unique_ptr<QueryRegex> regex;
};

// A compiled query with what its patterns say beyond the nodes: the predicates that filter
// matches, and the #set! properties (injection.language, injection.combined, ...).
struct Query {
    TSQuery* query = nullptr;
    std::vector<std::string> capture_names;
    std::vector<std::vector<Predicate>> predicates;           // per pattern
    std::vector<std::map<std::string, std::string>> settings; // per pattern

    Query() = default;
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    std::vector<std::string> unreadable_patterns; // #match? patterns the regex engine refused
    ~Query() {
        if (query)
            ts_query_delete(query);
    }
};

// Compiles the concatenated `pieces` for `language`; on failure says why in `error` (with the
// query's line) and leaves the query null.
void compile_query(const TSLanguage* language, const char* const* pieces, const char* what,
                   const GrammarEntry& grammar, Query& q, std::string& error);

// Whether a match passes its pattern's predicates.
bool satisfied(const std::vector<Predicate>& predicates, const TSQueryMatch& match,
               std::string_view source);

// The source text a node covers (empty when it lies outside `source`).
std::string_view node_text(TSNode node, std::string_view source);

} // namespace stagehand::core::highlight
