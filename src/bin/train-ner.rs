//! Trains the named-entity tagger and builds its lexicons.
//!
//! ```text
//! cargo run --release --bin train-ner -- [--data ../shared/data] [--out data] [--epochs 12]
//!     [--max-features 40000] [--folds 2] [--no-evidence] [--no-lexicons] [--caps-every 3] [--wikigold] [--dev]
//!     [--lexicons-only]
//! ```
//!
//! 1. Builds `OUT/lexicons/*.txt` from `DATA/lexicons` (see `data/README.md`).
//! 2. Reads CoNLL-2003 `train.txt` (and with `--wikigold` the Wikigold corpus), rebuilds each
//!    document as text and segments it with the library's `Document::parse`, so the tagger learns
//!    on exactly the tokens and features it sees at run time.
//!    Every `--caps-every`th document is added again in capitals (0: none).
//! 3. Trains an averaged structured perceptron over BILOU tags. Document evidence for the second
//!    pass is produced by `--folds` jackknifed first-pass models (each tags the documents it was
//!    not trained on); the final model sees the evidence features on a random half of the
//!    documents in each epoch so that it also serves the first pass.
//! 4. Keeps the `--max-features` features with the largest weights, quantises them to `i8` and
//!    writes `OUT/ner.model`. With `--dev` it prints the scores on CoNLL-2003 `valid.txt`
//!    through the run-time tagger.
//!
//! Deterministic: a fixed-seed shuffle, no hash-map iteration order in any output.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use article_analyzer::entities::eval::{parse_conll, ConllDoc, Scores};
use article_analyzer::entities::features::{evidence_features, extract, Atoms, Evidence};
use article_analyzer::entities::lexicon::{Lexicons, CATEGORY_NAMES, NCAT};
use article_analyzer::entities::model::{key_of, spans_of, tags_of, viterbi, Model, Transitions, NTAGS, TYPES};
use article_analyzer::entities::ner::{evidence_from, tag_with};
use article_analyzer::segment::Document;

struct Args {
    data: PathBuf,
    out: PathBuf,
    epochs: usize,
    max_features: usize,
    folds: usize,
    evidence: bool,
    wikigold: bool,
    dev: bool,
    lexicons_only: bool,
    caps_every: usize,
    lexicons: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        data: PathBuf::from("../shared/data"),
        out: PathBuf::from("data"),
        epochs: 12,
        max_features: 40_000,
        folds: 2,
        evidence: true,
        wikigold: false,
        dev: false,
        lexicons_only: false,
        caps_every: 3,
        lexicons: true,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].clone();
        let mut value = || {
            i += 1;
            args.get(i).cloned().ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--data" => a.data = PathBuf::from(value()?),
            "--out" => a.out = PathBuf::from(value()?),
            "--epochs" => a.epochs = value()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--max-features" => a.max_features = value()?.parse().map_err(|e| format!("--max-features: {e}"))?,
            "--folds" => a.folds = value()?.parse::<usize>().map_err(|e| format!("--folds: {e}"))?.max(2),
            "--no-evidence" => a.evidence = false,
            "--no-lexicons" => a.lexicons = false,
            "--caps-every" => a.caps_every = value()?.parse().map_err(|e| format!("--caps-every: {e}"))?,
            "--wikigold" => a.wikigold = true,
            "--dev" => a.dev = true,
            "--lexicons-only" => a.lexicons_only = true,
            other => return Err(format!("unknown argument {other}")),
        }
        i += 1;
    }
    Ok(a)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// Lexicons
// ---------------------------------------------------------------------------------------------

/// Organisation heads and legal suffixes beyond cleanco's list (hand-written, generic).
const ORG_HEADS: &[&str] = &[
    "ministry", "council", "committee", "agency", "party", "bank", "university", "association", "federation", "union",
    "commission", "group", "corporation", "company", "institute", "army", "navy", "court", "parliament", "assembly", "fund",
    "organisation", "organization", "airlines", "airways", "club", "league", "board", "department", "office", "foundation",
    "holdings", "bureau", "authority", "service", "services", "force", "forces", "academy", "exchange", "reserve",
    "congress", "senate", "cabinet", "police", "guard", "brigade", "front", "movement", "alliance", "society", "trust",
];

