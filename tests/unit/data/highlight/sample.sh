#!/usr/bin/env bash
set -euo pipefail
name=${1:-world}
for i in 1 2 3; do
  echo "hello $name ($i)" | tr a-z A-Z
done
if [ -f "$HOME/.profile" ]; then source "$HOME/.profile"; fi
