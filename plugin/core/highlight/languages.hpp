#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core::highlight {

struct GrammarEntry;

// A language a presenter can pick: its id (stable, used in settings and presets), the name the
// dock shows, the file extensions that select it, and its grammar.
struct LanguageInfo {
    std::string_view id;
    std::string_view name;
    std::vector<std::string_view> extensions;
    std::vector<std::string_view> aliases;
    const GrammarEntry* grammar = nullptr;
};

const std::vector<LanguageInfo>& languages();

// By id or alias ("csharp", "c#", "ts", "py"), case-insensitive; nullptr when unknown.
const LanguageInfo* find_language(std::string_view name);

// By a file's extension ("src/app.tsx" -> tsx); nullptr when no language claims it.
const LanguageInfo* language_for_path(std::string_view path);

// A guess from the first lines, and whether a line settles it (a shebang, `<?php`, an HTML
// doctype, `#include`, `using System`) or only makes it likely.
struct LanguageGuess {
    const LanguageInfo* language = nullptr;
    bool certain = false;
};
LanguageGuess guess_language(std::string_view text);

// A best guess from the text itself (shebang, `<?php`, typical first tokens); nullptr when
// nothing is telling. Cheap: it looks at the first lines only.
const LanguageInfo* detect_language(std::string_view text);

} // namespace stagehand::core::highlight
