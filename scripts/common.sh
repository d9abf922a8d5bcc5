# Shared helpers for the scripts in this folder; sourced, not run.
# Sets ROOT (the repository root), TARGET_DIR (honours CARGO_TARGET_DIR, defaults to ./target)
# and small logging helpers.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export PATH="$HOME/.cargo/bin:$PATH"

# Prints a step heading on stderr.
step() { printf '\n==> %s\n' "$*" >&2; }
# Prints a note on stderr.
note() { printf '    %s\n' "$*" >&2; }
# Prints an error on stderr and exits.
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The version of the wasm-bindgen crate locked in Cargo.lock.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}
