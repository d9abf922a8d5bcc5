//! A learned filter over the rule-based cue candidates of [`super::cues`]: a logistic-regression
//! model over hashed sparse features scores each candidate, and those scoring below the model's
//! threshold are dropped. It raises precision (most false cues are ordinary verbs in non-reporting
//! senses) at a small cost in recall.
//!
//! - Model: `data/cue_filter.model`, built by `cargo run --release --bin train-cues` (see
//!   `src/bin/train-cues.rs` and `DESIGN-attribution.md`) from the PolNeAR train split; compiled in with `include_bytes!`.
//!   The weights are the average of ten models trained on different shuffles (one linear model,
//!   so scoring costs what one model costs).
//!   Format: the magic `CUEF2`, one byte `bits`, then little-endian `f32` scale, bias, threshold
//!   and protected threshold, then `2^bits` signed bytes (the weights divided by the scale). The
//!   older `CUEF1` files are refused: their features were hashed differently.
//! - Features ([`features`]): templates named by a short prefix, hashed (FNV-1a) into `2^bits`
//!   buckets; the list is [`TEMPLATES`].
//! - [`protection`]: candidates whose content holds a quotation are dropped only below the model's
//!   lower protected threshold, when the model is confident they are not PolNeAR cues ("what he
//!   called “the Washington cartel”"); candidates in a chain ("X said ..., KCNA reported": X via
//!   KCNA; "citing Y") and without a cue (the outlet of "seen by") are always kept. A kept
//!   candidate whose `via` target is dropped loses its `via`.
//!
//! Linear: every feature is computed from a bounded window of tokens, a binary search over the
//! quotations and one sweep over the contents.

use std::sync::OnceLock;

use super::cues::Found;
use super::lexicon::{self, CueClass};
use crate::entities::hash::{feed_lower, FNV_OFFSET, FNV_PRIME};
use crate::segment::{Document, TokenKind};
use crate::{Quote, SourceKind, Span};

/// Feature templates (prefixes); training can leave some out to measure what they bring.
pub const TEMPLATES: &[&str] = &[
    "cw", "cf", "cl", "cn", "p1", "p2", "n1", "n2", "src", "sf", "shead", "scap", "sk", "ct", "cfirst", "cq", "cls", "class", "inq", "inc", "pos", "ppos", "slen", "sq", "conj",
    "outer", "stype", "sprev", "pcls", "ccap", "via",
];

/// The longest cue phrase used whole as a feature (bytes).
const MAX_PHRASE: usize = 48;

/// An FNV-1a hash built part by part, in place (no allocation): each part ends with a unit
/// separator, so `["ab", "c"]` and `["a", "bc"]` differ.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(template: &str) -> Fnv {
        Fnv(FNV_OFFSET).part(template)
    }
    fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ b as u64).wrapping_mul(FNV_PRIME))
    }
    fn end(self) -> Fnv {
        self.byte(0x1f)
    }
    /// A part as is.
    fn part(self, s: &str) -> Fnv {
        s.bytes().fold(self, Fnv::byte).end()
    }
    /// The bytes of `s` lowercased, without ending the part.
    fn lower_bytes(self, s: &str) -> Fnv {
        Fnv(feed_lower(self.0, s))
    }
    /// A part lowercased.
    fn lower(self, s: &str) -> Fnv {
        self.lower_bytes(s).end()
    }
}

/// A length bucket: 0, 1, 2, 3, 4-5, 6-9, 10-19, 20+.
fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4-5",
        6..=9 => "6-9",
        10..=19 => "10-19",
        _ => "20+",
    }
}

