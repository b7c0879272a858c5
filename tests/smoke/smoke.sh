#!/usr/bin/env bash
# Usage: smoke.sh BUILD_DIR OUT_DIR   (needs DISPLAY; CTest runs it under xvfb-run)
set -uo pipefail
build_dir=$1
out_dir=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../scripts/lib/obs-session.sh
source "$here/../../scripts/lib/obs-session.sh"

failures=0
# check_colours IMAGE COLOUR:PERMILLE...: each colour (within 1%) covers at least PERMILLE/1000
# of the image.
check_colours() {
    local image=$1 spec colour min share
    shift
    for spec in "$@"; do
        colour=${spec%%:*}
        min=${spec##*:}
        share=$(convert "$image" -fuzz 1% -transparent "$colour" -alpha extract -negate \
            -format "%[fx:int(1000*mean)]" info: 2>/dev/null)
        check "$(basename "$image") shows $colour (${share:-?}/1000, at least $min)" \
            test "${share:-0}" -ge "$min"
    done
}

# check_script DESCRIPTION OUTPUT_NAME SCRIPT ARGS...: runs one of scripts/obs-ws/*.mjs against
# the session's OBS, keeps its output in OUT_DIR/OUTPUT_NAME.txt, shows it indented, and checks
# that it exited 0.
check_script() {
    local what=$1 name=$2 script=$3 rc
    shift 3
    node "$here/../../scripts/obs-ws/$script" --port "$OBS_SESSION_PORT" --out "$out_dir" "$@" \
        >"$out_dir/$name.txt" 2>&1
    rc=$?
    sed 's/^/     /' "$out_dir/$name.txt"
    check "$what" test "$rc" -eq 0
}

check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then
        echo "ok   - $what"
    else
        echo "FAIL - $what"
        failures=$((failures + 1))
    fi
}

rm -rf "$out_dir"
mkdir -p "$out_dir"
session=$(mktemp -d /tmp/stagehand-smoke-XXXXXX)
# A crash of OBS leaves a core where the kernel is told to put one (see the SIGINT check).
ulimit -c unlimited 2>/dev/null || true
trap 'rm -rf "$session"' EXIT

obs_ws_ready || { echo "FAIL - could not install the obs-websocket client (npm ci)"; exit 1; }
obs_session_prepare "$session" "$(free_tcp_port)"
obs_session_install_plugin "$build_dir" || { echo "FAIL - cmake --install"; exit 1; }
check "plugin installed in the per-user layout" \
    test -f "$session/.config/obs-studio/plugins/stagehand/bin/64bit/stagehand.so"

log="$out_dir/obs.log"
obs_session_start "$log" -geometry 1920x1080+0+0
started=0
obs_session_wait_for "Startup complete" 60 && started=1
check "obs started (\"Startup complete\" in the log)" test "$started" -eq 1

