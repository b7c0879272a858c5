#!/usr/bin/env bash
# Builds Stagehand's packages and prints their paths:
#   build-package/packages/stagehand_<version>_<arch>.deb
#       for apt: the module beside OBS's own plugins, its data in OBS's plugin data folder,
#       stagehand-cli in /usr/bin; depends on obs-studio and the libraries it links
#   build-package/packages/stagehand-<version>-linux-x86_64.tar.xz
#       for ~/.config/obs-studio/plugins: stagehand/bin/64bit/stagehand.so, stagehand/data/, and
#       beside the module the libraries it links that OBS does not load itself (its RUNPATH is
#       its own folder)
#
#   scripts/package.sh [--build-dir DIR] [--no-deps]
# Installs its build dependencies first (apt) unless --no-deps.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out="$root/build-package"
deps=1
while [ $# -gt 0 ]; do
    case "$1" in
    --build-dir) out=$(realpath -m "$2") && shift 2 ;;
    --no-deps) deps=0 && shift ;;
    *)
        echo "package.sh: unknown argument '$1' (expected --build-dir DIR or --no-deps)" >&2
        exit 2
        ;;
    esac
done
[ "$deps" -eq 0 ] || bash scripts/install-deps.sh

# shellcheck source=lib/build.sh
source scripts/lib/build.sh
stagehand_build "$out" -DSTAGEHAND_INSTALL_LAYOUT=system -DCMAKE_INSTALL_PREFIX=/usr \
    -DSTAGEHAND_PORTABLE=ON -DSTAGEHAND_WERROR=ON -DSTAGEHAND_BUILD_TESTS=OFF \
    --target stagehand --target stagehand-cli
rm -rf "$out/packages"
(cd "$out" && cpack -G DEB >"$out/cpack.log") || {
    cat "$out/cpack.log"
    exit 1
}
deb=$(ls "$out"/packages/*.deb)

# The tarball: the per-user layout OBS reads from ~/.config/obs-studio/plugins.
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$out/CMakeCache.txt")
module="$out/plugin/obs/stagehand.so"
stage="$out/tarball/stagehand"
rm -rf "$out/tarball"
mkdir -p "$stage/bin/64bit" "$stage/data"
cp "$module" "$stage/bin/64bit/"
strip --strip-unneeded "$stage/bin/64bit/stagehand.so" # the debug info stays in the build tree
cp -r data/. "$stage/data/"
# What the module links that OBS itself does not (Qt WebSockets, for one): those OBS loads are
# there already, in the versions the distribution's OBS was built with.
libs() { ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $1 " " $3 }' | sort; }
obs_bin=$(command -v obs || true)
bundled=()
while read -r name path; do
    if [ -n "$obs_bin" ] && libs "$obs_bin" | grep -q "^$name "; then
        continue
    fi
    case "$name" in
    libc.so.* | libm.so.* | libstdc++.so.* | libgcc_s.so.* | libgomp.so.* | ld-linux*) continue ;;
    esac
    cp -L "$path" "$stage/bin/64bit/"
    bundled+=("$name")
done < <(libs "$module")
tarball="$out/packages/stagehand-$version-linux-x86_64.tar.xz"
tar -C "$out/tarball" -cJf "$tarball" stagehand
echo "bundled beside the module in the tarball: ${bundled[*]:-nothing}" >&2
echo "$deb"
echo "$tarball"
