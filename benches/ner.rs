//! Tagging throughput on real news text (`benches/support/texts.rs`): the sample articles and the CoNLL-2003 dev set
//! (rebuilt as text, when `../shared/data` is present). Throughput is in bytes of input text.
//!
//! ```text
//! cargo bench --bench ner
//! ```

#[path = "support/texts.rs"]
mod texts;
use texts::texts;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

use article_analyzer::entities;
use article_analyzer::segment::Document;

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