/// International news agencies (hand-written; fundus lists publishers, not wires).
const WIRES: &[&str] = &[
    "reuters", "associated press", "agence france-presse", "afp", "bloomberg", "xinhua", "yonhap", "kyodo", "tass",
    "ria novosti", "interfax", "anadolu", "ansa", "efe", "dpa", "press trust of india", "bernama", "antara", "irna",
];

fn words_of_json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| words_of_json_strings(x, out)),
        _ => {}
    }
}

/// Keeps names that are written in Latin letters and start with a capital.
fn good_name(s: &str) -> bool {
    let s = s.trim();
    s.chars().next().is_some_and(|c| c.is_uppercase())
        && s.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
        && s.chars().any(char::is_lowercase)
        && s.chars().count() >= 3
        && s.chars().all(|c| (c as u32) < 0x250)
}

fn build_lexicons(data: &Path, out: &Path) -> Result<[String; NCAT], String> {
    let dir = data.join("lexicons");
    let mut lists: [BTreeSet<String>; NCAT] = Default::default();
    // First names: census lists (all) and SSA names given to at least 20,000 babies since 1880.
    for f in ["dist.male.first", "dist.female.first"] {
        for line in read(&dir.join(f))?.lines() {
            if let Some(n) = line.split_whitespace().next() {
                lists[0].insert(n.to_lowercase());
            }
        }
    }
    for line in read(&dir.join("ssa_first_names_1880_2024.tsv"))?.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 3 && cols[2].parse::<u64>().unwrap_or(0) >= 20_000 {
            lists[0].insert(cols[0].to_lowercase());
        }
    }
    // Surnames: the 15,000 most frequent in the 1990 census.
    for line in read(&dir.join("dist.all.last"))?.lines().take(15_000) {
        if let Some(n) = line.split_whitespace().next() {
            lists[1].insert(n.to_lowercase());
        }
    }
    // Places: countries (GeoNames and world-countries names, official names, capitals,
    // alternate spellings in words) and GeoNames cities over 50,000 people.
    let countries: serde_json::Value = serde_json::from_str(&read(&dir.join("countries.json"))?).map_err(|e| e.to_string())?;
    if let Some(m) = countries.as_object() {
        for c in m.values() {
            for k in ["name", "capital"] {
                if let Some(s) = c.get(k).and_then(|v| v.as_str()).filter(|s| good_name(s)) {
                    lists[2].insert(s.to_lowercase());
                }
            }
        }
    }
    let wc: serde_json::Value = serde_json::from_str(&read(&dir.join("world-countries.countries.json"))?).map_err(|e| e.to_string())?;
    for c in wc.as_array().map(|a| a.as_slice()).unwrap_or(&[]) {
        let mut names = Vec::new();
        for k in ["common", "official"] {
            if let Some(s) = c.pointer(&format!("/name/{k}")).and_then(|v| v.as_str()) {
                names.push(s.to_string());
            }
        }
        if let Some(a) = c.get("altSpellings") {
            words_of_json_strings(a, &mut names);
        }
        if let Some(a) = c.get("capital") {
            words_of_json_strings(a, &mut names);
        }
        for n in names.iter().filter(|s| good_name(s)) {
            lists[2].insert(n.to_lowercase());
        }
        for g in ["f", "m"] {
            if let Some(s) = c.pointer(&format!("/demonyms/eng/{g}")).and_then(|v| v.as_str()).filter(|s| good_name(s)) {
                lists[3].insert(s.to_lowercase());
            }
        }
    }
    for s in ["u.s.", "u.k.", "u.n."] {
        lists[2].insert(s.to_string());
    }
    let cities: serde_json::Value = serde_json::from_str(&read(&dir.join("cities15000.json"))?).map_err(|e| e.to_string())?;
    if let Some(m) = cities.as_object() {
        for c in m.values() {
            let pop = c.get("population").and_then(|p| p.as_u64()).unwrap_or(0);
            if pop >= 50_000 {
                if let Some(s) = c.get("name").and_then(|v| v.as_str()).filter(|s| good_name(s)) {
                    lists[2].insert(s.to_lowercase());
                }
            }
        }
    }
    // Nationalities: i18n-nationality adjectives plus the world-countries demonyms above.
    let nat: serde_json::Value = serde_json::from_str(&read(&dir.join("i18n-nationality.en.json"))?).map_err(|e| e.to_string())?;
    if let Some(m) = nat.get("nationalities").and_then(|n| n.as_object()) {
        for v in m.values() {
            if let Some(s) = v.as_str().filter(|s| good_name(s)) {
                lists[3].insert(s.to_lowercase());
            }
        }
    }
    // Organisation suffixes: cleanco's quoted terms (Latin, at least two letters) and heads.
    let cleanco = read(&dir.join("cleanco_termdata.py"))?;
    for piece in cleanco.split('\'').skip(1).step_by(2) {
        let t = piece.trim();
        if t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && t.is_ascii() && !t.contains('\\') {
            lists[4].insert(t.to_lowercase());
        }
    }
    lists[4].extend(ORG_HEADS.iter().map(|s| s.to_string()));
    // Outlets: fundus publishers and the wire agencies.
    for line in read(&dir.join("fundus_publishers.tsv"))?.lines().skip(1) {
        if let Some(name) = line.split('\t').nth(1) {
            if !name.trim().is_empty() {
                lists[5].insert(name.trim().to_lowercase());
            }
        }
    }
    lists[5].extend(WIRES.iter().map(|s| s.to_string()));
    let dir_out = out.join("lexicons");
    std::fs::create_dir_all(&dir_out).map_err(|e| e.to_string())?;
    let mut texts: [String; NCAT] = Default::default();
    for c in 0..NCAT {
        let mut t = String::new();
        for w in &lists[c] {
            t.push_str(w);
            t.push('\n');
        }
        std::fs::write(dir_out.join(format!("{}.txt", CATEGORY_NAMES[c])), &t).map_err(|e| e.to_string())?;
        eprintln!("lexicon {:<12} {:>6} entries", CATEGORY_NAMES[c], lists[c].len());
        texts[c] = t;
    }
    Ok(texts)
}

