#pragma once

#include <string>

namespace stagehand::bench {

// N lines of plausible TypeScript: the kind of text the code overlay shows.
inline std::string code_lines(int n, int variant = 0) {
    static const char* lines[] = {
        "export async function fetchQuestions(stream: Stream): Promise<Question[]> {",
        "    const response = await fetch(`${stream.api}/questions?limit=${LIMIT}`);",
        "    if (!response.ok) throw new Error(`HTTP ${response.status}`);",
        "    const items = (await response.json()) as RawQuestion[];",
        "    return items.filter((q) => q.votes >= 3 && q.text !== \"\").map(toQuestion);",
        "}",
        "const byVotes = (a: Question, b: Question) => b.votes - a.votes;",
        "// Featured questions stay on screen until the presenter moves on.",
    };
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += lines[(i + variant) % 8];
        out += '\n';
    }
    return out;
}

} // namespace stagehand::bench
