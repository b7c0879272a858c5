#!/usr/bin/env bash
# Usage: check-layers-refuse.sh CHECK_LAYERS CXX CORE_ROOT. Proves the layer rules can fail:
# check-layers.sh run on a small tree that breaks each rule (an unguarded dock slot too) must name
# every break and count no other, and a file of core that reaches up to control must not compile
# with core's include root (while one that stays in core does).
set -uo pipefail
check=$1 cxx=$2 core_root=$3
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/plugin/core" "$tree/plugin/control" "$tree/ui"
printf '#include "control/controller.hpp"\n#include <QString>\n#include <obs/obs.h>\n' >"$tree/plugin/core/up.cpp"
printf '#include <util/bmem.h>\n#include "core/base/color.hpp"\n' >"$tree/plugin/control/obs.cpp"
printf '#include "core/chat/platform.hpp"\n#include "control/controller.hpp"\nvoid f() {\n    connect(button, &QPushButton::clicked, this,\n            [this] { step(); });\n    connect(b, &QPushButton::clicked, this, control::guarded_slot("s", [this] { step(); }));\n}\n' >"$tree/ui/panel.cpp"
for i in $(seq 401); do echo "// line $i"; done >"$tree/plugin/control/everything.cpp"
out=$(bash "$check" "$tree")
status=$?
echo "$out"
fail=0
[ $status -ne 0 ] || { echo "FAIL: check-layers.sh passed a tree that breaks the rules"; fail=1; }
for expected in 'plugin/core/up.cpp:1: ' 'plugin/core/up.cpp:2: ' 'plugin/core/up.cpp:3: ' \
    'plugin/control/obs.cpp:1: ' 'ui/panel.cpp:1: ' 'everything.cpp: 401 lines' \
    'ui/panel.cpp:4: a slot Qt calls' '4 files checked, 7 breaks'; do
    grep -qF "$expected" <<<"$out" || { echo "FAIL: no \"$expected\" in its report"; fail=1; }
done
probe() { printf '%s\n' "$1" | "$cxx" -std=c++20 -fsyntax-only -I "$core_root" -x c++ - 2>&1; }
if probe '#include "core/base/color.hpp"' >/dev/null; then
    echo "core's root resolves core's own headers"
else
    echo "FAIL: core's include root does not resolve core/base/color.hpp"
    fail=1
fi
if up=$(probe '#include "control/controller.hpp"'); then
    echo "FAIL: core's include root resolves control/controller.hpp"
    fail=1
elif grep -q 'control/controller.hpp' <<<"$up"; then
    echo "core reaching control does not compile: ${up%%$'\n'*}"
fi
exit $fail
