#include "core/highlight/highlighter.hpp"

#include "core/highlight/grammar_table.hpp"

#include <tree_sitter/api.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstring>

namespace stagehand::core::highlight {

namespace {

enum class PredicateKind { Eq, NotEq, Match, NotMatch, AnyOf, NotAnyOf };

struct Predicate {
    PredicateKind kind = PredicateKind::Eq;
    std::uint32_t capture = 0;
    // Eq: compare with another capture (second_capture >= 0) or with a literal.
    std::int64_t second_capture = -1;
    std::vector<std::string> literals;
    URegularExpression* regex = nullptr;
};

// Lua patterns (#lua-match?) in the few queries that use them: translate the classes they use
// to ICU regex syntax.
std::string lua_to_regex(std::string_view lua) {
    std::string out;
    for (std::size_t i = 0; i < lua.size(); ++i) {
        if (lua[i] == '%' && i + 1 < lua.size()) {
            const char c = lua[++i];
            switch (c) {
            case 'a':
                out += "[A-Za-z]";
                break;
            case 'd':
                out += "\\d";
                break;
            case 'l':
                out += "[a-z]";
                break;
            case 'u':
                out += "[A-Z]";
                break;
            case 's':
                out += "\\s";
                break;
            case 'w':
                out += "[A-Za-z0-9]";
                break;
            case 'x':
                out += "[A-Fa-f0-9]";
                break;
            case 'p':
                out += "[[:punct:]]";
                break;
            default:
                out += '\\';
                out += c;
                break;
            }
        } else {
            out += lua[i];
        }
    }
    return out;
}

URegularExpression* compile_regex(const std::string& pattern) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    UText* text =
        utext_openUTF8(nullptr, pattern.data(), static_cast<std::int64_t>(pattern.size()), &status);
    URegularExpression* re = uregex_openUText(text, 0, &parse_error, &status);
    utext_close(text);
    if (U_FAILURE(status)) {
        if (re)
            uregex_close(re);
        return nullptr;
    }
    return re;
}

bool regex_finds(URegularExpression* re, std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut =
        utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &status);
    uregex_setUText(re, ut, &status);
    const bool found = U_SUCCESS(status) && uregex_find(re, 0, &status) && U_SUCCESS(status);
    uregex_setText(re, u"", 0, &status); // drop the reference to `ut` before closing it
    utext_close(ut);
    return found;
}

std::string_view node_text(TSNode node, std::string_view source) {
    const std::uint32_t b = ts_node_start_byte(node), e = ts_node_end_byte(node);
    return e <= source.size() && b <= e ? source.substr(b, e - b) : std::string_view{};
}

} // namespace

struct Highlighter::Compiled {
    TSParser* parser = nullptr;
    TSQuery* query = nullptr;
    std::vector<std::string> capture_names;
    std::vector<bool> capture_ignored; // internal (_x), locals, injections: not colours
    std::vector<std::vector<Predicate>> predicates; // per pattern
    std::string error;

    ~Compiled() {
        for (auto& list : predicates)
            for (Predicate& p : list)
                if (p.regex)
                    uregex_close(p.regex);
        if (query)
            ts_query_delete(query);
        if (parser)
            ts_parser_delete(parser);
    }
};

Highlighter::Highlighter() = default;
Highlighter::~Highlighter() = default;

