# Shared helpers for the scripts in this folder; sourced, not run.
# Sets ROOT (the repository root) and small helpers.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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

# Cargo's target directory, as cargo itself resolves it (CARGO_TARGET_DIR, config, or ./target).
cargo_target_dir() {
  cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" \
    | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p'
}
