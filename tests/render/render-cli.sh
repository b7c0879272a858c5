#!/usr/bin/env bash
# Usage: render-cli.sh STAGEHAND_CLI MODULE SOURCE_DIR PINNED_FONTS_CONF. `stagehand-cli render`
# as a user runs it, with no display at all (it must find its own Xvfb): the PNG it writes (size,
# that it is a PNG with something drawn), the default output name, and the messages and exit
# codes of a bad command line, a broken preset and a missing file; and the same card drawn with
# fontconfig switched off (the font folders read directly, as on Windows and macOS) over the
# same pinned fonts. (The pixels themselves are compared with the live source in the render
# tests.)
set -uo pipefail
cli=$1 module=$2 root=$3 fonts_conf=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export STAGEHAND_MODULE_PATH=$module STAGEHAND_DATA_DIR=$root/data STAGEHAND_CONFIG_DIR=$work/config
unset DISPLAY
# shellcheck source=../support/expect.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/expect.sh"
png_size() { # FILE -> "WxH" from the PNG's IHDR, or "not a PNG"
    [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "not a PNG"; return; }
    local w h
    w=$(od -An -tu4 --endian=big -j16 -N4 "$1" | tr -d ' ')
    h=$(od -An -tu4 --endian=big -j20 -N4 "$1" | tr -d ' ')
    echo "${w}x${h}"
}
printf 'fn main() {\n    println!("hello, stream");\n}\n' >"$work/main.rs"

out=$(cd "$work" && "$cli" render --preset "Conference Dark" --code main.rs --size 640x200 2>&1); code=$?
expect "--code with no --out: writes NAME.png beside where it runs, says where" "0:main.png" "$code:$out"
expect "the PNG has the asked size" "640x200" "$(png_size "$work/main.png")"
expect "and is not empty" "yes" "$([ "$(stat -c %s "$work/main.png")" -gt 3000 ] && echo yes || echo no)"

out=$("$cli" render --preset "High Contrast" --question "Why Rust?" --author ada --out "$work/q.png" 2>&1); code=$?
expect "--question: the preset's stage size" "0:$work/q.png" "$code:$out"
expect "the question card's size is High Contrast's stage" "620x220" "$(png_size "$work/q.png")"

out=$("$cli" render --preset "$root/data/presets/Theme Dracula.json" --slide 3/10 --out "$work/s.png" 2>&1); code=$?
expect "--slide with a preset file" "0:$work/s.png" "$code:$out"

out=$("$cli" render --preset "Conference Light" --stage --code "$work/main.rs" --slide 2/5 --scale 0.25 --out "$work/stage.png" 2>&1); code=$?
expect "--stage at a quarter" "0:$work/stage.png:480x270" "$code:$out:$(png_size "$work/stage.png")"

# fontconfig off: the plugin reads the font folders itself; over the pinned fonts (the folders the
# pinned fontconfig file lists) every pixel is the same as through fontconfig.
printf 'const stage = () => "\xE5\x8F\xB0\xE5\x8C\x97 \xF0\x9F\x98\x80";\n' >"$work/fonts.ts"
FONTCONFIG_FILE=$fonts_conf "$cli" render --preset "Conference Dark" --code "$work/fonts.ts" \
    --size 900x220 --out "$work/fontconfig.png" >/dev/null 2>&1
dirs=$(sed -n 's:.*<dir>\(.*\)</dir>.*:\1:p' "$fonts_conf" | paste -sd:)
STAGEHAND_FONT_LOOKUP=folders STAGEHAND_FONT_DIRS=$dirs FONTCONFIG_FILE=/nonexistent/fonts.conf \
    "$cli" render --preset "Conference Dark" --code "$work/fonts.ts" --size 900x220 \
    --out "$work/folders.png" >/dev/null 2>&1
differ=$(compare -metric AE "$work/fontconfig.png" "$work/folders.png" null: 2>&1)
expect "font folders instead of fontconfig: the same pixels" "0" "$differ"

out=$("$cli" render --code "$work/main.rs" 2>&1); code=$?; out=${out%%$'\n'*}
expect "no --preset: exit 2 with the reason" "2:stagehand-cli render: --preset is required (a preset's name or a file)" "$code:$out"
out=$("$cli" render --preset "Conference Dark" --slide 7/5 --out "$work/x.png" 2>&1); code=$?; out=${out%%$'\n'*}
expect "a slide past the deck: exit 2" "2:stagehand-cli render: --slide: expected N/M with 1 <= N <= M, got \"7/5\"" "$code:$out"
out=$("$cli" render --preset "Conference Dark" --code "$work/main.rs" --question "two things" 2>&1); code=$?; out=${out%%$'\n'*}
expect "two things at once: exit 2" "2:stagehand-cli render: draw one thing: --code FILE, --question TEXT or --slide N/M (or --stage)" "$code:$out"
out=$("$cli" render --preset "Conference Dark" --code "$work/main.rs" --size huge 2>&1); code=$?
expect "a bad size: exit 1 with what was expected" "1:stagehand-cli render: --size: expected WIDTHxHEIGHT in pixels (16 to 16384 each), got \"huge\"" "$code:$out"
out=$("$cli" render --preset "No Such Look" --code "$work/main.rs" 2>&1); code=$?
expect "an unknown preset: exit 1" "1:stagehand-cli render: no preset named \"No Such Look\" (stagehand-cli preset list shows them) and no such file" "$code:$out"
sed 's/"size": 30/"size": "big"/' "$root/data/presets/Conference Dark.json" >"$work/broken.json"
out=$("$cli" render --preset "$work/broken.json" --code "$work/main.rs" 2>&1); code=$?
expect "a broken preset: exit 1 with FILE: /pointer: reason, nothing written" \
    "1:$work/broken.json: /code/font/size: expected a number from 6 to 400, got \"big\":no png" \
    "$code:$out:$([ -e "$work/broken.png" ] && echo png || echo no png)"
out=$("$cli" render --preset "Conference Dark" --code "$work/nope.rs" 2>&1); code=$?
expect "a missing code file: exit 1" "1:stagehand-cli render: $work/nope.rs: no such file" "$code:$out"
exit $fail
