#include "core/highlight/grammar_table.hpp"
#include "core/highlight/highlighter.hpp"
#include "core/highlight/languages.hpp"
#include "core/highlight/query_regex.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

using namespace stagehand::core::highlight;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string kData = STAGEHAND_UNIT_DATA_DIR "/highlight/";

// The capture that covers the first occurrence of `needle` (fully), or "" when none does.
std::string capture_of(const HighlightResult& r, const std::string& source,
                       const std::string& needle) {
    const std::size_t at = source.find(needle);
    if (at == std::string::npos)
        return "<not in source>";
    for (const Token& t : r.tokens)
        if (t.begin <= at && t.end >= at + needle.size())
            return t.capture;
    return "";
}

struct Sample {
    const char* language;
    const char* file;
};

class EveryLanguage : public ::testing::TestWithParam<Sample> {};

} // namespace

// Each of the 21 languages parses its sample, compiles its pinned highlight query, and yields
// a range of captures; the token list is a golden (tests/unit/golden/highlight_<lang>.txt) that
// a person read. STAGEHAND_UPDATE_GOLDENS=1 rewrites them.
TEST_P(EveryLanguage, HighlightsItsSampleAsInTheGolden) {
    const Sample& s = GetParam();
    const LanguageInfo* language = find_language(s.language);
    ASSERT_NE(language, nullptr) << s.language << " is not a known language";
    const std::string source = read(kData + s.file);
    ASSERT_FALSE(source.empty()) << s.file;
    Highlighter highlighter;
    const HighlightResult r = highlighter.highlight(*language, source);
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_FALSE(r.has_syntax_errors) << s.file << " should parse cleanly";
    std::set<std::string> captures;
    for (const Token& t : r.tokens)
        captures.insert(t.capture);
    EXPECT_GE(captures.size(), 3u) << s.language << ": too few kinds of captures";

    const std::string golden =
        std::string(STAGEHAND_UNIT_GOLDEN_DIR) + "/highlight_" + s.language + ".txt";
    const std::string actual = describe(r.tokens, source);
    const char* update = std::getenv("STAGEHAND_UPDATE_GOLDENS");
    if (update && std::string(update) == "1") {
        std::ofstream(golden) << actual;
        return;
    }
    const std::string expected = read(golden);
    ASSERT_FALSE(expected.empty()) << "missing golden " << golden << "; actual:\n" << actual;
    EXPECT_EQ(actual, expected) << "golden " << golden;
}

INSTANTIATE_TEST_SUITE_P(
    Languages, EveryLanguage,
    ::testing::Values(
        Sample{"c_sharp", "sample.cs"}, Sample{"typescript", "sample.ts"},
        Sample{"tsx", "sample.tsx"}, Sample{"javascript", "sample.js"},
        Sample{"python", "sample.py"}, Sample{"powershell", "sample.ps1"},
        Sample{"bash", "sample.sh"}, Sample{"json", "sample.json"}, Sample{"yaml", "sample.yaml"},
        Sample{"c", "sample.c"}, Sample{"cpp", "sample.cpp"}, Sample{"go", "sample.go"},
        Sample{"rust", "sample.rs"}, Sample{"java", "sample.java"}, Sample{"kotlin", "sample.kt"},
        Sample{"html", "sample.html"}, Sample{"css", "sample.css"}, Sample{"sql", "sample.sql"},
        Sample{"ruby", "sample.rb"}, Sample{"php", "sample.php"}, Sample{"markdown", "sample.md"}),
    [](const auto& param_info) { return std::string(param_info.param.language); });

TEST(Highlight, CSharpKeywordsTypesStringsAndCommentsGetTheirCaptures) {
    const std::string source = read(kData + "sample.cs");
    Highlighter h;
    const HighlightResult r = h.highlight(*find_language("csharp"), source);
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_EQ(capture_of(r, source, "public"), "keyword");
    EXPECT_EQ(capture_of(r, source, "// Say hello").rfind("comment", 0), 0u);
    EXPECT_EQ(capture_of(r, source, "\"world\"").rfind("string", 0), 0u);
    EXPECT_EQ(capture_of(r, source, "42").rfind("number", 0), 0u);
}

TEST(Highlight, PythonPredicatesKeepPlainIdentifiersFromBecomingConstructors) {
    // tree-sitter-python captures identifiers as @constructor only #match? "^[A-Z]": without
    // evaluating predicates every identifier would be a constructor and a constant.
    const std::string source = "value = 1\nThing = make(value)\nMAX = 2\n";
    Highlighter h;
    const HighlightResult r = h.highlight(*find_language("python"), source);
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_NE(capture_of(r, source, "value"), "constructor");
    EXPECT_NE(capture_of(r, source, "value"), "constant");
    EXPECT_NE(capture_of(r, source, "make"), "constructor");
    EXPECT_EQ(capture_of(r, source, "MAX"), "constant");
}