if [ "$started" -eq 1 ]; then
    obs_session_wait_for "Server started successfully on port" 20 ||
        echo "note: obs-websocket did not say it started"
    inputs=$(obs_ws inputs 2>"$out_dir/obs-ws.err")
    echo "inputs: $inputs"
    for kind in stagehand_code stagehand_slides stagehand_question; do
        check "source $kind exists in OBS" grep -q "\"kind\":\"$kind\"" <<<"$inputs"
    done

    # Each source as OBS renders it: an empty spot of the card (40 px up and 50 px in from its
    # bottom-right corner, clear of text and shadow) must be the background colour the scene
    # collection sets for it (scripts/lib/demo-collection.json), within 2 of 255 per channel.
    # A source lays its content out off OBS's threads after the scene loads, so right after the
    # start it may not have drawn yet: looked at again for up to 6 s before it fails.
    check_centre() { # check_centre NAME FILE R G B
        local size w h rgb r g b tries
        for tries in $(seq 12); do
            obs_ws screenshot "$1" "$2" 2>>"$out_dir/obs-ws.err" || return 1
            size=$(identify -format "%w %h" "$2") || return 1
            read -r w h <<<"$size"
            rgb=$(convert "$2" -crop "1x1+$((w - 50))+$((h - 40))" -depth 8 -format "%[fx:int(255*r+.5)] %[fx:int(255*g+.5)] %[fx:int(255*b+.5)]" info:) || return 1
            read -r r g b <<<"$rgb"
            if [ $((r - $3)) -le 2 ] && [ $(($3 - r)) -le 2 ] && [ $((g - $4)) -le 2 ] &&
                [ $(($4 - g)) -le 2 ] && [ $((b - $5)) -le 2 ] && [ $(($5 - b)) -le 2 ]; then
                echo "     $1: ${w}x${h}, card $r,$g,$b (expected $3,$4,$5; look $tries)"
                return 0
            fi
            sleep 0.5
        done
        echo "     $1: ${w}x${h}, card $r,$g,$b (expected $3,$4,$5)"
        return 1
    }
    check "code panel draws its background (Dark+)" check_centre "TypeScript snippet" "$out_dir/code.png" 30 30 30
    check "second code panel draws its background (Light+)" check_centre "C# snippet" "$out_dir/code-cs.png" 255 255 255
    # The question source shows nothing until a question is featured: feature one typed in.
    added=$(obs_ws vendor question_add '{"text":"Which editor is that?","label":"from the room"}' 2>>"$out_dir/obs-ws.err")
    typed_id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' <<<"$added")
    obs_ws vendor question_feature "{\"id\":${typed_id:-0}}" >/dev/null 2>>"$out_dir/obs-ws.err"
    sleep 0.8 # past its entrance
    check "question panel draws its background once a question is featured" check_centre "Live question" "$out_dir/question.png" 41 43 69
    obs_ws vendor question_answered '{"_":0}' >/dev/null 2>>"$out_dir/obs-ws.err"
    check "slides panel draws its background" check_centre "Slide progress" "$out_dir/slides.png" 23 26 33
    # The dock's global hotkey puts the clipboard on stream: copy code (xclip owns the X
    # clipboard as an editor would), press the hotkey as a Stream Deck would, and one of the
    # code sources (the one chosen in the dock) now shows it.
    clip_text="print(\"pasted from the clipboard $$\")"
    printf '%s' "$clip_text" | xclip -selection clipboard
    # xclip serves the selection from a child it forks: wait until it answers, or the hotkey
    # can find the clipboard still empty ("the clipboard holds no text").
    for _ in $(seq 20); do
        [ "$(xclip -o -selection clipboard 2>/dev/null)" = "$clip_text" ] && break
        sleep 0.1
    done
    obs_ws hotkey stagehand.dock.show_clipboard 2>>"$out_dir/obs-ws.err"
    shown_clipboard() {
        local name
        for name in "TypeScript snippet" "C# snippet"; do
            obs_ws get "$name" 2>>"$out_dir/obs-ws.err" | grep -qF "pasted from the clipboard $$" && return 0
        done
        return 1
    }
    pasted=1
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        shown_clipboard && { pasted=0; break; }
        sleep 0.3
    done
    check "dock hotkey shows the clipboard in a code source" test "$pasted" -eq 0

    # Remote control: every vendor request of "stagehand" through obs-websocket-js, as
    # Companion or a script sends it; the answers, the state, the events and a source's pixels.
    followed="$session/followed.py"
    printf 'print("followed by a vendor request")\n' >"$followed"
    check_script "every vendor request answers and acts as documented" vendor-check \
        vendor-check.mjs --file "$followed" --clipboard "$clip_text"

    # Presets: apply a built-in look, export it, edit a colour, import it and see every overlay
    # change; a copy with a typo is refused with the place and changes nothing.
    check_script "presets: apply, export, edit, import live; a typo changes nothing" \
        presets-check presets-check.mjs

    # Live questions end to end: a fake Twitch server feeds the real OBS; questions are
    # moderated and featured through vendor requests and hotkeys; a delete in chat takes the
    # featured one off the screen.
    check_script "live questions: chat in, moderated, featured, withdrawn on delete" \
        questions-check questions-check.mjs live

    # Following a deck: a real reveal.js deck in headless Chromium with the bridge, then a
    # position file; the slide progress source follows both.
    check_script "slides follow a reveal.js deck and a position file" slides-check \
        slides-check.mjs --position-file "$session/position.txt" live
    obs_ws program "$out_dir/program.png" 2>>"$out_dir/obs-ws.err"
    check "program output screenshot saved" test -s "$out_dir/program.png"
    # The sources' own colours (scripts/lib/demo-collection.json) fill their share of the
    # program output: the stage, the code card, the question card and the progress bar.
    check_colours "$out_dir/program.png" "#2b3a4a:200" "#1e1e1e:100" "#292b45:20" "#171a21:10"

    sleep 0.5 # let the window finish painting
    import -window root "$out_dir/screenshot.png" 2>/dev/null
    check "window screenshot saved" test -s "$out_dir/screenshot.png"
    # Not black, not blank: OBS's window with its preview and the dock has content.
    window_stats=$(convert "$out_dir/screenshot.png" -format "%[fx:int(1000*mean)] %[fx:int(1000*standard_deviation)]" info: 2>/dev/null)
    read -r window_mean window_spread <<<"${window_stats:-0 0}"
    check "window screenshot shows OBS (mean ${window_mean}/1000, spread ${window_spread}/1000)" \
        test "${window_mean:-0}" -gt 40 -a "${window_spread:-0}" -gt 40
    # The same colours in the window's preview, smaller: nothing (a wizard, a black preview)
    # covers it.
    check_colours "$out_dir/screenshot.png" "#2b3a4a:10" "#1e1e1e:5" "#292b45:1" "#171a21:1"
