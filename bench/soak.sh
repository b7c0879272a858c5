#!/usr/bin/env bash
# The whole show, measured: a real `obs` (1080p, the demo scene) with Stagehand's three overlays
# animating under a chat flood, then the same profile and scene without Stagehand, each for the
# same time; prints OBS's render time and skipped frames, the process's CPU and its memory (PSS)
# over the run for both, then CPU by thread and PSS by mapping (each library and font, the heap,
# anonymous memory) side by side. A soak when run long: memory must stay flat.
#
#   bench/soak.sh [--minutes 10] [--rate 10000] [--build build] [--baseline yes|no|twice]
#                 [--perf yes|no]
#
# --baseline twice runs OBS without Stagehand before and after the run with it and compares with
# the mean of the two: OBS alone varies by a few MiB from run to run (one morning's three runs
# held 194.3 to 198.7 MiB on average), more than many a change being measured.
#
# --perf yes (needs `perf`, linux-perf, and the right to trace OBS): records OBS's graphics
# thread for a third of the run with Stagehand (a minute at most) and says which share of
# Stagehand's drawing and ticking there was Mesa's own work (llvmpipe runs vertex processing and
# binning on the thread that draws), so that its CPU outside the software GPU can be told with
# the driver's part left out as well. The samples are unwound after OBS stops.
#
# Needs a display: under xvfb-run when there is none. Builds nothing: run scripts/test.sh (or
# cmake --build build) first.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
minutes=10
rate=10000
build="$root/build"
baseline=yes
perf=no
while [ $# -gt 0 ]; do
    case "$1" in
    --minutes) minutes=$2 && shift 2 ;;
    --rate) rate=$2 && shift 2 ;;
    --build) build=$2 && shift 2 ;;
    --baseline) baseline=$2 && shift 2 ;;
    --perf) perf=$2 && shift 2 ;;
    *)
        echo "soak.sh: unknown argument '$1' (expected --minutes, --rate, --build, --baseline or --perf)" >&2
        exit 2
        ;;
    esac
done
case "$baseline" in
yes | no | twice) ;;
*)
    echo "soak.sh: --baseline takes yes, no or twice, not '$baseline'" >&2
    exit 2
    ;;
esac
if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" bash "$0" --minutes "$minutes" \
        --rate "$rate" --build "$build" --baseline "$baseline" --perf "$perf"
fi
if [ "$perf" = yes ] && ! command -v perf >/dev/null; then
    echo "soak.sh: --perf yes needs perf (apt-get install linux-perf)" >&2
    exit 2
fi
# shellcheck source=../scripts/lib/obs-session.sh
source "$root/scripts/lib/obs-session.sh"
obs_ws_ready || exit 1
out="$build/soak"
mkdir -p "$out"

