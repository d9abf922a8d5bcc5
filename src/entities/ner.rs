//! The named-entity tagger: an averaged structured perceptron over BILOU tags (trained by
//! `src/bin/train-ner.rs`), decoded with Viterbi per sentence, in two passes: the second pass adds
//! document-level evidence from the first (a name tagged in one place informs its other mentions).
//!
//! The model predicts CoNLL's four types; [`fine_label`] refines them with the lexicons:
//! LOC becomes GPE (countries, cities) or LOC/FAC (geographic and facility heads), MISC becomes NORP
//! (nationalities), EVENT (wars, games, summits) or stays MISC.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::features::{doc_atoms_into, evidence_features, unit_features_part, visit_context_with, Affixes, AtomBuffers, Atoms, DocAtoms, DocContext, Evidence, UnitPart, WINDOW};
use super::hash::{HashMap64, IdBuild};
use super::lexicon::{Category, Lexicons};
use super::model::{add_row, spans_of, Acc, Decoder, Model, NTAGS, O};
use crate::segment::Document;
use crate::{Label, Span};

/// A mention found by the tagger.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Token range in [`Document::tokens`].
    pub tokens: std::ops::Range<usize>,
    pub span: Span,
    /// CoNLL type index into [`super::model::TYPES`].
    pub conll: usize,
    pub label: Label,
    pub confidence: f32,
}

/// The model embedded in the library (`data/ner.model`), loaded once.
pub fn embedded_model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(include_bytes!("../../data/ner.model"))).as_ref()
}

/// The working buffers of one tagging call. A thread keeps them between calls ([`with_scratch`]),
/// so a warm tagger reuses its memory: for a 276 KB text they are about 9 MB, which a fresh
/// allocation would have the OS map and zero again on every call.
#[derive(Default)]
struct Scratch {
    atoms: DocAtoms,
    atom_buffers: AtomBuffers,
    ctx: DocContext,
    /// Emission scores, `n × NTAGS`.
    em: Vec<f32>,
    /// Forward scores of the first pass, one row per token.
    fwd: Vec<[f32; NTAGS]>,
    /// Unit rows: per distinct word, one row per window position; padding rows first.
    rows: Vec<Acc>,
    /// Per token, its word's first row in `rows`.
    word_row: Vec<usize>,
    /// Per token, whether the second pass changed its emissions.
    changed: Vec<bool>,
    shape_rows: HashMap64<[Acc; WINDOW.len()]>,
    feats: Vec<u64>,
}

/// Buffers larger than this (in bytes) are freed after the call rather than kept: one huge paste
/// should not pin its memory for the rest of the session.
const KEEP_SCRATCH: usize = 64 << 20;

impl Scratch {
    fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.atoms.tokens.capacity() * size_of::<Atoms>()
            + self.atoms.affixes.capacity() * size_of::<Affixes>()
            + self.atom_buffers.bytes()
            + self.ctx.bytes()
            + self.em.capacity() * 4
            + self.fwd.capacity() * size_of::<[f32; NTAGS]>()
            + self.rows.capacity() * size_of::<Acc>()
            + self.word_row.capacity() * size_of::<usize>()
            + self.changed.capacity()
            + self.shape_rows.capacity() * (8 + size_of::<[Acc; WINDOW.len()]>())
            + self.feats.capacity() * 8
    }
}

thread_local! {
    static SCRATCH: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

/// Runs `f` with this thread's scratch buffers (fresh ones if another call holds them), and keeps
/// them afterwards unless they grew past [`KEEP_SCRATCH`].
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut s = SCRATCH.with(|c| c.take()).unwrap_or_default();
    let r = f(&mut s);
    if s.bytes() <= KEEP_SCRATCH {
        SCRATCH.with(|c| c.set(Some(s)));
    }
    r
}

