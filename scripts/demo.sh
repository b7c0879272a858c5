#!/usr/bin/env bash
# Installs what is needed, builds Stagehand, and starts the real OBS with the plugin and a demo
# scene collection (a code snippet, a live question and slide progress on a stage).
#
#   scripts/demo.sh                 private OBS profile; on your display if there is one,
#                                   otherwise headless under Xvfb with screenshots in demo-out/
#   scripts/demo.sh --headless      headless even when a display is available
#   scripts/demo.sh --user-profile  install into your own OBS (~/.config/obs-studio) and start it
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

headless=0
user_profile=0
for arg in "$@"; do
    case "$arg" in
    --headless) headless=1 ;;
    --user-profile) user_profile=1 ;;
    -h | --help)
        sed -n '2,10p' "$0"
        exit 0
        ;;
    *)
        echo "demo.sh: unknown option $arg (see --help)" >&2
        exit 2
        ;;
    esac
done
[ -n "${DISPLAY:-}" ] || headless=1

# Says how long each stage took since the start (kept across the re-run under Xvfb below).
export STAGEHAND_DEMO_T0=${STAGEHAND_DEMO_T0:-$(date +%s)}
stage() {
    local s=$(($(date +%s) - STAGEHAND_DEMO_T0))
    echo "demo.sh: [$((s / 60))m$((s % 60))s] $*"
}

[ -n "${STAGEHAND_DEMO_IN_XVFB:-}" ] || stage "packages"
bash scripts/install-deps.sh
# shellcheck source=lib/build.sh
source scripts/lib/build.sh
# Only what the demo runs: the module (its data and the pinned fonts come with the configure
# step); the tests and benchmarks are built by scripts/test.sh.
[ -n "${STAGEHAND_DEMO_IN_XVFB:-}" ] || stage "build (the module only)"
stagehand_build build --target stagehand
# shellcheck source=lib/obs-session.sh
source scripts/lib/obs-session.sh

if [ "$user_profile" -eq 1 ]; then
    cmake --install build --prefix "$HOME/.config/obs-studio/plugins"
    scenes="$HOME/.config/obs-studio/basic/scenes"
    mkdir -p "$scenes"
    [ -f "$scenes/stagehand-demo.json" ] || cp scripts/lib/demo-collection.json "$scenes/stagehand-demo.json"
    echo "Installed into ~/.config/obs-studio/plugins; starting OBS with the Stagehand Demo collection."
    exec obs --collection "Stagehand Demo"
fi

# The demo's private OBS draws with the pinned fonts (buildspec.json), so its screenshots look
# the same on every machine; the per-user install above keeps the user's own fonts.
[ -f build/fonts/fonts.conf ] && export FONTCONFIG_FILE="$root/build/fonts/fonts.conf"
out="$root/demo-out"
rm -rf "$out"
mkdir -p "$out"
session=$(mktemp -d /tmp/stagehand-demo-XXXXXX)
obs_ws_ready
obs_session_prepare "$session" "$(free_tcp_port)"
obs_session_install_plugin build

if [ "$headless" -eq 0 ]; then
    echo "Starting OBS with a private profile in $session (close OBS to end the demo)."
    obs_session_start "$out/obs.log"
    # The demo chat feeds the dock's question queue, so the whole flow can be tried at once.
    if obs_session_wait_for "Server started successfully on port" 60; then
        obs_ws vendor chat_connect '{"platform":"demo"}' >/dev/null || true
        obs_ws vendor talk_load "{\"file\":\"$root/data/demo/talk.json\"}" >/dev/null || true
    fi
    wait "$OBS_SESSION_PID" || true
    echo "OBS log: $out/obs.log"
    exit 0
fi

if [ -z "${STAGEHAND_DEMO_IN_XVFB:-}" ]; then
    # Re-run the headless part on a private X server of full-HD size.
    STAGEHAND_DEMO_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" \
        bash "$0" --headless
fi

stage "starting OBS"
obs_session_start "$out/obs.log" -geometry 1920x1080+0+0
trap 'obs_session_stop >/dev/null 2>&1 || true; rm -rf "$session"' EXIT
obs_session_wait_for "Startup complete" 60
obs_session_wait_for "Server started successfully on port" 20 || true
sleep 1.5 # let the first frames and the window paint
obs_ws program "$out/program.png"
stage "first screenshot: $out/program.png"
obs_ws screenshot "TypeScript snippet" "$out/source-code-typescript.png"
obs_ws screenshot "C# snippet" "$out/source-code-csharp.png"
obs_ws screenshot "Live question" "$out/source-question.png"
obs_ws screenshot "Slide progress" "$out/source-slides.png"
import -window root "$out/obs-window.png"

# Stepping, as a Stream Deck or the dock would: the next step's lines glide into focus.
obs_ws step "TypeScript snippet" 2 "$out/step-2-during.png" "$out/step-2.png"

# Following a file: point the C# snippet at a file, then "save" a change to it, as an editor
# would (write a temporary file and rename it over the old one).
demo_file="$session/Queue.cs"
cat >"$demo_file" <<'CS'
public static class Queue
{
    public static Question? Next(IEnumerable<Question> questions) =>
        questions.Where(q => q.Votes >= 3).MaxBy(q => q.Votes);
}
CS
obs_ws set "C# snippet" "{\"file\": \"$demo_file\", \"focus\": \"4\"}"
sleep 1.5
obs_ws screenshot "C# snippet" "$out/follow-before-save.png"
sed 's/q.Votes >= 3/q.Votes >= 3 \&\& q.Approved/' "$demo_file" >"$demo_file.tmp"
mv "$demo_file.tmp" "$demo_file"
sleep 1.5
obs_ws screenshot "C# snippet" "$out/follow-after-save.png"

# The talk: sections from data/demo/talk.json, moved on with next / previous as a clicker
# would, and the timer running (its pace shows against the plan).
obs_ws vendor talk_load "{\"file\":\"$root/data/demo/talk.json\"}" >/dev/null
obs_ws vendor slides_goto '{"slide":23}' >/dev/null
obs_ws vendor timer_start '{"_":0}' >/dev/null
obs_ws vendor slides_next '{"_":0}' >/dev/null
sleep 1.2
obs_ws screenshot "Slide progress" "$out/slides-next.png"
obs_ws vendor slides_prev '{"_":0}' >/dev/null
sleep 1.2
obs_ws screenshot "Slide progress" "$out/slides-previous.png"

# Live questions: the demo chat fills the dock's queue; one is approved and featured.
node scripts/obs-ws/questions-check.mjs --port "$OBS_SESSION_PORT" --out "$out" demo
obs_ws screenshot "Live question" "$out/question-featured.png"
obs_ws program "$out/program-with-question.png"
import -window root "$out/obs-window-questions.png"
obs_session_stop
trap 'rm -rf "$session"' EXIT
stage "done"
echo "Demo screenshots:"
ls -1 "$out"/*.png