/// A coarse class of a word (lower case): what precedes a cue or a source.
fn word_class(w: &str) -> &'static str {
    match w {
        "<s>" => "start",
        "who" | "whom" | "which" | "that" | "what" | "whose" => "rel",
        "and" | "but" | "or" => "conj",
        "when" | "as" | "if" | "because" | "while" | "after" | "before" | "since" | "although" | "though" | "until" => "sub",
        "not" | "n't" | "n’t" | "never" | "no" => "neg",
        "will" | "would" | "could" | "should" | "can" | "may" | "might" | "must" | "to" => "modal",
        "has" | "have" | "had" | "is" | "was" | "are" | "were" | "be" | "been" | "did" | "does" | "do" => "aux",
        "of" | "in" | "on" | "at" | "for" | "with" | "by" | "from" | "about" | "into" | "over" | "under" | "against" | "through" => "prep",
        _ if lexicon::is_determiner(w) => "det",
        _ if lexicon::is_pronoun(w) => "pron",
        _ if w.chars().next().is_some_and(|c| !c.is_alphanumeric()) => "punct",
        _ if w.chars().next().is_some_and(char::is_numeric) => "num",
        _ => "word",
    }
}

/// [`word_class`] of a word in any case: an ASCII word of up to 32 bytes is lower-cased on the
/// stack, so only longer or non-ASCII words with capitals allocate.
///
/// For ASCII, `make_ascii_lowercase` and `to_lowercase` agree, so the class is the same either way.
fn class_of(w: &str) -> &'static str {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return word_class(w);
    }
    let mut buf = [0u8; 32];
    match buf.get_mut(..w.len()) {
        Some(low) if w.is_ascii() => {
            low.copy_from_slice(w.as_bytes());
            low.make_ascii_lowercase();
            word_class(std::str::from_utf8(low).unwrap_or(""))
        }
        _ => word_class(&w.to_lowercase()),
    }
}

/// Where a candidate's source or content lies: its tokens, its side of the cue, its length bucket.
#[derive(Clone, Copy)]
struct Placed {
    first: usize,
    end: usize,
    side: &'static str,
    len: &'static str,
}

/// The side and length features of a source or content (template `h`), or "none" without one.
fn side_and_length(emit: &mut impl FnMut(Fnv), h: Option<Fnv>, span: Option<Placed>) {
    match (h, span) {
        (None, _) => {}
        (Some(h), Some(p)) => {
            emit(h.part(p.side));
            emit(h.part(p.len));
        }
        (Some(h), None) => emit(h.part("none")),
    }
}

/// Per-document facts shared by all candidates: whether each cue sits inside a quotation, and the
/// candidate whose content holds it, if any.
pub struct Context {
    inside_quote: Vec<bool>,
    /// For each candidate: another candidate whose content holds its cue (the one reaching
    /// furthest).
    outer: Vec<Option<usize>>,
    /// Per sentence of the document: whether it holds a quotation mark.
    quoted: Vec<bool>,
    /// For each candidate: whether another candidate reports through it (`via`).
    cited: Vec<bool>,
}

impl Context {
    /// Computes the facts for `found` (linear after sorting).
    pub fn new(doc: &Document, found: &[Found], quotes: &[Quote]) -> Context {
        let quoted = doc.sentences.iter().map(|s| s.tokens.clone().any(|i| doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Quote))).collect();
        // Quotations sorted by start (they are); prefix maxima of their ends.
        let mut qmax = Vec::with_capacity(quotes.len());
        let mut m = 0usize;
        for q in quotes {
            m = m.max(q.span.end);
            qmax.push(m);
        }
        let quote_starts: Vec<usize> = quotes.iter().map(|q| q.span.start).collect();
        let inside_quote = found
            .iter()
            .map(|f| {
                f.attribution.cue.is_some_and(|c| {
                    let i = quote_starts.partition_point(|&s| s <= c.start);
                    i > 0 && qmax[i - 1] >= c.end
                })
            })
            .collect();
        // Contents sorted by start; a sweep over the cues in start order keeps the two largest ends
        // (of different candidates) among contents started so far.
        let mut contents: Vec<(usize, usize, usize)> = found.iter().enumerate().filter_map(|(i, f)| f.attribution.content.map(|c| (c.start, c.end, i))).collect();
        contents.sort_unstable();
        let mut cues: Vec<(Span, usize)> = found.iter().enumerate().filter_map(|(i, f)| f.attribution.cue.map(|c| (c, i))).collect();
        cues.sort_unstable_by_key(|(c, i)| (c.start, *i));
        let mut outer = vec![None; found.len()];
        let (mut best, mut second) = ((0usize, usize::MAX), (0usize, usize::MAX));
        let mut j = 0;
        for (c, i) in cues {
            while j < contents.len() && contents[j].0 <= c.start {
                let (_, end, k) = contents[j];
                if end > best.0 {
                    if best.1 != k {
                        second = best;
                    }
                    best = (end, k);
                } else if end > second.0 && k != best.1 {
                    second = (end, k);
                }
                j += 1;
            }
            let other = if best.1 == i { second } else { best };
            outer[i] = (other.1 != usize::MAX && other.0 >= c.end).then_some(other.1);
        }
        let mut cited = vec![false; found.len()];
        for v in found.iter().filter_map(|f| f.attribution.via) {
            if let Some(c) = cited.get_mut(v) {
                *c = true;
            }
        }
        Context { inside_quote, outer, quoted, cited }
    }

    /// Whether candidate `k`'s cue lies inside another candidate's content.
    pub fn inside_content(&self, k: usize) -> bool {
        self.outer.get(k).is_some_and(Option::is_some)
    }

    /// The candidate whose content holds candidate `k`'s cue (the one reaching furthest), if any.
    pub fn outer(&self, k: usize) -> Option<usize> {
        self.outer.get(k).copied().flatten()
    }

    /// How many contents hold candidate `k`'s cue, counting at most two levels.
    fn depth(&self, k: usize) -> usize {
        match self.outer.get(k).copied().flatten() {
            None => 0,
            Some(o) => 1 + self.inside_content(o) as usize,
        }
    }
}

