//! Trains the learned cue filter (`src/attribution/filter.rs`) on the PolNeAR train split.
//!
//! ```text
//! cargo run --release --bin train-cues -- [--data ../shared/data/attribution/polnear] [--out data/cue_filter.model]
//!     [--bits 15] [--epochs 3] [--lr 0.1] [--l2 0.0001] [--folds 5] [--skip T1,T2] [--ablate] [--no-write]
//!     [--protected-cap -1.0] [--dump FILE] [--missed FILE] [--seed 24301]
//! ```
//!
//! 1. Runs the rule-based stages (quotations, furniture, `attribution::candidates`) on every train
//!    article. A candidate is positive when its cue overlaps a gold cue of the same article (any
//!    annotation, speech or belief).
//! 2. Trains logistic regression (AdaGrad, L2 on touched buckets, fixed-seed shuffle) over the
//!    hashed features of `filter::features`, leaving out the templates in `--skip`.
//! 3. Picks the threshold by `--folds`-fold cross-validation over train articles: each fold's model
//!    scores the held-out articles' candidates, and the threshold maximising the sum of the
//!    speech-subset cue exact F1 and cue overlap F1 (scored like `eval-attribution`, on the
//!    candidates' spans) is kept. Then, with that threshold, the same search picks the lower
//!    threshold below which a candidate whose content holds a quotation is dropped too (none, or
//!    -4 up to `--protected-cap`: only candidates the model is confident about lose the speaker
//!    link of their quotation). The dev split is never read.
//! 4. Trains on all of train and writes the quantised model to `--out`.
//!
//! `--ablate` prints the cross-validated figures with each template left out in turn. `--dump FILE`
//! writes one line per candidate with a cue (article, cue byte range, label, protected or not, cross-validated
//! score, cue text) for error analysis; `--missed FILE` one line per speech-subset gold cue that no
//! candidate's cue overlaps (article, cue byte range, cue text, the sentence around it), the recall
//! the rules leave to find.
//! `--seed N` changes the shuffle's seed, to measure how much the cross-validated figures move
//! with the training order alone (the noise a change must beat).
//! Deterministic: fixed seed, no hash-map iteration in any output.

use std::path::PathBuf;
use std::time::Instant;

use article_analyzer::attribution::eval::{self, Scores, Spans};
use article_analyzer::attribution::lexicon::is_speech_cue;
use article_analyzer::attribution::filter::{features, protection, Context, Model, Protection, TEMPLATES};
use article_analyzer::segment::Document;

struct Args {
    data: PathBuf,
    out: PathBuf,
    bits: u8,
    epochs: usize,
    folds: usize,
    skip: Vec<String>,
    lr: f32,
    l2: f32,
    ablate: bool,
    write: bool,
    dump: Option<PathBuf>,
    missed: Option<PathBuf>,
    protected_cap: f32,
    /// The shuffle's seed (default 0x5eed = 24301): other seeds measure the noise of the
    /// cross-validated figures.
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args { data: "../shared/data/attribution/polnear".into(), out: "data/cue_filter.model".into(), bits: 15, epochs: 3, folds: 5, skip: Vec::new(), lr: 0.1, l2: 1e-4, ablate: false, write: true, dump: None, missed: None, protected_cap: -1.0, seed: 0x5eed };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        let num = |v: &str| v.parse::<usize>().map_err(|_| format!("bad number {v:?} for {}", args[i]));
        match args[i].as_str() {
            "--data" => a.data = value.into(),
            "--out" => a.out = value.into(),
            "--bits" => a.bits = num(&value)?.clamp(8, 22) as u8,
            "--epochs" => a.epochs = num(&value)?,
            "--folds" => a.folds = num(&value)?.max(2),
            "--lr" => a.lr = value.parse().map_err(|_| format!("bad --lr {value:?}"))?,
            "--l2" => a.l2 = value.parse().map_err(|_| format!("bad --l2 {value:?}"))?,
            "--seed" => a.seed = num(&value)? as u64,
            "--dump" => a.dump = Some(value.into()),
            "--missed" => a.missed = Some(value.into()),
            "--protected-cap" => a.protected_cap = value.parse().map_err(|_| format!("bad --protected-cap {value:?}"))?,
            "--skip" => a.skip = value.split(',').filter(|s| !s.is_empty()).map(String::from).collect(),
            "--ablate" => {
                a.ablate = true;
                i += 1;
                continue;
            }
            "--no-write" => {
                a.write = false;
                i += 1;
                continue;
            }
            other => return Err(format!("unknown option {other}")),
        }
        i += 2;
    }
    Ok(a)
}