// ---------------------------------------------------------------------------------------------
// Training data
// ---------------------------------------------------------------------------------------------

/// A training document: per token feature ids, gold tags, sentence ranges, atoms.
struct TrainDoc {
    feats: Vec<Vec<u32>>,
    /// Evidence feature ids per token (from the jackknifed first pass).
    ev_feats: Vec<Vec<u32>>,
    gold: Vec<usize>,
    sentences: Vec<std::ops::Range<usize>>,
    atoms: Vec<Atoms>,
}

#[derive(Default)]
struct Interner {
    ids: HashMap<u64, u32>,
    keys: Vec<u64>,
}

impl Interner {
    fn id(&mut self, h: u64) -> u32 {
        if let Some(&i) = self.ids.get(&h) {
            return i;
        }
        let i = self.keys.len() as u32;
        self.ids.insert(h, i);
        self.keys.push(h);
        i
    }
}

fn type_index(ty: &str) -> Option<usize> {
    TYPES.iter().position(|t| *t == ty)
}

fn prepare(doc: &ConllDoc, lex: &Lexicons, interner: &mut Interner) -> TrainDoc {
    let d = Document::parse(&doc.text);
    let df = extract(&d, lex);
    let n = d.tokens.len();
    let feats: Vec<Vec<u32>> = (0..n).map(|i| df.feats[df.offsets[i]..df.offsets[i + 1]].iter().map(|&h| interner.id(h)).collect()).collect();
    // Gold spans to token ranges, clipped to our sentences.
    let mut gold = vec![0usize; n];
    let mut sentences = Vec::new();
    for s in &d.sentences {
        let mut local = Vec::new();
        for g in &doc.gold {
            let Some(ty) = type_index(&g.ty) else { continue };
            let a = d.tokens.partition_point(|t| t.span.end <= g.span.start).max(s.tokens.start);
            let b = d.tokens.partition_point(|t| t.span.start < g.span.end).min(s.tokens.end);
            if a < b {
                local.push((a - s.tokens.start, b - s.tokens.start, ty));
            }
        }
        local.sort();
        local.dedup_by(|x, y| x.0 < y.1);
        let tags = tags_of(s.tokens.len(), &local);
        gold[s.tokens.clone()].copy_from_slice(&tags);
        sentences.push(s.tokens.clone());
    }
    TrainDoc { feats, ev_feats: vec![Vec::new(); n], gold, sentences, atoms: df.atoms }
}

// ---------------------------------------------------------------------------------------------
// Averaged structured perceptron
// ---------------------------------------------------------------------------------------------

