#!/usr/bin/env bash
# serve.sh: the one command that builds and serves the page.
#
# Runs scripts/setup.sh and scripts/build.sh, then serves www/ on http://127.0.0.1:8080/
# (PORT overrides; a free port is picked when that one is busy) with scripts/serve.mjs, a
# dependency-free static server that sends application/wasm for .wasm. Ctrl-C stops it.
# SKIP_BUILD=1 serves the existing www/pkg without setup or build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  "$ROOT/scripts/setup.sh"
  "$ROOT/scripts/build.sh"
fi
[ -f www/pkg/article_analyzer.js ] || die "www/pkg is missing: run without SKIP_BUILD=1"

step "serving www/"
exec node "$ROOT/scripts/serve.mjs" --root "$ROOT/www" --port "${PORT:-8080}"
