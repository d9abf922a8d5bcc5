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

use super::features::{doc_atoms_into, evidence_features, may_have_evidence, neighbour, unit_features_part, visit_context_with, Affixes, AtomBuffers, Atoms, DocAtoms, DocContext, Evidence, KnownWords, UnitPart, UNKNOWN, WINDOW};
use super::hash::{HashMap64, IdBuild};
use super::lexicon::{Category, Lexicons};
use super::model::{add_row, padded_row, spans_into, Acc, Decoder, Model, NTAGS, O_LANE, ROW};
use super::temporal::{KnownTypes, Words};
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

/// The unit rows of one word: the summed weights of its [`unit_features_part`] at each position of
/// the window.
type WordRows = [Acc; WINDOW.len()];

/// Known words ([`KnownWords`], from `data/words.txt`) with their unit rows under one model, and
/// what else every call would otherwise rebuild from the model: the padding rows (the window past
/// either end of a sentence) and the decoder.
pub struct Vocabulary {
    words: KnownWords,
    rows: Vec<WordRows>,
    pad: WordRows,
    decoder: Decoder,
    /// The shape rows ([`word_rows`]) of the known words' shapes: a document's new word of one of
    /// these shapes (most are: "Xxx", "xxx", "dd") reads them instead of computing them.
    shapes: HashMap64<WordRows>,
    /// The temporal rules' data of the known words.
    temporal: KnownTypes,
}

impl Vocabulary {
    /// Computes the atoms and the unit rows of the words of `list` (see [`KnownWords::new`]).
    pub fn new(list: &str, model: &Model, lex: &Lexicons) -> Vocabulary {
        let (words, affixes, texts) = KnownWords::new(list, lex);
        let mut shapes = HashMap64::default();
        let rows = words.words.iter().zip(&affixes).map(|((a, _), x)| word_rows(model, a, x, &HashMap64::default(), &mut shapes)).collect();
        Vocabulary { words, rows, pad: pad_rows(model), decoder: Decoder::new(&model.transitions), shapes, temporal: KnownTypes::new(texts) }
    }
}

/// The vocabulary of the embedded model and lexicons, built once.
fn embedded_vocabulary(model: &Model, lex: &Lexicons) -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(|| Vocabulary::new(include_str!("../../data/words.txt"), model, lex))
}

/// The summed weights of the unit features of `a` (one row per position of the window):
/// the features that depend on the shape alone come from `known` (the known words' shapes) or
/// `shapes`, a cache per distinct shape (a text has far fewer shapes than words).
fn word_rows(model: &Model, a: &Atoms, x: &Affixes, known: &HashMap64<WordRows>, shapes: &mut HashMap64<WordRows>) -> WordRows {
    let shape = match known.get(&a.shape) {
        Some(rows) => *rows,
        None => *shapes.entry(a.shape).or_insert_with(|| WINDOW.map(|d| unit_row(model, Some((a, x)), d, UnitPart::Shape))),
    };
    let mut k = 0;
    WINDOW.map(|d| {
        let mut row = unit_row(model, Some((a, x)), d, UnitPart::Rest);
        add_row(&mut row, &shape[k]);
        k += 1;
        row
    })
}

/// The unit rows of the window's positions past either end of a sentence.
fn pad_rows(model: &Model) -> WordRows {
    WINDOW.map(|d| unit_row(model, None, d, UnitPart::All))
}

/// The summed weights of the [`unit_features_part`] of `a` at window position `d` (`None`: past
/// the end of the sentence), added as the features are hashed.
fn unit_row(model: &Model, a: Option<(&Atoms, &Affixes)>, d: isize, part: UnitPart) -> Acc {
    let mut acc: Acc = [0; NTAGS];
    unit_features_part(a, d, part, |h| model.add(h, &mut acc));
    acc
}