struct Perceptron {
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

/// Transition parameter layout: trans (NTAGS²), start (NTAGS), end (NTAGS).
const TSIZE: usize = NTAGS * NTAGS + 2 * NTAGS;

fn transitions_of(v: &[f32]) -> Transitions {
    Transitions { trans: v[..NTAGS * NTAGS].to_vec(), start: v[NTAGS * NTAGS..NTAGS * NTAGS + NTAGS].to_vec(), end: v[NTAGS * NTAGS + NTAGS..].to_vec() }
}

impl Perceptron {
    fn new(nfeat: usize) -> Self {
        Perceptron { w: vec![0.0; nfeat * NTAGS], u: vec![0.0; nfeat * NTAGS], tw: vec![0.0; TSIZE], tu: vec![0.0; TSIZE], c: 1.0 }
    }

    fn emissions(w: &[f32], feats: &[Vec<u32>], ev: Option<&[Vec<u32>]>, range: std::ops::Range<usize>) -> Vec<f32> {
        let mut em = vec![0f32; range.len() * NTAGS];
        for (k, i) in range.enumerate() {
            let row = &mut em[k * NTAGS..(k + 1) * NTAGS];
            let evf = ev.map(|e| e[i].as_slice()).unwrap_or(&[]);
            for &f in feats[i].iter().chain(evf) {
                let wf = &w[f as usize * NTAGS..(f as usize + 1) * NTAGS];
                for t in 0..NTAGS {
                    row[t] += wf[t];
                }
            }
        }
        em
    }

    fn update_feat(&mut self, f: u32, t: usize, d: f32) {
        let i = f as usize * NTAGS + t;
        self.w[i] += d;
        self.u[i] += self.c * d;
    }

    fn update_trans(&mut self, i: usize, d: f32) {
        self.tw[i] += d;
        self.tu[i] += self.c * d;
    }

    fn train_sentence(&mut self, doc: &TrainDoc, range: std::ops::Range<usize>, use_ev: bool) {
        let ev = use_ev.then_some(doc.ev_feats.as_slice());
        let em = Self::emissions(&self.w, &doc.feats, ev, range.clone());
        let pred = viterbi(&em, &transitions_of(&self.tw));
        let gold = &doc.gold[range.clone()];
        if pred != gold {
            for (k, i) in range.clone().enumerate() {
                if pred[k] != gold[k] {
                    let evf: &[u32] = if use_ev { &doc.ev_feats[i] } else { &[] };
                    for &f in doc.feats[i].iter().chain(evf) {
                        self.update_feat(f, gold[k], 1.0);
                        self.update_feat(f, pred[k], -1.0);
                    }
                }
                let (gp, pp) = if k == 0 { (None, None) } else { (Some(gold[k - 1]), Some(pred[k - 1])) };
                if (gp, gold[k]) != (pp, pred[k]) {
                    let idx = |p: Option<usize>, t: usize| match p {
                        Some(p) => p * NTAGS + t,
                        None => NTAGS * NTAGS + t,
                    };
                    self.update_trans(idx(gp, gold[k]), 1.0);
                    self.update_trans(idx(pp, pred[k]), -1.0);
                }
            }
            let last = gold.len() - 1;
            if gold[last] != pred[last] {
                self.update_trans(NTAGS * NTAGS + NTAGS + gold[last], 1.0);
                self.update_trans(NTAGS * NTAGS + NTAGS + pred[last], -1.0);
            }
        }
        self.c += 1.0;
    }

