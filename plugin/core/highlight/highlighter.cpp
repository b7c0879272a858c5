#include "core/highlight/highlighter.hpp"

#include "core/base/memory_release.hpp"
#include "core/highlight/compiled_query.hpp"
#include "core/highlight/grammar_table.hpp"
#include "core/highlight/tree_sitter_memory.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace stagehand::core::highlight {

namespace {

// The grammar an injection names: a language by id, alias or name, or a grammar used only
// inside others (markdown_inline); nullptr when Stagehand has none (regex, jsdoc, latex).
const GrammarEntry* injected_grammar(const std::string& language) {
    if (const LanguageInfo* info = find_language(language))
        return info->grammar;
    const GrammarEntry* grammar = find_grammar(language.c_str());
    return grammar && grammar->injected_only ? grammar : nullptr;
}

} // namespace

// A grammar's queries, compiled once per process and shared by every thread's highlighter:
// a TSQuery is immutable once made (cursors keep the state of a search) and the predicates'
// regular expressions are safe to share (QueryRegex), so four code sources and the preset
// pictures showing C# hold one copy (hundreds of KiB) and pay its compilation (tens of
// milliseconds, and a scratch table of megabytes) once.
struct GrammarQueries {
    Query highlights;
    std::vector<bool> capture_ignored; // internal (_x), locals, injections: not colours
    Query injections;                  // code inside code; no query when the grammar has none
    std::string error;
};

namespace {

std::atomic<std::size_t> g_queries_compiled{0};

std::shared_ptr<const GrammarQueries> compile_grammar(const GrammarEntry& grammar) {
    auto q = std::make_shared<GrammarQueries>();
    const TSLanguage* ts_language = grammar.language();
    compile_query(ts_language, grammar.query_pieces, "highlight", grammar, q->highlights, q->error);
    if (q->error.empty() && grammar.injection_pieces && *grammar.injection_pieces) {
        compile_query(ts_language, grammar.injection_pieces, "injection", grammar, q->injections,
                      q->error);
        // Patterns that name a language Stagehand cannot highlight (JavaScript's regex and
        // JSDoc comments) would only cost time on every snippet: switch them off.
        for (std::uint32_t p = 0; q->injections.query && p < q->injections.settings.size(); ++p) {
            const auto& settings = q->injections.settings[p];
            const auto named = settings.find("injection.language");
            if (named != settings.end() && !injected_grammar(named->second))
                ts_query_disable_pattern(q->injections.query, p);
        }
    }
    for (const std::string& n : q->highlights.capture_names)
        q->capture_ignored.push_back(n.empty() || n[0] == '_' || n.rfind("local", 0) == 0 ||
                                     n.rfind("injection", 0) == 0 || n == "spell" ||
                                     n == "nospell");
    return q;
}

// The queries of `grammar`, compiled by the first thread that asks while the others asking for
// the same grammar wait (other grammars compile alongside). Held weakly: a grammar nothing
// highlights any more (the preset pictures' threads have ended) is freed.
std::shared_ptr<const GrammarQueries> shared_queries(const GrammarEntry& grammar) {
    struct Slot {
        std::mutex compiling;
        std::weak_ptr<const GrammarQueries> queries;
    };
    static std::mutex mutex;
    static std::map<std::string_view, std::shared_ptr<Slot>> slots;
    std::shared_ptr<Slot> slot;
    {
        std::lock_guard lock(mutex);
        auto& s = slots[grammar.id];
        if (!s)
            s = std::make_shared<Slot>();
        slot = s;
    }
    std::lock_guard lock(slot->compiling);
    if (auto alive = slot->queries.lock())
        return alive;
    auto made = compile_grammar(grammar);
    slot->queries = made;
    g_queries_compiled.fetch_add(1, std::memory_order_relaxed);
    // Compiling read the grammar's whole parse table (megabytes); parsing needs a small part.
    memory::release_read_only_data();
    return made;
}

} // namespace

struct Highlighter::Compiled {
    TSParser* parser = nullptr; // this thread's own: parsers keep the state of a parse
    std::shared_ptr<const GrammarQueries> queries;
    std::string error;

    ~Compiled() {
        if (parser)
            ts_parser_delete(parser);
    }
};

void Highlighter::ParserDeleter::operator()(TSParser* p) const noexcept {
    ts_parser_delete(p);
}

Highlighter::Highlighter() {
    use_mapped_blocks_for_tree_sitter();
}
Highlighter::~Highlighter() = default;