/// One candidate: its features (all templates, tagged by template index so they can be skipped),
/// its label and its spans.
struct Candidate {
    feats: Vec<(usize, u64)>,
    label: bool,
    /// The cue's byte range.
    cue: (usize, usize),
    /// `filter::protection`: whether and below which threshold the candidate may be dropped.
    protection: Protection,
}

/// One article: its text, gold spans, candidates, and the predicted spans of candidates without a
/// cue (never filtered).
struct Item {
    name: String,
    text: String,
    gold: Vec<Spans>,
    cands: Vec<Candidate>,
    spans: Vec<Spans>,
}

fn prepare(articles: &[eval::Article]) -> Vec<Item> {
    articles
        .iter()
        .map(|art| {
            let doc = Document::parse(&art.text);
            let quotes = article_analyzer::quotes::find(&doc);
            let furniture = article_analyzer::attribution::furniture(&doc);
            let found = article_analyzer::attribution::candidates(&doc, &quotes, &furniture);
            let ctx = Context::new(&doc, &found, &quotes);
            let mut cands = Vec::new();
            let mut spans = Vec::new();
            let mut buf = Vec::new();
            for (k, f) in found.iter().enumerate() {
                let at = &f.attribution;
                let Some(cue) = at.cue else { continue };
                // Features template by template, so that `--skip` and `--ablate` can leave one out.
                let mut feats = Vec::new();
                for (t, name) in TEMPLATES.iter().enumerate() {
                    let others: Vec<&str> = TEMPLATES.iter().copied().filter(|n| n != name).collect();
                    features(&doc, &found, k, &quotes, &ctx, &others, &mut buf);
                    // The bias is emitted whatever the skip list; keep it once, under no template.
                    feats.extend(buf.iter().skip(1).map(|&h| (t, h)));
                }
                features(&doc, &found, k, &quotes, &ctx, TEMPLATES, &mut buf);
                feats.extend(buf.iter().map(|&h| (usize::MAX, h)));
                let label = art.gold.iter().any(|g| g.cue.is_some_and(|gc| gc.overlaps(cue)));
                cands.push(Candidate { feats, label, cue: (cue.start, cue.end), protection: protection(f, &quotes) });
                spans.push(Spans { cue: at.cue, source: at.source, content: at.content });
            }
            let always: Vec<Spans> = found.iter().filter(|f| f.attribution.cue.is_none()).map(|f| Spans { cue: None, source: f.attribution.source, content: f.attribution.content }).collect();
            spans.extend(always);
            Item { name: art.name.clone(), text: art.text.clone(), gold: art.gold.clone(), cands, spans }
        })
        .collect()
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Trains on the items with `train[i]`, skipping the templates with `skip[t]`.
fn train(items: &[Item], use_item: &dyn Fn(usize) -> bool, skip: &[bool], a: &Args) -> Model {
    let (bits, epochs) = (a.bits, a.epochs);
    let n = 1usize << bits;
    let mask = (n - 1) as u64;
    let mut w = vec![0f32; n];
    let mut g2 = vec![1e-6f32; n];
    let mut bias = 0f32;
    let mut bias_g2 = 1e-6f32;
    let (lr, l2) = (a.lr, a.l2);
    let mut order: Vec<(usize, usize)> = items.iter().enumerate().filter(|(i, _)| use_item(*i)).flat_map(|(i, it)| (0..it.cands.len()).map(move |c| (i, c))).collect();
    let mut state: u64 = a.seed;
    let mut buckets = Vec::new();
    for _ in 0..epochs {
        // Fisher-Yates with a fixed-seed LCG.
        for i in (1..order.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        for &(i, c) in &order {
            let cand = &items[i].cands[c];
            buckets.clear();
            buckets.extend(cand.feats.iter().filter(|(t, _)| *t == usize::MAX || !skip[*t]).map(|(_, h)| (h & mask) as usize));
            let s = bias + buckets.iter().map(|&b| w[b]).sum::<f32>();
            let g = sigmoid(s) - if cand.label { 1.0 } else { 0.0 };
            for &b in &buckets {
                let grad = g + l2 * w[b];
                g2[b] += grad * grad;
                w[b] -= lr * grad / g2[b].sqrt();
            }
            bias_g2 += g * g;
            bias -= lr * g / bias_g2.sqrt();
        }
    }
    // The bias feature also lands in a bucket; fold the separate bias in.
    Model { bits, weights: w, bias, threshold: 0.0, protected_threshold: f32::NEG_INFINITY }
}

fn score(model: &Model, cand: &Candidate, skip: &[bool]) -> f32 {
    let feats: Vec<u64> = cand.feats.iter().filter(|(t, _)| *t == usize::MAX || !skip[*t]).map(|(_, h)| *h).collect();
    model.score(&feats)
}

/// `(all, speech)` scores of the items when candidates scoring below `threshold` (those with a quoted
/// content: below `protected_threshold`; chained ones never) are dropped.
fn evaluate(items: &[Item], scores: &[Vec<f32>], threshold: f32, protected_threshold: f32) -> (Scores, Scores) {
    let mut all = Scores::default();
    let mut speech = Scores::default();
    for (it, sc) in items.iter().zip(scores) {
        let keep = |k: usize| match (sc.get(k), it.cands.get(k)) {
            (Some(&s), Some(c)) => s >= c.protection.threshold(threshold, protected_threshold),
            _ => true,
        };
        let pred: Vec<Spans> = it.spans.iter().enumerate().filter(|(k, _)| keep(*k)).map(|(_, s)| s.clone()).collect();
        eval::score_article(&it.text, &it.gold, &pred, false, &mut all);
        eval::score_article(&it.text, &it.gold, &pred, true, &mut speech);
    }
    (all, speech)
}

/// Cross-validated scores of every candidate.
fn cross_validate(items: &[Item], skip: &[bool], a: &Args) -> Vec<Vec<f32>> {
    let mut scores: Vec<Vec<f32>> = items.iter().map(|it| vec![0.0; it.cands.len()]).collect();
    for fold in 0..a.folds {
        let model = train(items, &|i| i % a.folds != fold, skip, a);
        for (i, it) in items.iter().enumerate().filter(|(i, _)| i % a.folds == fold) {
            for (c, cand) in it.cands.iter().enumerate() {
                scores[i][c] = score(&model, cand, skip);
            }
        }
    }
    scores
}

fn objective(speech: &Scores) -> f64 {
    speech.exact[0].f1() + speech.overlap[0].f1()
}

/// The best thresholds on a grid, with their scores: first the threshold (-4..2 by 0.1) with every
/// protected candidate kept, then the protected threshold (none, or -4 up to `protected_cap` and
/// at most the threshold, by 0.1).
fn best_threshold(items: &[Item], scores: &[Vec<f32>], protected_cap: f32) -> (f32, f32, Scores, Scores) {
    let mut best = (f32::NEG_INFINITY, f32::NEG_INFINITY, Scores::default(), Scores::default());
    let mut best_obj = -1.0;
    let grid = |hi: f32| (0..=60).map(|step| -4.0 + step as f32 * 0.1).take_while(move |&t| t <= hi + 1e-4);
    for t in grid(2.0) {
        let (all, speech) = evaluate(items, scores, t, f32::NEG_INFINITY);
        let o = objective(&speech);
        if o > best_obj {
            best_obj = o;
            best = (t, f32::NEG_INFINITY, all, speech);
        }
    }
    let t = best.0;
    for p in grid(protected_cap.min(t)) {
        let (all, speech) = evaluate(items, scores, t, p);
        let o = objective(&speech);
        if o > best_obj {
            best_obj = o;
            best = (t, p, all, speech);
        }
    }
    best
}

fn line(label: &str, all: &Scores, speech: &Scores) -> String {
    format!(
        "{label:<14} speech cue exact P {:.4} R {:.4} F1 {:.4} | cue overlap F1 {:.4} | source exact {:.4} overlap {:.4} | content exact {:.4} overlap {:.4} || all cue exact F1 {:.4} overlap {:.4}",
        speech.exact[0].precision(),
        speech.exact[0].recall(),
        speech.exact[0].f1(),
        speech.overlap[0].f1(),
        speech.exact[1].f1(),
        speech.overlap[1].f1(),
        speech.exact[2].f1(),
        speech.overlap[2].f1(),
        all.exact[0].f1(),
        all.overlap[0].f1()
    )
}

fn main() {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("train-cues: {e}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let articles = match eval::load(&a.data, "train") {
        Ok(x) => x,
        Err(e) => {
            eprintln!("train-cues: cannot read {}/train: {e}", a.data.display());
            std::process::exit(1);
        }
    };
    let items = prepare(&articles);
    let n: usize = items.iter().map(|it| it.cands.len()).sum();
    let pos: usize = items.iter().flat_map(|it| &it.cands).filter(|c| c.label).count();
    println!("PolNeAR train: {} articles, {n} candidates with a cue, {pos} overlap a gold cue ({:.1}s)", items.len(), started.elapsed().as_secs_f64());
    let unknown: Vec<&String> = a.skip.iter().filter(|s| !TEMPLATES.contains(&s.as_str())).collect();
    if !unknown.is_empty() {
        eprintln!("train-cues: unknown templates {unknown:?}; known: {TEMPLATES:?}");
        std::process::exit(2);
    }
    let skip: Vec<bool> = TEMPLATES.iter().map(|t| a.skip.iter().any(|s| s == t)).collect();
    let none: Vec<Vec<f32>> = items.iter().map(|it| vec![0.0; it.cands.len()]).collect();
    let (all0, speech0) = evaluate(&items, &none, f32::NEG_INFINITY, f32::NEG_INFINITY);
    println!("{}", line("no filter", &all0, &speech0));
    let scores = cross_validate(&items, &skip, &a);
    let (threshold, protected_threshold, all, speech) = best_threshold(&items, &scores, a.protected_cap);
    println!("{}", line(&format!("cv t={threshold:.1} p={protected_threshold:.1}"), &all, &speech));
    for p in [f32::NEG_INFINITY, -2.0, -1.0, 0.0] {
        let (all, speech) = evaluate(&items, &scores, threshold, p);
        println!("{}", line(&format!("cv t={threshold:.1} p={p:.1}"), &all, &speech));
    }
    if let Some(path) = &a.dump {
        let mut out = String::new();
        for (it, sc) in items.iter().zip(&scores) {
            for (c, s) in it.cands.iter().zip(sc) {
                let text = it.text.get(c.cue.0..c.cue.1).unwrap_or("").replace(['\n', '\t'], " ");
                out.push_str(&format!("{}\t{}\t{}\t{}\t{}\t{s:.3}\t{text}\n", it.name, c.cue.0, c.cue.1, c.label as u8, (c.protection != Protection::None) as u8));
            }
        }
        if let Err(e) = std::fs::write(path, out) {
            eprintln!("train-cues: cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
    }
    if let Some(path) = &a.missed {
        let mut out = String::new();
        for it in &items {
            for g in &it.gold {
                let Some(gc) = g.cue else { continue };
                let cue = it.text.get(gc.start..gc.end).unwrap_or("");
                if !is_speech_cue(cue) || it.cands.iter().any(|c| c.cue.0 < gc.end && gc.start < c.cue.1) {
                    continue;
                }
                // The context: up to 60 bytes either side, on char boundaries.
                let mut lo = gc.start.saturating_sub(60);
                while !it.text.is_char_boundary(lo) {
                    lo -= 1;
                }
                let mut hi = (gc.end + 60).min(it.text.len());
                while !it.text.is_char_boundary(hi) {
                    hi += 1;
                }
                let flat = |s: &str| s.replace(['\n', '\t'], " ");
                out.push_str(&format!("{}\t{}\t{}\t{}\t{}[[{}]]{}\n", it.name, gc.start, gc.end, flat(cue), flat(&it.text[lo..gc.start]), flat(cue), flat(&it.text[gc.end..hi])));
            }
        }
        if let Err(e) = std::fs::write(path, out) {
            eprintln!("train-cues: cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
    }
    if a.ablate {
        for (t, name) in TEMPLATES.iter().enumerate() {
            let mut s = skip.clone();
            s[t] = true;
            let sc = cross_validate(&items, &s, &a);
            let (th, p, all, speech) = best_threshold(&items, &sc, a.protected_cap);
            println!("{}", line(&format!("-{name} t={th:.1} p={p:.1}"), &all, &speech));
        }
    }
    let mut model = train(&items, &|_| true, &skip, &a);
    model.threshold = threshold;
    model.protected_threshold = protected_threshold;
    let bytes = model.to_bytes();
    if a.write {
        if let Err(e) = std::fs::write(&a.out, &bytes) {
            eprintln!("train-cues: cannot write {}: {e}", a.out.display());
            std::process::exit(1);
        }
        println!("wrote {} ({} bytes, threshold {threshold:.1}, protected {protected_threshold:.1}) in {:.1}s", a.out.display(), bytes.len(), started.elapsed().as_secs_f64());
    }
}
