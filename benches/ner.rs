//! Tagging throughput on real news text: the sample Reuters article and the CoNLL-2003 dev set
//! (rebuilt as text, when `../shared/data` is present). Throughput is in bytes of input text.
//!
//! ```text
//! cargo bench --bench ner
//! ```

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

use article_analyzer::entities::{self, eval::parse_conll};
use article_analyzer::segment::Document;

fn texts() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(seed) = std::fs::read_dir("../shared/seeds").ok().and_then(|d| {
        let mut v: Vec<_> = d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("000_"))).collect();
        v.sort();
        v.into_iter().next()
    }) {
        if let Ok(t) = std::fs::read_to_string(seed) {
            out.push(("seed-article", t));
        }
    }
    if let Ok(t) = std::fs::read_to_string("../shared/data/ner/conll2003/valid.txt") {
        // One text of all dev documents, separated by blank lines.
        let joined = parse_conll(&t).into_iter().map(|d| d.text).collect::<Vec<_>>().join("\n\n");
        out.push(("conll-dev", joined));
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("ner");
    for (name, text) in texts() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        // Segmentation is benchmarked apart so the tagger's share is visible.
        let doc = Document::parse(&text);
        let _ = entities::find(&doc); // load the model once
        g.bench_function(format!("{name}/entities::find"), |b| b.iter(|| entities::find(black_box(&doc))));
        g.bench_function(format!("{name}/parse+find"), |b| b.iter(|| entities::find(&Document::parse(black_box(&text)))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
