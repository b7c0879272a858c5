# stagehand_build BUILD_DIR [cmake -D arguments...] [--target T]: configures and builds with
# Ninja, two jobs: the machines this runs on are small and shared.
stagehand_build() {
    local build_dir=$1
    shift
    local root configure=() build=()
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    while [ $# -gt 0 ]; do
        if [ "$1" = "--target" ]; then
            build+=(--target "$2")
            shift 2
        else
            configure+=("$1")
            shift
        fi
    done
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        "${configure[@]}" >/dev/null || return 1
    cmake --build "$build_dir" -j "${STAGEHAND_JOBS:-2}" "${build[@]}"
}

# Configure arguments for builds that exist to run the tests: the same code at the same -O2, with
# line tables only (-g1) in place of full debug info, which costs about a quarter of the compile
# time (GCC 12: a controller test file 12.7 s with -g, 9.1 s with -g1). Reports still name file
# and line.
stagehand_test_flags=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG")