fi

# A crash in the middle of the Q&A: SIGKILL, restart, and the queue is all there.
if [ "$started" -eq 1 ]; then
    kill -KILL "$OBS_SESSION_PID" 2>/dev/null
    wait "$OBS_SESSION_PID" 2>/dev/null
    final_log="$out_dir/obs-after-kill.log"
    obs_session_start "$final_log" -geometry 1920x1080+0+0
    if obs_session_wait_for "Startup complete" 60 && obs_session_wait_for "Server started successfully on port" 20; then
        check_script "the question queue survives SIGKILL of obs" questions-verify \
            questions-check.mjs verify
        check_script "the slide position and timer survive SIGKILL of obs" slides-verify \
            slides-check.mjs verify
    else
        check "obs restarted after SIGKILL" false
    fi
else
    final_log=$log
fi

obs_session_stop
rc=$?
check "obs exited cleanly on SIGINT (exit code $rc)" test "$rc" -eq 0
if [ "$rc" -ne 0 ]; then
    # What OBS logged last says how far its shutdown went (the log stays in $out_dir); where
    # the kernel left a core in the session's folder (core_pattern "core") and gdb is here,
    # where it stopped.
    echo "     the end of $final_log:"
    tail -n 25 "$final_log" | sed 's/^/     | /'
    for core in "$session"/core*; do
        [ -f "$core" ] && command -v gdb >/dev/null || continue
        echo "     the crashed thread ($core):"
        gdb -batch -ex bt "$(command -v obs)" "$core" 2>/dev/null | grep '^#' | head -n 30 |
            sed 's/^/     | /'
    done
fi

dock_state="$session/.config/obs-studio/plugin_config/stagehand/dock.json"
check "dock hotkey bindings saved at exit ($dock_state)" grep -q "stagehand.dock.show_clipboard" "$dock_state"
# Every file the plugin saved, each with one value of the wrong type (a hand edit, an older
# version's file): OBS must still start, answer obs-websocket and show the dock, with each file
# set aside and said in the log.
state_dir="$session/.config/obs-studio/plugin_config/stagehand"
if [ "$started" -eq 1 ]; then
    node - "$state_dir" <<'JS'
const fs = require("fs");
const dir = process.argv[2];
const edit = (name, change) => {
    const path = `${dir}/${name}.json`;
    const value = fs.existsSync(path) ? JSON.parse(fs.readFileSync(path, "utf8")) : {};
    change(value);
    fs.writeFileSync(path, JSON.stringify(value, null, 2));
};
edit("chat", (v) => { v.twitch = { connected: true, channel: 12 }; });
edit("questions", (v) => { v.format = "stagehand.questions"; v.version = 1; v.questions = [{ id: "one", platform: "twitch", text: "hi?", state: "approved" }]; });
edit("slides", (v) => { v.current = "seven"; });
edit("control", (v) => { v.version = 1; v.code = { chosen: 5 }; });
edit("dock", (v) => { v.shown_once = "yes"; });
JS
    corrupt_log="$out_dir/obs-corrupt-state.log"
    obs_session_start "$corrupt_log" -geometry 1920x1080+0+0
    corrupt_started=0
    obs_session_wait_for "Startup complete" 60 && corrupt_started=1
    check "obs starts with a wrong-typed value in every saved file" test "$corrupt_started" -eq 1
    if [ "$corrupt_started" -eq 1 ]; then
        obs_session_wait_for "Server started successfully on port" 20
        state=$(obs_ws vendor get_state '{"x":1}' 2>>"$out_dir/obs-ws.err")
        check "obs-websocket answers get_state after the files were set aside" \
            grep -q '"ok":true' <<<"$state"
    fi
    obs_session_stop
    check "presenter dock created with broken saved files" \
        grep -q "\[stagehand\] presenter dock created" "$corrupt_log"
    for name in chat questions slides control dock; do
        check "$name.json set aside and said in the log" \
            grep -q "$name.json: not .*moved aside to $name.json.corrupt-" "$corrupt_log"
        check "$name.json.corrupt-* kept for the presenter" \
            compgen -G "$state_dir/$name.json.corrupt-*" >/dev/null
    done
