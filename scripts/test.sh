#!/usr/bin/env bash
# test.sh: the one command that runs every test.
#
#   1. scripts/setup.sh (installs what is missing) and scripts/build.sh (www/pkg);
#   2. native Rust tests: cargo test --all-targets, then the doctests;
#   3. the wasm-bindgen tests (tests/wasm.rs) in Node;
#   4. the same wasm-bindgen tests in headless Chromium, through chromedriver;
#   5. the browser tests of the page (tests/browser/, node:test + playwright-core).
#
# Every stage runs even if an earlier one failed; the summary lists each stage and the script
# exits non-zero if any failed. Runs without a tty or stdin (CI=true). Honours CARGO_TARGET_DIR.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

TMP="$(mktemp -d "${TMPDIR:-/tmp}/article-analyzer-test.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

names=()
results=()
times=()
# Runs one stage: `stage NAME COMMAND...`; records pass/fail and duration, never exits.
stage() {
  local name="$1"
  shift
  step "$name"
  local t0=$SECONDS
  if "$@"; then results+=(pass); else results+=(FAIL); fi
  names+=("$name")
  times+=($((SECONDS - t0)))
}

# The WebDriver capabilities for the wasm-bindgen tests in Chromium: Debian's browser, headless,
# a fresh profile, no background traffic.
cat >"$TMP/webdriver.json" <<EOF
{
  "goog:chromeOptions": {
    "binary": "${CHROMIUM:-/usr/bin/chromium}",
    "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--user-data-dir=$TMP/chromium-profile"]
  }
}
EOF

wasm_tests_node() {
  cargo test --target wasm32-unknown-unknown --test wasm
}
wasm_tests_chromium() {
  WASM_BINDGEN_USE_BROWSER=1 \
  CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$TMP/webdriver.json" \
    cargo test --target wasm32-unknown-unknown --test wasm
}

stage "setup" "$ROOT/scripts/setup.sh"
stage "build (wasm + www/pkg)" "$ROOT/scripts/build.sh"
stage "page weight budget (gzipped, 1 MiB)" "$ROOT/scripts/budget.sh"
stage "cargo test --all-targets (native)" cargo test --all-targets
stage "cargo test --doc (native doctests)" cargo test --doc
stage "wasm-bindgen tests in Node" wasm_tests_node
stage "wasm-bindgen tests in headless Chromium" wasm_tests_chromium
stage "browser tests of the page (node --test tests/browser/)" node --test tests/browser/

passed=0
failed=0
printf '\n==> summary\n'
for i in "${!names[@]}"; do
  printf '    %-4s  %-58s %4ss\n' "${results[$i]}" "${names[$i]}" "${times[$i]}"
  if [ "${results[$i]}" = pass ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
printf '\nstages: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
