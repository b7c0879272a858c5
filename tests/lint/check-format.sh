#!/usr/bin/env bash
# Usage: check-format.sh CLANG_FORMAT SOURCE_DIR. Lists every C++ file that the repo's
# .clang-format would change, and fails if there is one. Formatting differs between clang-format
# majors, so one major is pinned (buildspec.json, "clang-format"): clang-format-<major> is used
# when installed, else the given one if it is that major; any other major is refused by name.
set -uo pipefail
clang_format=$1
cd "$2" || exit 1
pinned=$(sed -n 's/.*"clang-format": *"\([0-9]*\)\..*/\1/p' buildspec.json | head -1)
if command -v "clang-format-$pinned" >/dev/null 2>&1; then
    clang_format="clang-format-$pinned"
fi
version=$("$clang_format" --version 2>/dev/null | sed -n 's/.*version \([0-9][0-9.]*\).*/\1/p' | head -1)
if [ "${version%%.*}" != "$pinned" ]; then
    echo "format: clang-format ${version:-?} found, but files are formatted with clang-format $pinned" \
        "(pinned in buildspec.json): install clang-format-$pinned"
    exit 1
fi
echo "format: using $clang_format $version (pinned major $pinned)"
bad=0
while IFS= read -r -d '' f; do
    if ! "$clang_format" --dry-run -Werror "$f" >/dev/null 2>&1; then
        echo "not formatted: $f (run: $clang_format -i $f)"
        bad=$((bad + 1))
    fi
done < <(find plugin ui tests bench -path tests/unit/data -prune -o -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.c' \) -print0 2>/dev/null)
echo "format: $bad files need clang-format"
[ "$bad" -eq 0 ]
