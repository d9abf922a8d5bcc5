//! Whole-pipeline throughput (`article_analyzer::analyze`: segmentation, entities, quotations,
//! attributions) on real news text: the two sample articles of the web page (`www/`) and the
//! CoNLL-2003 dev set rebuilt as text (when `../shared/data` is present), and the 84 PolNeAR dev
//! articles analysed one after the other (`polnear-dev-articles`). Throughput is in bytes of input
//! text.
//!
//! ```text
//! cargo bench --bench analyze
//! ```

#[path = "support/texts.rs"]
mod texts;
use texts::{polnear_articles, texts};

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("analyze");
    for (name, text) in texts() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let _ = article_analyzer::analyze(&text); // load the model and lexicons once
        g.bench_function(name, |b| b.iter(|| article_analyzer::analyze(black_box(&text))));
    }
    let articles = polnear_articles();
    if !articles.is_empty() {
        g.throughput(Throughput::Bytes(articles.iter().map(|t| t.len() as u64).sum()));
        g.bench_function("polnear-dev-articles", |b| b.iter(|| articles.iter().map(|t| article_analyzer::analyze(black_box(t)).attributions.len()).sum::<usize>()));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