std::size_t Highlighter::queries_compiled() noexcept {
    return g_queries_compiled.load(std::memory_order_relaxed);
}

Highlighter::Compiled* Highlighter::compiled(const GrammarEntry& grammar, std::string& error) {
    auto it = cache_.find(grammar.id);
    if (it != cache_.end()) {
        error = it->second->error;
        return it->second->error.empty() ? it->second.get() : nullptr;
    }
    auto c = std::make_unique<Compiled>();
    const TSLanguage* ts_language = grammar.language();
    c->parser = ts_parser_new();
    if (!ts_parser_set_language(c->parser, ts_language)) {
        c->error = std::string(grammar.package) + ": grammar ABI " +
                   std::to_string(ts_language_abi_version(ts_language)) +
                   " is not supported by this tree-sitter";
    } else {
        c->queries = shared_queries(grammar);
        c->error = c->queries->error;
    }
    error = c->error;
    Compiled* result = c->error.empty() ? c.get() : nullptr;
    cache_.emplace(grammar.id, std::move(c));
    return result;
}

std::vector<std::string> Highlighter::unreadable_patterns(const LanguageInfo& language) {
    if (!language.grammar)
        return {};
    std::string error;
    const Compiled* c = compiled(*language.grammar, error);
    if (!c)
        return {error};
    const GrammarQueries& q = *c->queries;
    std::vector<std::string> out = q.highlights.unreadable_patterns;
    out.insert(out.end(), q.injections.unreadable_patterns.begin(),
               q.injections.unreadable_patterns.end());
    return out;
}

namespace {

// The range a node covers, less its named children's unless asked to keep them: an injected
// language sees only the text that is its own (a Markdown paragraph inside a block quote
// without the "> " markers).
std::vector<TSRange> content_ranges(TSNode node, bool include_children) {
    TSRange whole{ts_node_start_point(node), ts_node_end_point(node), ts_node_start_byte(node),
                  ts_node_end_byte(node)};
    // Named children only: grammars tokenise the text they hand to another language (Markdown's
    // inline runs) into anonymous nodes that are part of that text.
    const std::uint32_t children = ts_node_named_child_count(node);
    if (include_children || children == 0)
        return {whole};
    std::vector<TSRange> ranges;
    TSPoint point = whole.start_point;
    std::uint32_t byte = whole.start_byte;
    for (std::uint32_t i = 0; i < children; ++i) {
        const TSNode child = ts_node_named_child(node, i);
        if (ts_node_start_byte(child) > byte)
            ranges.push_back(
                TSRange{point, ts_node_start_point(child), byte, ts_node_start_byte(child)});
        point = ts_node_end_point(child);
        byte = std::max(byte, ts_node_end_byte(child));
    }
    if (whole.end_byte > byte)
        ranges.push_back(TSRange{point, whole.end_point, byte, whole.end_byte});
    return ranges;
}

} // namespace

// Capture names of every language painted into one source, interned to small numbers.
struct Highlighter::Canvas {
    static constexpr std::uint32_t kNone = UINT32_MAX;
    std::vector<std::uint32_t> paint;
    std::vector<std::string> names;
    std::map<std::string, std::uint32_t, std::less<>> ids;

    std::uint32_t id(const std::string& name) {
        if (name == "none")
            return kNone;
        auto [it, added] = ids.emplace(name, static_cast<std::uint32_t>(names.size()));
        if (added)
            names.push_back(name);
        return it->second;
    }
};

