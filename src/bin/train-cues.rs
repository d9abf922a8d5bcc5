//! Trains the learned cue filter (`src/attribution/filter.rs`) on the PolNeAR train split.
//!
//! ```text
//! cargo run --release --bin train-cues -- [--data ../shared/data/attribution/polnear] [--out data/cue_filter.model]
//!     [--bits 15] [--epochs 3] [--lr 0.1] [--l2 0.0001] [--folds 5] [--skip T1,T2] [--ablate] [--no-write]
//!     [--protected-cap -1.0] [--dump FILE] [--missed FILE] [--seed 24301] [--partial 0.5]
//!     [--bag 10] [--bootstrap] [--repeats 3] [--smooth 1] [--check 0] [--curve] [--account FILE] [--stack]
//! ```
//!
//! 1. Runs the rule-based stages (quotations, furniture, `attribution::candidates`) on every train
//!    article. A candidate is positive when its cue overlaps a gold cue of the same article (any
//!    annotation, speech or belief).
//! 2. Trains logistic regression (AdaGrad, L2 on touched buckets, fixed-seed shuffle) over the
//!    hashed features of `filter::features`, leaving out the templates in `--skip`. The target is
//!    1 for a cue matching a gold cue exactly, `--partial` (0.5) for one that only overlaps one, 0
//!    otherwise: the model's probability then estimates the mean of the exact and overlap labels,
//!    as the threshold's objective (exact F1 + overlap F1) weighs them. `--bag K` averages K models
//!    trained on different shuffles (with `--bootstrap`, each on a bootstrap sample of articles).
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
//! the rules leave to find. `--account FILE` prints the overlap-level error accounting of the first
//! cross-validation run at the chosen thresholds, as the scorer's greedy one-to-one matching sees
//! it (kept speech cues matching no gold cue: overlapping a gold cue another prediction took, one
//! outside the subset, inside a gold content, inside a quotation, none of these, and how many of
//! them are protected; speech gold cues left unmatched: no candidate overlaps, only filtered ones
//! do, only kept cues outside the subset do, the kept cue matched another gold cue; and kept cues
//! overlapping another kept cue) and writes one line per case to FILE. `--stack` also prints the cross-validated figures of a second stage whose
//! candidates get stacked features from the first stage's cross-validated scores of the other
//! candidates of their article (the score of the candidate whose content holds the cue, how many
//! others in the sentence score at least 0, the best of them); an optimistic measurement, since a
//! training article's stacked features come from first-stage models that saw the held-out fold.
//! The run-time filter has no second stage.
//! `--seed N` changes the shuffle's seed, to measure how much the cross-validated figures move
//! with the training order alone (the noise a change must beat). `--repeats R` chooses the
//! thresholds on R cross-validation runs (shuffles) with their counts pooled, `--smooth W` on the
//! curve's moving average over W grid steps either side; `--check N` scores the chosen thresholds
//! on N further runs whose shuffles took no part in the choice; `--curve` prints the curve.
//! Deterministic: fixed seed, no hash-map iteration in any output.

use std::path::PathBuf;
use std::time::Instant;