TEST(Highlight, TypeScriptUsesJavaScriptsQueriesToo) {
    const std::string source = "const x: number = 1; // n\nfunction f() { return \"s\"; }\n";
    Highlighter h;
    const HighlightResult r = h.highlight(*find_language("ts"), source);
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_EQ(capture_of(r, source, "const"), "keyword");            // from JavaScript's query
    EXPECT_EQ(capture_of(r, source, "number").rfind("type", 0), 0u); // TypeScript's own
}

TEST(Highlight, HalfTypedCodeStillHighlightsWhatItCan) {
    const std::string source =
        "public class Broken {\n    public void Run( {\n        var s = \"ok\";\n";
    Highlighter h;
    const HighlightResult r = h.highlight(*find_language("c_sharp"), source);
    ASSERT_TRUE(r.error.empty());
    EXPECT_TRUE(r.has_syntax_errors);
    EXPECT_EQ(capture_of(r, source, "public"), "keyword");
    EXPECT_EQ(capture_of(r, source, "\"ok\"").rfind("string", 0), 0u);
}

TEST(Highlight, TokensAreSortedAndDoNotOverlap) {
    const std::string source = read(kData + "sample.ts");
    Highlighter h;
    const HighlightResult r = h.highlight(*find_language("typescript"), source);
    for (std::size_t i = 1; i < r.tokens.size(); ++i)
        EXPECT_LE(r.tokens[i - 1].end, r.tokens[i].begin);
}

// Each worker has its own Highlighter, and all of them share one grammar's compiled queries and
// their #match? patterns (ThreadSanitizer runs this with ICU's engine, whose searches of one
// pattern take turns): highlighting on several threads at once gives each what one thread alone
// gives, the patterns' captures included.
TEST(Highlight, HighlightersOnSeveralThreadsShareTheCompiledQueries) {
    const LanguageInfo& js = *find_language("javascript");
    std::string source;
    for (int i = 0; i < 40; ++i)
        source += "const MAX_SIZE_" + std::to_string(i) + " = new Queue" + std::to_string(i) +
                  "(limit);\n";
    const HighlightResult alone = Highlighter().highlight(js, source);
    ASSERT_TRUE(alone.error.empty()) << alone.error;
    ASSERT_EQ(capture_of(alone, source, "MAX_SIZE_7").rfind("constant", 0), 0u)
        << "a #match? pattern's capture";
    std::vector<std::vector<Token>> results(3);
    std::vector<std::thread> threads;
    for (auto& tokens : results)
        threads.emplace_back([&js, &source, &tokens] {
            Highlighter own;
            for (int round = 0; round < 5; ++round)
                tokens = own.highlight(js, source + std::string(round, ' ')).tokens;
        });
    for (std::thread& t : threads)
        t.join();
    for (const auto& tokens : results) {
        ASSERT_EQ(tokens.size(), alone.tokens.size());
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            EXPECT_EQ(tokens[i].begin, alone.tokens[i].begin);
            EXPECT_EQ(tokens[i].capture, alone.tokens[i].capture) << i;
        }
    }
}

// A code step or a new theme asks for the same text's tokens again: the last few texts are not
// parsed again (which would read the grammar's tables back into memory), and what comes back is
// what parsing gives.
TEST(Highlight, RemembersTheLastFewTextsAndParsesOnlyNewOnes) {
    const LanguageInfo& rust = *find_language("rust");
    const LanguageInfo& python = *find_language("python");
    const std::string a = "fn main() { let x = 42; }\n";
    const auto text = [](int n) {
        return "fn f" + std::to_string(n) + "() {}\n";
    };
    Highlighter h;
    const HighlightResult first = h.highlight(rust, a);
    EXPECT_EQ(h.parses(), 1u);
    const HighlightResult again = h.highlight(rust, a);
    EXPECT_EQ(h.parses(), 1u) << "the same text in the same language";
    EXPECT_EQ(again.tokens, first.tokens);
    EXPECT_EQ(again.has_syntax_errors, first.has_syntax_errors);
    Highlighter fresh;
    EXPECT_EQ(again.tokens, fresh.highlight(rust, a).tokens);

    h.highlight(python, a);
    EXPECT_EQ(h.parses(), 2u) << "the same text in another language is another result";
    // Used again, a text is the most recent: three more texts leave it remembered, a fourth not.
    h.highlight(rust, a);
    for (int n = 0; n < static_cast<int>(Highlighter::kRemembered) - 1; ++n)
        h.highlight(rust, text(n));
    EXPECT_EQ(h.parses(), 2u + Highlighter::kRemembered - 1);
    h.highlight(rust, a);
    EXPECT_EQ(h.parses(), 2u + Highlighter::kRemembered - 1) << "still among the last four";
    for (int n = 10; n < 10 + static_cast<int>(Highlighter::kRemembered); ++n)
        h.highlight(rust, text(n));
    const std::size_t parsed = h.parses();
    h.highlight(rust, a);
    EXPECT_EQ(h.parses(), parsed + 1) << "four newer texts pushed it out";

    // A long text (a followed file) is not kept.
    std::string big;
    while (big.size() <= Highlighter::kRememberedBytes)
        big += "let value = compute(1, 2, 3);\n";
    h.highlight(rust, big);
    h.highlight(rust, big);
    EXPECT_EQ(h.parses(), parsed + 3);
}