run() { # run NAME WITH_PLUGIN(0|1)
    local name=$1 with=$2 home
    home=$(mktemp -d /tmp/stagehand-soak-XXXXXX)
    obs_session_prepare "$home" "$(free_tcp_port)"
    [ "$with" -eq 1 ] && obs_session_install_plugin "$build"
    # 1080p at 60 fps, as a presenter streams.
    sed -i 's/^FPSCommon=.*/FPSCommon=60/' "$home/.config/obs-studio/basic/profiles/Stagehand/basic.ini"
    obs_session_start "$out/$name.log" -geometry 1920x1080+0+0
    if ! obs_session_wait_for "Startup complete" 60; then
        echo "soak.sh: obs did not start ($name); see $out/$name.log" >&2
        obs_session_stop
        return 1
    fi
    node "$root/scripts/obs-ws/soak.mjs" --port "$OBS_SESSION_PORT" --pid "$OBS_SESSION_PID" \
        --minutes "$minutes" --drive "$with" --rate "$rate" >"$out/$name.jsonl" &
    local driver=$!
    [ "$with" -eq 1 ] && rm -f "$out/graphics.perf" "$out/graphics.perf.json"
    if [ "$with" -eq 1 ] && [ "$perf" = yes ]; then
        # A third into the run, when the flood and the animations are under way.
        sleep "$(awk -v m="$minutes" 'BEGIN { print m * 20 }')"
        local tid recorded
        tid=$(grep -l '^libobs: graphic' /proc/"$OBS_SESSION_PID"/task/*/comm 2>/dev/null | head -n 1 |
            awk -F/ '{ print $5 }')
        # A third of the run, at most a minute: the share is a count of samples, and 20 s (some
        # 400 in Stagehand's callbacks) left it uncertain by two or three points either way.
        recorded=$(awk -v m="$minutes" 'BEGIN { s = m * 20; print (s < 60 ? s : 60) }')
        if [ -z "$tid" ] || ! perf record -q -F 999 --call-graph dwarf,16384 -t "$tid" \
            -o "$out/graphics.perf" -- sleep "$recorded" >"$out/graphics.perf.log" 2>&1; then
            echo "soak.sh: perf could not record OBS's graphics thread; see $out/graphics.perf.log" >&2
            rm -f "$out/graphics.perf"
        fi
    fi
    wait "$driver"
    obs_session_stop
    local status=$?
    if [ "$status" -ne 0 ]; then
        # Kept under its own name: the next run's log would replace it.
        cp "$out/$name.log" "$out/$name.exit-$status.log"
        echo "soak.sh: obs ($name) exited with status $status when stopped; its log: $out/$name.exit-$status.log" >&2
    fi
    # Unwound once OBS has stopped (it takes a core for a while), before its plugin folder goes.
    if [ -f "$out/graphics.perf" ]; then
        perf script -i "$out/graphics.perf" -F comm,tid,ip,sym,dso 2>/dev/null |
            node "$root/scripts/obs-ws/perf-split.mjs" /dev/stdin >"$out/graphics.perf.json"
    fi
    rm -rf "$home"
    echo "$name: $(tail -n 1 "$out/$name.jsonl")"
}

echo "soak.sh: ${minutes} minutes each, chat flood ${rate}/minute; samples in $out"
# A baseline from an earlier call must not be averaged into this one's.
rm -f "$out/without-stagehand-before.jsonl"
if [ "$baseline" = twice ]; then
    run without-stagehand-before 0 || exit 1
fi
run with-stagehand 1 || exit 1
[ "$baseline" = no ] || run without-stagehand 0 || exit 1

# Where the CPU went, thread by thread (% of one core over the run), both runs side by side:
# OBS's threads that grew with Stagehand loaded, and Stagehand's own ("stagehand-...").
node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8").trim().split("\n").pop()); } catch { return null; } };
const w = read(process.argv[1]), wo = read(process.argv[2]);
if (!w || !w.thread_cpu_percent) process.exit(0);
const a = w.thread_cpu_percent, b = (wo && wo.thread_cpu_percent) || {};
const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => (a[y] ?? 0) - (a[x] ?? 0));
console.log("thread (CPU % of a core)        with    without");
for (const n of names) console.log(n.padEnd(30), String(a[n] ?? "-").padStart(7), String(b[n] ?? "-").padStart(9));
const on = w.stagehand_on_obs_threads_cpu_percent || {};
console.log(`Stagehand CPU outside the software GPU: ${w.stagehand_cpu_percent} % of a core = its own threads ${w.stagehand_threads_cpu_percent} %` +
    Object.entries(on).map(([k, v]) => ` + ${k} ${v} %`).join("") + " (on OBS threads)");
// The dock figure is the code of the dock alone; Qt painting and laying out its widgets runs on
// the same thread outside it. The UI thread ("obs") of the run without Stagehand says how much that is.
let ui_extra = 0;
if (a.obs !== undefined && b.obs !== undefined && on.dock !== undefined) {
    const grew = a.obs - b.obs;
    ui_extra = Math.max(grew - on.dock, 0);
    console.log(`  OBS\x27s UI thread grew by ${grew.toFixed(2)} % (the dock\x27s own code ${on.dock} %, the rest Qt painting and laying out ` +
        `its widgets): ${(w.stagehand_cpu_percent + ui_extra).toFixed(2)} % of a core with that growth counted whole`);
}
const split = read(process.argv[3]);
if (split && split.mesa_share !== null) {
    const graphics = (on.draw ?? 0) + (on.tick ?? 0);
    const mesa = graphics * split.mesa_share;
    console.log(`  of its ${graphics.toFixed(2)} % on the graphics thread (draw + tick), ${(100 * split.mesa_share).toFixed(0)} % was inside Mesa ` +
        `(perf: ${split.in_mesa} of ${split.stagehand} samples in its callbacks): ` +
        `${(w.stagehand_cpu_percent + ui_extra - mesa).toFixed(2)} % of a core with the software GPU work on that thread left out too` +
        (ui_extra > 0 ? " (the growth of the UI thread counted whole)" : ""));
}
' "$out/with-stagehand.jsonl" "$out/without-stagehand.jsonl" "$out/graphics.perf.json"

# The memory Stagehand adds: at the end, and averaged from the first minute on (one sample swings
# by a MiB or two around each trim of the heap's free pages); then where it is, mapping by mapping
# (PSS at the end of each run, MiB): its own library, the libraries it brings, the heap and
# anonymous memory (malloc arenas; under llvmpipe also the textures and compiled shaders a GPU
# would hold). With two baseline runs, against their mean.
node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8").trim().split("\n").pop()); } catch { return null; } };
const w = read(process.argv[1]), after = read(process.argv[2]), before = read(process.argv[3]);
if (!w || !after) process.exit(0);
let wo = after;
if (before) {
    const mean = (x, y) => (x + y) / 2;
    const maps = {};
    for (const n of new Set([...Object.keys(before.pss_kib_by_mapping || {}), ...Object.keys(after.pss_kib_by_mapping || {})]))
        maps[n] = mean(before.pss_kib_by_mapping?.[n] ?? 0, after.pss_kib_by_mapping?.[n] ?? 0);
    wo = { pss_mib_end: mean(before.pss_mib_end, after.pss_mib_end),
           pss_mib_mean_after_settled: mean(before.pss_mib_mean_after_settled, after.pss_mib_mean_after_settled),
           pss_mib_mean_last_third: mean(before.pss_mib_mean_last_third, after.pss_mib_mean_last_third),
           pss_kib_by_mapping: maps };
    console.log(`OBS alone: ${before.pss_mib_mean_after_settled} MiB on average before, ${after.pss_mib_mean_after_settled} after ` +
        `(${before.pss_mib_end} and ${after.pss_mib_end} at the end); with Stagehand ${w.pss_mib_mean_after_settled} (${w.pss_mib_end}); ` +
        "compared with the mean of the two");
}
console.log(`memory added (PSS): ${(w.pss_mib_end - wo.pss_mib_end).toFixed(1)} MiB at the end, ` +
    `${(w.pss_mib_mean_after_settled - wo.pss_mib_mean_after_settled).toFixed(1)} MiB on average from the first minute on, ` +
    `${(w.pss_mib_mean_last_third - wo.pss_mib_mean_last_third).toFixed(1)} over the last third of the run (the queue at its cap from the fourth minute); ` +
    `textures ${w.texture_mib_end} MiB; ${w.memory_trims} trims, the longest ${w.memory_trim_longest_ms} ms`);
if (!w.pss_kib_by_mapping || !wo.pss_kib_by_mapping) process.exit(0);
const a = w.pss_kib_by_mapping, b = wo.pss_kib_by_mapping;
const mib = (k) => (k / 1024).toFixed(1);
const rows = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .map((n) => [n, (a[n] ?? 0), (b[n] ?? 0)]).sort((x, y) => (y[1] - y[2]) - (x[1] - x[2]));
const total = (o) => Object.values(o).reduce((s, v) => s + v, 0);
console.log(`mapping (PSS MiB at the end)              with  without    added${before ? "   (without: the two runs\x27 mean)" : ""}`);
let rest = 0;
for (const [n, x, y] of rows) {
    if (Math.abs(x - y) >= 256) console.log(n.slice(0, 38).padEnd(38), mib(x).padStart(8), mib(y).padStart(8), mib(x - y).padStart(8));
    else rest += x - y;
}
console.log("(each of the rest under 0.25)".padEnd(38), "".padStart(8), "".padStart(8), mib(rest).padStart(8));
console.log("all".padEnd(38), mib(total(a)).padStart(8), mib(total(b)).padStart(8), mib(total(a) - total(b)).padStart(8));
' "$out/with-stagehand.jsonl" "$out/without-stagehand.jsonl" "$out/without-stagehand-before.jsonl"
