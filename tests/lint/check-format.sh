#!/usr/bin/env bash
# Usage: check-format.sh CLANG_FORMAT SOURCE_DIR. Lists every C++ file that the repo's
# .clang-format would change, and fails if there is one.
set -uo pipefail
clang_format=$1
cd "$2" || exit 1
bad=0
while IFS= read -r -d '' f; do
    if ! "$clang_format" --dry-run -Werror "$f" >/dev/null 2>&1; then
        echo "not formatted: $f (run: clang-format -i $f)"
        bad=$((bad + 1))
    fi
done < <(find plugin ui tests bench -path tests/unit/data -prune -o -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.c' \) -print0 2>/dev/null)
echo "format: $bad files need clang-format"
[ "$bad" -eq 0 ]