/// The working buffers of one tagging call. A thread keeps them between calls ([`with_scratch`]),
/// so a warm tagger reuses its memory (see [`KEEP_SCRATCH`] for their size), which a fresh
/// allocation would have the OS map and zero again on every call.
#[derive(Default)]
struct Scratch {
    atoms: DocAtoms,
    atom_buffers: AtomBuffers,
    ctx: DocContext,
    /// Emission scores, `n × ROW` (the decoder's padded lanes).
    em: Vec<f32>,
    /// Forward scores of the first pass, one row per token.
    fwd: Vec<[f32; ROW]>,
    /// Unit rows (one per window position) of the document's words that are not known words.
    rows: Vec<WordRows>,
    /// Per distinct word: its index in `rows`, or in the vocabulary's rows (`| VOCAB`), or `PAD`.
    blocks: Vec<u32>,
    /// Per token, whether the second pass changed its emissions.
    changed: Vec<bool>,
    shape_rows: HashMap64<WordRows>,
    /// The mentions of the first and the second pass.
    first: Found,
    second: Found,
    /// The first pass's evidence, its rows per distinct word, and scratch space for it and for
    /// the decoded tags.
    ev: Evidence,
    ev_rows: Vec<EvidenceRow>,
    hashes: Vec<u64>,
    tags: Vec<usize>,
}

/// Buffers larger than this (in bytes) are freed after the call rather than kept, so a long paste
/// does not pin its memory for the rest of the session or raise the peak of the stages after the
/// tagger. They take some 50 to 75 bytes per byte of text (`Scratch::bytes()` printed after one
/// call on each text, session 4): 0.24 MB for the 3.3 KB sample article, 14.7 MB for the 276 KB
/// CoNLL dev text (16.6 MB in session 10: the decoder's padded rows), which are kept, 36.6 MB for 1 MB of articles, which is not. The test
/// `scratch_is_kept_up_to_the_limit` checks the rule and the order of magnitude.
const KEEP_SCRATCH: usize = 16 << 20;

impl Scratch {
    fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.atoms.tokens.capacity() * size_of::<Atoms>()
            + self.atoms.affixes.capacity() * size_of::<Affixes>()
            + self.atom_buffers.bytes()
            + self.ctx.bytes()
            + self.em.capacity() * 4
            + self.fwd.capacity() * size_of::<[f32; ROW]>()
            + self.rows.capacity() * size_of::<WordRows>()
            + self.blocks.capacity() * size_of::<u32>()
            + self.changed.capacity()
            + self.shape_rows.capacity() * (8 + size_of::<WordRows>())
            + (self.first.bytes() + self.second.bytes())
            + self.ev.bytes()
            + self.hashes.capacity() * 8
            + self.ev_rows.capacity() * std::mem::size_of::<EvidenceRow>()
            + self.tags.capacity() * 8
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

/// [`Scratch::blocks`] of a word whose rows are the vocabulary's (the index is `code & !VOCAB`).
const VOCAB: u32 = 1 << 31;
/// [`Scratch::blocks`] of a word without rows (never from `doc_atoms_into`): the padding rows. A
/// word number past `blocks` (numbers are dense, so also never) reads them too.
const PAD: u32 = u32::MAX;

/// Emission scores (`n × ROW`, scaled, in the decoder's padded lanes, into `sc.em`) of the tokens of a document (atoms in
/// `sc.atoms`): the context features, summed as [`visit_context_with`]'s tokens produce them, plus the
/// unit features of the ±2 window, whose summed weights are cached per distinct word (most tokens
/// of a text repeat an earlier word, so most windows cost five vector additions).
/// A known word's rows are read where the [`Vocabulary`] keeps them; a new word's are computed
/// once per document and reuse the rows of its shape's features, cached per distinct shape.
fn emissions(doc: &Document, model: &Model, vocab: Option<&Vocabulary>, sc: &mut Scratch) {
    let Scratch { atoms: doc_atoms, ctx, em, rows: local, blocks, shape_rows, .. } = sc;
    let atoms = &doc_atoms.tokens[..];
    let n = atoms.len();
    // Filled in token order as the visit goes (no zeroing pass over the whole buffer first);
    // a token outside every sentence, if any, keeps zero emissions.
    em.clear();
    em.reserve(n * ROW);
    local.clear();
    shape_rows.clear();
    // Distinct words are numbered by `doc_atoms` (`Atoms::id`) densely, in order of first
    // occurrence: `blocks[id]` says where the word's rows are.
    blocks.clear();
    let vocab_rows = vocab.map_or(&[][..], |v| &v.rows[..]);
    let no_shapes = HashMap64::default();
    let known_shapes = vocab.map_or(&no_shapes, |v| &v.shapes);
    for a in atoms {
        let id = a.id as usize;
        if id != blocks.len() {
            continue;
        }
        let known = doc_atoms.known.get(id).copied().unwrap_or(UNKNOWN);
        let code = if let Some(rows) = vocab_rows.get(known as usize) {
            // The visit below reads these rows one position at a time as the word moves through
            // the window, each read a likely cache miss on the tagger's critical path; reading a
            // lane of the first, middle and last position here issues the misses of all the
            // document's known words together, before the visit.
            std::hint::black_box((rows[0][0], rows[2][0], rows[WINDOW.len() - 1][NTAGS - 1]));
            known | VOCAB
        } else if let Some(x) = doc_atoms.affixes.get(id) {
            local.push(word_rows(model, a, x, known_shapes, shape_rows));
            (local.len() - 1) as u32
        } else {
            PAD
        };
        blocks.push(code);
    }
    // The rows past either end of the sentence.
    let pad: WordRows = match vocab {
        Some(v) => v.pad,
        None => pad_rows(model),
    };
    let (local, blocks) = (&local[..], &blocks[..]);
    let block = |x: Option<&Atoms>| -> &WordRows {
        match x.and_then(|a| blocks.get(a.id as usize)) {
            Some(&code) if code != PAD && code & VOCAB != 0 => vocab_rows.get((code & !VOCAB) as usize).unwrap_or(&pad),
            Some(&code) if code != PAD => local.get(code as usize).unwrap_or(&pad),
            _ => &pad,
        }
    };
    // The rows of the window's words, slid along the sentence (rebuilt at each sentence start).
    let mut win: [&WordRows; WINDOW.len()] = [&pad; WINDOW.len()];
    let mut next = usize::MAX;
    visit_context_with(doc, atoms, ctx, |sa, pos, i, ctx| {
        let last = WINDOW.len() - 1;
        if i == next && pos > 0 {
            win.rotate_left(1);
            win[last] = block(neighbour(sa, pos, WINDOW[last]));
        } else {
            win = WINDOW.map(|d| block(neighbour(sa, pos, d)));
        }
        next = i + 1;
        let mut acc: Acc = [0; NTAGS];
        ctx.features(|h| model.add(h, &mut acc));
        for (k, rows) in win.iter().enumerate() {
            add_row(&mut acc, &rows[k]);
        }
        // Token `i`'s row starts at `i * ROW` (tokens outside every sentence, if any, get zeros).
        if em.len() != i * ROW {
            em.resize(i * ROW, 0.0);
        }
        em.extend_from_slice(&padded_row(&acc, model.scale));
    });
    em.resize(n * ROW, 0.0);
}

/// The mentions of a document's sentences as token spans `(first token, end token, type)`, in
/// order, in one buffer: sentence `k`'s are `spans[at[k]..at[k + 1]]`.
#[derive(Default)]
struct Found {
    spans: Vec<(usize, usize, usize)>,
    at: Vec<usize>,
}

impl Found {
    fn bytes(&self) -> usize {
        self.spans.capacity() * std::mem::size_of::<(usize, usize, usize)>() + self.at.capacity() * std::mem::size_of::<usize>()
    }

