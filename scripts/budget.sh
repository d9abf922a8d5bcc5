#!/usr/bin/env bash
# budget.sh: the page's weight budget. Prints the gzipped size (gzip -9) of every file the page
# loads (www/pkg/*.wasm and *.js, www/*.js, www/lib/*.js, www/*.css), then the total, and fails
# if the total exceeds 1 MiB (1,048,576 bytes). Run scripts/build.sh first (www/pkg).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

BUDGET=1048576
shopt -s nullglob
files=(www/pkg/*.wasm www/pkg/*.js www/*.js www/lib/*.js www/*.css)
[ -n "$(echo www/pkg/*.wasm)" ] || die "no www/pkg/*.wasm: run scripts/build.sh first"
total=0
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '%10d B gzipped  %10d B raw  %s\n' "$gz" "$raw" "$f"
done
printf '%10d B gzipped in total (%d KiB); budget %d B (1 MiB): ' "$total" $((total / 1024)) "$BUDGET"
if [ "$total" -le "$BUDGET" ]; then echo "within budget"; else echo "OVER BUDGET"; exit 1; fi
