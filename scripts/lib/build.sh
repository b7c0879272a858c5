# stagehand_build BUILD_DIR [extra cmake arguments...]: configures (once) and builds with Ninja,
# two jobs: the machines this runs on are small and shared.
stagehand_build() {
    local build_dir=$1
    shift
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$build_dir" -j "${STAGEHAND_JOBS:-2}"
}