bool Highlighter::paint(Compiled& c, std::string_view source, const std::vector<TSRange>& ranges,
                        Canvas& canvas, int depth, HighlightResult& result) {
    const GrammarQueries& q = *c.queries;
    // Injected layers parse only their ranges of the same source, so byte offsets stay the
    // source's own.
    ts_parser_set_included_ranges(c.parser, ranges.empty() ? nullptr : ranges.data(),
                                  static_cast<std::uint32_t>(ranges.size()));
    TSTree* tree = ts_parser_parse_string(c.parser, nullptr, source.data(),
                                          static_cast<std::uint32_t>(source.size()));
    if (!tree) {
        if (depth == 0)
            result.error = "tree-sitter could not parse the text";
        return false;
    }
    const TSNode root = ts_tree_root_node(tree);
    if (depth == 0)
        result.has_syntax_errors = ts_node_has_error(root);

    struct Capture {
        std::uint32_t begin, end, pattern, name;
    };
    std::vector<Capture> captures;
    TSQueryCursor* cursor = ts_query_cursor_new();
    ts_query_cursor_exec(cursor, q.highlights.query, root);
    TSQueryMatch match;
    while (ts_query_cursor_next_match(cursor, &match)) {
        if (!satisfied(q.highlights.predicates[match.pattern_index], match, source))
            continue;
        for (std::uint16_t k = 0; k < match.capture_count; ++k) {
            const std::uint32_t index = match.captures[k].index;
            if (q.capture_ignored[index])
                continue;
            const TSNode node = match.captures[k].node;
            const std::uint32_t b = ts_node_start_byte(node), e = ts_node_end_byte(node);
            if (e > b)
                captures.push_back(Capture{b, e, match.pattern_index, index});
        }
    }

    // Paint from the outside in: larger ranges first, so nested captures overwrite them. For
    // the same node the later pattern wins, as in tree-sitter's highlighter: queries list the
    // general rule first ((identifier) @variable) and the refinements after it.
    std::stable_sort(captures.begin(), captures.end(), [](const Capture& a, const Capture& b) {
        const std::uint32_t la = a.end - a.begin, lb = b.end - b.begin;
        if (la != lb)
            return la > lb;
        return a.pattern < b.pattern;
    });
    std::vector<std::uint32_t> ids(q.highlights.capture_names.size(), Canvas::kNone);
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (!q.capture_ignored[i])
            ids[i] = canvas.id(q.highlights.capture_names[i]);
    for (const Capture& cap : captures)
        std::fill(canvas.paint.begin() + cap.begin,
                  canvas.paint.begin() + std::min<std::size_t>(cap.end, source.size()),
                  ids[cap.name]);

    // Code inside code: each injection names its content and its language (a capture, as a
    // fence's info string, or a property); known languages are painted over this layer.
    struct Job {
        const GrammarEntry* grammar;
        std::uint32_t pattern;
        bool combined;
        std::vector<TSRange> ranges;
    };
    std::vector<Job> jobs;
    constexpr int kMaxDepth = 3;
    if (depth < kMaxDepth && q.injections.query) {
        ts_query_cursor_exec(cursor, q.injections.query, root);
        while (ts_query_cursor_next_match(cursor, &match)) {
            if (!satisfied(q.injections.predicates[match.pattern_index], match, source))
                continue;
            const auto& settings = q.injections.settings[match.pattern_index];
            auto setting = settings.find("injection.language");
            std::string language = setting == settings.end() ? "" : setting->second;
            std::optional<TSNode> content;
            for (std::uint16_t k = 0; k < match.capture_count; ++k) {
                const std::string& name = q.injections.capture_names[match.captures[k].index];
                if (name == "injection.language")
                    language = node_text(match.captures[k].node, source);
                else if (name == "injection.content")
                    content = match.captures[k].node;
            }
            if (!content || language.empty())
                continue;
            const GrammarEntry* grammar = injected_grammar(language);
            if (!grammar)
                continue; // a language Stagehand has no grammar for (regex, jsdoc, latex)
            std::vector<TSRange> parts =
                content_ranges(*content, settings.count("injection.include-children") > 0);
            if (parts.empty())
                continue;
            const bool combined = settings.count("injection.combined") > 0;
            auto same = std::find_if(jobs.begin(), jobs.end(), [&](const Job& j) {
                return combined && j.combined && j.grammar == grammar &&
                       j.pattern == match.pattern_index;
            });
            if (same != jobs.end())
                same->ranges.insert(same->ranges.end(), parts.begin(), parts.end());
            else
                jobs.push_back(Job{grammar, match.pattern_index, combined, std::move(parts)});
        }
    }
    ts_query_cursor_delete(cursor);
    ts_tree_delete(tree);

    for (Job& job : jobs) {
        std::string error;
        Compiled* inner = compiled(*job.grammar, error);
        if (!inner)
            continue; // the outer language still shows
        std::sort(job.ranges.begin(), job.ranges.end(),
                  [](const TSRange& a, const TSRange& b) { return a.start_byte < b.start_byte; });
        paint(*inner, source, job.ranges, canvas, depth + 1, result);
    }
    return true;
}

