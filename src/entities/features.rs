//! The feature function of the tagger, shared by training and run time.
//!
//! Every feature is a 64-bit hash of a template id and values. Per token we first compute a few
//! "atoms" once (word, lowercase, shape, prefixes, suffixes, lexicon positions), then combine the
//! atoms of a ±2 window into feature hashes, so extraction costs a few dozen multiplications per
//! token and no allocation per feature.
//!
//! Document-level evidence comes in two kinds:
//! * prediction-free, always on: whether the token's lowercase form is seen as a plain lowercase
//!   word elsewhere in the document, and whether it is seen capitalised in the middle of a
//!   mixed-case sentence (helps headlines, datelines and sentence-initial words);
//! * from a first tagging pass ([`Evidence`]): the entity types the token was tagged with
//!   elsewhere in the document, and whether it is part of a longer name tagged elsewhere
//!   ("Kim Yo Jong" ... "Kim").



use super::hash::{finish, hash_str, mix, HashMap64, HashSet64, FNV_OFFSET, FNV_PRIME};
use super::lexicon::{Lexicons, NCAT};
use crate::segment::{Document, TokenKind};

/// The atoms of one token.
#[derive(Clone, Copy, Debug, Default)]
pub struct Atoms {
    pub word: u64,
    pub lower: u64,
    /// Lowercase without digit folding (lexicon key, evidence key).
    pub exact: u64,
    pub shape: u64,
    pub lex: [u8; NCAT],
    /// First letter uppercase.
    pub cap: bool,
    /// Has letters, none lowercase.
    pub all_caps: bool,
    pub has_lower: bool,
    pub is_word: bool,
    /// Index of the distinct word in its document (set by [`doc_atoms`]).
    pub id: u32,
    /// The word's one-token lexicon categories and whether it starts a longer lexicon phrase.
    pub lex_info: (u8, bool),
}

/// The prefix and suffix hashes (1 to 4 chars, lowercase) of a word: only the unit features use
/// them, so they are kept once per distinct word ([`DocAtoms::affixes`]), not per token.
#[derive(Clone, Copy, Debug, Default)]
pub struct Affixes {
    pub prefix: [u64; 4],
    pub suffix: [u64; 4],
}

/// The atoms of every token of a document and the affixes of each distinct word
/// (`affixes[atoms.id]`).
#[derive(Clone, Debug, Default)]
pub struct DocAtoms {
    pub tokens: Vec<Atoms>,
    pub affixes: Vec<Affixes>,
    /// Per distinct word, its index in the [`KnownWords`] the atoms were computed with, or
    /// [`UNKNOWN`] (its `affixes` are then the computed ones; a known word's are left empty).
    pub known: Vec<u32>,
}

/// [`DocAtoms::known`] of a word that is not a known word.
pub const UNKNOWN: u32 = u32::MAX;

/// Words whose atoms are computed once, when the tagger loads, instead of at each document's first
/// mention: the most frequent words of the training text (`data/words.txt`). The tagger also
/// keeps their weight rows, so a document's new word that is a known word costs one lookup.
#[derive(Clone, Debug, Default)]
pub struct KnownWords {
    /// Each word by its [`hash_str`]: its index, token kind and atoms inline, so that a document's
    /// lookup reads one table entry instead of an index and then the word's row of `words` (two
    /// dependent cache misses per new word of each article).
    ids: HashMap64<(u32, TokenKind, Atoms)>,
    /// Atoms (with the word's one-token lexicon info) and token kind of each word.
    pub words: Vec<(Atoms, TokenKind)>,
}

