//! Any UTF-8 text: `analyze` must not panic and its result must satisfy every invariant.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let a = article_analyzer::analyze(text);
    if let Err(e) = article_analyzer::validate::check(text, &a) {
        panic!("invariant broken: {e}");
    }
});
