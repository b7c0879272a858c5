#!/usr/bin/env bash
# Installs what is needed, builds Stagehand with warnings as errors, runs every CTest label
# (unit, render, chat, smoke, ui, lint), then the core unit tests again under ASan+UBSan, the
# fuzz targets (clang, libFuzzer) briefly, then the dock's tests built with Qt 6.
# Prints ctest's summaries; exits non-zero if anything fails.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh || exit 1
# shellcheck source=lib/build.sh
source scripts/lib/build.sh
# shellcheck source=lib/obs-session.sh
source scripts/lib/obs-session.sh
obs_ws_ready || exit 1

status=0
stagehand_build build -DSTAGEHAND_WERROR=ON || exit 1
# Serially: the render and smoke tests each start their own X server.
ctest --test-dir build --output-on-failure --timeout 300 || status=1

stagehand_build build-asan -DSTAGEHAND_CORE_ONLY=ON -DSTAGEHAND_SANITIZE=ON \
    -DSTAGEHAND_WERROR=ON -DSTAGEHAND_BUILD_BENCH=OFF || exit 1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0" \
    ctest --test-dir build-asan --output-on-failure -L unit || status=1

# Every parser of outside input (chat lines, API bodies) under libFuzzer, built with clang,
# briefly, from the checked-in seeds; new inputs stay in build-fuzz/.
CC=clang CXX=clang++ cmake -S tests/fuzz -B build-fuzz -G Ninja \
    -DSTAGEHAND_FUZZ_SECONDS="${STAGEHAND_FUZZ_SECONDS:-15}" >/dev/null &&
    cmake --build build-fuzz -j "${STAGEHAND_JOBS:-2}" || exit 1
ctest --test-dir build-fuzz --output-on-failure -L fuzz || status=1

# The dock must also compile with Qt 6 (the Qt of OBS 30+ and official OBS 28+ builds): build
# the UI library and its tests against Qt 6 and run them.
stagehand_build build-qt6 -DSTAGEHAND_QT_MAJOR=6 -DSTAGEHAND_WERROR=ON \
    -DSTAGEHAND_BUILD_BENCH=OFF --target stagehand-ui-tests --target stagehand-ui-questions-tests \
    --target stagehand-ui-slides-tests --target stagehand-cli || exit 1
ctest --test-dir build-qt6 --output-on-failure -L ui || status=1

[ "$status" -eq 0 ] && echo "test.sh: all tests passed" || echo "test.sh: FAILURES above"
exit "$status"
