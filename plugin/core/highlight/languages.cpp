#include "core/highlight/languages.hpp"

#include "core/highlight/grammar_table.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

namespace stagehand::core::highlight {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::vector<LanguageInfo> build() {
    std::vector<LanguageInfo> list = {
        {"c_sharp", "C#", {"cs", "csx"}, {"csharp", "c#", "cs"}},
        {"typescript", "TypeScript", {"ts", "mts", "cts"}, {"ts"}},
        {"tsx", "TSX", {"tsx"}, {}},
        {"javascript", "JavaScript", {"js", "mjs", "cjs", "jsx"}, {"js", "jsx", "node"}},
        {"python", "Python", {"py", "pyw", "pyi"}, {"py", "python3"}},
        {"powershell", "PowerShell", {"ps1", "psm1", "psd1"}, {"pwsh", "ps", "ps1"}},
        {"bash", "Bash", {"sh", "bash", "zsh"}, {"sh", "shell", "zsh"}},
        {"json", "JSON", {"json", "jsonc"}, {}},
        {"yaml", "YAML", {"yaml", "yml"}, {"yml"}},
        {"c", "C", {"c", "h"}, {}},
        {"cpp", "C++", {"cpp", "cc", "cxx", "hpp", "hh", "hxx"}, {"c++", "cxx"}},
        {"go", "Go", {"go"}, {"golang"}},
        {"rust", "Rust", {"rs"}, {"rs"}},
        {"java", "Java", {"java"}, {}},
        {"kotlin", "Kotlin", {"kt", "kts"}, {"kt"}},
        {"html", "HTML", {"html", "htm"}, {}},
        {"css", "CSS", {"css"}, {}},
        {"sql", "SQL", {"sql"}, {}},
        {"ruby", "Ruby", {"rb"}, {"rb"}},
        {"php", "PHP", {"php"}, {}},
        {"markdown", "Markdown", {"md", "markdown"}, {"md"}},
    };
    for (LanguageInfo& l : list)
        l.grammar = find_grammar(std::string(l.id).c_str());
    // A language without a compiled grammar would fail at its first snippet: leave it out.
    list.erase(std::remove_if(list.begin(), list.end(),
                              [](const LanguageInfo& l) { return l.grammar == nullptr; }),
               list.end());
    return list;
}

} // namespace

const GrammarEntry* find_grammar(const char* id) {
    for (const GrammarEntry& g : grammar_table())
        if (std::strcmp(id, g.id) == 0)
            return &g;
    return nullptr;
}

const std::vector<LanguageInfo>& languages() {
    static const std::vector<LanguageInfo> list = build();
    return list;
}

const LanguageInfo* find_language(std::string_view name) {
    for (const LanguageInfo& l : languages()) {
        if (iequals(l.id, name) || iequals(l.name, name))
            return &l;
        for (std::string_view alias : l.aliases)
            if (iequals(alias, name))
                return &l;
    }
    return nullptr;
}

const LanguageInfo* language_for_path(std::string_view path) {
    const std::size_t slash = path.find_last_of("/\\");
    const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = file.find_last_of('.');
    if (dot == std::string_view::npos || dot + 1 >= file.size())
        return nullptr;
    const std::string_view ext = file.substr(dot + 1);
    for (const LanguageInfo& l : languages())
        for (std::string_view e : l.extensions)
            if (iequals(e, ext))
                return &l;
    return nullptr;
}

LanguageGuess guess_language(std::string_view text) {
    const std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 2000));
    auto has = [&](std::string_view needle) {
        return head.find(needle) != std::string_view::npos;
    };
    // Lines that settle it; the other signs are only likely.
    auto certain = [](std::string_view id) {
        return LanguageGuess{find_language(id), true};
    };
    auto likely = [](std::string_view id) {
        return LanguageGuess{find_language(id), false};
    };
    if (head.rfind("#!", 0) == 0) {
        const std::string_view line = head.substr(0, head.find('\n'));
        if (line.find("python") != std::string_view::npos)
            return certain("python");
        if (line.find("node") != std::string_view::npos)
            return certain("javascript");
        if (line.find("pwsh") != std::string_view::npos)
            return certain("powershell");
        if (line.find("sh") != std::string_view::npos)
            return certain("bash");
    }
    if (has("<?php"))
        return certain("php");
    if (has("using System"))
        return certain("c_sharp");
    if (has("namespace ") && has("public class"))
        return likely("c_sharp");
    if (has("#include <") || has("#include \""))
        return certain(has("std::") || has("class ") ? "cpp" : "c");
    if (has("package main") || has("func main()"))
        return likely("go");
    if (has("fn main()") || has("let mut "))
        return likely("rust");
    if (has("def ") && has(":\n"))
        return likely("python");
    if ((has("def ") && has("\nend")) || has("puts ") || has("require '") || has("attr_accessor"))
        return likely("ruby");
    if (has("<!DOCTYPE html"))
        return certain("html");
    if (has("<html"))
        return likely("html");
    if (has("interface ") && has(": ") && (has("export ") || has("import ")))
        return likely("typescript");
    if (has("function ") || has("const ") || has("=> "))
        return likely("javascript");
    if (has("SELECT ") || (has("select ") && has(" from ")))
        return likely("sql");
    return {};
}

const LanguageInfo* detect_language(std::string_view text) {
    return guess_language(text).language;
}

} // namespace stagehand::core::highlight