/// Whether the content of `f` holds (the start of) a quotation.
fn content_quoted(f: &Found, quotes: &[Quote]) -> bool {
    f.attribution.content.is_some_and(|c| {
        let i = quotes.partition_point(|q| q.span.start < c.start);
        quotes.get(i).is_some_and(|q| q.span.start < c.end)
    })
}

/// How far the filter may drop a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protection {
    /// Dropped below the model's threshold.
    None,
    /// Content holds a quotation, whose speaker comes from the candidate (train: almost all are
    /// gold): dropped only below the model's lower protected threshold.
    Quoted,
    /// Never dropped: no cue (the outlet of "seen by"), or reported through another attribution
    /// (`via`: "X said ..., KCNA reported" keeps X, which the product shows as "X via KCNA",
    /// although PolNeAR often leaves such nested cues unannotated; costs about 0.0006 of
    /// cross-validated train cue F1).
    Always,
}

impl Protection {
    /// The score below which a candidate is dropped, given the model's `threshold` and
    /// `protected` threshold (`-inf`: never dropped).
    pub fn threshold(self, threshold: f32, protected: f32) -> f32 {
        match self {
            Protection::None => threshold,
            Protection::Quoted => protected,
            Protection::Always => f32::NEG_INFINITY,
        }
    }
}

/// The [`Protection`] of a candidate.
pub fn protection(f: &Found, quotes: &[Quote]) -> Protection {
    if f.attribution.cue.is_none() || f.attribution.via.is_some() {
        Protection::Always
    } else if content_quoted(f, quotes) {
        Protection::Quoted
    } else {
        Protection::None
    }
}

