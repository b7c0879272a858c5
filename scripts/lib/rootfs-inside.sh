#!/usr/bin/env bash
# Runs inside the root file system that scripts/rootfs-test.sh prepared, from the copied source:
# installs the packages, builds with warnings as errors, runs the given CTest labels, and checks
# that the system install preset finds this OBS's plugin folders.
#
#   bash scripts/lib/rootfs-inside.sh SUITE BUILD_DIR LABELS [prepare]
#
# With `prepare`, stops once the packages (apt, npm) are installed.
set -uo pipefail
suite=$1
build=$2
labels=$3
prepare=${4:-}
log() { echo "rootfs-test [$suite] [${SECONDS}s]: $*"; }

mkdir -p "$build"
if ! bash scripts/install-deps.sh >"$build/install-deps.log" 2>&1; then
    tail -n 30 "$build/install-deps.log"
    log "installing packages failed (log above)"
    exit 1
fi
# shellcheck source=build.sh
source scripts/lib/build.sh
# shellcheck source=obs-session.sh
source scripts/lib/obs-session.sh
obs_ws_ready || exit 1
if [ "$prepare" = prepare ]; then
    log "packages installed"
    exit 0
fi
log "$(dpkg-query -W -f='obs-studio ${Version}, ' obs-studio)$(dpkg-query -W -f='Qt ${Version}, ' qt6-base-dev)$(g++ --version | head -n 1)"

log "building"
stagehand_build "$build" -DSTAGEHAND_WERROR=ON -DSTAGEHAND_BUILD_BENCH=OFF \
    "${stagehand_test_flags[@]}" || exit 1
log "testing"
status=0
ctest --test-dir "$build" --output-on-failure --timeout 300 -L "$labels" || status=1

# The system install preset puts the module beside this OBS's own plugins.
if cmake --preset system -DSTAGEHAND_BUILD_TESTS=OFF >"$build/system-preset.log" 2>&1; then
    dirs=$(sed -n 's/.*system layout: module into \(.*\), data into \(.*\)$/\1|\2/p' "$build/system-preset.log")
    module_dir=${dirs%%|*}
    data_dir=${dirs##*|}
    if compgen -G "$module_dir/*.so" >/dev/null && [ -d "$(dirname "$data_dir")" ]; then
        log "system preset: module into $module_dir, data into $data_dir"
    else
        log "system preset chose '$module_dir' and '$data_dir': not where OBS keeps its plugins"
        status=1
    fi
else
    cat "$build/system-preset.log"
    log "the system install preset failed to configure"
    status=1
fi
# The packages as a user installs them: the .deb through apt, the tarball into a user's folder.
log "packages: build, install, run, remove"
if xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" bash scripts/lib/install-test.sh "$build"; then
    log "packages installed, ran and left nothing behind"
else
    log "the install test failed (outputs under $build/install-test)"
    status=1
fi
exit "$status"
