#!/usr/bin/env bash
# Runs a Windows program under Debian's Wine for the MinGW build's tests (the CMake toolchain's
# CMAKE_CROSSCOMPILING_EMULATOR): its own Wine prefix, made quietly on first use, no display, no
# Mono or Gecko installer prompts, no Wine debug chatter; the program's exit code is returned.
#   wine-run.sh PROGRAM.exe [ARGS...]
#   wine-run.sh --start-server | --stop-server     (the tests' fixture: one server for the run)
set -euo pipefail
export WINEPREFIX="${STAGEHAND_WINEPREFIX:-${HOME:-/tmp}/.cache/stagehand/wine}"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
wine=""
for candidate in "${STAGEHAND_WINE:-}" /usr/lib/wine/wine64 "$(command -v wine64 || true)" \
    "$(command -v wine || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
        wine=$candidate
        break
    fi
done
if [ -z "$wine" ]; then
    echo "wine-run: no Wine found (apt-get install wine64)" >&2
    exit 127
fi
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    mkdir -p "$WINEPREFIX"
    # Two test processes may arrive here at once: one makes the prefix, the other waits for it.
    exec 9>"$WINEPREFIX.lock"
    flock 9
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        "$wine" wineboot --init >/dev/null 2>&1 || true
        "$(dirname "$wine")/wineserver" -w 2>/dev/null || true
    fi
    flock -u 9
fi
server="$(dirname "$wine")/wineserver"
case "${1:-}" in
--start-server)
    # One server for a whole test run (a CTest fixture): tests are each their own Wine process,
    # and two that start a server at the same moment, or one that starts as the last server is
    # exiting, fail to connect. Detached from the caller's output, so CTest does not wait on it.
    setsid "$server" -p </dev/null >/dev/null 2>&1 &
    for _ in $(seq 1 100); do
        "$wine" cmd.exe /c exit </dev/null >/dev/null 2>&1 && exit 0
        sleep 0.1
    done
    echo "wine-run: the wine server did not start" >&2
    exit 1
    ;;
--stop-server)
    "$server" -k >/dev/null 2>&1 || true
    exit 0
    ;;
esac
exec "$wine" "$@"
