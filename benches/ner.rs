//! Tagging throughput on real news text (`benches/support/texts.rs`): the sample articles and the CoNLL-2003 dev set
//! (rebuilt as text, when `../shared/data` is present), both as one 276 KB text and as its 216
//! articles tagged one after the other (`conll-dev-articles`), and the 84 PolNeAR dev articles
//! (415 KB) one after the other (`polnear-dev-articles`). Throughput is in bytes of input text.
//!
//! ```text
//! cargo bench --bench ner
//! ```

#[path = "support/texts.rs"]
mod texts;
use texts::{conll_articles, polnear_articles, texts};

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
    // Articles tagged one after the other, as a user pastes them one at a time.
    for (name, articles) in [("conll-dev-articles", conll_articles()), ("polnear-dev-articles", polnear_articles())] {
        if articles.is_empty() {
            continue;
        }
        g.throughput(Throughput::Bytes(articles.iter().map(|t| t.len() as u64).sum()));
        let docs: Vec<Document> = articles.iter().map(|t| Document::parse(t)).collect();
        g.bench_function(format!("{name}/entities::find"), |b| b.iter(|| docs.iter().map(|d| entities::find(black_box(d)).0.len()).sum::<usize>()));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
