#include "core/highlight/compiled_query.hpp"

#include <algorithm>
#include <cstring>

namespace stagehand::core::highlight {

namespace {

// Lua patterns (#lua-match?) in the few queries that use them: translate the classes they use
// to the regular-expression syntax both QueryRegex engines read.
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

} // namespace

std::string_view node_text(TSNode node, std::string_view source) {
    const std::uint32_t b = ts_node_start_byte(node), e = ts_node_end_byte(node);
    return e <= source.size() && b <= e ? source.substr(b, e - b) : std::string_view{};
}

void compile_query(const TSLanguage* language, const char* const* pieces, const char* what,
                   const GrammarEntry& grammar, Query& q, std::string& error) {
    std::string source;
    for (const char* const* piece = pieces; *piece; ++piece)
        source += *piece;
    std::uint32_t offset = 0;
    TSQueryError query_error = TSQueryErrorNone;
    q.query = ts_query_new(language, source.data(), static_cast<std::uint32_t>(source.size()),
                           &offset, &query_error);
    if (!q.query) {
        const std::size_t line = static_cast<std::size_t>(
            std::count(source.begin(),
                       source.begin() + std::min<std::size_t>(offset, source.size()), '\n') +
            1);
        error = std::string(grammar.package) + ": " + what + " query error " +
                std::to_string(static_cast<int>(query_error)) + " at line " + std::to_string(line);
        return;
    }
    const std::uint32_t captures = ts_query_capture_count(q.query);
    for (std::uint32_t i = 0; i < captures; ++i) {
        std::uint32_t len = 0;
        const char* name = ts_query_capture_name_for_id(q.query, i, &len);
        q.capture_names.emplace_back(name, len);
    }
    const std::uint32_t patterns = ts_query_pattern_count(q.query);
    q.predicates.resize(patterns);
    q.settings.resize(patterns);
    for (std::uint32_t p = 0; p < patterns; ++p) {
        std::uint32_t count = 0;
        const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(q.query, p, &count);
        std::uint32_t i = 0;
        while (i < count) {
            std::uint32_t end = i;
            while (end < count && steps[end].type != TSQueryPredicateStepTypeDone)
                ++end;
            auto string_at = [&](std::uint32_t k) {
                std::uint32_t len = 0;
                const char* str = ts_query_string_value_for_id(q.query, steps[k].value_id, &len);
                return std::string(str, len);
            };
            const bool named = end > i + 1 && steps[i].type == TSQueryPredicateStepTypeString;
            if (named && steps[i + 1].type == TSQueryPredicateStepTypeString &&
                string_at(i) == "set!") {
                // A property: (#set! injection.language "html"), (#set! injection.combined).
                q.settings[p][string_at(i + 1)] =
                    end > i + 2 && steps[i + 2].type == TSQueryPredicateStepTypeString
                        ? string_at(i + 2)
                        : std::string();
            } else if (named && steps[i + 1].type == TSQueryPredicateStepTypeCapture) {
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
                    pred.regex = QueryRegex::compile(pattern);
                    known = pred.regex != nullptr;
                    if (!known)
                        q.unreadable_patterns.push_back(pattern);
                } else if (name == "any-of?" || name == "not-any-of?") {
                    pred.kind =
                        name == "not-any-of?" ? PredicateKind::NotAnyOf : PredicateKind::AnyOf;
                    for (std::uint32_t k = i + 2; k < end; ++k)
                        pred.literals.push_back(string_at(k));
                } else {
                    known = false; // #is?, #offset!, ...: nothing the highlighter needs
                }
                if (known)
                    q.predicates[p].push_back(std::move(pred));
            }
            i = end + 1;
        }
    }
}

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
                ok = (p.kind == PredicateKind::Match) == p.regex->finds(text);
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

} // namespace stagehand::core::highlight
