#!/usr/bin/env bash
# Usage: preset-cli.sh STAGEHAND_CLI SOURCE_DIR. `stagehand-cli preset` as a user runs it: the
# exact lines and exit codes of check, the list, the schema, and a bad command line.
set -uo pipefail
cli=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=../support/expect.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/expect.sh"
cp "$root/data/presets/Conference Dark.json" "$work/good.json"
out=$("$cli" preset check "$work/good.json"); code=$?
expect "a valid preset: exit 0, nothing said" "0:" "$code:$out"
# A typo in an exported file: the exact place and reason, exit 1.
sed 's/"size": 30/"size": "big"/; s/"background": "#0D1117"/"backgorund": "#0D1117"/' \
    "$work/good.json" >"$work/typo.json"
out=$("$cli" preset check "$work/typo.json"); code=$?
expect "a typo: exit 1 with FILE: /pointer: reason lines" "1:$work/typo.json: /code/card/backgorund: unknown key \"backgorund\": did you mean \"background\"?
$work/typo.json: /code/font/size: expected a number from 6 to 400, got \"big\"" "$code:$out"
out=$("$cli" preset check "$work/good.json" "$work/typo.json" "$work/missing.json" | cut -d: -f1 | sort -u | tr '\n' ' '); code=${PIPESTATUS[0]}
expect "several files: each line names its file, exit 1 when any fails" \
    "1:$work/missing.json $work/typo.json " "$code:$out"
out=$("$cli" preset check "$root/data/presets/Theme Solarized Light.json" | head -1); code=${PIPESTATUS[0]}
expect "warnings do not fail the check" \
    "0:$root/data/presets/Theme Solarized Light.json: warning: /code/text: code text on the card has a contrast of 4.1:1; body text needs 4.5:1 (WCAG 2.x); use \"#5F747B\" (4.5:1)" \
    "$code:$out"
out=$(STAGEHAND_CONFIG_DIR="$work/config" "$cli" preset list | head -3 | tr '\n' '|'); code=$?
expect "list: the built-in presets, one name a line" "0:Conference Dark|Conference Light|High Contrast|" "$code:$out"
mkdir -p "$work/config/presets"
cp "$work/typo.json" "$work/config/presets/Mine.json"
out=$(STAGEHAND_CONFIG_DIR="$work/config" "$cli" preset list | tail -1); code=$?
expect "list: a broken user preset is named with what to do" "0:Mine  (does not load: run preset check)" "$code:$out"
"$cli" preset schema | cmp -s - <(cat "$root/data/schema/preset.schema.json"); code=$?
expect "schema prints data/schema/preset.schema.json" "0" "$code"
"$cli" preset >/dev/null 2>&1; code=$?
expect "no command: exit 2" "2" "$code"
"$cli" preset check >/dev/null 2>&1; code=$?
expect "check without a file: exit 2" "2" "$code"
exit $fail
