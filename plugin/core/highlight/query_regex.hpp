#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace stagehand::core::highlight {

// A compiled #match? pattern of a highlight query (Rust-style regular expressions, as
// tree-sitter's own CLI reads them; the pinned grammars use only the common subset: anchors,
// classes, \d, alternation, every pattern anchored at the start). Two engines sit behind this
// one seam, chosen when the build is configured: the C++ library's ECMAScript engine by default,
// ICU's with -DSTAGEHAND_QUERY_REGEX=icu. The default was ICU's until 2026-12-08: its regex
// engine brought about half a MiB of libicui18n's code into OBS's resident memory for patterns
// that test identifiers (the whole show, issue #20), where the C++ library's engine is a few
// templates in the module; what it gives up is spelled out at finds(). A test runs every pinned
// grammar's patterns through whichever engine is built, so a pattern one engine cannot read is
// caught, not silently dropped.
class QueryRegex {
public:
    // nullptr when the engine cannot read `pattern`.
    static std::unique_ptr<QueryRegex> compile(const std::string& pattern);
    // "icu" or "std".
    static const char* engine();

    ~QueryRegex();
    QueryRegex(const QueryRegex&) = delete;
    QueryRegex& operator=(const QueryRegex&) = delete;

    // Whether the pattern matches anywhere in `text` (UTF-8). Safe from several threads at once
    // (every highlighter shares a grammar's compiled queries): ICU's expression keeps the state
    // of a search, so searches of one expression take turns; std::regex is only read. The "std"
    // engine reads bytes, not code points (a class such as [A-Z] or \d matches ASCII alone, as
    // the grammars' patterns mean it on identifiers), and answers false for a text over 1 KiB
    // (its search recurses once per character): the patterns test identifiers, tag names and
    // numbers, never that long.
    bool finds(std::string_view text);

private:
    struct Impl;
    explicit QueryRegex(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace stagehand::core::highlight
