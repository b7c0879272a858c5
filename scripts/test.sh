#!/usr/bin/env bash
# Installs what is needed, builds Stagehand with warnings as errors, runs every CTest label
# (unit, render, chat, smoke, ui, lint) on Debian 12's OBS 29 / Qt 5, then the core unit tests
# again under ASan+UBSan, the threaded ones under ThreadSanitizer, the fuzz targets (clang,
# libFuzzer) briefly, the portable layers cross-compiled for Windows with MinGW-w64 and their
# unit tests run under Wine (label windows), then builds and runs the
# unit, render, ui and smoke labels again in a Debian 13 root file system with OBS 30.2 / Qt 6
# (scripts/rootfs-test.sh). Prints ctest's summaries; exits non-zero if anything fails.
#
#   scripts/test.sh [--rootfs trixie|forky|none]
#
# --rootfs forky tests in Debian testing (OBS 32) instead of Debian 13; none skips that stage.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
rootfs=trixie
while [ $# -gt 0 ]; do
    case "$1" in
    --rootfs) rootfs=$2 && shift 2 ;;
    *)
        echo "test.sh: unknown argument '$1' (expected --rootfs trixie|forky|none)" >&2
        exit 2
        ;;
    esac
done

bash scripts/install-deps.sh || exit 1
# shellcheck source=lib/build.sh
source scripts/lib/build.sh
# shellcheck source=lib/obs-session.sh
source scripts/lib/obs-session.sh
obs_ws_ready || exit 1

status=0
# Says how long each stage took, so a slow CI run shows where its time went.
stage() { echo "test.sh: [$((SECONDS / 60))m$((SECONDS % 60))s] $*"; }
stage "Debian 12 (OBS 29, Qt 5): build and every label"
stagehand_build build -DSTAGEHAND_WERROR=ON || exit 1
# Serially: the render and smoke tests each start their own X server.
ctest --test-dir build --output-on-failure --timeout 300 || status=1

stage "ASan+UBSan unit tests"
stagehand_build build-asan -DSTAGEHAND_CORE_ONLY=ON -DSTAGEHAND_SANITIZE=ON \
    -DSTAGEHAND_WERROR=ON -DSTAGEHAND_BUILD_BENCH=OFF || exit 1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0" \
    ctest --test-dir build-asan --output-on-failure -L unit || status=1

stage "ThreadSanitizer: the threaded unit tests"
# The controller under concurrent commands, chat and saving; the workers that publish to the
# video thread; the store's atomic writes under readers; the file watcher's thread.
stagehand_build build-tsan -DSTAGEHAND_CORE_ONLY=ON -DSTAGEHAND_TSAN=ON \
    -DSTAGEHAND_WERROR=ON -DSTAGEHAND_BUILD_BENCH=OFF || exit 1
TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" \
    ctest --test-dir build-tsan --output-on-failure -L unit \
    -R 'Controller|LatestJobWorker|Published|Store|SavedFiles|FileWatcher|StatusBoard|GlyphAtlas' ||
    status=1

stage "fuzz targets"
# Every reader of outside input (chat lines, API bodies, saved files, talk and position files,
# themes, vendor requests, followed files) under libFuzzer, built with clang, briefly, from the
# checked-in seeds; new inputs stay in build-fuzz/.
CC=clang CXX=clang++ cmake -S tests/fuzz -B build-fuzz -G Ninja \
    -DSTAGEHAND_FUZZ_SECONDS="${STAGEHAND_FUZZ_SECONDS:-15}" >/dev/null &&
    cmake --build build-fuzz -j "${STAGEHAND_JOBS:-2}" || exit 1
ctest --test-dir build-fuzz --output-on-failure -L fuzz || status=1

stage "Windows (MinGW-w64, tests under Wine): the portable layers"
# core's chat, questions, talks, code ranges, highlighting and presets, and control with its
# store, built as Windows programs (cmake/Toolchain-mingw-w64.cmake) and run under Wine.
cmake -S . -B build-windows -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE=cmake/Toolchain-mingw-w64.cmake -DSTAGEHAND_PORTABLE_LAYERS_ONLY=ON \
    -DSTAGEHAND_WERROR=ON >/dev/null &&
    cmake --build build-windows -j "${STAGEHAND_JOBS:-2}" || exit 1
ctest --test-dir build-windows --output-on-failure -L windows -j "${STAGEHAND_JOBS:-2}" || status=1

# The OBS most presenters run: 30+ with Qt 6, in a root file system made with debootstrap.
if [ "$rootfs" != none ]; then
    stage "root file system: $rootfs"
    bash scripts/rootfs-test.sh --suite "$rootfs" || status=1
fi

stage "done"
[ "$status" -eq 0 ] && echo "test.sh: all tests passed" || echo "test.sh: FAILURES above"
exit "$status"