/// Emission scores (`n × NTAGS`, scaled, into `sc.em`) of the tokens of a document (atoms in
/// `sc.atoms`): the context features, summed as [`visit_context_with`] produces them, plus the
/// unit features of the ±2 window, whose summed weights are cached per distinct word (most tokens
/// of a text repeat an earlier word, so most windows cost five vector additions).
/// A new word's rows reuse the rows of its shape's features, cached per distinct shape.
fn emissions(doc: &Document, model: &Model, sc: &mut Scratch) {
    let Scratch { atoms: doc_atoms, ctx, em, rows, word_row, shape_rows, feats: buf, .. } = sc;
    let atoms = &doc_atoms.tokens[..];
    let n = atoms.len();
    em.clear();
    em.resize(n * NTAGS, 0.0);
    let mut unit_row = |a: Option<(&Atoms, &Affixes)>, d: isize, part: UnitPart| {
        buf.clear();
        unit_features_part(a, d, part, buf);
        let mut acc: Acc = [0; NTAGS];
        model.add_all(buf, &mut acc);
        acc
    };
    rows.clear();
    rows.reserve(WINDOW.len() * (doc_atoms.affixes.len() + 1));
    for &d in &WINDOW {
        rows.push(unit_row(None, d, UnitPart::All));
    }
    shape_rows.clear();
    // Distinct words are numbered by `doc_atoms` (`Atoms::id`) in order of first occurrence.
    word_row.clear();
    word_row.resize(n, 0);
    for (i, a) in atoms.iter().enumerate() {
        let base = WINDOW.len() * (a.id as usize + 1);
        if let (true, Some(x)) = (base == rows.len(), doc_atoms.affixes.get(a.id as usize)) {
            let shape = *shape_rows.entry(a.shape).or_insert_with(|| WINDOW.map(|d| unit_row(Some((a, x)), d, UnitPart::Shape)));
            for (k, &d) in WINDOW.iter().enumerate() {
                let mut row = unit_row(Some((a, x)), d, UnitPart::Rest);
                add_row(&mut row, &shape[k]);
                rows.push(row);
            }
        }
        word_row[i] = base.min(rows.len().saturating_sub(WINDOW.len()));
    }
    let (rows, word_row) = (&rows[..], &word_row[..]);
    visit_context_with(doc, atoms, ctx, |sa, pos, i, ctx| {
        let mut acc: Acc = [0; NTAGS];
        model.add_all(ctx, &mut acc);
        let start = i - pos;
        for (k, &d) in WINDOW.iter().enumerate() {
            let j = pos as isize + d;
            let row = if j >= 0 && (j as usize) < sa.len() { &rows[word_row[start + j as usize] + k] } else { &rows[k] };
            add_row(&mut acc, row);
        }
        if let Some(out) = em.get_mut(i * NTAGS..(i + 1) * NTAGS) {
            for t in 0..NTAGS {
                out[t] = acc[t] as f32 * model.scale;
            }
        }
    });
}

/// Decodes the sentences for which `from(sentence index)` gives the first token (in the
/// sentence) whose emissions changed since the forward scores in `fwd` (one row per token of the
/// document) were computed, replacing their mentions in `out[sentence]` (token spans as (first
/// token, end token, type)) and their rows of `fwd`. `Some(0)`: decode from scratch.
fn decode(
    doc: &Document,
    dec: &Decoder,
    em: &[f32],
    fwd: &mut [[f32; NTAGS]],
    out: &mut [Vec<(usize, usize, usize)>],
    from: impl Fn(usize) -> Option<usize>,
) {
    let mut tags = Vec::new();
    for (k, s) in doc.sentences.iter().enumerate() {
        let Some(first) = from(k) else { continue };
        let (Some(e), Some(scores)) = (em.get(s.tokens.start * NTAGS..s.tokens.end * NTAGS), fwd.get_mut(s.tokens.clone())) else { continue };
        dec.decode_from(e, scores, first, &mut tags);
        if let Some(slot) = out.get_mut(k) {
            *slot = spans_of(&tags).into_iter().map(|(a, b, ty)| (a + s.tokens.start, b + s.tokens.start, ty)).collect();
        }
    }
}

