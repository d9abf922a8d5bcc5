//! Whole-pipeline throughput (`article_analyzer::analyze`: segmentation, entities, quotations,
//! attributions) on real news text: the two sample articles of the web page (`www/`) and the
//! CoNLL-2003 dev set rebuilt as text (when `../shared/data` is present). Throughput is in bytes of
//! input text.
//!
//! ```text
//! cargo bench --bench analyze
//! ```

#[path = "support/texts.rs"]
mod texts;
use texts::texts;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};


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