/// The hashed features of candidate `k` (bucket indices before masking), skipping the templates in
/// `skip`. Bounded: at most a few dozen features per candidate, each hashed in place.
pub fn features(doc: &Document, found: &[Found], k: usize, quotes: &[Quote], ctx: &Context, skip: &[&str], out: &mut Vec<u64>) {
    out.clear();
    let Some(f) = found.get(k) else { return };
    let Some(cue) = f.attribution.cue else { return };
    let mut emit = |h: Fnv| out.push(h.0);
    // A template's hash start, `None` when skipped.
    let t = |name: &'static str| (!skip.contains(&name)).then(|| Fnv::new(name));
    emit(Fnv::new("bias").end());
    let a = doc.token_at_or_after(cue.start);
    let b = doc.token_at_or_after(cue.end).max(a);
    let sentence = doc.sentences.get(f.sentence);
    let (s0, s1) = sentence.map(|s| (s.tokens.start, s.tokens.end)).unwrap_or((a, b));
    let n = b - a;
    // A token's text inside the sentence, else "<s>".
    let word = |i: Option<usize>| match i {
        Some(i) if i >= s0 && i < s1 => doc.token_text(i),
        _ => "<s>",
    };
    let last = if b > a { doc.token_text(b - 1) } else { "" };
    let (p1, p2, n1, n2) = (word(a.checked_sub(1)), word(a.checked_sub(2)), word(Some(b)), word(Some(b + 1)));
    if let Some(h) = t("cw") {
        let phrase = doc.text(cue);
        emit(if phrase.len() > MAX_PHRASE {
            h.part("<long>")
        } else {
            let mut h = h;
            for (i, w) in phrase.split_whitespace().enumerate() {
                if i > 0 {
                    h = h.byte(b' ');
                }
                h = h.lower_bytes(w);
            }
            h.end()
        });
    }
    if let Some(h) = t("cf") {
        emit(h.lower(doc.token_text(a)));
    }
    if let Some(h) = t("cl") {
        emit(h.lower(last));
    }
    if let Some(h) = t("cn") {
        emit(h.part(bucket(n)));
    }
    if let Some(h) = t("p1") {
        emit(h.lower(p1));
    }
    if let Some(h) = t("p2") {
        emit(h.lower(p2).lower(p1));
    }
    if let Some(h) = t("n1") {
        emit(h.lower(n1));
    }
    if let Some(h) = t("n2") {
        emit(h.lower(n1).lower(n2));
    }
    // A span's tokens, its side of the cue and its length bucket.
    let placed = |span: Span| {
        let first = doc.token_at_or_after(span.start);
        let end = doc.token_at_or_after(span.end).max(first);
        Placed { first, end, side: if span.end <= cue.start { "before" } else { "after" }, len: bucket(end - first) }
    };
    let source = f.attribution.source.map(placed);
    side_and_length(&mut emit, t("src"), source);
    if let Some(Placed { first: sa, end: sb, side, .. }) = source {
        if let Some(h) = t("sf") {
            emit(h.lower(doc.token_text(sa)));
        }
        if let Some(h) = t("shead") {
            emit(h.lower(if sb > sa { doc.token_text(sb - 1) } else { "" }));
        }
        let cap = if doc.token_text(sa).chars().next().is_some_and(char::is_uppercase) { "cap" } else { "low" };
        if let Some(h) = t("scap") {
            emit(h.part(cap));
        }
        if let Some(h) = t("sk") {
            emit(h.part(f.attribution.source_kind.unwrap_or(SourceKind::Unknown).as_str()));
        }
        // Source type: pronoun, determiner phrase, capitalised, other; with the cue's last word.
        let stype = match class_of(word(Some(sa))) {
            "pron" | "rel" => "pron",
            "det" => "det",
            _ if cap == "cap" => "cap",
            _ => "other",
        };
        if let Some(h) = t("stype") {
            emit(h.part(stype).part(side));
            emit(h.part(stype).lower(last));
        }
        // The word before a source that precedes its cue: "the book she wrote" (a reduced
        // relative), "what he called", "Kim, who ...".
        if let Some(h) = t("sprev") {
            let before = if side == "before" { class_of(word(sa.checked_sub(1))) } else { "after" };
            emit(h.part(before).part(stype));
            emit(h.part(before).lower(last));
        }
    }
    let content = f.attribution.content.map(placed);
    side_and_length(&mut emit, t("ct"), content);
    if let (Some(c), Some(h)) = (content, t("cfirst")) {
        emit(h.lower(doc.token_text(c.first)));
    }
    if let Some(h) = t("cq") {
        emit(h.part(if content_quoted(f, quotes) { "yes" } else { "no" }));
    }
    let clause = if f.clause { "clause" } else { "phrase" };
    let class = match f.class {
        CueClass::Speech => "speech",
        CueClass::Belief => "belief",
    };
    if let Some(h) = t("cls") {
        emit(h.part(clause));
    }
    if let Some(h) = t("class") {
        emit(h.part(class));
    }
    let inq = ctx.inside_quote.get(k).copied().unwrap_or(false);
    if let Some(h) = t("inq") {
        emit(h.part(if inq { "yes" } else { "no" }));
    }
    if let Some(h) = t("inc") {
        emit(h.part(if ctx.inside_content(k) { "yes" } else { "no" }));
    }
    // Nesting: the depth, the outer cue's last word and whether it comes before this cue.
    if let Some(h) = t("outer") {
        let depth = ctx.depth(k);
        emit(h.part(bucket(depth)).lower(last));
        if let Some(o) = ctx.outer.get(k).copied().flatten().and_then(|o| found.get(o)) {
            let oc = o.attribution.cue.unwrap_or_default();
            let olast = doc.token_text(doc.token_at_or_after(oc.end).saturating_sub(1));
            let order = if oc.end <= cue.start { "outer-first" } else { "outer-after" };
            let same = if o.sentence == f.sentence { "same" } else { "other" };
            emit(h.lower(olast));
            emit(h.part(order).part(same));
            emit(h.part(order).part(same).part(if inq { "inq" } else { "out" }));
            emit(h.lower(olast).lower(last));
        }
    }
    // Chains: "X said ..., according to Y" (X via Y; train: mostly not annotated), "citing Y".
    if let Some(h) = t("via") {
        if let Some(v) = f.attribution.via.and_then(|v| found.get(v)) {
            let vc = v.attribution.cue.unwrap_or_default();
            let vlast = doc.token_text(doc.token_at_or_after(vc.end).saturating_sub(1));
            emit(h.part("via").lower(vlast));
            emit(h.part("via").lower(vlast).lower(last));
        }
        if ctx.cited.get(k).copied().unwrap_or(false) {
            emit(h.part("cited").lower(last));
        }
    }
    // The class of the word before the cue, with the cue's last word.
    if let Some(h) = t("pcls") {
        let c1 = class_of(p1);
        emit(h.part(c1).lower(last));
        emit(h.part(c1).part(class_of(p2)));
    }
    // Title Case cue (headlines), and whether the sentence is the document's first.
    if let Some(h) = t("ccap") {
        let cap = doc.token_text(a).chars().next().is_some_and(char::is_uppercase);
        emit(h.part(if cap { "cap" } else { "low" }).part(if f.sentence == 0 { "first" } else { "later" }));
    }
    if let Some(h) = t("pos") {
        emit(h.part(bucket(a.saturating_sub(s0))));
        emit(h.part("end").part(bucket(s1.saturating_sub(b))));
    }
    if let Some(h) = t("ppos") {
        let ppos = sentence.and_then(|s| doc.paragraphs.get(s.paragraph)).map(|p| f.sentence.saturating_sub(p.sentences.start)).unwrap_or(0);
        emit(h.part(bucket(ppos)));
    }
    if let Some(h) = t("slen") {
        emit(h.part(bucket(s1 - s0)));
    }
    if let Some(h) = t("sq") {
        emit(h.part(if ctx.quoted.get(f.sentence).copied().unwrap_or(false) { "yes" } else { "no" }));
    }
    if let Some(h) = t("conj") {
        let has_source = if f.attribution.source.is_some() { "src" } else { "nosrc" };
        let has_content = if f.attribution.content.is_some() { "ct" } else { "noct" };
        emit(h.part(class).part(clause).part(has_source).part(has_content));
        emit(h.lower(last).part(has_source));
        emit(h.lower(last).part(has_content));
        emit(h.lower(last).lower(n1));
    }
}