/// Evidence for the second pass from first-pass mentions.
pub fn evidence_from(atoms: &[Atoms], mentions: &[(usize, usize, usize)]) -> Evidence {
    let mut ev = Evidence::default();
    let mut hashes = Vec::new();
    for &(a, b, ty) in mentions {
        hashes.clear();
        let Some(range) = atoms.get(a..b) else { continue };
        hashes.extend(range.iter().filter(|x| x.is_word).map(|x| x.exact));
        ev.add(&hashes, ty);
    }
    ev
}

/// Adds the evidence features' weights to the emissions; marks in `changed` which tokens changed.
fn add_evidence(model: &Model, atoms: &[Atoms], ev: &Evidence, em: &mut [f32], changed: &mut Vec<bool>, buf: &mut Vec<u64>) {
    changed.clear();
    changed.resize(atoms.len(), false);
    for (i, a) in atoms.iter().enumerate() {
        buf.clear();
        evidence_features(a, ev, buf);
        if buf.is_empty() {
            continue;
        }
        changed[i] = true;
        let mut acc: Acc = [0; NTAGS];
        model.add_all(buf, &mut acc);
        for t in 0..NTAGS {
            em[i * NTAGS + t] += acc[t] as f32 * model.scale;
        }
    }
}

/// Tags a document with `model` and `lex`: two passes, then fine labels and confidences.
pub fn tag_with(doc: &Document, model: &Model, lex: &Lexicons) -> Vec<Mention> {
    with_scratch(|sc| {
        doc_atoms_into(doc, lex, &mut sc.atom_buffers, &mut sc.atoms);
        tag_atoms(doc, model, lex, sc)
    })
}

/// [`tag_with`] on the document's atoms (in `sc.atoms`, from [`doc_atoms_into`]).
fn tag_atoms(doc: &Document, model: &Model, lex: &Lexicons, sc: &mut Scratch) -> Vec<Mention> {
    emissions(doc, model, sc);
    let n = sc.atoms.tokens.len();
    let mut per_sentence = vec![Vec::new(); doc.sentences.len()];
    let dec = Decoder::new(&model.transitions);
    // The first pass's forward scores are kept: the second pass restarts each sentence at its
    // first token whose emissions changed (the scores before it are the same).
    sc.fwd.clear();
    sc.fwd.resize(n, [0f32; NTAGS]);
    decode(doc, &dec, &sc.em, &mut sc.fwd, &mut per_sentence, |_| Some(0));
    let first: Vec<(usize, usize, usize)> = per_sentence.iter().flatten().copied().collect();
    let ev = evidence_from(&sc.atoms.tokens, &first);
    add_evidence(model, &sc.atoms.tokens, &ev, &mut sc.em, &mut sc.changed, &mut sc.feats);
    // Only sentences with a token whose emissions changed need decoding again.
    let changed = &sc.changed;
    decode(doc, &dec, &sc.em, &mut sc.fwd, &mut per_sentence, |k| changed.get(doc.sentences[k].tokens.clone())?.iter().position(|&x| x));
    let em = &sc.em;
    let mut labels: HashMap<(usize, &str), Label, IdBuild> = HashMap::default();
    per_sentence
        .into_iter()
        .flatten()
        .filter_map(|(a, mut b, ty)| {
            // A possessive ending a person or place name is not part of it ("Kim Jong Un's"),
            // though it may be part of an organisation's ("McDonald's").
            if (ty == 0 || ty == 2) && b - a > 1 && matches!(doc.token_text(b - 1), "'s" | "’s" | "'" | "’") {
                b -= 1;
            }
            let span = doc.tokens.get(a)?.span.cover(doc.tokens.get(b - 1)?.span);
            let text = doc.text(span);
            // Names repeat within a document: each (type, text) is labelled once.
            let label = *labels.entry((ty, text)).or_insert_with(|| fine_label(ty, text, lex));
            Some(Mention { tokens: a..b, span, conll: ty, label, confidence: confidence(em, a, b) })
        })
        .collect()
}

/// Tags with the embedded model and lexicons (no mentions if the model failed to load).
pub fn tag(doc: &Document) -> Vec<Mention> {
    tag_and_hashes(doc).0
}

