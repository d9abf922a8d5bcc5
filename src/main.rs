//! `article-analyzer`: the native command line.
//!
//! ```text
//! article-analyzer analyze [--offsets utf16|utf8|chars] [--pretty] [--jsonl] [FILE...]
//! ```
//!
//! The command line uses native-only dependencies (rayon, indicatif), so on wasm32 (where cargo
//! still builds binaries for integration tests) it is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
