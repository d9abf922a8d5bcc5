#!/usr/bin/env bash
# bench.sh: the performance figures of docs/BENCHMARKS.md (not part of scripts/test.sh: minutes).
#
#   1. cargo build --release (the native CLI) and scripts/build.sh (www/pkg);
#   2. scripts/budget.sh: the page's gzipped weight;
#   3. bench/node/bench.mjs: wasm vs compromise vs wink-nlp vs native, MB/s and ratios, 10 MB vs
#      1 MB, and the wasm memory over MEM_RUNS analyses of 1 MB (default 1000);
#   4. analyze --jsonl on a JSONL_MB corpus (default 50): one thread (RAYON_NUM_THREADS=1) and all;
#   5. bench/browser/timing.mjs: page load to the highlighted sample, and a 1 MB paste.
#   6. tests/browser/hostile.test.mjs with AA_HOSTILE_LARGEST=1: a 20 MB paste refused, and the
#      largest accepted text (5,000,000 units) analysed to the end, frame gaps.
# Criterion benches of the native core: `cargo bench` (benches/).
# Honours CARGO_TARGET_DIR. Writes the JSON figures to $OUT (default target-dir/bench-results).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

MEM_RUNS="${MEM_RUNS:-1000}"
JSONL_MB="${JSONL_MB:-50}"
TARGET="$(cargo_target_dir)"
OUT="${OUT:-$TARGET/bench-results}"
mkdir -p "$OUT"

step "machine"
note "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version)"

step "cargo build --release; scripts/build.sh"
cargo build --release --quiet
"$ROOT/scripts/build.sh" >/dev/null 2>&1 || die "scripts/build.sh failed"

step "page weight"
"$ROOT/scripts/budget.sh" | tail -n 1

step "Node: wasm vs compromise vs wink-nlp vs native (bench/node/bench.mjs)"
CARGO_TARGET_DIR="$TARGET" node bench/node/bench.mjs --mem-runs "$MEM_RUNS" --json "$OUT/node.json" || true

step "analyze --jsonl on ${JSONL_MB} MB"
node bench/node/make-jsonl.mjs --mb "$JSONL_MB" >"$OUT/corpus.jsonl"
bytes=$(wc -c <"$OUT/corpus.jsonl")
for threads in 1 "$(nproc)"; do
  t0=$(date +%s.%N)
  RAYON_NUM_THREADS=$threads /usr/bin/time -f '%M' -o "$OUT/rss" \
    "$TARGET/release/article-analyzer" analyze --jsonl "$OUT/corpus.jsonl" >/dev/null
  t1=$(date +%s.%N)
  awk -v b="$bytes" -v a="$t0" -v z="$t1" -v n="$threads" -v rss="$(cat "$OUT/rss")" \
    'BEGIN { printf "    %d thread(s): %.1f s, %.2f MB/s, max RSS %.0f MiB\n", n, z - a, b / 1e6 / (z - a), rss / 1024 }'
done
rm -f "$OUT/corpus.jsonl" "$OUT/rss"

step "headless Chromium: page load to highlighted sample; 1 MB paste (bench/browser/timing.mjs)"
node bench/browser/timing.mjs --json "$OUT/browser.json"

step "headless Chromium: a 20 MB paste; the largest accepted text (tests/browser/hostile.test.mjs)"
AA_HOSTILE_LARGEST=1 node --test tests/browser/hostile.test.mjs || true