Highlighter::Compiled* Highlighter::compiled(const LanguageInfo& language, std::string& error) {
    auto it = cache_.find(language.id);
    if (it != cache_.end()) {
        error = it->second->error;
        return it->second->error.empty() ? it->second.get() : nullptr;
    }
    auto c = std::make_unique<Compiled>();
    const GrammarEntry& grammar = *language.grammar;
    const TSLanguage* ts_language = grammar.language();
    c->parser = ts_parser_new();
    if (!ts_parser_set_language(c->parser, ts_language)) {
        c->error = std::string(grammar.package) + ": grammar ABI " +
                   std::to_string(ts_language_abi_version(ts_language)) +
                   " is not supported by this tree-sitter";
    } else {
        std::string source;
        for (const char* const* piece = grammar.query_pieces; *piece; ++piece)
            source += *piece;
        std::uint32_t offset = 0;
        TSQueryError query_error = TSQueryErrorNone;
        c->query = ts_query_new(ts_language, source.data(),
                                static_cast<std::uint32_t>(source.size()), &offset, &query_error);
        if (!c->query) {
            const std::size_t line = static_cast<std::size_t>(
                std::count(source.begin(),
                           source.begin() + std::min<std::size_t>(offset, source.size()), '\n') +
                1);
            c->error = std::string(grammar.package) + ": highlight query error " +
                       std::to_string(static_cast<int>(query_error)) + " at line " +
                       std::to_string(line);
        }
    }
    if (c->query) {
        const std::uint32_t captures = ts_query_capture_count(c->query);
        for (std::uint32_t i = 0; i < captures; ++i) {
            std::uint32_t len = 0;
            const char* name = ts_query_capture_name_for_id(c->query, i, &len);
            std::string n(name, len);
            const bool ignored = n.empty() || n[0] == '_' || n.rfind("local", 0) == 0 ||
                                 n.rfind("injection", 0) == 0 || n == "spell" || n == "nospell";
            c->capture_names.push_back(std::move(n));
            c->capture_ignored.push_back(ignored);
        }
        const std::uint32_t patterns = ts_query_pattern_count(c->query);
        c->predicates.resize(patterns);
        for (std::uint32_t p = 0; p < patterns; ++p) {
            std::uint32_t count = 0;
            const TSQueryPredicateStep* steps =
                ts_query_predicates_for_pattern(c->query, p, &count);
            std::uint32_t i = 0;
            while (i < count) {
                std::uint32_t end = i;
                while (end < count && steps[end].type != TSQueryPredicateStepTypeDone)
                    ++end;
                auto string_at = [&](std::uint32_t k) {
                    std::uint32_t len = 0;
                    const char* s = ts_query_string_value_for_id(c->query, steps[k].value_id, &len);
                    return std::string(s, len);
                };
                if (end > i + 1 && steps[i].type == TSQueryPredicateStepTypeString &&
                    steps[i + 1].type == TSQueryPredicateStepTypeCapture) {
                    const std::string name = string_at(i);
                    Predicate pred;
                    pred.kind = PredicateKind::Eq;
                    pred.capture = steps[i + 1].value_id;
                    bool known = true;
                    if (name == "eq?" || name == "not-eq?" || name == "any-eq?") {
                        pred.kind = name == "not-eq?" ? PredicateKind::NotEq : PredicateKind::Eq;
                        if (end > i + 2 && steps[i + 2].type == TSQueryPredicateStepTypeCapture)
                            pred.second_capture = steps[i + 2].value_id;
                        else if (end > i + 2)
                            pred.literals.push_back(string_at(i + 2));
                    } else if (name == "match?" || name == "not-match?" || name == "any-match?" ||
                               name == "lua-match?") {
                        pred.kind =
                            name == "not-match?" ? PredicateKind::NotMatch : PredicateKind::Match;
                        const std::string pattern =
                            end > i + 2 ? (name == "lua-match?" ? lua_to_regex(string_at(i + 2))
                                                                : string_at(i + 2))
                                        : std::string();
                        pred.regex = compile_regex(pattern);
                        known = pred.regex != nullptr;
                    } else if (name == "any-of?" || name == "not-any-of?") {
                        pred.kind =
                            name == "not-any-of?" ? PredicateKind::NotAnyOf : PredicateKind::AnyOf;
                        for (std::uint32_t k = i + 2; k < end; ++k)
                            pred.literals.push_back(string_at(k));
                    } else {
                        known = false; // #set!, #is?, ...: properties, not filters
                    }
                    if (known)
                        c->predicates[p].push_back(std::move(pred));
                }
                i = end + 1;
            }
        }
    }
    error = c->error;
    Compiled* result = c->error.empty() ? c.get() : nullptr;
    cache_.emplace(language.id, std::move(c));
    return result;
}