    /// Averaged weights and transitions.
    fn average(&self) -> (Vec<f32>, Vec<f32>) {
        let c = self.c;
        (self.w.iter().zip(&self.u).map(|(w, u)| w - u / c).collect(), self.tw.iter().zip(&self.tu).map(|(w, u)| w - u / c).collect())
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains on the documents `which`; `ev_mode`: 0 never evidence, 1 on half the documents.
fn train(docs: &[TrainDoc], which: &[usize], nfeat: usize, epochs: usize, ev_mode: u8, seed: u64) -> (Vec<f32>, Vec<f32>) {
    let mut p = Perceptron::new(nfeat);
    let mut rng = Rng(seed);
    let mut units: Vec<(usize, usize)> = which.iter().flat_map(|&d| (0..docs[d].sentences.len()).map(move |s| (d, s))).collect();
    for epoch in 0..epochs {
        rng.shuffle(&mut units);
        let t0 = Instant::now();
        for &(d, s) in &units {
            let use_ev = ev_mode == 1 && (rng.next() >> 33) & 1 == 0;
            p.train_sentence(&docs[d], docs[d].sentences[s].clone(), use_ev);
        }
        eprintln!("  epoch {:>2}: {:.1}s", epoch + 1, t0.elapsed().as_secs_f32());
    }
    p.average()
}

/// First-pass predictions (document-level token spans) of float weights without evidence.
fn predict(doc: &TrainDoc, w: &[f32], tw: &[f32]) -> Vec<(usize, usize, usize)> {
    let tr = transitions_of(tw);
    let mut out = Vec::new();
    for s in &doc.sentences {
        let em = Perceptron::emissions(w, &doc.feats, None, s.clone());
        out.extend(spans_of(&viterbi(&em, &tr)).into_iter().map(|(a, b, t)| (a + s.start, b + s.start, t)));
    }
    out
}

fn set_evidence(doc: &mut TrainDoc, ev: &Evidence, interner: &mut Interner) {
    let mut buf = Vec::new();
    for i in 0..doc.atoms.len() {
        buf.clear();
        evidence_features(&doc.atoms[i], ev, |h| buf.push(h));
        doc.ev_feats[i] = buf.iter().map(|&h| interner.id(h)).collect();
    }
}

/// Prunes to the `max` features with the largest L1 norm (by 32-bit key), quantises and builds
/// the model.
fn compact(interner: &Interner, w: &[f32], tw: &[f32], max: usize) -> Model {
    // Merge features whose 32-bit keys collide (summing weights) so keys are unique.
    let mut by_key: BTreeMap<u32, Vec<f32>> = BTreeMap::new();
    for (f, &h) in interner.keys.iter().enumerate() {
        let row = &w[f * NTAGS..(f + 1) * NTAGS];
        if row.iter().all(|&x| x == 0.0) {
            continue;
        }
        let e = by_key.entry(key_of(h)).or_insert_with(|| vec![0.0; NTAGS]);
        for t in 0..NTAGS {
            e[t] += row[t];
        }
    }
    let mut rows: Vec<(u32, Vec<f32>)> = by_key.into_iter().collect();
    let norm = |r: &[f32]| r.iter().map(|x| x.abs()).sum::<f32>();
    rows.sort_by(|a, b| norm(&b.1).total_cmp(&norm(&a.1)).then(a.0.cmp(&b.0)));
    rows.truncate(max);
    // Clip at the 99.9th percentile of absolute non-zero weights.
    let mut abs: Vec<f32> = rows.iter().flat_map(|r| r.1.iter().copied()).filter(|x| *x != 0.0).map(f32::abs).collect();
    abs.sort_by(f32::total_cmp);
    let q: usize = std::env::var("NER_CLIP").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let clip = abs.get(abs.len().saturating_sub(1) * q / 1000).copied().unwrap_or(1.0);
    eprintln!("clip {clip}, median {}", abs.get(abs.len() / 2).copied().unwrap_or(0.0));
    let keys: Vec<u32> = rows.iter().map(|r| r.0).collect();
    let flat: Vec<f32> = rows.iter().flat_map(|r| r.1.iter().copied()).collect();
    // Transitions are scaled like the weights they compete with (kept as f32).
    Model::quantise(keys, &flat, clip, transitions_of(tw))
}

/// How many words `data/words.txt` keeps.
const KNOWN_WORDS: usize = 10_000;

/// Writes `OUT/words.txt`: the [`KNOWN_WORDS`] most frequent tokens of the training text (as the
/// library segments it; ties by byte order), sorted, one per line. The tagger computes their atoms
/// and weight rows once at load (`entities::ner::Vocabulary`) instead of once per document.
fn build_words(docs: &[ConllDoc], out: &Path) -> Result<(), String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in docs {
        let doc = Document::parse(&d.text);
        for t in &doc.tokens {
            let w = doc.text(t.span);
            if !w.contains(['\n', '\r']) {
                *counts.entry(w).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut words: Vec<&str> = ranked.into_iter().take(KNOWN_WORDS).map(|(w, _)| w).collect();
    words.sort_unstable();
    let path = out.join("words.txt");
    std::fs::write(&path, words.join("\n") + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("wrote {} ({} words)", path.display(), words.len());
    Ok(())
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let start = Instant::now();
    let texts = build_lexicons(&args.data, &args.out)?;
    if args.lexicons_only {
        return Ok(());
    }
    // --no-lexicons (an ablation): train and evaluate with empty gazetteers.
    let lex = if args.lexicons { Lexicons::from_lists(&[&texts[0], &texts[1], &texts[2], &texts[3], &texts[4], &texts[5]]) } else { Lexicons::default() };
    let ner = args.data.join("ner");
    let mut conll = parse_conll(&read(&ner.join("conll2003/train.txt"))?);
    build_words(&conll, &args.out)?;
    if args.wikigold {
        conll.extend(parse_conll(&read(&ner.join("wikigold/wikigold.conll.txt"))?));
    }
    if args.caps_every > 0 {
        // All-capitals copies of every Nth document (ASCII upper-casing keeps the byte offsets),
        // so that shouting text and headlines are tagged from lexicons and context, not case.
        let extra: Vec<ConllDoc> = conll.iter().step_by(args.caps_every).map(|d| ConllDoc { text: d.text.to_ascii_uppercase(), ..d.clone() }).collect();
        eprintln!("{} all-capitals copies", extra.len());
        conll.extend(extra);
    }
    let mut interner = Interner::default();
    let mut docs: Vec<TrainDoc> = conll.iter().map(|d| prepare(d, &lex, &mut interner)).collect();
    let ntok: usize = docs.iter().map(|d| d.gold.len()).sum();
    eprintln!("{} documents, {} tokens, {} base features ({:.1}s)", docs.len(), ntok, interner.keys.len(), start.elapsed().as_secs_f32());
    let all: Vec<usize> = (0..docs.len()).collect();
    let ev_mode = if args.evidence {
        // Jackknife: each fold is tagged by a model trained on the other folds.
        let first_epochs = (args.epochs / 2).max(3);
        for fold in 0..args.folds {
            let train_on: Vec<usize> = all.iter().copied().filter(|d| d % args.folds != fold).collect();
            eprintln!("first pass, fold {}/{}: {} documents", fold + 1, args.folds, train_on.len());
            let (w, tw) = train(&docs, &train_on, interner.keys.len(), first_epochs, 0, 0x5eed + fold as u64);
            for d in all.iter().copied().filter(|d| d % args.folds == fold) {
                let pred = predict(&docs[d], &w, &tw);
                let ev = evidence_from(&docs[d].atoms, &pred);
                set_evidence(&mut docs[d], &ev, &mut interner);
            }
        }
        1
    } else {
        0
    };
    eprintln!("final model: {} features", interner.keys.len());
    let (w, tw) = train(&docs, &all, interner.keys.len(), args.epochs, ev_mode, 0x5eed_f1a1);
    if std::env::var("NER_DEBUG").is_ok() {
        let (mut ok, mut n) = (0, 0);
        for d in &docs {
            let pred = tags_of(d.gold.len(), &predict(d, &w, &tw));
            ok += pred.iter().zip(&d.gold).filter(|(a, b)| a == b).count();
            n += d.gold.len();
        }
        eprintln!("train token accuracy (float weights): {:.4}", ok as f64 / n as f64);
    }
    let model = compact(&interner, &w, &tw, args.max_features);
    let bytes = model.to_bytes();
    let path = args.out.join("ner.model");
    std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("wrote {} ({} features, {} bytes) in {:.1}s", path.display(), model.keys.len(), bytes.len(), start.elapsed().as_secs_f32());
    if args.dev {
        let dev = match std::env::var("NER_DEV_FILE") {
            Ok(f) => parse_conll(&read(Path::new(&f))?),
            Err(_) => parse_conll(&read(&ner.join("conll2003/valid.txt"))?),
        };
        let model = Model::from_bytes(&bytes).ok_or("model does not read back")?;
        let t0 = Instant::now();
        let scores: Scores = article_analyzer::entities::eval::evaluate(&dev, |text| {
            let d = Document::parse(text);
            tag_with(&d, &model, &lex)
                .into_iter()
                .map(|m| article_analyzer::Entity { span: m.span, label: m.label, cluster: None, confidence: m.confidence })
                .collect()
        });
        eprintln!("CoNLL-2003 dev ({:.1}s):\n{}", t0.elapsed().as_secs_f32(), scores.table());
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-ner: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