impl KnownWords {
    /// The known words of a newline-separated list (a line that is not exactly one token is
    /// skipped; a repeated word is kept once), with the affixes and the string of each (for the
    /// tagger's rows and the temporal rules' data; not kept), numbered as the words are.
    pub fn new<'a>(list: &'a str, lex: &Lexicons) -> (KnownWords, Vec<Affixes>, Vec<&'a str>) {
        let mut k = KnownWords::default();
        let mut affixes = Vec::new();
        let mut texts = Vec::new();
        let mut buf = Vec::new();
        for line in list.lines() {
            let tokens = crate::segment::tokenize(line);
            let [t] = tokens.as_slice() else { continue };
            let h = hash_str(line);
            if t.span.len() != line.len() || k.ids.contains_key(&h) {
                continue;
            }
            let (mut a, x) = word_atoms(line, h, t.kind, &mut buf);
            a.lex_info = lex.word_info(a.exact);
            k.ids.insert(h, (k.words.len() as u32, t.kind, a));
            k.words.push((a, t.kind));
            affixes.push(x);
            texts.push(line);
        }
        (k, affixes, texts)
    }

    /// The index of the word with this [`hash_str`] and token kind, if it is known.
    #[inline]
    pub fn get(&self, word_hash: u64, kind: TokenKind) -> Option<u32> {
        self.get_atoms(word_hash, kind).map(|(i, _)| i)
    }

    /// [`KnownWords::get`] with the word's atoms.
    #[inline]
    pub fn get_atoms(&self, word_hash: u64, kind: TokenKind) -> Option<(u32, &Atoms)> {
        let (i, k, a) = self.ids.get(&word_hash)?;
        (*k == kind).then_some((*i, a))
    }
}

const BOS: u64 = 0x1111_2222_3333_4444;
const EOS: u64 = 0x5555_6666_7777_8888;

/// Computes the atoms of a token string. `buf` is scratch space reused between calls.
pub fn atoms(s: &str, kind: TokenKind, buf: &mut Vec<char>) -> Atoms {
    word_atoms(s, hash_str(s), kind, buf).0
}

/// The shape class of an ASCII byte and its lowercase form: `X` upper, `x` lower, `d` digit, any
/// other byte itself.
#[inline(always)]
fn ascii_class(b: u8) -> (u8, u8) {
    match b {
        b'A'..=b'Z' => (b'X', b.to_ascii_lowercase()),
        b'a'..=b'z' => (b'x', b),
        b'0'..=b'9' => (b'd', b),
        _ => (b, b),
    }
}

/// A word shape's running hash. Shape keeps at most two repeats of a class: "Xxx" for "Seoul",
/// "dd-dd" for "12-345".
struct Shape {
    hash: u64,
    last: u8,
    run: u32,
}

impl Default for Shape {
    fn default() -> Shape {
        Shape { hash: 0xcbf2_9ce4_8422_2325, last: 0, run: 0 }
    }
}

