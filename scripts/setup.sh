#!/usr/bin/env bash
# setup.sh: installs whatever the build and the tests need and is missing, and nothing else.
#
#   - the Rust target wasm32-unknown-unknown (rustup);
#   - wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock
#     (it also provides wasm-bindgen-test-runner);
#   - Debian's chromium and chromium-driver (headless browser tests; apt-get);
#   - node and npm, if absent (Debian's nodejs and npm);
#   - the npm dev dependencies of package.json (playwright-core, binaryen's wasm-opt),
#     with `npm ci` from package-lock.json.
#
# Idempotent and quiet when everything is present. Safe without a tty (CI=true).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

# Runs a command as root (directly, or through sudo when not root).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
# Installs Debian packages, running apt-get update once first.
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* by hand"
  if [ "$APT_UPDATED" -eq 0 ]; then
    step "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  step "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. Rust target.
command -v rustup >/dev/null || die "rustup not found: install Rust from rustup first"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli pinned to the crate version (the CLI refuses any other schema version).
want="$(locked_wasm_bindgen_version)"
[ -n "$want" ] || die "no wasm-bindgen package in Cargo.lock"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
have_runner="$(command -v wasm-bindgen-test-runner || true)"
if [ "$have" != "$want" ] || [ -z "$have_runner" ]; then
  step "cargo install wasm-bindgen-cli --version $want (a few minutes, once)"
  # Not --locked: the CLI's own lock file pins dependencies that no longer build on new toolchains.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# 3. Headless Chromium and its WebDriver (Debian's packages; never a downloaded browser build).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install "${missing[@]}"
fi

# 4. Node and npm.
missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install "${missing[@]}"
fi

# 5. npm dev dependencies, reinstalled only when package-lock.json changed since the last install.
stamp="node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ] \
   || [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