HighlightResult Highlighter::highlight(const LanguageInfo& language, std::string_view source) {
    for (auto it = remembered_.begin(); it != remembered_.end(); ++it)
        if (it->grammar == language.grammar && it->source == source) {
            std::rotate(remembered_.begin(), it, it + 1); // the most recent first
            return remembered_.front().result;
        }
    HighlightResult result;
    Compiled* c = compiled(*language.grammar, result.error);
    if (!c)
        return result;
    Canvas canvas;
    canvas.paint.assign(source.size(), Canvas::kNone);
    ++parses_;
    if (!paint(*c, source, {}, canvas, 0, result))
        return result;
    const std::vector<std::uint32_t>& paint = canvas.paint;
    for (std::uint32_t i = 0; i < paint.size();) {
        if (paint[i] == Canvas::kNone) {
            ++i;
            continue;
        }
        std::uint32_t j = i;
        while (j < paint.size() && paint[j] == paint[i])
            ++j;
        result.tokens.push_back(Token{i, j, canvas.names[paint[i]]});
        i = j;
    }
    if (result.error.empty() && source.size() <= kRememberedBytes) {
        if (remembered_.size() == kRemembered)
            remembered_.pop_back();
        remembered_.insert(remembered_.begin(),
                           Remembered{language.grammar, std::string(source), result});
    }
    return result;
}

std::size_t Highlighter::error_bytes(const LanguageInfo& language, std::string_view text) {
    // A bare parser per grammar: detection needs no highlight query, whose compilation would
    // cost more than all the parses.
    auto& slot = parsers_[language.grammar->id];
    if (!slot) {
        slot.reset(ts_parser_new());
        if (!ts_parser_set_language(slot.get(), language.grammar->language()))
            return text.size();
    }
    TSTree* tree = ts_parser_parse_string(slot.get(), nullptr, text.data(),
                                          static_cast<std::uint32_t>(text.size()));
    if (!tree)
        return text.size();
    // Walk only into subtrees that contain errors.
    std::size_t bytes = 0;
    std::vector<TSNode> stack{ts_tree_root_node(tree)};
    while (!stack.empty()) {
        const TSNode node = stack.back();
        stack.pop_back();
        if (ts_node_is_missing(node)) {
            ++bytes;
        } else if (ts_node_is_error(node)) {
            bytes += ts_node_end_byte(node) - ts_node_start_byte(node);
        } else if (ts_node_has_error(node)) {
            const std::uint32_t n = ts_node_child_count(node);
            for (std::uint32_t i = 0; i < n; ++i)
                stack.push_back(ts_node_child(node, i));
        }
    }
    ts_tree_delete(tree);
    return bytes;
}

const LanguageInfo* Highlighter::detect(std::string_view text) {
    // The first lines say enough, and keep the cost of a dozen parses small.
    std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 3000));
    if (head.size() < text.size() && head.rfind('\n') != std::string_view::npos)
        head = head.substr(0, head.rfind('\n') + 1);
    if (head == detected_for_)
        return detected_;
    const LanguageGuess first_lines = guess_language(head);
    const LanguageInfo* guess = first_lines.language;
    const LanguageInfo* answer = guess;
    if (!first_lines.certain) {
        // Grammars that reject what is not theirs; Markdown, YAML, Bash and HTML accept almost
        // any text and would win every vote, and Ruby reads bare words as method calls, so it
        // takes part only when the first lines suggest it. On a tie the earlier entry wins:
        // JSON is the strictest.
        static constexpr std::string_view kStrict[] = {
            "json", "javascript", "typescript", "tsx",    "python", "c_sharp", "java",      "go",
            "rust", "cpp",        "c",          "kotlin", "css",    "sql",     "powershell"};
        std::vector<const LanguageInfo*> candidates;
        for (std::string_view id : kStrict)
            if (const LanguageInfo* l = find_language(id))
                candidates.push_back(l);
        if (guess && std::find(candidates.begin(), candidates.end(), guess) == candidates.end())
            candidates.push_back(guess);
        std::size_t best = head.size() + 1;
        const LanguageInfo* winner = nullptr;
        bool guess_is_best = false;
        for (const LanguageInfo* candidate : candidates) {
            const std::size_t errors = error_bytes(*candidate, head);
            if (errors < best) {
                best = errors;
                winner = candidate;
                guess_is_best = candidate == guess;
            } else if (errors == best && candidate == guess) {
                guess_is_best = true;
            }
        }
        if (guess_is_best)
            winner = guess;
        // Prose, or a language Stagehand does not know: a tenth of it in error says so.
        answer = winner && best * 10 <= head.size() ? winner : guess;
    }
    detected_for_ = std::string(head);
    detected_ = answer;
    return answer;
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