use article_analyzer::attribution::eval::{self, Scores, Spans};
use article_analyzer::attribution::lexicon::is_speech_cue;
use article_analyzer::attribution::filter::{features, protection, Context, Model, Protection, TEMPLATES};
use article_analyzer::segment::Document;
use article_analyzer::Span;

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
    /// Print the overlap-level error accounting of the first cross-validation run, and write its
    /// cases to this file.
    account: Option<PathBuf>,
    /// Also print the cross-validated figures of a second stage with stacked features.
    stack: bool,
    write: bool,
    dump: Option<PathBuf>,
    missed: Option<PathBuf>,
    protected_cap: f32,
    /// The shuffle's seed (default 0x5eed = 24301): other seeds measure the noise of the
    /// cross-validated figures.
    seed: u64,
    /// Bagging: how many models (each on its own shuffle, see [`member_seed`]) are averaged into
    /// one; cross-validation trains the same ensemble on each fold's training articles.
    bag: usize,
    /// Each bagged model trains on a bootstrap sample of the training articles.
    bootstrap: bool,
    /// How many cross-validation runs (different shuffles) the threshold is chosen on: their
    /// counts are pooled at each grid point, which averages the curve.
    repeats: usize,
    /// Half-width (grid steps of 0.1) of the moving average applied to the objective curve
    /// before its maximum is taken.
    smooth: usize,
    /// The training target of a candidate whose cue overlaps a gold cue without matching one
    /// exactly (1 by default, like an exact match; 0.5 makes the model's probability the mean of
    /// the overlap and exact labels, the two halves of the threshold's objective).
    partial: f32,
    /// Print the objective curve (pooled over the runs) at every threshold of the grid.
    curve: bool,
    /// Further cross-validation runs, on shuffles not used to choose the thresholds, that score
    /// the chosen thresholds (a held-out figure for the choice itself).
    check: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args { data: "../shared/data/attribution/polnear".into(), out: "data/cue_filter.model".into(), bits: 15, epochs: 3, folds: 5, skip: Vec::new(), lr: 0.1, l2: 1e-4, ablate: false, account: None, stack: false, write: true, dump: None, missed: None, protected_cap: -1.0, seed: 0x5eed, bag: 10, bootstrap: false, repeats: 3, smooth: 1, check: 0, curve: false, partial: 0.5 };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        // Flags without a value.
        let flag = match args[i].as_str() {
            "--curve" => Some(&mut a.curve),
            "--bootstrap" => Some(&mut a.bootstrap),
            "--ablate" => Some(&mut a.ablate),
            "--stack" => Some(&mut a.stack),
            _ => None,
        };
        if let Some(flag) = flag {
            *flag = true;
            i += 1;
            continue;
        }
        if args[i] == "--no-write" {
            a.write = false;
            i += 1;
            continue;
        }
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
            "--partial" => a.partial = value.parse().map_err(|_| format!("bad --partial {value:?}"))?,
            "--seed" => a.seed = num(&value)? as u64,
            "--bag" => a.bag = num(&value)?.max(1),
            "--repeats" => a.repeats = num(&value)?.max(1),
            "--smooth" => a.smooth = num(&value)?,
            "--check" => a.check = num(&value)?,
            "--dump" => a.dump = Some(value.into()),
            "--missed" => a.missed = Some(value.into()),
            "--account" => a.account = Some(value.into()),
            "--protected-cap" => a.protected_cap = value.parse().map_err(|_| format!("bad --protected-cap {value:?}"))?,
            "--skip" => a.skip = value.split(',').filter(|s| !s.is_empty()).map(String::from).collect(),
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
    /// Whether the cue matches a gold cue exactly (both trimmed of whitespace, as scored).
    exact: bool,
    /// The cue's byte range.
    cue: Span,
    /// `filter::protection`: whether and below which threshold the candidate may be dropped.
    protection: Protection,
    /// Whether the cue is in the speech-and-sourcing subset (`is_speech_cue`).
    speech: bool,
    /// Index (among the article's candidates with a cue) of the candidate whose content holds this cue.
    outer: Option<usize>,
    /// The sentence of the cue.
    sentence: usize,
}

