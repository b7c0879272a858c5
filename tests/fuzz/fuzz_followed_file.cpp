// libFuzzer target: a followed file's bytes (a save in progress, a binary, a minified bundle
// with one huge line, invalid UTF-8) highlighted in each of a few grammars with the step and
// focus ranges a presenter types. Nothing may crash, hang or read out of bounds, and every
// token lies inside the text.
#include "core/code/line_ranges.hpp"
#include "core/highlight/highlighter.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stagehand::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static highlight::Highlighter highlighter;
    const char* languages[] = {"python", "typescript", "markdown", "c_sharp"};
    const auto* language = highlight::find_language(languages[size % 4]);
    if (!language)
        std::abort();
    const highlight::HighlightResult result = highlighter.highlight(*language, text);
    for (const auto& token : result.tokens)
        if (token.begin > token.end || token.end > text.size())
            std::abort();
    std::string error;
    code::parse_steps(text.substr(0, 200), error);
    code::parse_line_set(text.substr(0, 200), error);
    return 0;
}