    fn sentence(&self, k: usize) -> &[(usize, usize, usize)] {
        match (self.at.get(k), self.at.get(k + 1)) {
            (Some(&a), Some(&b)) => self.spans.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Decodes the sentences for which `from(sentence index)` gives the first token (in the
/// sentence) whose emissions changed since the forward scores in `fwd` (one row per token of the
/// document) were computed, and updates their rows of `fwd`; `Some(0)`: decode from scratch.
/// Writes every sentence's mentions to `out`: the decoded ones, and `old`'s for the others.
/// `tags` is scratch space.
fn decode(doc: &Document, dec: &Decoder, em: &[f32], fwd: &mut [[f32; ROW]], old: &Found, from: impl Fn(usize) -> Option<usize>, out: &mut Found, tags: &mut Vec<usize>) {
    out.spans.clear();
    out.at.clear();
    for (k, s) in doc.sentences.iter().enumerate() {
        out.at.push(out.spans.len());
        let redo = from(k).and_then(|first| Some((first, em.get(s.tokens.start * ROW..s.tokens.end * ROW)?, fwd.get_mut(s.tokens.clone())?)));
        match redo {
            Some((first, e, scores)) => {
                dec.decode_from(e, scores, first, tags);
                spans_into(tags, s.tokens.start, &mut out.spans);
            }
            None => out.spans.extend_from_slice(old.sentence(k)),
        }
    }
    out.at.push(out.spans.len());
}

/// Evidence for the second pass from first-pass mentions.
pub fn evidence_from(atoms: &[Atoms], mentions: &[(usize, usize, usize)]) -> Evidence {
    let mut ev = Evidence::default();
    evidence_into(atoms, mentions, &mut ev, &mut Vec::new());
    ev
}

/// [`evidence_from`] into `ev` (cleared first; its maps' space is reused), with `hashes` as
/// scratch space.
fn evidence_into(atoms: &[Atoms], mentions: &[(usize, usize, usize)], ev: &mut Evidence, hashes: &mut Vec<u64>) {
    ev.types.clear();
    ev.in_long_name.clear();
    // Sized up front (a form per mention token at most), so the maps never grow and rehash.
    let tokens: usize = mentions.iter().map(|&(a, b, _)| b.saturating_sub(a)).sum();
    ev.types.reserve(tokens);
    ev.in_long_name.reserve(tokens);
    for &(a, b, ty) in mentions {
        hashes.clear();
        let Some(range) = atoms.get(a..b) else { continue };
        hashes.extend(range.iter().filter(|x| x.is_word).map(|x| x.exact));
        ev.add(hashes, ty);
    }
}

/// The scaled evidence row of a word: `None` while not computed, then `Some(None)` if the word
/// gets no evidence feature.
type EvidenceRow = Option<Option<[f32; ROW]>>;

/// Adds the evidence features' weights to the emissions; marks in `changed` which tokens changed.
/// The features depend on the word alone (its lowercase form and capitalisation), so their
/// scaled weights are computed once per distinct word (`words` of them, numbered by
/// [`Atoms::id`]; `rows` is scratch space) and added to each of its tokens.
fn add_evidence(model: &Model, atoms: &[Atoms], words: usize, ev: &Evidence, em: &mut [f32], changed: &mut Vec<bool>, rows: &mut Vec<EvidenceRow>) {
    changed.clear();
    changed.resize(atoms.len(), false);
    rows.clear();
    rows.resize(words, None);
    let row_of = |a: &Atoms| {
        let mut acc: Acc = [0; NTAGS];
        let mut any = false;
        evidence_features(a, ev, |h| {
            any = true;
            model.add(h, &mut acc);
        });
        any.then(|| padded_row(&acc, model.scale))
    };
    for (i, a) in atoms.iter().enumerate() {
        if !may_have_evidence(a) {
            continue;
        }
        let row = match rows.get_mut(a.id as usize) {
            Some(Some(row)) => *row,
            Some(slot) => *slot.insert(row_of(a)),
            None => row_of(a),
        };
        let (Some(row), Some(e)) = (row, em.get_mut(i * ROW..(i + 1) * ROW)) else { continue };
        changed[i] = true;
        for t in 0..ROW {
            e[t] += row[t];
        }
    }
}

/// Tags a document with `model` and `lex`: two passes, then fine labels and confidences.
pub fn tag_with(doc: &Document, model: &Model, lex: &Lexicons) -> Vec<Mention> {
    with_scratch(|sc| {
        doc_atoms_into(doc, lex, None, &mut sc.atom_buffers, &mut sc.atoms);
        tag_atoms(doc, model, None, lex, sc)
    })
}

/// [`tag_with`] on the document's atoms (in `sc.atoms`, from [`doc_atoms_into`] with the words
/// of `vocab`, which must be built with `model` and `lex`).
fn tag_atoms(doc: &Document, model: &Model, vocab: Option<&Vocabulary>, lex: &Lexicons, sc: &mut Scratch) -> Vec<Mention> {
    emissions(doc, model, vocab, sc);
    let n = sc.atoms.tokens.len();
    let fresh;
    let dec = match vocab {
        Some(v) => &v.decoder,
        None => {
            fresh = Decoder::new(&model.transitions);
            &fresh
        }
    };
    // The first pass's forward scores are kept: the second pass restarts each sentence at its
    // first token whose emissions changed (the scores before it are the same).
    // Every row the decoder reads is written by the first pass first (it decodes each sentence
    // from its first token), so the buffer is only grown, not cleared and zeroed on each call.
    if sc.fwd.len() < n {
        sc.fwd.resize(n, [0f32; ROW]);
    }
    let (first, second) = (&mut sc.first, &mut sc.second);
    decode(doc, dec, &sc.em, &mut sc.fwd, &Found::default(), |_| Some(0), first, &mut sc.tags);
    evidence_into(&sc.atoms.tokens, &first.spans, &mut sc.ev, &mut sc.hashes);
    add_evidence(model, &sc.atoms.tokens, sc.atoms.known.len(), &sc.ev, &mut sc.em, &mut sc.changed, &mut sc.ev_rows);
    // Only sentences with a token whose emissions changed need decoding again.
    let changed = &sc.changed;
    decode(doc, dec, &sc.em, &mut sc.fwd, first, |k| changed.get(doc.sentences[k].tokens.clone())?.iter().position(|&x| x), second, &mut sc.tags);
    let em = &sc.em;
    // Sized for every mention (at most one label each), so the map never grows.
    let mut labels: HashMap<(usize, &str), Label, IdBuild> = HashMap::with_capacity_and_hasher(second.spans.len(), IdBuild::default());
    second
        .spans
        .iter()
        .filter_map(|&(a, mut b, ty)| {
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
    tag_with_words(doc, |mentions, _| mentions)
}

/// [`tag`], then `f` on the mentions and the tagger's data on the document's words that
/// [`super::temporal::find_with_words`] reads (`None` if the model failed to load): the atoms of
/// the tokens and the known words, lent from the tagger's own buffers rather than copied.
pub fn tag_with_words<R>(doc: &Document, f: impl FnOnce(Vec<Mention>, Option<Words>) -> R) -> R {
    match embedded_model() {
        Some(m) => {
            let lex = Lexicons::embedded();
            let vocab = embedded_vocabulary(m, lex);
            with_scratch(|sc| {
                doc_atoms_into(doc, lex, Some(&vocab.words), &mut sc.atom_buffers, &mut sc.atoms);
                let mentions = tag_atoms(doc, m, Some(vocab), lex, sc);
                f(mentions, Some(Words { atoms: &sc.atoms.tokens, known: &sc.atoms.known, types: Some(&vocab.temporal) }))
            })
        }
        None => f(Vec::new(), None),
    }
}

/// Mean over the mention's tokens of a logistic of the margin between the best entity tag and `O`
/// (emissions in lane order).
fn confidence(em: &[f32], a: usize, b: usize) -> f32 {
    let mut sum = 0.0;
    for i in a..b {
        let row = &em[i * ROW..(i + 1) * ROW];
        // The lanes other than `O` and its padding, in the order of the compact lanes.
        let best = row.iter().enumerate().filter(|(l, _)| !(O_LANE..O_LANE + 4).contains(l)).map(|(_, &s)| s).fold(f32::NEG_INFINITY, f32::max);
        sum += 1.0 / (1.0 + (-(best - row[O_LANE])).exp());
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
/// Political and religious groups (OntoNotes' NORP besides nationalities), as the last word of a
/// MISC mention: "Republicans", "Shi'ite Muslims".
const GROUP_WORDS: &[&str] = &[
    "republican", "republicans", "democrat", "democrats", "muslim", "muslims", "christian", "christians", "catholic", "catholics",
    "jewish", "jew", "jews", "sunni", "sunnis", "shi'ite", "shi'ites", "shiite", "shiites", "shia", "hindu", "hindus", "buddhist",
    "buddhists", "protestant", "protestants", "evangelical", "evangelicals", "sikh", "sikhs", "communist", "communists", "socialist",
    "socialists", "tory", "tories", "islamist", "islamists",
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
/// let lex = Lexicons::from_lists(&["", "", "russia\nseoul", "russian", "", "the bbc\nnikkei"]);
/// assert_eq!(fine_label(2, "Russia", &lex), Label::Gpe);
/// assert_eq!(fine_label(2, "Yellow Sea", &lex), Label::Loc);
/// assert_eq!(fine_label(3, "Russian", &lex), Label::Norp);
/// assert_eq!(fine_label(3, "World Cup", &lex), Label::Event);
/// assert_eq!(fine_label(3, "Republicans", &lex), Label::Norp);
/// assert_eq!(fine_label(3, "BBC", &lex), Label::Org);
/// assert_eq!(fine_label(3, "Nikkei", &lex), Label::Misc);
/// assert_eq!(fine_label(3, "Republican National Convention", &lex), Label::Misc);
/// assert_eq!(fine_label(0, "Kim", &lex), Label::Person);
/// ```
pub fn fine_label(conll: usize, text: &str, lex: &Lexicons) -> Label {
    match conll {
        0 => return Label::Person,
        1 => return Label::Org,
        _ => {}
    }
    // The lowercase form only when the lexicon lookup of the text itself does not decide (most
    // places and nationalities are in the lexicons).
    let has = |lower: &str, list: &[&str]| lower.split(|c: char| c.is_whitespace() || c == '-').any(|w| !w.is_empty() && list.contains(&w));
    if conll == 2 {
        if lex.lookup(text) & (1 << Category::Place as u8) != 0 {
            return Label::Gpe;
        }
        let lower = text.to_lowercase();
        return if has(&lower, GEO_WORDS) {
            Label::Loc
        } else if has(&lower, FAC_WORDS) {
            Label::Fac
        } else {
            Label::Gpe
        };
    }
    let nat = 1 << Category::Nationality as u8;
    let found = lex.lookup(text);
    if found & nat != 0 {
        return Label::Norp;
    }
    // A news outlet the tagger calls MISC ("told the BBC") is an organisation (CoNLL train: 136
    // outlet mentions ORG, 5 MISC), except the Nikkei, in business news its index (train: MISC
    // 6 times, never ORG).
    let outlet = 1 << Category::Outlet as u8;
    if (found & outlet != 0 || lex.lookup(&format!("the {text}")) & outlet != 0) && !text.eq_ignore_ascii_case("nikkei") {
        return Label::Org;
    }
    let lower = text.to_lowercase();
    let singular = lower.strip_suffix('s').unwrap_or(&lower);
    if lex.lookup(singular) & nat != 0 {
        Label::Norp
    } else if has(&lower, EVENT_WORDS) {
        Label::Event
    } else if lower.rsplit(|c: char| c.is_whitespace() || c == '-').next().is_some_and(|w| GROUP_WORDS.contains(&w)) {
        Label::Norp
    } else {
        Label::Misc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 4] = [
        include_str!("../../www/sample.txt"),
        include_str!("../../www/sample-revised.txt"),
        "SEOUL (Reuters) - NORTH KOREA'S KIM YO JONG SAID ON TUESDAY THAT PYONGYANG WOULD NOT BACK DOWN.",
        "Zxqvbn Plorkington, a spokeswoman for Quuxcorp Industries, told Reuters the Wozniakis would stay.",
    ];

    #[test]
    fn known_words_give_the_same_mentions_as_computed_ones() {
        // The embedded vocabulary (atoms and rows computed at load) against no vocabulary
        // (everything computed per document), and both against themselves run again (the
        // scratch buffers are reused between calls and must not leak state).
        let (model, lex) = (embedded_model().expect("model"), Lexicons::embedded());
        let vocab = embedded_vocabulary(model, lex);
        assert!(vocab.rows.len() > 5_000, "{} known words", vocab.rows.len());
        for text in TEXTS.iter().chain(TEXTS.iter()) {
            let doc = Document::parse(text);
            let with_vocab = tag(&doc);
            assert_eq!(with_vocab, tag_with(&doc, model, lex), "{text}");
            assert!(!with_vocab.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_known_word_is_matched_by_string_and_token_kind() {
        let lex = Lexicons::embedded();
        let (words, affixes, texts) = KnownWords::new("said\nSeoul\n1996\nnot one token\n\nsaid\n", lex);
        assert_eq!(affixes.len(), 3);
        assert_eq!(texts, ["said", "Seoul", "1996"]);
        assert_eq!(words.words.len(), 3);
        use crate::entities::hash::hash_str;
        use crate::segment::TokenKind;
        assert!(words.get(hash_str("Seoul"), TokenKind::Word).is_some());
        assert!(words.get(hash_str("seoul"), TokenKind::Word).is_none());
        assert!(words.get(hash_str("1996"), TokenKind::Word).is_none(), "same string, other kind");
        assert!(words.get(hash_str("1996"), TokenKind::Number).is_some());
    }

    #[test]
    fn scratch_is_kept_up_to_the_limit() {
        // (text, whether its buffers stay for the next call). Tests run on threads of their own,
        // so this thread starts without buffers.
        let small = include_str!("../../www/sample.txt").to_string();
        let big = "Kim went to Seoul . ".repeat(60_000);
        for (text, kept) in [(&small, true), (&big, false), (&small, true)] {
            let doc = Document::parse(text);
            assert!(!tag(&doc).is_empty());
            SCRATCH.with(|c| {
                let s = c.take();
                assert_eq!(s.is_some(), kept, "{} bytes of text", text.len());
                // Tens of bytes of buffers per byte of text (the figures of `KEEP_SCRATCH`).
                if let Some(s) = &s {
                    let per_byte = s.bytes() as f64 / text.len() as f64;
                    assert!((20.0..120.0).contains(&per_byte), "{per_byte}");
                }
                c.set(s);
            });
        }
    }
}