namespace {

bool satisfied(const std::vector<Predicate>& predicates, const TSQueryMatch& match,
               std::string_view source) {
    for (const Predicate& p : predicates) {
        for (std::uint16_t k = 0; k < match.capture_count; ++k) {
            if (match.captures[k].index != p.capture)
                continue;
            const std::string_view text = node_text(match.captures[k].node, source);
            bool ok = true;
            switch (p.kind) {
            case PredicateKind::Eq:
            case PredicateKind::NotEq: {
                bool equal = false;
                if (p.second_capture >= 0) {
                    for (std::uint16_t j = 0; j < match.capture_count; ++j)
                        if (match.captures[j].index == static_cast<std::uint32_t>(p.second_capture))
                            equal = node_text(match.captures[j].node, source) == text;
                } else {
                    equal = !p.literals.empty() && text == p.literals[0];
                }
                ok = (p.kind == PredicateKind::Eq) == equal;
                break;
            }
            case PredicateKind::Match:
            case PredicateKind::NotMatch:
                ok = (p.kind == PredicateKind::Match) == regex_finds(p.regex, text);
                break;
            case PredicateKind::AnyOf:
            case PredicateKind::NotAnyOf: {
                const bool any =
                    std::find(p.literals.begin(), p.literals.end(), text) != p.literals.end();
                ok = (p.kind == PredicateKind::AnyOf) == any;
                break;
            }
            }
            if (!ok)
                return false;
        }
    }
    return true;
}

} // namespace

HighlightResult Highlighter::highlight(const LanguageInfo& language, std::string_view source) {
    HighlightResult result;
    Compiled* c = compiled(language, result.error);
    if (!c)
        return result;
    TSTree* tree = ts_parser_parse_string(c->parser, nullptr, source.data(),
                                          static_cast<std::uint32_t>(source.size()));
    if (!tree) {
        result.error = "tree-sitter could not parse the text";
        return result;
    }
    const TSNode root = ts_tree_root_node(tree);
    result.has_syntax_errors = ts_node_has_error(root);

    struct Capture {
        std::uint32_t begin, end, pattern, name;
    };
    std::vector<Capture> captures;
    TSQueryCursor* cursor = ts_query_cursor_new();
    ts_query_cursor_exec(cursor, c->query, root);
    TSQueryMatch match;
    while (ts_query_cursor_next_match(cursor, &match)) {
        if (!satisfied(c->predicates[match.pattern_index], match, source))
            continue;
        for (std::uint16_t k = 0; k < match.capture_count; ++k) {
            const std::uint32_t index = match.captures[k].index;
            if (c->capture_ignored[index])
                continue;
            const TSNode node = match.captures[k].node;
            const std::uint32_t b = ts_node_start_byte(node), e = ts_node_end_byte(node);
            if (e > b)
                captures.push_back(Capture{b, e, match.pattern_index, index});
        }
    }
    ts_query_cursor_delete(cursor);
    ts_tree_delete(tree);

    // Paint from the outside in: larger ranges first, so nested captures overwrite them. For
    // the same node the later pattern wins, as in tree-sitter's highlighter: queries list the
    // general rule first ((identifier) @variable) and the refinements after it.
    std::stable_sort(captures.begin(), captures.end(), [](const Capture& a, const Capture& b) {
        const std::uint32_t la = a.end - a.begin, lb = b.end - b.begin;
        if (la != lb)
            return la > lb;
        return a.pattern < b.pattern;
    });
    constexpr std::uint32_t kNone = UINT32_MAX;
    std::vector<std::uint32_t> paint(source.size(), kNone);
    for (const Capture& cap : captures)
        std::fill(paint.begin() + cap.begin,
                  paint.begin() + std::min<std::size_t>(cap.end, source.size()),
                  c->capture_names[cap.name] == "none" ? kNone : cap.name);
    for (std::uint32_t i = 0; i < paint.size();) {
        if (paint[i] == kNone) {
            ++i;
            continue;
        }
        std::uint32_t j = i;
        while (j < paint.size() && paint[j] == paint[i])
            ++j;
        result.tokens.push_back(Token{i, j, c->capture_names[paint[i]]});
        i = j;
    }
    return result;
}

std::string describe(const std::vector<Token>& tokens, std::string_view source) {
    std::string out;
    for (const Token& t : tokens) {
        std::string text(source.substr(t.begin, t.end - t.begin));
        for (char& ch : text)
            if (ch == '\n')
                ch = ' ';
        out += t.capture + " '" + text + "'\n";
    }
    return out;
}

} // namespace stagehand::core::highlight
