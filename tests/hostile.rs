//! Hostile inputs, each analysed in its own thread under a wall-clock bound: the analysis must
//! finish (no hang, no quadratic blow-up), not panic, and satisfy every invariant
//! (`validate::check`).
//!
//! The bound is a hang detector, not a speed target (speed is measured by `scripts/bench.sh`):
//! [`BOUND`] is 60 s per input in any build, generous for a debug build on a loaded two-core
//! machine. Each input is built once; debug builds use a tenth of the sizes ([`SCALE`]). Lone surrogates from JavaScript cannot be a Rust `&str`: they
//! are tested through the binding in `tests/wasm.rs` (Node and headless Chromium).

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The wall-clock bound per input (see the module doc).
const BOUND: Duration = Duration::from_secs(60);

/// The full sizes (a million quote marks, a 5 MB word...) in release builds
/// (`cargo test --release --test hostile`); a tenth of them in debug builds, where the analysis is
/// about 15 times slower, so that `cargo test` stays quick. Linearity at full scale is also
/// measured by `bench/node/bench.mjs` (10 MB against 1 MB).
const SCALE: usize = if cfg!(debug_assertions) { 10 } else { 1 };

/// `n` scaled down for debug builds.
const fn n(n: usize) -> usize {
    n / SCALE
}

/// The hostile inputs: a name and a builder.
const CASES: &[(&str, fn() -> String)] = &[
    ("a million quote marks", || {
        // Straight, curly, single, guillemets and CJK corner brackets, unbalanced on purpose.
        let marks = ['"', '“', '”', '\'', '‘', '’', '«', '»', '「', '」'];
        (0..n(1_000_000)).map(|i| marks[(i * 7 + i / 3) % marks.len()]).collect()
    }),
    ("a million straight double quotes", || "\"".repeat(n(1_000_000))),
    ("one 5 MB word", || "a".repeat(n(5 << 20))),
    ("one 5 MB capitalised word with an apostrophe", || format!("K{}'s said", "i".repeat(n(5 << 20)))),
    ("deeply nested quotations", || "“‘«„ He said ".repeat(n(50_000)) + "yes" + &" ”»’“".repeat(n(50_000))),
    ("only newlines", || "\n".repeat(n(5 << 20))),
    ("only CRLF and spaces", || " \r\n".repeat(n(1 << 20))),
    ("right-to-left text with direction controls", || {
        "\u{202B}قال الوزير «لن نتراجع» يوم الثلاثاء، وفقاً لوكالة الأنباء.\u{202C} \u{200F}אמר השר ״לא נסוג״ ביום שלישי.\u{200E} Kim Yo Jong said \u{202E}drawkcab\u{202C}. "
            .repeat(n(5_000))
    }),
    ("zero-width joiners everywhere", || {
        "K\u{200D}i\u{200D}m\u{200D} said\u{200D} “\u{200D}no\u{200D}”\u{200D} on\u{200D} Friday\u{200D}.\u{200D}\u{FEFF}\u{200B} ".repeat(n(20_000))
    }),
    ("replacement characters (lone surrogates after lossy conversion)", || {
        "Kim \u{FFFD} said “\u{FFFD}we \u{FFFD}will” on \u{FFFD}Friday. ".repeat(n(20_000))
    }),
    ("a paragraph-less 2 MB run of sentences", || "Kim said the sky is \"blue\" on Friday, according to KCNA. ".repeat(n(36_000))),
    ("a 2 MB sentence without punctuation: pronoun speakers and place names only", || {
        "he said Seoul and Moscow would talk and they said Tokyo denied it and ".repeat(n(30_000))
    }),
    ("combining marks stacked on one letter", || format!("Kim{} said.", "\u{301}".repeat(n(1 << 20)))),
];

#[test]
fn hostile_inputs_finish_within_the_bound_and_keep_the_invariants() {
    for &(name, build) in CASES {
        let text = build();
        let bytes = text.len();
        let (tx, rx) = mpsc::channel();
        let started = Instant::now();
        thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let a = article_analyzer::analyze(&text);
                let _ = tx.send(article_analyzer::validate::check(&text, &a));
            })
            .expect("spawn");
        match rx.recv_timeout(BOUND) {
            Ok(Ok(())) => eprintln!("{name}: {bytes} bytes in {:.2?}", started.elapsed()),
            Ok(Err(e)) => panic!("{name}: invariant broken: {e}"),
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: not finished after {BOUND:?}"),
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: the analysis panicked"),
        }
    }
}
