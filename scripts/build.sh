#!/usr/bin/env bash
# build.sh: builds the WebAssembly module and its JS glue into www/pkg/ for the static page.
#
#   1. cargo build --lib for wasm32-unknown-unknown with the `release-wasm` profile (opt-level 3: see Cargo.toml for the measured speed and size);
#   2. wasm-bindgen --target web (ES module glue), without the name section;
#   3. wasm-opt -O3 (speed over size, as the profile) from npm's binaryen package (node_modules/.bin);
#   4. prints the size of the .wasm, raw and gzipped.
#
# Run scripts/setup.sh first (scripts/serve.sh and scripts/test.sh do). Honours CARGO_TARGET_DIR.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

PROFILE=release-wasm
OUT="$ROOT/www/pkg"
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"

step "cargo build --lib --target wasm32-unknown-unknown --profile $PROFILE"
cargo build --lib --target wasm32-unknown-unknown --profile "$PROFILE"
raw="$(cargo_target_dir)/wasm32-unknown-unknown/$PROFILE/article_analyzer.wasm"
[ -f "$raw" ] || die "$raw was not built"

step "wasm-bindgen --target web --out-dir www/pkg"
rm -rf "$OUT"
wasm-bindgen --target web --out-dir "$OUT" --no-typescript --remove-name-section "$raw"
wasm="$OUT/article_analyzer_bg.wasm"

step "wasm-opt -O3"
[ -x "$WASM_OPT" ] || die "$WASM_OPT not found: run scripts/setup.sh"
# The features rustc enables by default for wasm32-unknown-unknown; wasm-opt must accept them.
"$WASM_OPT" -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-multivalue --enable-reference-types \
  "$wasm" -o "$wasm.opt"
mv "$wasm.opt" "$wasm"

size=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf '\nwww/pkg/article_analyzer_bg.wasm: %d bytes (%d KiB), gzipped %d bytes (%d KiB)\n' \
  "$size" $((size / 1024)) "$gz" $((gz / 1024))