/// [`tag`], also returning each token's lowercase hash ([`super::hash::hash_lower_exact`],
/// computed for the tagger's features; `None` if the model failed to load) for
/// [`super::temporal::find_with_hashes`].
pub fn tag_and_hashes(doc: &Document) -> (Vec<Mention>, Option<Vec<u64>>) {
    match embedded_model() {
        Some(m) => {
            let lex = Lexicons::embedded();
            with_scratch(|sc| {
                doc_atoms_into(doc, lex, &mut sc.atom_buffers, &mut sc.atoms);
                let mentions = tag_atoms(doc, m, lex, sc);
                (mentions, Some(sc.atoms.tokens.iter().map(|a| a.exact).collect()))
            })
        }
        None => (Vec::new(), None),
    }
}

/// Mean over the mention's tokens of a logistic of the margin between the best entity tag and `O`.
fn confidence(em: &[f32], a: usize, b: usize) -> f32 {
    let mut sum = 0.0;
    for i in a..b {
        let row = &em[i * NTAGS..(i + 1) * NTAGS];
        let best = row.iter().enumerate().filter(|(t, _)| *t != O).map(|(_, &s)| s).fold(f32::NEG_INFINITY, f32::max);
        sum += 1.0 / (1.0 + (-(best - row[O])).exp());
    }
    let c = sum / (b - a).max(1) as f32;
    if c.is_finite() {
        c.clamp(0.0, 1.0)
    } else {
        0.5
    }
}

/// Head words that make a location a natural feature rather than a political entity.
const GEO_WORDS: &[&str] = &[
    "river", "sea", "ocean", "lake", "mountain", "mountains", "mount", "mt.", "gulf", "bay", "peninsula", "valley", "island", "islands",
    "strait", "straits", "desert", "coast", "canal", "basin", "plateau", "region", "forest", "hills", "alps", "cape",
];
/// Head words of facilities.
const FAC_WORDS: &[&str] = &[
    "airport", "street", "bridge", "square", "stadium", "palace", "tower", "station", "port", "harbour", "harbor", "base",
    "avenue", "road", "highway", "hospital", "prison", "plant", "building", "hall", "centre", "center",
];
/// Words of events.
const EVENT_WORDS: &[&str] = &[
    "war", "cup", "olympics", "olympic", "games", "championship", "championships", "open", "summit", "festival", "grand", "prix",
    "election", "elections", "revolution", "conference", "tour", "series", "marathon", "crisis",
];

/// Maps a CoNLL type to the finer label, using the lexicons and head words.
///
/// ```
/// use article_analyzer::entities::{lexicon::Lexicons, ner::fine_label};
/// use article_analyzer::Label;
/// let lex = Lexicons::from_lists(&["", "", "russia\nseoul", "russian", "", ""]);
/// assert_eq!(fine_label(2, "Russia", &lex), Label::Gpe);
/// assert_eq!(fine_label(2, "Yellow Sea", &lex), Label::Loc);
/// assert_eq!(fine_label(3, "Russian", &lex), Label::Norp);
/// assert_eq!(fine_label(3, "World Cup", &lex), Label::Event);
/// assert_eq!(fine_label(0, "Kim", &lex), Label::Person);
/// ```
pub fn fine_label(conll: usize, text: &str, lex: &Lexicons) -> Label {
    match conll {
        0 => return Label::Person,
        1 => return Label::Org,
        _ => {}
    }
    let lower = text.to_lowercase();
    let has = |list: &[&str]| lower.split(|c: char| c.is_whitespace() || c == '-').any(|w| !w.is_empty() && list.contains(&w));
    match conll {
        2 => {
            if lex.lookup(text) & (1 << Category::Place as u8) != 0 {
                Label::Gpe
            } else if has(GEO_WORDS) {
                Label::Loc
            } else if has(FAC_WORDS) {
                Label::Fac
            } else {
                Label::Gpe
            }
        }
        _ => {
            let nat = 1 << Category::Nationality as u8;
            let singular = lower.strip_suffix('s').unwrap_or(&lower);
            if lex.lookup(text) & nat != 0 || lex.lookup(singular) & nat != 0 {
                Label::Norp
            } else if has(EVENT_WORDS) {
                Label::Event
            } else {
                Label::Misc
            }
        }
    }
}
