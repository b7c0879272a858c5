#!/usr/bin/env bash
# Builds Stagehand and runs its tests inside a Debian root file system with a current OBS, made
# with debootstrap from the same Debian registry as the host, so the plugin is tested where most
# presenters run it (OBS 30+, Qt 6) as well as on Debian 12's OBS 29 / Qt 5.
#
#   scripts/rootfs-test.sh [--suite trixie|forky] [--labels REGEX] [--shell | --prepare]
#
#   --suite trixie   Debian 13: OBS 30.2, Qt 6 (the default; scripts/test.sh runs it)
#   --suite forky    Debian testing: OBS 32, Qt 6.11, g++ 16 (run by hand: it moves every day)
#   --labels REGEX   CTest labels to run (default: unit|render|ui|smoke)
#   --shell          open a shell in the prepared root file system instead of testing
#   --prepare        only make the root file system and install its packages (scripts/test.sh
#                    runs this in the background while it builds on the host)
#
# The root file system and its build tree are kept in $STAGEHAND_ROOTFS_CACHE (default
# /var/cache/stagehand/rootfs) and reused: a second run only installs what is missing and builds
# what changed. The source is copied in (tracked and untracked, not ignored, files), so the
# host's checkout is never written. Needs root (debootstrap, chroot, mounts).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

suite=trixie
labels='unit|render|ui|smoke'
shell=0
prepare=0
args=("$@")
while [ $# -gt 0 ]; do
    case "$1" in
    --suite) suite=$2 && shift 2 ;;
    --labels) labels=$2 && shift 2 ;;
    --shell) shell=1 && shift ;;
    --prepare) prepare=1 && shift ;;
    *)
        echo "rootfs-test: unknown argument '$1' (expected --suite, --labels, --shell or --prepare)" >&2
        exit 2
        ;;
    esac
done
case "$suite" in
trixie) script=trixie ;;
forky | testing) script=sid ;; # debootstrap in Debian 12 has no forky script; sid's fits
*)
    echo "rootfs-test: --suite must be trixie or forky, not '$suite'" >&2
    exit 2
    ;;
esac
if [ "$(id -u)" -ne 0 ]; then
    exec sudo --preserve-env=STAGEHAND_ROOTFS_CACHE,STAGEHAND_JOBS,CI bash "$0" "${args[@]}"
fi
command -v debootstrap >/dev/null || {
    echo "rootfs-test: debootstrap is missing; run scripts/install-deps.sh" >&2
    exit 1
}

# The host's own Debian mirror (the only registry some machines reach).
mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\)\/\?[[:space:]]*$/\1/p' \
    /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb[[:space:]]\+\(http[^[:space:]]*\/debian\)\/\?[[:space:]].*/\1/p' \
    /etc/apt/sources.list 2>/dev/null | head -n 1)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

cache=${STAGEHAND_ROOTFS_CACHE:-/var/cache/stagehand/rootfs}
fs="$cache/$suite"
log() { echo "rootfs-test [$suite]: $*"; }

if [ ! -f "$fs/.stagehand-rootfs" ]; then
    log "making the root file system in $fs from $mirror"
    rm -rf "$fs.partial"
    mkdir -p "$cache"
    debootstrap --variant=minbase --include=ca-certificates "$suite" "$fs.partial" "$mirror" \
        "/usr/share/debootstrap/scripts/$script" >"$cache/$suite-debootstrap.log" 2>&1 || {
        tail -n 20 "$cache/$suite-debootstrap.log" >&2
        echo "rootfs-test: debootstrap $suite failed (log: $cache/$suite-debootstrap.log)" >&2
        exit 1
    }
    rm -rf "$fs"
    mv "$fs.partial" "$fs"
    touch "$fs/.stagehand-rootfs"
fi

# Testing's Release file can outlive its Valid-Until between mirror pushes.
echo 'Acquire::Check-Valid-Until "false";' >"$fs/etc/apt/apt.conf.d/99stagehand"
cp /etc/resolv.conf "$fs/etc/resolv.conf" 2>/dev/null || true
# Machines behind an intercepting proxy add their CA here; npm inside needs it too.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$fs/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$fs/usr/local/share/ca-certificates/"
    chroot "$fs" update-ca-certificates >/dev/null 2>&1 || true
fi

mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount -R "${mounted[$i]}" 2>/dev/null || umount -lR "${mounted[$i]}" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM # unmount on the way out
bind() { # bind SOURCE TARGET_IN_FS
    mkdir -p "$fs$2"
    mount --rbind "$1" "$fs$2" && mount --make-rslave "$fs$2" && mounted+=("$fs$2")
}
mkdir -p "$fs/proc"
mount -t proc proc "$fs/proc" && mounted+=("$fs/proc")
bind /sys /sys
bind /dev /dev
# Downloads (grammar tarballs, pinned font packages) are shared with the host's builds.
host_downloads="${HOME:-/root}/.cache/stagehand"
mkdir -p "$host_downloads"
bind "$host_downloads" /root/.cache/stagehand

src=/src/stagehand
build=/build/stagehand
# The source is unpacked beside the last copy, and only files whose content changed replace
# theirs, stamped now: the build tree then rebuilds exactly what changed. (Keeping the checkout's
# own times misses an edit made while an earlier run was building: its time is older than the
# objects built from the file before it.)
fresh="$fs$src.new"
rm -rf "$fresh"
mkdir -p "$fresh" "$fs$src"
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$root" && git ls-files -z --cached --others --exclude-standard |
        tar --null -T - -cf -) | tar -xf - -C "$fresh" || exit 1
else
    tar -C "$root" --exclude='./build*' --exclude=node_modules -cf - . | tar -xf - -C "$fresh" || exit 1
fi
(cd "$fresh" && find . -type f -print0) | while IFS= read -r -d '' file; do
    if ! cmp -s "$fresh/$file" "$fs$src/$file"; then
        mkdir -p "$(dirname "$fs$src/$file")"
        cp "$fresh/$file" "$fs$src/$file" # a new time: newer than anything built before
    fi
done
# Files the checkout no longer has go; what the tests installed inside (npm's node_modules) stays.
(cd "$fs$src" && find . -path '*/node_modules' -prune -o -type f -print0) |
    while IFS= read -r -d '' file; do
        [ -e "$fresh/$file" ] || rm -f "$fs$src/$file"
    done
rm -rf "$fresh"

in_fs() {
    chroot "$fs" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 CI="${CI:-}" STAGEHAND_JOBS="${STAGEHAND_JOBS:-2}" \
        NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt "$@"
}

if [ "$shell" -eq 1 ]; then
    log "source in $src, build tree in $build; exit the shell to unmount"
    in_fs bash -c "cd $src && exec bash -i"
    exit $?
fi

if [ "$prepare" -eq 1 ]; then
    log "installing packages"
    in_fs bash -c "cd $src && bash scripts/lib/rootfs-inside.sh $suite $build '$labels' prepare"
    exit $?
fi

log "installing packages, building (warnings are errors) and running ctest -L '$labels'"
in_fs bash -c "cd $src && bash scripts/lib/rootfs-inside.sh $suite $build '$labels'"
status=$?
[ "$status" -eq 0 ] && log "all tests passed" ||
    log "FAILED (outputs under $fs$build/tests: render-out/, smoke-out/)"
exit "$status"
