//! How many of a text's distinct tokens are known words (`data/words.txt`, whose features the
//! tagger computes once at load): `cargo run --release --example known_words -- FILE...`.
use std::collections::HashSet;

fn main() {
    let list = include_str!("../data/words.txt");
    let words: HashSet<&str> = list.lines().collect();
    for f in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&f) else {
            eprintln!("{f}: unreadable");
            continue;
        };
        let doc = article_analyzer::segment::Document::parse(&text);
        let distinct: HashSet<&str> = doc.tokens.iter().map(|t| doc.text(t.span)).collect();
        let known = distinct.iter().filter(|w| words.contains(**w)).count();
        println!("{f}: {known} of {} distinct tokens are known words ({:.1} %)", distinct.len(), 100.0 * known as f64 / distinct.len().max(1) as f64);
    }
}
