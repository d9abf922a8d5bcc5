#!/usr/bin/env bash
# Runs both fuzz targets one after the other at the lowest priority.
#   fuzz/run.sh [SECONDS_ANALYZE] [SECONDS_OFFSETS]   (defaults 1500 and 900)
# Seeds the analyze corpus with the sample articles and the test fixtures; logs to fuzz/logs/.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
A="${1:-1500}"; O="${2:-900}"
mkdir -p corpus/analyze corpus/offsets logs
cp ../www/sample*.txt ../tests/fixtures/*.txt corpus/analyze/ 2>/dev/null || true
run() {
  local target="$1" secs="$2"
  timeout $((secs + 300)) nice -n 19 cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$secs" -rss_limit_mb=4096 -max_len=20000 -print_final_stats=1 \
    >"logs/$target.log" 2>&1
  echo "$target exit $?" >>logs/summary.txt
}
run analyze "$A"
run offsets "$O"
