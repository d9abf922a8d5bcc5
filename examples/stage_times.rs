//! Prints the time of each pipeline stage on a file: `cargo run --release --example stage_times -- FILE`.
//!
//! With a repeat count (`-- FILE N`) it only times `entities::find` on the parsed file, `N` times,
//! and prints the best and median call (for comparing builds: run two builds alternately).
//!
//! The embedded model and lexicons are loaded first (timed apart), so the stage times are those of
//! a warm library, as in the web page after its first analysis.
use article_analyzer::segment::Document;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    let mb = text.len() as f64 / 1e6;
    if let Some(n) = std::env::args().nth(2).and_then(|n| n.parse::<usize>().ok()) {
        let doc = Document::parse(&text);
        let _ = article_analyzer::entities::find(&doc);
        let mut times: Vec<f64> = (0..n.max(1))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(article_analyzer::entities::find(std::hint::black_box(&doc)));
                t.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let (best, median) = (times[0], times[times.len() / 2]);
        println!("entities::find x{n}: best {:.3} ms = {:.2} MiB/s, median {:.3} ms = {:.2} MiB/s", best * 1e3, text.len() as f64 / best / 1048576.0, median * 1e3, text.len() as f64 / median / 1048576.0);
        return;
    }
    let t = Instant::now();
    let _ = article_analyzer::analyze("Kim Yo Jong said on Monday.");
    let load = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let doc = Document::parse(&text);
    let seg = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let (entities, clusters) = article_analyzer::entities::find(&doc);
    let ent = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let a = article_analyzer::analyze_document(&doc);
    let all = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let r = article_analyzer::output::report(&text, &a, article_analyzer::output::OffsetUnit::Utf16);
    let json = serde_json::to_string(&r).unwrap();
    let out = t.elapsed().as_secs_f64();
    println!("{mb:.2} MB: load {load:.3}s, segment {seg:.3}s, entities {ent:.3}s, analyze_document {all:.3}s, report+json {out:.3}s ({} entities, {} clusters, {} bytes json)", entities.len(), clusters.len(), json.len());
    println!("entities {:.1} MB/s, full analysis {:.1} MB/s", mb / ent, mb / (seg + all));
    // The attribution stage, step by step.
    use article_analyzer::{attribution, quotes};
    let mut steps = Vec::new();
    let mut step = |name: &'static str, t: Instant| steps.push(format!("{name} {:.3}s", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    let furniture = attribution::furniture(&doc);
    step("furniture", t);
    let t = Instant::now();
    let mut qs = quotes::find(&doc);
    step("quotes", t);
    let t = Instant::now();
    let mut found = attribution::cues::find(&doc, &qs, &furniture);
    step("cues", t);
    let t = Instant::now();
    attribution::speakers::link_quotes(&doc, &mut found, &mut qs);
    step("link_quotes", t);
    let t = Instant::now();
    attribution::speakers::resolve(&doc, &entities, &clusters, &mut found);
    step("resolve", t);
    let t = Instant::now();
    let _ = attribution::summary::compute(&doc, &found, &qs, &clusters, &furniture);
    step("summary", t);
    println!("attribution steps: {}", steps.join(", "));
    if let Ok(p) = std::env::var("STAGE_TIMES_JSON") {
        std::fs::write(p, json).expect("write json");
    }
}