/// A trained filter.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub bits: u8,
    pub weights: Vec<f32>,
    pub bias: f32,
    pub threshold: f32,
    /// The threshold for candidates whose content holds a quotation ([`Protection::Quoted`]; at
    /// most `threshold`; `-inf` keeps them all).
    pub protected_threshold: f32,
}

const MAGIC: &[u8] = b"CUEF2";

impl Model {
    /// The bucket of a hashed feature.
    pub fn bucket(&self, h: u64) -> usize {
        (h & ((1u64 << self.bits) - 1)) as usize
    }

    /// The score (log-odds of being a gold cue) of a feature list.
    pub fn score(&self, feats: &[u64]) -> f32 {
        self.bias + feats.iter().map(|&h| self.weights.get(self.bucket(h)).copied().unwrap_or(0.0)).sum::<f32>()
    }

    /// The quantised file: header then one signed byte per bucket.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let mut out = MAGIC.to_vec();
        out.push(self.bits);
        for v in [scale, self.bias, self.threshold, self.protected_threshold] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend(self.weights.iter().map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8));
        out
    }

    /// Reads [`Model::to_bytes`]' format; `None` if malformed.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let (&bits, rest) = bytes.strip_prefix(MAGIC)?.split_first()?;
        if !(4..=24).contains(&bits) {
            return None;
        }
        let f = |i: usize| rest.get(i * 4..i * 4 + 4).and_then(|b| b.try_into().ok()).map(f32::from_le_bytes);
        let (scale, bias, threshold, protected_threshold) = (f(0)?, f(1)?, f(2)?, f(3)?);
        let w = rest.get(16..)?;
        if w.len() != 1usize << bits {
            return None;
        }
        Some(Model { bits, weights: w.iter().map(|&b| b as i8 as f32 * scale).collect(), bias, threshold, protected_threshold })
    }
}

