//! Whole-pipeline throughput (`article_analyzer::analyze`: segmentation, entities, quotations,
//! attributions) on real news text: the two sample articles of the web page (`www/`) and the
//! CoNLL-2003 dev set rebuilt as text (when `../shared/data` is present). Throughput is in bytes of
//! input text.
//!
//! ```text
//! cargo bench --bench analyze
//! ```

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

use article_analyzer::entities::eval::parse_conll;

fn texts() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (name, path) in [("sample", "www/sample.txt"), ("sample-revised", "www/sample-revised.txt")] {
        if let Ok(t) = std::fs::read_to_string(path) {
            out.push((name, t));
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
    let mut g = c.benchmark_group("analyze");
    for (name, text) in texts() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let _ = article_analyzer::analyze(&text); // load the model and lexicons once
        g.bench_function(name, |b| b.iter(|| article_analyzer::analyze(black_box(&text))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