fi
check "a position file no source follows is let go" \
    grep -q "\[stagehand\] no source follows $session/position.txt now: stopped watching it" "$log"
check "module loaded and logged its version" grep -q "\[stagehand\] version .* loaded" "$log"
check "presenter dock created" grep -q "\[stagehand\] presenter dock created" "$log"
check "vendor registered with obs-websocket" grep -q "\[stagehand\] remote control: vendor \"stagehand\" registered" "$log"
# Nothing may reach obs-websocket after it unloaded: the vendor closes (at OBS's exit event)
# before obs-websocket's own unload starts.
line_of() { grep -n "$1" "$2" | head -1 | cut -d: -f1; }
closed_at=$(line_of '\[stagehand\] remote control: vendor "stagehand" closed' "$final_log")
ws_unload_at=$(line_of '\[obs-websocket\] \[obs_module_unload\]' "$final_log")
check "vendor closed (log line ${closed_at:-none}) before obs-websocket unloaded (${ws_unload_at:-none})" \
    test -n "$closed_at" -a -n "$ws_unload_at" -a "${closed_at:-0}" -lt "${ws_unload_at:-0}"
check "dock shown on first run" grep -q "\[stagehand\] dock shown for the first time" "$log"
for kind in stagehand_code stagehand_slides stagehand_question; do
    check "scene collection loaded a $kind source" grep -qE "source: '.*' \($kind\)" "$log"
done
check "no source type was missing" bash -c "! grep -qE \"Source ID '.*' not found\" '$log'"
errors=$(cat "$log" "$final_log" | grep -E "\[stagehand\] ERROR")
check "no errors from Stagehand in the log" test -z "$errors"
[ -n "$errors" ] && echo "$errors"
grep -E "\[stagehand\] WARNING" "$log" | sed 's/^/note: /'
leaks_of() { grep -oE "Number of memory leaks: [0-9]+" "$1" | grep -oE "[0-9]+$"; }
leaks=$(leaks_of "$final_log")

# OBS 29 itself reports a leak or so on this setup; the plugin must add none. Measure the same
# profile and collection without the plugin for the baseline.
# OBS 31 itself now and then crashes while shutting down without the plugin (seen once in the
# Debian 13 root file system: a segmentation fault after "Shutting down", with no Stagehand
# loaded): a baseline that never reached its leak count is taken again, at most twice more.
baseline_home=$(mktemp -d /tmp/stagehand-smoke-base-XXXXXX)
baseline=
for attempt in 1 2 3; do
    obs_session_prepare "$baseline_home" "$(free_tcp_port)"
    obs_session_start "$out_dir/obs-without-plugin.log"
    obs_session_wait_for "Startup complete" 60 && sleep 1
    obs_session_stop
    baseline=$(leaks_of "$out_dir/obs-without-plugin.log")
    [ -n "$baseline" ] && break
    echo "note: the baseline OBS without the plugin ended before its leak count (try $attempt)"
    rm -rf "$baseline_home" && baseline_home=$(mktemp -d /tmp/stagehand-smoke-base-XXXXXX)
done
# Shutting down with the plugin logs no warning or error that OBS does not log without it
# (OBS 32 tears its frontend API down before unloading modules).
shutdown_noise() {
    awk '/==== Shutting down/ { p = 1 } p' "$1" | grep -E '^(error|warning):' | sed -E 's/[0-9]+/N/g' | sort
}
extra=$(comm -23 <(shutdown_noise "$final_log") <(shutdown_noise "$out_dir/obs-without-plugin.log"))
check "shutdown logs no warning or error beyond OBS's own" test -z "$extra"
[ -n "$extra" ] && echo "$extra" | sed 's/^/     extra: /'
rm -rf "$baseline_home"
check "plugin adds no memory leaks (${leaks:-?} with it, ${baseline:-?} without)" \
    test -n "$leaks" -a -n "$baseline" -a "${leaks:-1}" -le "${baseline:-0}"

echo "smoke: $failures failed checks; log and screenshots in $out_dir"
[ "$failures" -eq 0 ]
