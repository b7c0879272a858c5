#!/usr/bin/env bash
# Usage: check-preset-schema.sh SOURCE_DIR STAGEHAND_CLI. The preset JSON Schema and the loader
# agree on every shipped preset and every invalid case (ajv, pinned in scripts/obs-ws).
set -euo pipefail
root=$1 cli=$2
dir="$root/scripts/obs-ws"
if [ ! -d "$dir/node_modules/ajv" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
node "$dir/preset-schema-check.mjs" --cli "$cli" --schema "$root/data/schema/preset.schema.json" \
    --valid "$root/data/presets" --invalid "$root/tests/unit/data/presets/invalid"