TEST(Languages, FoundByIdAliasNameAndExtension) {
    EXPECT_EQ(find_language("C#"), find_language("c_sharp"));
    EXPECT_EQ(find_language("TypeScript"), find_language("ts"));
    EXPECT_EQ(find_language("no-such-language"), nullptr);
    EXPECT_EQ(language_for_path("src/App.TSX")->id, "tsx");
    EXPECT_EQ(language_for_path("/home/me/deploy.ps1")->id, "powershell");
    EXPECT_EQ(language_for_path("Makefile"), nullptr);
    EXPECT_EQ(languages().size(), 21u);
}

TEST(Languages, DetectedFromTellingFirstLines) {
    EXPECT_EQ(detect_language("#!/usr/bin/env python3\nprint(1)\n")->id, "python");
    EXPECT_EQ(detect_language("<?php echo 1;")->id, "php");
    EXPECT_EQ(detect_language("using System;\nclass A {}")->id, "c_sharp");
    EXPECT_EQ(detect_language("package main\nfunc main() {}")->id, "go");
    EXPECT_EQ(detect_language("just some prose"), nullptr);
}

TEST(Highlight, EveryPinnedGrammarAndItsQueriesCompileIncludingInjectedOnes) {
    // Languages used only inside others (Markdown's inline grammar) are not in languages();
    // their highlight and injection queries must compile all the same.
    Highlighter h;
    for (const GrammarEntry& g : grammar_table()) {
        LanguageInfo info;
        info.id = g.id;
        info.name = g.id;
        info.grammar = &g;
        const HighlightResult r = h.highlight(info, "x");
        EXPECT_TRUE(r.error.empty()) << g.id << ": " << r.error;
    }
    EXPECT_NE(find_grammar("markdown_inline"), nullptr);
    EXPECT_EQ(find_language("markdown_inline"), nullptr) << "not offered to presenters";
}

// Every #match? pattern of every pinned grammar is read by the regular-expression engine this
// build has (the C++ library's by default, ICU's by choice): a pattern an engine could not read
// would be dropped and its pattern would colour more than the grammar meant.
TEST(Highlight, EveryMatchPatternIsReadByThisBuildsRegexEngine) {
    Highlighter h;
    for (const GrammarEntry& g : grammar_table()) {
        LanguageInfo info;
        info.id = g.id;
        info.grammar = &g;
        const std::vector<std::string> unreadable = h.unreadable_patterns(info);
        EXPECT_TRUE(unreadable.empty())
            << g.id << " (" << QueryRegex::engine() << "): " << unreadable.front();
    }
}

// What the grammars' patterns test, answered alike by both engines: anchors, classes with \d
// inside, alternation, and the classes #lua-match? patterns are translated to.
TEST(Highlight, QueryRegexFindsAsTheGrammarsMeanIt) {
    auto finds = [](const std::string& pattern, const std::string& text) {
        auto re = QueryRegex::compile(pattern);
        EXPECT_NE(re, nullptr) << pattern;
        return re && re->finds(text);
    };
    EXPECT_TRUE(finds("^[A-Z][A-Z\\d_]*$", "MAX_SIZE2"));
    EXPECT_FALSE(finds("^[A-Z][A-Z\\d_]*$", "MaxSize"));
    EXPECT_TRUE(finds("^(private|protected|public)$", "protected"));
    EXPECT_FALSE(finds("^(private|protected|public)$", "publicity"));
    EXPECT_TRUE(finds("^[-+]?\\d*\\.\\d*$", "-1.5"));
    EXPECT_TRUE(finds("[[:punct:]]", "a;b"));
    EXPECT_FALSE(finds("[[:punct:]]", "ab"));
    EXPECT_TRUE(finds("^__[A-Z][A-Z\\d_]+__$", "__FILE__"));
    EXPECT_FALSE(finds("^[A-Z]", "\xC3\x89"
                                 "cole")); // a letter outside ASCII is not [A-Z]
    EXPECT_EQ(QueryRegex::compile("(unclosed"), nullptr) << "an unreadable pattern is reported";
    // A capture as long as a big comment: ICU reads it; the C++ library's engine (recursive, one
    // frame per character) refuses it rather than overflow the stack.
    const std::string comment = "a" + std::string(1 << 20, 'b');
    EXPECT_EQ(finds("^[a-z][^.]*$", comment), std::string(QueryRegex::engine()) == "icu");
}

