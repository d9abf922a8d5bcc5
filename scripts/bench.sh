#!/usr/bin/env bash
# bench.sh: the performance figures of docs/BENCHMARKS.md (not part of scripts/test.sh: minutes).
#
#   1. cargo build --release (the native CLI) and scripts/build.sh (www/pkg);
#   2. scripts/budget.sh: the page's gzipped weight;
#   3. bench/node/bench.mjs: wasm vs compromise vs wink-nlp vs native on 0.1 MB, MB/s and ratios;
#      then wasm vs native on 1 MB, 10 MB vs 1 MB, and the wasm memory over MEM_RUNS analyses of
#      1 MB (default 1000);
#   4. analyze --jsonl on a JSONL_MB corpus (default 50): one thread (RAYON_NUM_THREADS=1) and all;
#   5. bench/browser/timing.mjs: page load to the highlighted sample, and a 1 MB paste.
#   6. tests/browser/hostile.test.mjs with AA_HOSTILE_LARGEST=1: a 20 MB paste refused, and the
#      largest accepted text (5,000,000 units) analysed to the end, frame gaps.
#   7. the criterion benches of the native core (benches/: entities, full analysis), shortened.
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

# compromise needs minutes for 0.1 MB and did not finish 1 MB in 20 minutes, so the peers are
# compared on 0.1 MB; wasm against native, the 10 MB / 1 MB ratio and the memory on 1 MB.
step "Node, 0.1 MB: wasm vs compromise vs wink-nlp vs native (bench/node/bench.mjs)"
CARGO_TARGET_DIR="$TARGET" node bench/node/bench.mjs --mb 0.1 --runs 3 --mem-runs 0 --only compromise,wink --json "$OUT/node-peers.json" || true
step "Node, 1 MB: wasm vs native, 10 MB vs 1 MB, memory over $MEM_RUNS runs (bench/node/bench.mjs)"
CARGO_TARGET_DIR="$TARGET" node bench/node/bench.mjs --mb 1 --runs 3 --mem-runs "$MEM_RUNS" --only scale,memory --json "$OUT/node.json" || true

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

step "criterion: cargo bench (benches/ner.rs, benches/analyze.rs)"
cargo bench --bench ner --bench analyze -- --warm-up-time 1 --measurement-time 5 2>&1 | grep -E '^[a-z].*/|thrpt' || true
