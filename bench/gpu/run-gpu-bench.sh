#!/usr/bin/env bash
# One prepared run of the frame benchmark on the device's GPU. Logs land in $OUT.
set -u
repo=$PWD
cd /tmp && tar -xJf "$repo/.gl/sh.tar.xz" || exit 1
S=/tmp/sh
mkdir -p /usr/share/X11 /usr/share/obs /var/lib/xkb /tmp/sh/fccache
cp -r $S/xkb /usr/share/X11/xkb
cp -r $S/obs-data/libobs /usr/share/obs/libobs
cp $S/bin/xkbcomp /usr/bin/xkbcomp
export LD_LIBRARY_PATH=$S/lib
export FONTCONFIG_FILE=$S/fonts.conf
export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
export STAGEHAND_MODULE_PATH=$S/stagehand.so STAGEHAND_DATA_PATH=$repo/data
export OBS_STOCK_PLUGIN_DIR=$S/obs-plugins OBS_STOCK_DATA_DIR=$S/obs-data/obs-plugins
$S/bin/Xvfb :77 -screen 0 1280x720x24 -nolisten tcp >$OUT/xvfb.log 2>&1 &
sleep 2
export DISPLAY=:77
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo "== run 1 skipped (seen: NVIDIA EGL has no X11 display on Xvfb)"
if false; then
timeout 150 $S/bin/stagehand-bench-frame >$OUT/run1.log 2>&1; echo "rc=$?"
grep -E "adapter|OpenGL loaded|Failed|failed|error" $OUT/run1.log | head -8
grep -A6 "^Frame cost" $OUT/run1.log
fi
echo "== run 2: EGL device platform through the shim"
LD_PRELOAD=$repo/.gl/libegl-device-shim.so timeout 150 $repo/.gl/stagehand-bench-frame >$OUT/run2.log 2>&1; echo "rc=$?"
grep -E "shim|adapter|OpenGL loaded|Failed|failed|error|\(|\[0x" $OUT/run2.log | head -40
grep -A6 "^Frame cost" $OUT/run2.log