impl Shape {
    #[inline(always)]
    fn push(&mut self, class: u8) {
        if class == self.last {
            self.run += 1;
        } else {
            self.run = 0;
            self.last = class;
        }
        if self.run < 2 {
            self.hash = (self.hash ^ class as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Computes the atoms and the affixes of a token string whose [`hash_str`] is `word_hash` (the
/// callers have it already: it keys their table of distinct words). `buf` is scratch space.
pub fn word_atoms(s: &str, word_hash: u64, kind: TokenKind, buf: &mut Vec<char>) -> (Atoms, Affixes) {
    buf.clear();
    let mut shape = Shape::default();
    let mut cap = false;
    let mut has_upper = false;
    let mut has_lower = false;
    let (mut lower, mut exact) = (FNV_OFFSET, FNV_OFFSET);
    let fnv = |h: u64, b: u8| (h ^ b as u64).wrapping_mul(FNV_PRIME);
    // One char of class `class` at char index `k`: the case flags and the shape.
    let mut classify = |k: usize, class: u8| {
        match class {
            b'X' => {
                has_upper = true;
                cap |= k == 0;
            }
            b'x' => has_lower = true,
            _ => {}
        }
        shape.push(class);
    };
    // The lowercase hashes ([`hash_lower`], [`hash_lower_exact`]) in the same pass: both feed
    // the UTF-8 bytes of each lowercased char, `lower` with ASCII digits folded to 0.
    let mut push_byte = |b: u8| {
        exact = fnv(exact, b);
        lower = fnv(lower, if b.is_ascii_digit() { b'0' } else { b });
    };
    if s.is_ascii() {
        // An ASCII word (most of the words of English news) byte by byte, without decoding chars.
        buf.reserve(s.len());
        for (k, &b) in s.as_bytes().iter().enumerate() {
            let (class, l) = ascii_class(b);
            classify(k, class);
            buf.push(l as char);
            push_byte(l);
        }
    } else {
        for (k, c) in s.chars().enumerate() {
            if c.is_ascii() {
                let (class, l) = ascii_class(c as u8);
                classify(k, class);
                buf.push(l as char);
                push_byte(l);
                continue;
            }
            let class = if c.is_uppercase() {
                b'X'
            } else if c.is_lowercase() {
                b'x'
            } else if c.is_numeric() {
                b'd'
            } else if c.is_alphabetic() {
                b'a'
            } else {
                b'*'
            };
            classify(k, class);
            let mut bytes = [0u8; 4];
            for l in c.to_lowercase() {
                buf.push(l);
                for &b in l.encode_utf8(&mut bytes).as_bytes() {
                    push_byte(b);
                }
            }
        }
    }
    let shape = shape.hash;
    let mut prefix = [0u64; 4];
    let mut suffix = [0u64; 4];
    let n = buf.len();
    // The prefixes extend one another: one running hash ([`hash_chars`] of each).
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for k in 0..4 {
        let len = (k + 1).min(n);
        if let Some(&c) = buf.get(k) {
            h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        prefix[k] = finish(h);
        suffix[k] = hash_chars(&buf[n - len..]);
    }
    let atoms = Atoms {
        word: word_hash,
        lower: finish(lower),
        exact: finish(exact),
        shape: finish(shape),
        lex: [0; NCAT],
        cap,
        all_caps: has_upper && !has_lower,
        has_lower,
        is_word: kind == TokenKind::Word,
        id: 0,
        lex_info: (0, false),
    };
    (atoms, Affixes { prefix, suffix })
}

fn hash_chars(cs: &[char]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &c in cs {
        h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    finish(h)
}

/// Evidence from a first tagging pass, keyed by the lowercase token hash ([`Atoms::exact`]).
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    /// Per token form: count of mentions of each CoNLL type that contain it.
    pub types: HashMap64<[u16; 4]>,
    /// Token forms that are part of a multi-token mention of each type.
    pub in_long_name: HashMap64<[bool; 4]>,
}

impl Evidence {
    /// Bytes held (capacity: key, value and one control byte per slot).
    pub fn bytes(&self) -> usize {
        self.types.capacity() * (9 + std::mem::size_of::<[u16; 4]>()) + self.in_long_name.capacity() * (9 + std::mem::size_of::<[bool; 4]>())
    }

    /// Records a mention of type `ty` made of tokens with these lowercase hashes.
    pub fn add(&mut self, token_hashes: &[u64], ty: usize) {
        for &h in token_hashes {
            let c = self.types.entry(h).or_insert([0; 4]);
            c[ty] = c[ty].saturating_add(1);
            if token_hashes.len() > 1 {
                self.in_long_name.entry(h).or_insert([false; 4])[ty] = true;
            }
        }
    }
}

/// Per-document context computed once (reusable between documents: [`visit_context_with`]).
#[derive(Clone, Debug, Default)]
pub struct DocContext {
    /// Lowercase hashes of tokens seen starting with a lowercase letter.
    lower_seen: HashSet64,
    /// Lowercase hashes of tokens seen capitalised, not sentence-initial, in a mixed-case sentence.
    cap_seen: HashSet64,
    /// Per sentence, [`sentence_case`]: computed once, read by the feature visit too.
    cases: Vec<(bool, bool)>,
}

/// The features of every token of a document: `feats[offsets[i]..offsets[i + 1]]` for token `i`.
#[derive(Clone, Debug, Default)]
pub struct DocFeatures {
    pub feats: Vec<u64>,
    pub offsets: Vec<usize>,
    /// Token atoms, kept for the evidence pass and label mapping.
    pub atoms: Vec<Atoms>,
}

/// Template ids.
#[derive(Clone, Copy)]
#[repr(u64)]
enum T {
    Bias = 1,
    Word,
    Lower,
    Shape,
    Prefix,
    Suffix,
    LowerAt,
    WordAt,
    ShapeAt,
    LowerBigramL,
    LowerBigramR,
    ShapeTrigram,
    FirstShape,
    CapsSentence,
    TitleSentence,
    Lex,
    LexAt,
    LexCap,
    DocLowerSeen,
    DocCapSeen,
    EvType,
    EvLong,
    SuffixAt,
    ShapeLower,
}

/// The seed of a template (distinct odd constants).
#[inline]
fn seed(t: T) -> u64 {
    (t as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1
}

/// A cheap non-final combination step (the last step of every feature is the full [`mix`]).
#[inline]
fn mix_fast(a: u64, b: u64) -> u64 {
    (a.rotate_left(29) ^ b).wrapping_mul(0xff51_afd7_ed55_8ccd)
}

#[inline]
fn f1(t: T, a: u64) -> u64 {
    mix(seed(t), a)
}

#[inline]
fn f2(t: T, a: u64, b: u64) -> u64 {
    mix(mix_fast(seed(t), a), b)
}

#[inline]
fn f3(t: T, a: u64, b: u64, c: u64) -> u64 {
    mix(mix_fast(mix_fast(seed(t), a), b), c)
}

/// Computes the atoms (with lexicon positions) of every token of `doc`.
pub fn doc_atoms(doc: &Document, lex: &Lexicons) -> DocAtoms {
    let mut out = DocAtoms::default();
    doc_atoms_into(doc, lex, None, &mut AtomBuffers::default(), &mut out);
    out
}

/// Scratch space of [`doc_atoms_into`], kept between documents by the tagger so a warm tagger
/// allocates (and the OS zeroes) no new pages for it.
#[derive(Clone, Debug, Default)]
pub struct AtomBuffers {
    ids: HashMap64<u32>,
    types: Vec<Atoms>,
    chars: Vec<char>,
    hashes: Vec<u64>,
    infos: Vec<(u8, bool)>,
    positions: Vec<[u8; NCAT]>,
}

impl AtomBuffers {
    /// Bytes held (capacity), to decide whether to keep the buffers.
    pub fn bytes(&self) -> usize {
        self.ids.capacity() * 16 + self.types.capacity() * std::mem::size_of::<Atoms>() + self.chars.capacity() * 4 + self.hashes.capacity() * 8
            + self.infos.capacity() * 2 + self.positions.capacity() * NCAT
    }
}

/// [`doc_atoms`] into `out` (cleared first), with reusable scratch space `b`; the atoms of
/// `known` words (built with the same `lex`) are copied, not computed.
pub fn doc_atoms_into(doc: &Document, lex: &Lexicons, known: Option<&KnownWords>, b: &mut AtomBuffers, out: &mut DocAtoms) {
    // Atoms depend only on the token's string (and kind, a function of it): computed once per
    // word (`types`, numbered in order of first occurrence), copied to each of its tokens.
    let AtomBuffers { ids, types, chars, hashes, infos, positions } = b;
    ids.clear();
    // Sized for one distinct word per two tokens (news text has fewer; the map grows if a text has
    // more): reserving one slot per token held twice the memory for nothing on long texts.
    ids.reserve((doc.tokens.len() / 2 + 1).min(1 << 16));
    types.clear();
    out.tokens.clear();
    out.affixes.clear();
    out.known.clear();
    out.tokens.reserve(doc.tokens.len());
    for t in &doc.tokens {
        let s = doc.text(t.span);
        let h = hash_str(s);
        let id = *ids.entry(h).or_insert_with(|| {
            let k = known.and_then(|kw| kw.get_atoms(h, t.kind));
            let (mut a, x) = match k {
                Some((_, a)) => (*a, Affixes::default()),
                None => {
                    let (mut a, x) = word_atoms(s, h, t.kind, chars);
                    a.lex_info = lex.word_info(a.exact);
                    (a, x)
                }
            };
            a.id = types.len() as u32;
            types.push(a);
            out.affixes.push(x);
            out.known.push(k.map_or(UNKNOWN, |(i, _)| i));
            a.id
        });
        out.tokens.push(types[id as usize]);
    }
    for s in &doc.sentences {
        let Some(range) = out.tokens.get(s.tokens.clone()) else { continue };
        // Most sentences have no word that starts a lexicon phrase: nothing to match.
        if range.iter().all(|a| a.lex_info == (0, false)) {
            continue;
        }
        hashes.clear();
        infos.clear();
        hashes.extend(range.iter().map(|a| a.exact));
        infos.extend(range.iter().map(|a| a.lex_info));
        lex.match_sentence_into(hashes, infos, positions);
        for (a, &pos) in out.tokens[s.tokens.clone()].iter_mut().zip(positions.iter()) {
            a.lex = pos;
        }
    }
}

/// Whether a sentence is written in capitals (a headline or dateline) and whether it is in title
/// case (most words capitalised).
fn sentence_case(atoms: &[Atoms]) -> (bool, bool) {
    let (mut words, mut lowerish, mut caps, mut capitalised) = (0, 0, 0, 0);
    for a in atoms.iter().filter(|a| a.is_word) {
        words += 1;
        lowerish += a.has_lower as usize;
        caps += a.all_caps as usize;
        capitalised += a.cap as usize;
    }
    if words == 0 {
        return (false, false);
    }
    let all_caps = caps * 2 > words && lowerish * 3 < words && words >= 2;
    let title = !all_caps && words >= 3 && capitalised * 4 >= words * 3;
    (all_caps, title)
}

/// Fills `ctx` (cleared first) from the document's atoms.
fn doc_context(doc: &Document, atoms_v: &[Atoms], ctx: &mut DocContext) {
    ctx.lower_seen.clear();
    ctx.cap_seen.clear();
    ctx.cases.clear();
    // Sized for a typical share of distinct words, so the sets rarely grow.
    let cap = (atoms_v.len() / 4).min(1 << 16);
    ctx.lower_seen.reserve(cap);
    ctx.cap_seen.reserve(cap / 4);
    for s in &doc.sentences {
        let sa = atoms_v.get(s.tokens.clone()).unwrap_or(&[]);
        let (all_caps, title) = sentence_case(sa);
        ctx.cases.push((all_caps, title));
        for (k, a) in sa.iter().enumerate() {
            if !a.is_word {
                continue;
            }
            if a.has_lower && !a.cap {
                ctx.lower_seen.insert(a.exact);
            } else if a.cap && k > 0 && !all_caps && !title && a.has_lower {
                ctx.cap_seen.insert(a.exact);
            }
        }
    }
}

impl DocContext {
    /// Bytes held (capacity).
    pub fn bytes(&self) -> usize {
        (self.lower_seen.capacity() + self.cap_seen.capacity()) * 9 + self.cases.capacity() * 2
    }
}

/// Extracts all the features of every token of `doc` (unit and context features; for training).
pub fn extract(doc: &Document, lex: &Lexicons) -> DocFeatures {
    extract_with_atoms(doc, doc_atoms(doc, lex), true)
}

/// One token in its sentence and document, as [`visit_context`] hands it over: its context
/// features are produced on demand ([`TokenContext::features`]), so the tagger sums their weights
/// as they are hashed, with no buffer in between, and [`extract_with_atoms`] stores them.
pub struct TokenContext<'a> {
    sa: &'a [Atoms],
    i: usize,
    all_caps: bool,
    title: bool,
    ctx: &'a DocContext,
}

impl TokenContext<'_> {
    /// Calls `f` with each of the token's context features ([`context_features`]), in order.
    #[inline(always)]
    pub fn features(&self, f: impl FnMut(u64)) {
        context_features(self.sa, self.i, self.all_caps, self.title, self.ctx, f)
    }
}

/// Calls `visit(sentence atoms, position in the sentence, token index, context)` for every token
/// of every sentence, in order.
pub fn visit_context(doc: &Document, atoms_v: &[Atoms], visit: impl FnMut(&[Atoms], usize, usize, &TokenContext)) {
    visit_context_with(doc, atoms_v, &mut DocContext::default(), visit)
}

/// [`visit_context`] with the document context built in `ctx` (reused space).
pub fn visit_context_with(doc: &Document, atoms_v: &[Atoms], ctx: &mut DocContext, mut visit: impl FnMut(&[Atoms], usize, usize, &TokenContext)) {
    doc_context(doc, atoms_v, ctx);
    let ctx = &*ctx;
    for (s, &(all_caps, title)) in doc.sentences.iter().zip(&ctx.cases) {
        let Some(sa) = atoms_v.get(s.tokens.clone()) else { continue };
        for i in 0..sa.len() {
            visit(sa, i, s.tokens.start + i, &TokenContext { sa, i, all_caps, title, ctx });
        }
    }
}

/// Like [`extract`] with precomputed atoms (from [`doc_atoms`]); `units`: include unit features.
pub fn extract_with_atoms(doc: &Document, atoms: DocAtoms, units: bool) -> DocFeatures {
    let DocAtoms { tokens: atoms_v, affixes, .. } = atoms;
    let mut out = DocFeatures { feats: Vec::with_capacity(atoms_v.len() * 48), offsets: vec![0; atoms_v.len() + 1], atoms: Vec::new() };
    // Tokens outside every sentence get no features (offsets stay flat).
    let mut next_token = 0;
    visit_context(doc, &atoms_v, |sa, i, token, ctx| {
        while next_token < token {
            out.offsets[next_token + 1] = out.feats.len();
            next_token += 1;
        }
        if units {
            for d in WINDOW {
                let a = neighbour(sa, i, d).and_then(|x| Some((x, affixes.get(x.id as usize)?)));
                unit_features(a, d, &mut out.feats);
            }
        }
        ctx.features(|h| out.feats.push(h));
        out.offsets[token + 1] = out.feats.len();
        next_token = token + 1;
    });
    while next_token < atoms_v.len() {
        out.offsets[next_token + 1] = out.feats.len();
        next_token += 1;
    }
    out.atoms = atoms_v;
    out
}

/// Relative positions of the window whose unit features a token gets.
pub const WINDOW: [isize; 5] = [-2, -1, 0, 1, 2];

/// The features contributed by the token at relative position `d` of the window (`None`: before
/// the start or past the end of the sentence). They depend only on that token's string, so the
/// tagger caches their summed weights per distinct word.
pub fn unit_features(a: Option<(&Atoms, &Affixes)>, d: isize, f: &mut Vec<u64>) {
    unit_features_part(a, d, UnitPart::All, |h| f.push(h));
}

/// A part of the [`unit_features`] of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitPart {
    All,
    /// The features that depend on the word shape only (and the bias): the tagger caches their
    /// weights per distinct shape, as a text has far fewer shapes than words.
    Shape,
    /// All the others.
    Rest,
}

/// The [`unit_features`] in `part` (`Shape` and `Rest` together are `All`, in the same order),
/// each passed to `f`.
#[inline]
pub fn unit_features_part(a: Option<(&Atoms, &Affixes)>, d: isize, part: UnitPart, mut f: impl FnMut(u64)) {
    let shape = part != UnitPart::Rest;
    let rest = part != UnitPart::Shape;
    match (a, d) {
        (Some((a, x)), 0) => {
            if shape {
                f(f1(T::Bias, 0));
            }
            if rest {
                f(f1(T::Word, a.word));
                f(f1(T::Lower, a.lower));
            }
            if shape {
                f(f1(T::Shape, a.shape));
            }
            if rest {
                f(f2(T::ShapeLower, a.shape, a.lower));
                for k in 0..4 {
                    f(f2(T::Prefix, k as u64, x.prefix[k]));
                    f(f2(T::Suffix, k as u64, x.suffix[k]));
                }
            }
        }
        (None, 0) => {}
        (a, d) => {
            let (a, affixes) = (a.map(|(a, _)| a), a.map(|(_, x)| x));
            let pad = if d < 0 { BOS } else { EOS };
            if rest {
                f(f2(T::LowerAt, d as u64, a.map_or(pad, |x| x.lower)));
            }
            if shape {
                f(f2(T::ShapeAt, d as u64, a.map_or(pad, |x| x.shape)));
            }
            if rest && d.abs() == 1 {
                f(f2(T::WordAt, d as u64, a.map_or(pad, |x| x.word)));
                if let Some(x) = affixes {
                    f(f2(T::SuffixAt, d as u64, x.suffix[2]));
                }
            }
        }
    }
}

/// The token at relative position `d` from `i` in a sentence, if any.
#[inline]
pub fn neighbour(sa: &[Atoms], i: usize, d: isize) -> Option<&Atoms> {
    let j = i as isize + d;
    if j < 0 {
        None
    } else {
        sa.get(j as usize)
    }
}

/// The features of token `i` that depend on its context (bigrams, sentence case, lexicon
/// matches, document evidence): everything except the [`unit_features`]. Each goes to `f`.
#[inline(always)]
fn context_features(sa: &[Atoms], i: usize, all_caps: bool, title: bool, ctx: &DocContext, mut f: impl FnMut(u64)) {
    let a = &sa[i];
    // The two neighbours, looked up once (the lexicon loop reads them for each category).
    let (prev, next) = (if i > 0 { sa.get(i - 1) } else { None }, sa.get(i + 1));
    let (lower_prev, lower_next) = (prev.map_or(BOS, |x| x.lower), next.map_or(EOS, |x| x.lower));
    let shape_prev = prev.map_or(BOS, |x| x.shape);
    let shape_next = next.map_or(EOS, |x| x.shape);

    f(f2(T::LowerBigramL, lower_prev, a.lower));
    f(f2(T::LowerBigramR, a.lower, lower_next));
    f(f3(T::ShapeTrigram, shape_prev, a.shape, shape_next));
    if i == 0 {
        f(f1(T::FirstShape, a.shape));
    }
    if all_caps {
        f(f1(T::CapsSentence, a.lower));
        f(f2(T::CapsSentence, 1, shape_prev));
    }
    if title {
        f(f1(T::TitleSentence, a.shape));
    }
    // Most tokens and their neighbours are in no lexicon phrase: nothing to add. A missing
    // neighbour has no lexicon positions (and so gives no feature).
    let no_lex = [0u8; NCAT];
    let (lex_prev, lex_next) = (prev.map_or(no_lex, |x| x.lex), next.map_or(no_lex, |x| x.lex));
    if a.lex != no_lex || lex_prev != no_lex || lex_next != no_lex {
        // The categories present at the token or a neighbour, visited in ascending order (the
        // same features in the same order as testing all six).
        let mut cats = (0..NCAT).fold(0u32, |m, c| m | (((a.lex[c] | lex_prev[c] | lex_next[c]) != 0) as u32) << c);
        while cats != 0 {
            let c = cats.trailing_zeros() as usize;
            cats &= cats - 1;
            if a.lex[c] != 0 {
                f(f2(T::Lex, c as u64, a.lex[c] as u64));
                f(f3(T::LexCap, c as u64, a.lex[c] as u64, a.cap as u64 + 2 * a.all_caps as u64));
            }
            for (d, lex) in [(-1isize, &lex_prev), (1, &lex_next)] {
                if lex[c] != 0 {
                    f(f3(T::LexAt, d as u64, c as u64, lex[c] as u64));
                }
            }
        }
    }
    if a.is_word && (a.cap || a.all_caps) {
        if ctx.lower_seen.contains(&a.exact) {
            f(f2(T::DocLowerSeen, (i == 0) as u64, all_caps as u64));
        }
        if (i == 0 || all_caps || title || !a.has_lower) && ctx.cap_seen.contains(&a.exact) {
            f(f1(T::DocCapSeen, (i == 0) as u64 + 2 * all_caps as u64));
        }
    }
}

/// Whether a token can get evidence features: only capitalised words do (names are capitalised;
/// this keeps the second pass cheap).
#[inline]
pub fn may_have_evidence(a: &Atoms) -> bool {
    a.is_word && a.cap
}

/// Passes the first-pass evidence features of a token to `f` (none unless [`may_have_evidence`]).
#[inline]
pub fn evidence_features(a: &Atoms, ev: &Evidence, mut f: impl FnMut(u64)) {
    if !may_have_evidence(a) {
        return;
    }
    if let Some(c) = ev.types.get(&a.exact) {
        let total: u32 = c.iter().map(|&x| x as u32).sum();
        if let Some((ty, &n)) = c.iter().enumerate().max_by_key(|(_, &n)| n) {
            let share = if n as u32 * 2 > total { 1 } else { 0 };
            f(f3(T::EvType, ty as u64, share, a.cap as u64));
        }
    }
    if let Some(l) = ev.in_long_name.get(&a.exact) {
        for (ty, &b) in l.iter().enumerate() {
            if b {
                f(f2(T::EvLong, ty as u64, a.cap as u64));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_shape_and_case() {
        let mut buf = Vec::new();
        let kim = atoms("Kim", TokenKind::Word, &mut buf);
        let lee = atoms("Lee", TokenKind::Word, &mut buf);
        let seoul = atoms("SEOUL", TokenKind::Word, &mut buf);
        assert_eq!(kim.shape, lee.shape);
        assert!(kim.cap && !kim.all_caps);
        assert!(seoul.all_caps && seoul.cap);
        assert_eq!(atoms("1996", TokenKind::Number, &mut buf).lower, atoms("2024", TokenKind::Number, &mut buf).lower);
        let kim_affixes = word_atoms("Kim", hash_str("Kim"), TokenKind::Word, &mut buf).1;
        assert_eq!(kim_affixes.prefix[3], kim_affixes.prefix[2]);
    }

    #[test]
    fn atoms_hashes_match_the_string_hashes() {
        use super::super::hash::{hash_lower, hash_lower_exact};
        let mut buf = Vec::new();
        for w in ["Kim", "SEOUL", "1996", "U.S.", "Ünïcödé", "ΣΊΣΥΦΟΣ", "\u{212A}elvin", "İstanbul", "x1y2", ""] {
            let a = atoms(w, TokenKind::Word, &mut buf);
            assert_eq!((a.word, a.lower, a.exact), (hash_str(w), hash_lower(w), hash_lower_exact(w)), "{w}");
        }
    }

    #[test]
    fn unit_parts_make_the_whole() {
        let mut buf = Vec::new();
        for w in ["Kim", "said", "1996", "U.S.", ""] {
            let (a, x) = word_atoms(w, hash_str(w), TokenKind::Word, &mut buf);
            for a in [Some((&a, &x)), None] {
                for d in WINDOW {
                    let (mut all, mut parts) = (Vec::new(), Vec::new());
                    unit_features(a, d, &mut all);
                    unit_features_part(a, d, UnitPart::Shape, |h| parts.push(h));
                    unit_features_part(a, d, UnitPart::Rest, |h| parts.push(h));
                    all.sort_unstable();
                    parts.sort_unstable();
                    assert_eq!(all, parts, "{w:?} {d}");
                }
            }
        }
    }

    #[test]
    fn features_are_deterministic_and_windowed() {
        let lex = Lexicons::default();
        let doc = Document::parse("Kim Yo Jong said so.\nKim left.");
        let a = extract(&doc, &lex);
        let b = extract(&doc, &lex);
        assert_eq!(a.feats, b.feats);
        assert_eq!(a.offsets.len(), doc.tokens.len() + 1);
        // The two "Kim" tokens share the word feature but not every feature (context differs).
        let fk = |i: usize| &a.feats[a.offsets[i]..a.offsets[i + 1]];
        let second = doc.tokens.iter().rposition(|t| doc.text(t.span) == "Kim").unwrap();
        let word = f1(T::Word, hash_str("Kim"));
        assert!(fk(0).contains(&word) && fk(second).contains(&word));
        assert_ne!(fk(0), fk(second));
    }
}
