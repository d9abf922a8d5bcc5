//! Tags the CoNLL-2003 dev set's 216 articles one by one, as `benches/ner.rs`'s
//! `conll-dev-articles` does (the case of a user pasting one article after another):
//! `cargo run --release --example articles -- [ROUNDS] [CONLL FILE]`.
//!
//! Each round calls `entities::find` once per article (the documents are parsed once, and the model
//! is loaded before the rounds). It prints the best and the median round, so two builds can be
//! compared by running them alternately; under callgrind, half the difference between 3 rounds
//! and 1 is the instruction count of one round without the load.
use article_analyzer::entities::{self, eval::parse_conll};
use article_analyzer::segment::Document;
use std::time::Instant;

fn main() {
    let rounds = std::env::args().nth(1).and_then(|n| n.parse::<usize>().ok()).unwrap_or(1).max(1);
    let path = std::env::args().nth(2).unwrap_or_else(|| "../shared/data/ner/conll2003/valid.txt".into());
    let text = std::fs::read_to_string(&path).expect("read the CoNLL file");
    let texts: Vec<String> = parse_conll(&text).into_iter().map(|d| d.text).collect();
    let docs: Vec<Document> = texts.iter().map(|t| Document::parse(t)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let _ = entities::find(&Document::parse("Kim Yo Jong said on Monday."));
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            let n: usize = docs.iter().map(|d| std::hint::black_box(entities::find(std::hint::black_box(d))).0.len()).sum();
            std::hint::black_box(n);
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let (best, median) = (times[0], times[times.len() / 2]);
    let mib = |t: f64| bytes as f64 / t / 1048576.0;
    println!("{} articles, {bytes} B, x{rounds}: best {:.3} ms = {:.2} MiB/s, median {:.3} ms = {:.2} MiB/s", docs.len(), best * 1e3, mib(best), median * 1e3, mib(median));
}
