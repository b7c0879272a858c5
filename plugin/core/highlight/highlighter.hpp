#pragma once

#include "core/highlight/languages.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct TSParser;
struct TSRange;

namespace stagehand::core::highlight {

// A highlighted range of the source, in UTF-8 bytes [begin, end), with the query's capture
// name ("keyword", "function.method", "string.special", ...). Tokens do not overlap, are
// sorted, and leave out text no capture covers.
struct Token {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::string capture;

    friend bool operator==(const Token&, const Token&) = default;
};

struct HighlightResult {
    std::vector<Token> tokens;
    std::string error; // empty on success; otherwise what failed (the text stays unhighlighted)
    bool has_syntax_errors = false; // the parser recovered from errors (half-typed code)
};

// Parses with tree-sitter and runs the grammar's highlight query, then its injection query
// (fenced code in Markdown, <script> in HTML, css`...` in JavaScript), painting each injected
// language over its range, evaluating the predicates the
// queries use (#eq?, #match?, #any-of? and their not- forms, #lua-match?). Where captures nest,
// the innermost wins; for the same node the later pattern wins, as in tree-sitter's own
// highlighter. Not thread-safe: one per thread (each keeps its parsers); the compiled queries are
// shared by all of them, made once per grammar in the process.
class Highlighter {
public:
    Highlighter();
    ~Highlighter();
    Highlighter(const Highlighter&) = delete;
    Highlighter& operator=(const Highlighter&) = delete;

    // The last few results are remembered (kRemembered, texts up to kRememberedBytes): a code
    // step, a theme or a card's size changes what a snippet looks like but not its tokens, and
    // parsing it again would read the grammar's parse tables again after memory::trim_if_due
    // gave their pages back.
    HighlightResult highlight(const LanguageInfo& language, std::string_view source);
    static constexpr std::size_t kRemembered = 4;
    static constexpr std::size_t kRememberedBytes = 64 * 1024;
    // How many texts this highlighter parsed to highlight them (tests).
    std::size_t parses() const { return parses_; }

    // The language of a snippet nobody named: telling first lines decide at once (a shebang,
    // `<?php`, `#include`); otherwise the start of the text is parsed with each strict grammar
    // and the one that leaves the least of it in error wins, the first-line guess breaking
    // ties (TypeScript annotations are errors to JavaScript, C++ classes to C, `=>` bodies to
    // neither C# nor Java). nullptr when every grammar rejects much of it (prose). The last
    // answer is remembered, so re-applying unchanged text costs nothing.
    const LanguageInfo* detect(std::string_view text);

    // How many bytes of `text` a grammar's parse leaves in ERROR nodes, plus one per MISSING
    // node it had to invent.
    std::size_t error_bytes(const LanguageInfo& language, std::string_view text);

    // The #match? patterns of a language's queries (its injection query's too) that this build's
    // regular-expression engine cannot read (QueryRegex). Such a predicate is left out, so its
    // pattern colours more than the grammar meant: a test keeps this empty for every pinned
    // grammar on each engine. A query that does not compile is returned as its error.
    std::vector<std::string> unreadable_patterns(const LanguageInfo& language);

    // How many times this process compiled a grammar's queries: once per grammar while any
    // highlighter uses it (tests).
    static std::size_t queries_compiled() noexcept;

private:
    struct Compiled;
    struct Canvas;
    Compiled* compiled(const GrammarEntry& grammar, std::string& error);
    // Parses `ranges` of the source (all of it when empty) and paints its captures, then its
    // injections, onto `canvas`.
    bool paint(Compiled& c, std::string_view source, const std::vector<TSRange>& ranges,
               Canvas& canvas, int depth, HighlightResult& result);

    std::map<std::string_view, std::unique_ptr<Compiled>> cache_;
    struct ParserDeleter {
        void operator()(TSParser* p) const noexcept;
    };
    std::map<std::string_view, std::unique_ptr<TSParser, ParserDeleter>> parsers_; // detect()
    std::string detected_for_; // the text head the last detect() answered for
    const LanguageInfo* detected_ = nullptr;
    struct Remembered {
        const GrammarEntry* grammar = nullptr;
        std::string source;
        HighlightResult result;
    };
    std::vector<Remembered> remembered_; // the most recent first
    std::size_t parses_ = 0;
};

// Readable form for goldens: one line per token, "capture 'text'".
std::string describe(const std::vector<Token>& tokens, std::string_view source);

} // namespace stagehand::core::highlight