/// One article: its text, gold spans, candidates, and the predicted spans of candidates without a
/// cue (never filtered).
struct Item {
    name: String,
    text: String,
    gold: Vec<Spans>,
    cands: Vec<Candidate>,
    spans: Vec<Spans>,
    /// The quotations' spans (for `--account`).
    quotes: Vec<Span>,
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
            // Index among the candidates with a cue, for each candidate.
            let mut with_cue = Vec::with_capacity(found.len());
            let mut m = 0;
            for f in &found {
                with_cue.push(m);
                m += f.attribution.cue.is_some() as usize;
            }
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
                let exact = art.gold.iter().any(|g| g.cue.is_some_and(|gc| eval::trim(&art.text, gc) == eval::trim(&art.text, cue)));
                let speech = is_speech_cue(art.text.get(cue.start..cue.end).unwrap_or(""));
                cands.push(Candidate { feats, label, exact, cue, protection: protection(f, &quotes), speech, outer: ctx.outer(k).filter(|&o| found[o].attribution.cue.is_some()).map(|o| with_cue[o]), sentence: f.sentence });
                spans.push(Spans { cue: at.cue, source: at.source, content: at.content });
            }
            let always: Vec<Spans> = found.iter().filter(|f| f.attribution.cue.is_none()).map(|f| Spans { cue: None, source: f.attribution.source, content: f.attribution.content }).collect();
            spans.extend(always);
            let quotes = quotes.iter().map(|q| q.span).collect();
            Item { name: art.name.clone(), text: art.text.clone(), gold: art.gold.clone(), cands, spans, quotes }
        })
        .collect()
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The seed of bagged model `k` of a run seeded `seed`: `seed` itself for the first, so that
/// `--bag 1` is the single model of earlier passes.
fn member_seed(seed: u64, k: usize) -> u64 {
    seed.wrapping_add((k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The seed of cross-validation run `r` (`--repeats`, then `--check`): `seed` itself for the
/// first; the others are spaced so that their bagged members do not meet those of another run.
fn run_seed(seed: u64, r: usize) -> u64 {
    seed.wrapping_add((r as u64).wrapping_mul(0xd1b5_4a32_d192_ed03))
}

/// One step of the fixed-seed LCG used for shuffles and bootstrap samples.
fn lcg(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *state >> 33
}

/// Trains one logistic regression (weights, bias) on the items with `use_item(i)`, skipping the
/// templates with `skip[t]`, shuffled from `seed`; with `--bootstrap`, on a sample of as many
/// articles drawn with replacement.
fn train_one(items: &[Item], use_item: &dyn Fn(usize) -> bool, skip: &[bool], a: &Args, seed: u64) -> (Vec<f32>, f32) {
    let n = 1usize << a.bits;
    let mask = (n - 1) as u64;
    let mut w = vec![0f32; n];
    let mut g2 = vec![1e-6f32; n];
    let mut bias = 0f32;
    let mut bias_g2 = 1e-6f32;
    let (lr, l2) = (a.lr, a.l2);
    let mut state: u64 = seed;
    let mut articles: Vec<usize> = (0..items.len()).filter(|&i| use_item(i)).collect();
    if a.bootstrap {
        let pool = articles.clone();
        for slot in articles.iter_mut() {
            *slot = pool[lcg(&mut state) as usize % pool.len()];
        }
        articles.sort_unstable();
    }
    let mut order: Vec<(usize, usize)> = articles.iter().flat_map(|&i| (0..items[i].cands.len()).map(move |c| (i, c))).collect();
    let mut buckets = Vec::new();
    for _ in 0..a.epochs {
        // Fisher-Yates with a fixed-seed LCG.
        for i in (1..order.len()).rev() {
            order.swap(i, lcg(&mut state) as usize % (i + 1));
        }
        for &(i, c) in &order {
            let cand = &items[i].cands[c];
            buckets.clear();
            buckets.extend(cand.feats.iter().filter(|(t, _)| *t == usize::MAX || !skip[*t]).map(|(_, h)| (h & mask) as usize));
            let s = bias + buckets.iter().map(|&b| w[b]).sum::<f32>();
            let target = match (cand.label, cand.exact) {
                (false, _) => 0.0,
                (true, true) => 1.0,
                (true, false) => a.partial,
            };
            let g = sigmoid(s) - target;
            for &b in &buckets {
                let grad = g + l2 * w[b];
                g2[b] += grad * grad;
                w[b] -= lr * grad / g2[b].sqrt();
            }
            bias_g2 += g * g;
            bias -= lr * g / bias_g2.sqrt();
        }
    }
    (w, bias)
}

/// Trains `--bag` models (seeds [`member_seed`]) and averages their weights and biases: the
/// model is linear, so this is the average of their scores, in one weight vector of the same size.
fn train(items: &[Item], use_item: &dyn Fn(usize) -> bool, skip: &[bool], a: &Args, seed: u64) -> Model {
    let mut weights = vec![0f32; 1usize << a.bits];
    let mut bias = 0f32;
    for k in 0..a.bag {
        let (w, b) = train_one(items, use_item, skip, a, member_seed(seed, k));
        for (sum, x) in weights.iter_mut().zip(&w) {
            *sum += x;
        }
        bias += b;
    }
    let inv = 1.0 / a.bag as f32;
    weights.iter_mut().for_each(|x| *x *= inv);
    // The bias feature also lands in a bucket; the separate bias is the model's own.
    Model { bits: a.bits, weights, bias: bias * inv, threshold: 0.0, protected_threshold: f32::NEG_INFINITY }
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

/// Cross-validated scores of every candidate, the models shuffled from `seed`.
fn cross_validate(items: &[Item], skip: &[bool], a: &Args, seed: u64) -> Vec<Vec<f32>> {
    let mut scores: Vec<Vec<f32>> = items.iter().map(|it| vec![0.0; it.cands.len()]).collect();
    for fold in 0..a.folds {
        let model = train(items, &|i| i % a.folds != fold, skip, a, seed);
        for (i, it) in items.iter().enumerate().filter(|(i, _)| i % a.folds == fold) {
            for (c, cand) in it.cands.iter().enumerate() {
                scores[i][c] = score(&model, cand, skip);
            }
        }
    }
    scores
}

/// Overlap-level error accounting of the speech subset at the given thresholds (`--account`):
/// kept cues that match no gold cue under the scorer's greedy one-to-one overlap matching, by
/// why (overlapping a gold cue another prediction took, overlapping a gold cue outside the
/// subset, inside a gold content, inside a quotation, none of these), and gold cues left
/// unmatched, by why (no candidate overlaps, only filtered candidates overlap, only kept cues
/// outside the subset, a kept cue that matched another gold cue).
/// Returns the counts and one line per case (category, score or overlapping candidates' cues and
/// scores, the cue in its context).
fn account(items: &[Item], scores: &[Vec<f32>], threshold: f32, protected_threshold: f32) -> (String, String) {
    let mut n = std::collections::BTreeMap::<&str, usize>::new();
    let mut cases = String::new();
    for (it, sc) in items.iter().zip(scores) {
        let t = |s: Span| eval::trim(&it.text, s);
        let kept: Vec<bool> = it.cands.iter().zip(sc).map(|(c, &s)| s >= c.protection.threshold(threshold, protected_threshold)).collect();
        let gold_speech: Vec<Span> = it.gold.iter().filter_map(|g| g.cue).filter(|c| is_speech_cue(c.slice(&it.text))).map(t).filter(|s| !s.is_empty()).collect();
        let gold_other: Vec<Span> = it.gold.iter().filter_map(|g| g.cue).filter(|c| !is_speech_cue(c.slice(&it.text))).map(t).collect();
        let contents: Vec<Span> = it.gold.iter().filter_map(|g| g.content).collect();
        // Predictions as the scorer sees them: kept speech cues, trimmed, in order.
        let pred: Vec<(usize, Span)> = it.cands.iter().enumerate().filter(|(k, c)| kept[*k] && c.speech).map(|(k, c)| (k, t(c.cue))).filter(|(_, s)| !s.is_empty()).collect();
        let mut used: Vec<Option<usize>> = vec![None; gold_speech.len()];
        let mut hit = vec![false; pred.len()];
        for (j, &(_, p)) in pred.iter().enumerate() {
            if let Some(i) = (0..gold_speech.len()).find(|&i| used[i].is_none() && gold_speech[i].overlaps(p)) {
                used[i] = Some(j);
                hit[j] = true;
            }
        }
        for &(k, p) in pred.iter().zip(&hit).filter(|(_, h)| !**h).map(|(p, _)| p) {
            // Among candidates with a cue, the always-kept ones are those in a chain (`via`).
            let prot = match it.cands[k].protection {
                Protection::None => "",
                Protection::Quoted => " (protected: quoted content)",
                Protection::Always => " (protected: chain)",
            };
            let why = if let Some(i) = gold_speech.iter().position(|g| g.overlaps(p)) {
                let other = used[i].map(|o| pred[o].1.overlaps(p)).unwrap_or(false);
                if other { "false: overlaps a gold cue taken by an overlapping prediction" } else { "false: overlaps a gold cue taken by a disjoint prediction" }
            } else if gold_other.iter().any(|g| g.overlaps(p)) {
                "false: overlaps a gold cue outside the subset"
            } else if contents.iter().any(|c| c.contains(p)) {
                if it.quotes.iter().any(|q| q.contains(p)) { "false: inside a gold content and a quotation" } else { "false: inside a gold content" }
            } else if it.quotes.iter().any(|q| q.contains(p)) {
                "false: inside a quotation"
            } else {
                "false: none of these"
            };
            cases.push_str(&format!("{why}{prot}\t{}\t{:.2}\t{}\n", it.name, sc[k], in_context(&it.text, p, 90, 60)));
            *n.entry(why).or_default() += 1;
            if !prot.is_empty() {
                *n.entry(if prot.contains("chain") { "false: of which in a chain" } else { "false: of which with a quoted content" }).or_default() += 1;
            }
        }
        for &g in gold_speech.iter().zip(&used).filter(|(_, u)| u.is_none()).map(|(g, _)| g) {
            let over: Vec<usize> = (0..it.cands.len()).filter(|&k| t(it.cands[k].cue).overlaps(g)).collect();
            let why = if over.is_empty() {
                "missed: no candidate overlaps"
            } else if !over.iter().any(|&k| kept[k]) {
                "missed: overlapping candidates all filtered"
            } else if !over.iter().any(|&k| kept[k] && it.cands[k].speech) {
                "missed: overlapping kept cues outside the subset"
            } else {
                "missed: the overlapping kept cue matched another gold cue"
            };
            let over_text: Vec<String> = over.iter().map(|&k| format!("{} {:.2}", flat(it.cands[k].cue.slice(&it.text)), sc[k])).collect();
            cases.push_str(&format!("{why}\t{}\t{}\t{}\n", it.name, over_text.join("; "), in_context(&it.text, g, 90, 60)));
            *n.entry(why).or_default() += 1;
        }
        // Kept cues overlapping another kept cue (what a dedup rule would look at).
        let mut sorted: Vec<Span> = pred.iter().map(|&(_, p)| p).collect();
        sorted.sort_unstable_by_key(|p| (p.start, p.end));
        let mut reach = 0;
        for (i, p) in sorted.iter().enumerate() {
            if i > 0 && p.start < reach {
                *n.entry("kept cues overlapping an earlier kept cue").or_default() += 1;
            }
            reach = reach.max(p.end);
        }
        *n.entry("predicted").or_default() += pred.len();
        *n.entry("gold").or_default() += gold_speech.len();
        *n.entry("matched").or_default() += hit.iter().filter(|&&h| h).count();
    }
    (n.iter().map(|(k, v)| format!("account {k}: {v}\n")).collect(), cases)
}

/// A hashed stacked feature (`--stack`): its name and value.
fn stack_hash(name: &str, value: i64) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    ("stack", name, value).hash(&mut h);
    h.finish()
}

/// The items with stacked features (`--stack`) added to every candidate, computed from the
/// cross-validated first-stage `scores` of the other candidates of its article: the score of the
/// candidate whose content holds its cue (bucketed by 1), how many other candidates of its
/// sentence score at least 0, and the best score among them.
fn stacked(items: &[Item], scores: &[Vec<f32>]) -> Vec<Item> {
    let b = |x: f32| (x.floor() as i64).clamp(-3, 3);
    items
        .iter()
        .zip(scores)
        .map(|(it, sc)| {
            let mut by_sentence = std::collections::BTreeMap::<usize, Vec<usize>>::new();
            for (c, cand) in it.cands.iter().enumerate() {
                by_sentence.entry(cand.sentence).or_default().push(c);
            }
            let cands = it
                .cands
                .iter()
                .enumerate()
                .map(|(c, cand)| {
                    let mut feats = cand.feats.clone();
                    let tag = usize::MAX;
                    match cand.outer.and_then(|o| sc.get(o)) {
                        Some(&s) => feats.push((tag, stack_hash("outer", b(s)))),
                        None => feats.push((tag, stack_hash("outer", 99))),
                    }
                    let others: Vec<f32> = by_sentence.get(&cand.sentence).into_iter().flatten().filter(|&&o| o != c).map(|&o| sc[o]).collect();
                    let kept = others.iter().filter(|&&s| s >= 0.0).count().min(2) as i64;
                    feats.push((tag, stack_hash("kept", kept)));
                    let best = others.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                    feats.push((tag, stack_hash("best", if best.is_finite() { b(best) } else { 99 })));
                    Candidate { feats, label: cand.label, exact: cand.exact, cue: cand.cue, protection: cand.protection, speech: cand.speech, outer: cand.outer, sentence: cand.sentence }
                })
                .collect();
            Item { name: it.name.clone(), text: it.text.clone(), gold: it.gold.clone(), cands, spans: it.spans.clone(), quotes: it.quotes.clone() }
        })
        .collect()
}

fn objective(speech: &Scores) -> f64 {
    speech.exact[0].f1() + speech.overlap[0].f1()
}

/// The sum of two score tables' counts.
fn pool(mut into: Scores, other: &Scores) -> Scores {
    for (x, y) in into.exact.iter_mut().chain(into.overlap.iter_mut()).zip(other.exact.iter().chain(&other.overlap)) {
        x.predicted += y.predicted;
        x.gold += y.gold;
        x.matched += y.matched;
    }
    into
}

/// [`evaluate`] over several cross-validation runs' scores, their counts pooled.
fn evaluate_runs(items: &[Item], runs: &[Vec<Vec<f32>>], threshold: f32, protected_threshold: f32) -> (Scores, Scores) {
    runs.iter().fold((Scores::default(), Scores::default()), |(all, speech), scores| {
        let (a, s) = evaluate(items, scores, threshold, protected_threshold);
        (pool(all, &a), pool(speech, &s))
    })
}

/// The thresholds tried: -4 up to `hi` (at most 2), by 0.1.
fn grid(hi: f32) -> Vec<f32> {
    (0..=60).map(|step| -4.0 + step as f32 * 0.1).take_while(|&t| t <= hi + 1e-4).collect()
}

/// `repeats` cross-validation runs, from run number `first` on (each its own shuffle seed).
fn cv_runs(items: &[Item], skip: &[bool], a: &Args, first: usize, repeats: usize) -> Vec<Vec<Vec<f32>>> {
    (first..first + repeats).map(|r| cross_validate(items, skip, a, run_seed(a.seed, r))).collect()
}

/// The best thresholds on a grid ([`grid`]), with their (pooled) scores: first the threshold (-4..2 by 0.1)
/// with every protected candidate kept, then the protected threshold (none, or -4 up to
/// `protected_cap` and at most the threshold, by 0.1). The objective is that of the counts pooled
/// over `runs`, averaged over `smooth` grid steps either side (fewer at the grid's ends).
fn best_threshold(items: &[Item], runs: &[Vec<Vec<f32>>], protected_cap: f32, smooth: usize) -> (f32, f32, Scores, Scores) {
    // Argmax of the smoothed curve; the first maximum wins.
    let pick = |curve: &[f64]| {
        let smoothed = |i: usize| {
            let (lo, hi) = (i.saturating_sub(smooth), (i + smooth).min(curve.len() - 1));
            curve[lo..=hi].iter().sum::<f64>() / (hi - lo + 1) as f64
        };
        (0..curve.len()).fold((0, f64::NEG_INFINITY), |best, i| if smoothed(i) > best.1 { (i, smoothed(i)) } else { best })
    };
    let ts = grid(2.0);
    let curve: Vec<f64> = ts.iter().map(|&t| objective(&evaluate_runs(items, runs, t, f32::NEG_INFINITY).1)).collect();
    let (i, best_obj) = pick(&curve);
    let t = ts[i];
    let ps = grid(protected_cap.min(t));
    let mut p = f32::NEG_INFINITY;
    if !ps.is_empty() {
        let curve: Vec<f64> = ps.iter().map(|&p| objective(&evaluate_runs(items, runs, t, p).1)).collect();
        let (j, obj) = pick(&curve);
        if obj > best_obj {
            p = ps[j];
        }
    }
    let (all, speech) = evaluate_runs(items, runs, t, p);
    (t, p, all, speech)
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
    let runs = cv_runs(&items, &skip, &a, 0, a.repeats);
    let scores = &runs[0];
    let (threshold, protected_threshold, all, speech) = best_threshold(&items, &runs, a.protected_cap, a.smooth);
    println!("{}", line(&format!("cv t={threshold:.1} p={protected_threshold:.1}"), &all, &speech));
    for p in [f32::NEG_INFINITY, -2.0, -1.0, 0.0] {
        let (all, speech) = evaluate_runs(&items, &runs, threshold, p);
        println!("{}", line(&format!("cv t={threshold:.1} p={p:.1}"), &all, &speech));
    }
    if a.curve {
        for t in grid(2.0) {
            let (_, speech) = evaluate_runs(&items, &runs, t, protected_threshold.min(t));
            println!("curve t={t:.1} exact {:.4} overlap {:.4} sum {:.4} predicted {}", speech.exact[0].f1(), speech.overlap[0].f1(), objective(&speech), speech.exact[0].predicted);
        }
    }
    if a.stack {
        // Second stage: each run's first-stage scores give the stacked features, and the same
        // cross-validation (same seed) is run again on them.
        let runs2: Vec<Vec<Vec<f32>>> = runs.iter().enumerate().map(|(r, sc)| cross_validate(&stacked(&items, sc), &skip, &a, run_seed(a.seed, r))).collect();
        let (t2, p2, all2, speech2) = best_threshold(&items, &runs2, a.protected_cap, a.smooth);
        println!("{}", line(&format!("stack t={t2:.1} p={p2:.1}"), &all2, &speech2));
    }
    if let Some(path) = &a.account {
        let (counts, cases) = account(&items, scores, threshold, protected_threshold);
        print!("{counts}");
        write_or_exit(path, cases);
    }
    if a.check > 0 {
        // Runs whose shuffles did not choose the thresholds: a held-out figure for the choice.
        let fresh = cv_runs(&items, &skip, &a, a.repeats, a.check);
        let (all, speech) = evaluate_runs(&items, &fresh, threshold, protected_threshold);
        println!("{}", line(&format!("check t={threshold:.1} p={protected_threshold:.1}"), &all, &speech));
    }
    if let Some(path) = &a.dump {
        let mut out = String::new();
        for (it, sc) in items.iter().zip(scores) {
            for (c, s) in it.cands.iter().zip(sc) {
                let text = flat(c.cue.slice(&it.text));
                out.push_str(&format!("{}\t{}\t{}\t{}\t{}\t{s:.3}\t{text}\n", it.name, c.cue.start, c.cue.end, c.label as u8, (c.protection != Protection::None) as u8));
            }
        }
        write_or_exit(path, out);
    }
    if let Some(path) = &a.missed {
        let mut out = String::new();
        for it in &items {
            for g in &it.gold {
                let Some(gc) = g.cue else { continue };
                let cue = gc.slice(&it.text);
                if !is_speech_cue(cue) || it.cands.iter().any(|c| c.cue.overlaps(gc)) {
                    continue;
                }
                out.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", it.name, gc.start, gc.end, flat(cue), in_context(&it.text, gc, 60, 60)));
            }
        }
        write_or_exit(path, out);
    }
    if a.ablate {
        for (t, name) in TEMPLATES.iter().enumerate() {
            let mut s = skip.clone();
            s[t] = true;
            let sc = cv_runs(&items, &s, &a, 0, a.repeats);
            let (th, p, all, speech) = best_threshold(&items, &sc, a.protected_cap, a.smooth);
            println!("{}", line(&format!("-{name} t={th:.1} p={p:.1}"), &all, &speech));
        }
    }
    let mut model = train(&items, &|_| true, &skip, &a, a.seed);
    model.threshold = threshold;
    model.protected_threshold = protected_threshold;
    let bytes = model.to_bytes();
    if a.write {
        write_or_exit(&a.out, &bytes);
        println!("wrote {} ({} bytes, threshold {threshold:.1}, protected {protected_threshold:.1}) in {:.1}s", a.out.display(), bytes.len(), started.elapsed().as_secs_f64());
    }
}

/// Writes `data` to `path`, or says why not and exits with status 1.
fn write_or_exit(path: &std::path::Path, data: impl AsRef<[u8]>) {
    if let Err(e) = std::fs::write(path, data) {
        eprintln!("train-cues: cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}

/// `s` on one line: newlines and tabs as spaces (the listings are tab-separated, a line per case).
fn flat(s: &str) -> String {
    s.replace(['\n', '\t'], " ")
}

/// `span` marked as `[[...]]` in up to `before` and `after` bytes of its context (on char
/// boundaries, [`Span::widen`]), on one line.
fn in_context(text: &str, span: Span, before: usize, after: usize) -> String {
    let w = span.widen(text, before, after);
    let part = |a: usize, b: usize| flat(text.get(a..b).unwrap_or(""));
    format!("{}[[{}]]{}", part(w.start, span.start), part(span.start, span.end), part(span.end, w.end))
}