TEST(Highlight, MarkdownFencedCodeIsHighlightedInItsOwnLanguage) {
    const std::string source = "# Demo\n\n```ts\nconst votes: number = 3;\n```\n\n"
                               "```python\ndef top(q):\n    return q\n```\n";
    Highlighter h;
    const HighlightResult r = h.highlight(*find_language("markdown"), source);
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_EQ(capture_of(r, source, "const"), "keyword");             // TypeScript's
    EXPECT_EQ(capture_of(r, source, "number").rfind("type", 0), 0u);  // TypeScript's
    EXPECT_EQ(capture_of(r, source, "def").rfind("keyword", 0), 0u);  // Python's
    EXPECT_EQ(capture_of(r, source, "```"), "punctuation.delimiter"); // Markdown's own
}

TEST(Highlight, MarkdownInlineMarkupIsHighlighted) {
    const std::string source = "Presenter overlays for **live** coding with `demo.sh` and "
                               "[docs](https://example.org).\n";
    Highlighter h;
    const HighlightResult r = h.highlight(*find_language("markdown"), source);
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_EQ(capture_of(r, source, "live"), "text.strong");
    EXPECT_EQ(capture_of(r, source, "demo.sh"), "text.literal");
    EXPECT_EQ(capture_of(r, source, "https://example.org"), "text.uri");
}

TEST(Highlight, HtmlScriptAndStyleAreJavaScriptAndCss) {
    const std::string source = "<style>p { color: red; }</style>\n"
                               "<script>const answer = 42;</script>\n";
    Highlighter h;
    const HighlightResult r = h.highlight(*find_language("html"), source);
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_EQ(capture_of(r, source, "const"), "keyword");               // JavaScript's
    EXPECT_EQ(capture_of(r, source, "42").rfind("number", 0), 0u);      // JavaScript's
    EXPECT_EQ(capture_of(r, source, "color").rfind("property", 0), 0u); // CSS's
    EXPECT_EQ(capture_of(r, source, "script").rfind("tag", 0), 0u);     // HTML's own
}

TEST(Highlight, UnknownInjectedLanguagesLeaveTheOuterHighlighting) {
    const std::string source = "```klingon\nqapla' batlh\n```\n";
    Highlighter h;
    const HighlightResult r = h.highlight(*find_language("markdown"), source);
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_EQ(capture_of(r, source, "```"), "punctuation.delimiter");
    EXPECT_EQ(capture_of(r, source, "qapla"), "");
}

TEST(Languages, DetectedByParsingWhenTheFirstLinesSayLittle) {
    Highlighter h;
    struct Case {
        const char* text;
        const char* expected; // nullptr: plain text
    };
    const Case cases[] = {
        // Type annotations are errors to JavaScript.
        {"export async function next(queue: Queue): Promise<Question> {\n"
         "  const top = queue.items.filter((q) => q.votes >= 3);\n  return top[0];\n}\n",
         "typescript"},
        // "=>" once made this JavaScript; C# parses it, JavaScript and Java do not.
        {"public static Question? Next(IEnumerable<Question> questions) =>\n"
         "    questions.Where(q => q.Votes >= 3).MaxBy(q => q.Votes);\n",
         "c_sharp"},
        {"fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n", "rust"},
        {"{\"name\": \"stagehand\", \"tags\": [1, 2, 3]}\n", "json"},
        {"SELECT name, votes FROM questions WHERE votes > 3 ORDER BY votes DESC;\n", "sql"},
        {"class Greeter\n  def hello(name)\n    puts \"Hello #{name}\"\n  end\nend\n", "ruby"},
        {"def top(queue):\n    return sorted(queue, key=lambda q: q.votes)[0]\n", "python"},
        // Every strict grammar rejects prose (Ruby would call it a method chain).
        {"just some prose that a presenter typed, with a comma.", nullptr},
    };
    for (const Case& c : cases) {
        const LanguageInfo* got = h.detect(c.text);
        if (!c.expected)
            EXPECT_EQ(got, nullptr) << c.text << " -> " << (got ? got->id : "");
        else
            EXPECT_TRUE(got && got->id == c.expected)
                << c.text << " -> " << (got ? got->id : "(none)") << ", expected " << c.expected;
    }
    // Telling first lines still decide without parsing.
    EXPECT_EQ(h.detect("#!/usr/bin/env python3\nprint(1)\n")->id, "python");
    EXPECT_EQ(h.detect("using System;\nclass A {}")->id, "c_sharp");
}
