# Functions to run the real `obs` binary against a private, throw-away profile: used by the
# demo (scripts/demo.sh) and the smoke test (tests/smoke/smoke.sh). Source this file.
#
# A session lives in $OBS_SESSION_HOME: HOME points there while OBS runs, so OBS's whole config
# (profile, scene collections, plugins, logs) is private and the user's own OBS is untouched.

stagehand_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

free_tcp_port() {
    node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# obs_session_prepare HOME_DIR WEBSOCKET_PORT
obs_session_prepare() {
    OBS_SESSION_HOME=$1
    OBS_SESSION_PORT=$2
    local cfg="$OBS_SESSION_HOME/.config/obs-studio"
    mkdir -p "$cfg/basic/profiles/Stagehand" "$cfg/basic/scenes" "$cfg/plugins"
    cat >"$cfg/global.ini" <<INI
[General]
FirstRun=true
[Basic]
Profile=Stagehand
ProfileDir=Stagehand
SceneCollection=Stagehand Demo
SceneCollectionFile=stagehand-demo
ConfigOnNewProfile=false
[BasicWindow]
geometry=
[OBSWebSocket]
FirstLoad=false
ServerEnabled=true
ServerPort=$OBS_SESSION_PORT
AlertsEnabled=false
AuthRequired=false
INI
    # OBS 31+ reads the user's settings (FirstRun among them: without it the first-run wizard
    # opens over the preview) from user.ini; OBS 29 and 30 read global.ini. Write both.
    cp "$cfg/global.ini" "$cfg/user.ini"
    cat >"$cfg/basic/profiles/Stagehand/basic.ini" <<INI
[General]
Name=Stagehand
[Video]
BaseCX=1920
BaseCY=1080
OutputCX=1920
OutputCY=1080
FPSType=0
FPSCommon=30
INI
    cp "$stagehand_root/scripts/lib/demo-collection.json" "$cfg/basic/scenes/stagehand-demo.json"
}

# obs_session_install_plugin BUILD_DIR: installs with the per-user layout into the session.
obs_session_install_plugin() {
    cmake --install "$1" --prefix "$OBS_SESSION_HOME/.config/obs-studio/plugins" >/dev/null
}

# obs_session_start LOG_FILE [extra obs args...]: starts obs in the background on $DISPLAY.
obs_session_start() {
    OBS_SESSION_LOG=$1
    shift
    mkdir -p "$OBS_SESSION_HOME/runtime"
    chmod 700 "$OBS_SESSION_HOME/runtime"
    (
        cd "$OBS_SESSION_HOME" || exit 1
        HOME="$OBS_SESSION_HOME" XDG_CONFIG_HOME="$OBS_SESSION_HOME/.config" \
            XDG_RUNTIME_DIR="$OBS_SESSION_HOME/runtime" \
            exec obs --multi --disable-missing-files-check --collection "Stagehand Demo" \
            --profile Stagehand "$@"
    ) >"$OBS_SESSION_LOG" 2>&1 &
    OBS_SESSION_PID=$!
}

# obs_session_wait_for PATTERN SECONDS: waits until the log has a line matching PATTERN.
obs_session_wait_for() {
    local pattern=$1 seconds=$2 waited=0
    while ! grep -qE "$pattern" "$OBS_SESSION_LOG" 2>/dev/null; do
        if ! kill -0 "$OBS_SESSION_PID" 2>/dev/null; then
            echo "obs exited while waiting for: $pattern" >&2
            return 1
        fi
        if [ "$waited" -ge $((seconds * 10)) ]; then
            echo "timed out after ${seconds}s waiting for: $pattern" >&2
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
}

# obs_session_stop: SIGINT (OBS's clean shutdown path), then waits; returns obs's exit code.
obs_session_stop() {
    kill -INT "$OBS_SESSION_PID" 2>/dev/null || true
    local waited=0
    while kill -0 "$OBS_SESSION_PID" 2>/dev/null && [ "$waited" -lt 300 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$OBS_SESSION_PID" 2>/dev/null; then
        echo "obs did not exit within 30 s of SIGINT; killing it" >&2
        kill -KILL "$OBS_SESSION_PID" 2>/dev/null || true
        wait "$OBS_SESSION_PID" 2>/dev/null
        return 124
    fi
    wait "$OBS_SESSION_PID"
}

# obs_ws_ready: installs the pinned obs-websocket-js client once (npm ci checks every hash).
obs_ws_ready() {
    local dir="$stagehand_root/scripts/obs-ws"
    if [ ! -d "$dir/node_modules/obs-websocket-js" ] || [ ! -d "$dir/node_modules/reveal.js" ] ||
        [ ! -d "$dir/node_modules/ajv" ]; then
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
}

# obs_ws COMMAND ARGS...: runs scripts/obs-ws/obs-ws.mjs against the session's OBS.
obs_ws() {
    node "$stagehand_root/scripts/obs-ws/obs-ws.mjs" --port "$OBS_SESSION_PORT" "$@"
}
