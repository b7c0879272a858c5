#!/usr/bin/env bash
# The packages as a user installs them, inside the root file system of scripts/rootfs-test.sh
# (root, the distribution's obs-studio installed, an X display): builds them with
# scripts/package.sh, installs the .deb with apt, starts the stock `obs` and checks that the
# module loads, the dock is created and the vendor answers; removes the package and checks that
# nothing of it is left; then the same with the tarball unpacked into a user's plugin folder.
# Prints "ok - ..." / "FAIL - ..." lines; exits with the number of failures.
#
#   bash scripts/lib/install-test.sh BUILD_DIR
set -uo pipefail
build=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
# shellcheck source=obs-session.sh
source scripts/lib/obs-session.sh
failures=0
check() { # NAME COMMAND...
    local name=$1
    shift
    if "$@" >/dev/null 2>&1; then
        echo "ok   - $name"
    else
        echo "FAIL - $name"
        failures=$((failures + 1))
    fi
}
out="$build/install-test"
rm -rf "$out"
mkdir -p "$out"

if ! paths=$(bash scripts/package.sh --no-deps --build-dir "$build/package" 2>"$out/package.log"); then
    tail -n 30 "$out/package.log"
    echo "FAIL - scripts/package.sh built the packages"
    exit 1
fi
deb=$(echo "$paths" | grep '\.deb$')
tarball=$(echo "$paths" | grep '\.tar\.xz$')
check "package.sh printed a .deb and a tarball" test -f "$deb" -a -f "$tarball"
version=$(dpkg-deb -f "$deb" Version)

# OBS with a private profile and no plugin of the session's own: what loads is what is installed.
# run_obs NAME: starts it, checks the module, the dock and the vendor, stops it.
run_obs() {
    local name=$1 home
    home=$(mktemp -d /tmp/stagehand-install-XXXXXX)
    obs_session_prepare "$home" "$(free_tcp_port)"
    [ -n "${2:-}" ] && tar -xJf "$2" -C "$home/.config/obs-studio/plugins"
    obs_session_start "$out/$name.log"
    local log="$out/$name.log"
    obs_session_wait_for "Startup complete" 90
    obs_session_wait_for "Server started successfully on port" 30 || true
    check "$name: the module loads and says its version" grep -q "\[stagehand\] version $version loaded" "$log"
    check "$name: the presenter dock is created" grep -q "\[stagehand\] presenter dock created" "$log"
    check "$name: the vendor answers get_version" bash -c \
        "node '$root/scripts/obs-ws/obs-ws.mjs' --port $OBS_SESSION_PORT vendor get_version | grep -q '$version'"
    obs_session_stop >/dev/null 2>&1
    rm -rf "$home"
}

# The .deb, through apt as a user installs a downloaded package.
if apt-get install -y "$deb" >"$out/apt-install.log" 2>&1; then
    echo "ok   - apt-get install ./$(basename "$deb")"
    dpkg -L stagehand >"$out/files"
    module=$(grep '/obs-plugins/stagehand\.so$' "$out/files")
    check "the module is in OBS's plugin folder" test -f "$module"
    check "stagehand-cli is on the PATH" bash -c 'command -v stagehand-cli'
    check "the installed stagehand-cli finds the installed presets" bash -c \
        'STAGEHAND_CONFIG_DIR=$(mktemp -d) stagehand-cli preset list | grep -qx "High Contrast"'
    run_obs deb
    apt-get purge -y stagehand >"$out/apt-remove.log" 2>&1
    left=0
    while read -r f; do
        [ -f "$f" ] && left=$((left + 1)) && echo "left behind: $f"
    done <"$out/files"
    check "apt-get purge leaves none of its files" test "$left" -eq 0
    check "no stagehand data folder is left" test ! -e /usr/share/obs/obs-plugins/stagehand
else
    tail -n 20 "$out/apt-install.log"
    echo "FAIL - apt-get install ./$(basename "$deb")"
    failures=$((failures + 1))
fi

# The tarball, unpacked into a user's ~/.config/obs-studio/plugins.
check "the tarball holds the per-user layout" bash -c \
    "tar -tJf '$tarball' | grep -qx 'stagehand/bin/64bit/stagehand.so' && tar -tJf '$tarball' | grep -qx 'stagehand/data/locale/en-US.ini'"
run_obs tarball "$tarball"

echo "install test: $failures failed"
exit "$failures"
