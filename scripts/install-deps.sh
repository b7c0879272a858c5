#!/usr/bin/env bash
# Installs the Debian 12 packages Stagehand builds, tests and runs with. Idempotent: packages
# already present are not fetched again, so the README commands stay fast on a second run.
# The list lives in buildspec.json so there is one place that names every dependency.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=$(python3 - "$here/buildspec.json" <<'PY' 2>/dev/null || true
import json, sys
deb = json.load(open(sys.argv[1]))["dependencies"]["debian-bookworm"]
print(" ".join(k for k in list(deb["build"]) + list(deb["run"]) if k != "nodejs"))
PY
)
if [ -z "$packages" ]; then
    # python3 is not on every minimal image; keep a plain list in step with buildspec.json.
    packages="libobs-dev qtbase5-dev clang openssl chromium libfribidi-dev libicu-dev fonts-droid-fallback libqt5websockets5-dev libfreetype-dev libharfbuzz-dev
      libfontconfig-dev nlohmann-json3-dev libgtest-dev libbenchmark-dev libx11-dev cmake
      ninja-build g++ clang-format debootstrap obs-studio xvfb xauth imagemagick fonts-dejavu-core
      fonts-jetbrains-mono fonts-noto-color-emoji libgl1-mesa-dri libegl-mesa0 ca-certificates xclip
      dpkg-dev file xz-utils g++-mingw-w64-x86-64-posix wine64 googletest"
fi
command -v npm >/dev/null 2>&1 || packages="$packages nodejs npm"

# Newer Debian (the OBS 30+ root file systems of scripts/rootfs-test.sh): Qt 6 in place of Qt 5,
# and none of the tools only the Debian 12 host uses (buildspec.json: dependencies/debian-rootfs).
codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
if [ "$codename" != "bookworm" ]; then
    kept=""
    for p in $packages; do
        case "$p" in
        qtbase5-dev) kept="$kept qt6-base-dev" ;;
        libqt5websockets5-dev) kept="$kept qt6-websockets-dev" ;;
        clang | debootstrap | g++-mingw-w64-x86-64-posix | wine64 | googletest) ;;
        *) kept="$kept $p" ;;
        esac
    done
    packages=$kept
fi

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