/// The embedded model (`None` if the file is malformed, and then nothing is filtered).
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(include_bytes!("../../data/cue_filter.model"))).as_ref()
}

/// Drops the candidates `model` scores below its threshold (by their [`Protection`]: those with a
/// quoted content below its protected threshold, chained and cue-less ones never), remapping `via`
/// indices.
pub fn apply(doc: &Document, quotes: &[Quote], found: &mut Vec<Found>, model: &Model) {
    let ctx = Context::new(doc, found, quotes);
    let mut feats = Vec::new();
    let keep: Vec<bool> = (0..found.len())
        .map(|k| {
            let threshold = protection(&found[k], quotes).threshold(model.threshold, model.protected_threshold);
            if threshold == f32::NEG_INFINITY {
                return true;
            }
            features(doc, found, k, quotes, &ctx, &[], &mut feats);
            model.score(&feats) >= threshold
        })
        .collect();
    let mut new_index = Vec::with_capacity(found.len());
    let mut n = 0;
    for &kept in &keep {
        new_index.push(kept.then_some(n));
        n += kept as usize;
    }
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    for f in found.iter_mut() {
        f.attribution.via = f.attribution.via.and_then(|v| new_index.get(v).copied().flatten());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_of_lowercases_like_to_lowercase() {
        let long = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGH"; // 34 bytes: past the stack buffer
        for (w, class) in [("The", "det"), ("THE", "det"), ("He", "pron"), ("said", "word"), ("Élysée", "word"), ("42", "num"), ("“", "punct"), ("", "word"), (long, "word")] {
            assert_eq!(class_of(w), class, "{w}");
            assert_eq!(class_of(w), word_class(&w.to_lowercase()), "{w}");
        }
    }

    #[test]
    fn model_round_trips_through_bytes() {
        let m = Model { bits: 4, weights: (0..16).map(|i| i as f32 - 8.0).collect(), bias: 0.5, threshold: -0.25, protected_threshold: -1.5 };
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!((back.bits, back.bias, back.threshold, back.protected_threshold), (4, 0.5, -0.25, -1.5));
        for (a, b) in m.weights.iter().zip(&back.weights) {
            assert!((a - b).abs() < 0.05, "{a} {b}");
        }
        // The older format hashed its features differently: refused, not misread.
        let mut v1 = b"CUEF1".to_vec();
        v1.extend_from_slice(&m.to_bytes()[5..18]);
        v1.extend_from_slice(&m.to_bytes()[22..]);
        assert_eq!(Model::from_bytes(&v1), None);
        assert_eq!(Model::from_bytes(b"CUEF1"), None);
        assert_eq!(Model::from_bytes(b"CUEF2"), None);
        assert_eq!(Model::from_bytes(&m.to_bytes()[..20]), None);
    }

    /// Candidates for `text` from (cue, content, via) needles.
    fn found(text: &str, parts: &[(&str, Option<&str>, Option<usize>)]) -> Vec<Found> {
        let at = |needle: &str| text.find(needle).map(|i| Span::new(i, i + needle.len()));
        parts
            .iter()
            .map(|&(cue, content, via)| Found {
                attribution: crate::Attribution { cue: at(cue), source: None, content: content.and_then(at), source_kind: None, speaker: None, speaker_mention: None, via },
                class: CueClass::Speech,
                sentence: 0,
                clause: true,
            })
            .collect()
    }

    #[test]
    fn cues_inside_quotations_and_contents() {
        let text = "Kim said that Lee told him “we reported it” and he denied it.";
        let doc = Document::parse(text);
        let quotes = crate::quotes::find(&doc);
        let f = found(text, &[("said", Some("that Lee told him “we reported it” and he denied it"), None), ("told", Some("“we reported it”"), None), ("reported", None, None), ("denied", Some("it"), None)]);
        let ctx = Context::new(&doc, &f, &quotes);
        assert_eq!((0..4).map(|k| ctx.inside_content(k)).collect::<Vec<_>>(), [false, true, true, true]);
        assert_eq!(ctx.outer, [None, Some(0), Some(0), Some(0)]);
        assert_eq!((0..4).map(|k| ctx.depth(k)).collect::<Vec<_>>(), [0, 1, 1, 1]);
        assert_eq!(ctx.inside_quote, [false, false, true, false]);
        assert_eq!(ctx.quoted, [true]);
        assert_eq!((0..4).map(|k| protection(&f[k], &quotes)).collect::<Vec<_>>(), [Protection::Quoted, Protection::Quoted, Protection::None, Protection::None]);
        // Everything scores 0: a protected threshold below keeps the quoted contents, one above
        // drops them as well.
        let zero = |protected_threshold: f32| Model { bits: 4, weights: vec![0.0; 16], bias: 0.0, threshold: 0.5, protected_threshold };
        for (pt, kept) in [(f32::NEG_INFINITY, 2), (-0.5, 2), (0.5, 0)] {
            let mut g = f.clone();
            apply(&doc, &quotes, &mut g, &zero(pt));
            assert_eq!(g.len(), kept, "{pt}");
        }
    }

    #[test]
    fn dropping_remaps_via() {
        let text = "Kim said it, Lee reported, citing Park. Moon added so.";
        let doc = Document::parse(text);
        let zero = |threshold: f32| Model { bits: 4, weights: vec![0.0; 16], bias: 0.0, threshold, protected_threshold: f32::NEG_INFINITY };
        let parts = [("said", Some("it"), Some(1)), ("reported", None, None), ("citing", None, Some(1)), ("added", Some("so"), None)];
        let mut keep_all = found(text, &parts);
        apply(&doc, &[], &mut keep_all, &zero(0.0));
        assert_eq!(keep_all.iter().map(|f| f.attribution.via).collect::<Vec<_>>(), [Some(1), None, Some(1), None]);
        // Everything scores 0: a threshold above drops all but the protected, here those in a
        // chain (`via`); a kept attribution whose `via` target is dropped loses it ...
        let mut chained = found(text, &parts);
        apply(&doc, &[], &mut chained, &zero(0.5));
        assert_eq!(chained.iter().map(|f| (f.attribution.cue.map(|c| c.slice(text)), f.attribution.via)).collect::<Vec<_>>(), [(Some("said"), None), (Some("citing"), None)]);
        // ... and a cue-less candidate stays, its `via` remapped to the target's new index.
        let mut f = found(text, &parts);
        f[3].attribution.cue = None;
        f[3].attribution.via = Some(2);
        apply(&doc, &[], &mut f, &zero(0.5));
        assert_eq!(f.len(), 3);
        assert_eq!(f[2].attribution.via, Some(1));
        // The protected threshold does not apply to chains.
        let mut f = found(text, &parts);
        apply(&doc, &[], &mut f, &Model { protected_threshold: 0.5, ..zero(0.5) });
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn embedded_model_loads() {
        assert!(model().is_some());
    }
}
