#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace stagehand::core::highlight {

// A compiled #match? pattern of a highlight query (Rust-style regular expressions, as
// tree-sitter's own CLI reads them; the pinned grammars use only the common subset: anchors,
// classes, \d, \s, alternation). Two engines sit behind this one seam, chosen when the build is
// configured: ICU's where ICU is part of the build (Linux; a native Windows build can link
// Windows' own icu.dll), the C++ library's ECMAScript engine where it is not (the MinGW build
// of the portable layers). A test runs every pinned grammar's patterns through whichever engine
// is built, so a pattern one engine cannot read is caught, not silently dropped.
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
    // engine answers false for a text over 1 KiB (its search recurses once per character).
    bool finds(std::string_view text);

private:
    struct Impl;
    explicit QueryRegex(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace stagehand::core::highlight
