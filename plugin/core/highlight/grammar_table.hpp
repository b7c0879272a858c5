#pragma once

#include <vector>

struct TSLanguage;

namespace stagehand::core::highlight {

// One compiled tree-sitter grammar and its highlight query, as pinned in buildspec.json. The
// table is generated at configure time (cmake/TreeSitter.cmake): parser and query always come
// from the same package version.
struct GrammarEntry {
    const char* id;
    const TSLanguage* (*language)();
    const char* const* query_pieces;     // null-terminated; concatenated, they are the query
    const char* const* injection_pieces; // the injection query the same way (may be empty)
    const char* package;                 // "name@version", for messages
    bool injected_only;                  // only inside other languages (Markdown's inline)
};

// The grammar with this id, or nullptr.
const GrammarEntry* find_grammar(const char* id);

const std::vector<GrammarEntry>& grammar_table();

} // namespace stagehand::core::highlight
