//! A learned filter over the rule-based cue candidates of [`super::cues`]: a logistic-regression
//! model over hashed sparse features scores each candidate, and those scoring below the model's
//! threshold are dropped. It raises precision (most false cues are ordinary verbs in non-reporting
//! senses) at a small cost in recall.
//!
//! - Model: `data/cue_filter.model`, built by `article-analyzer train-cues` (see `src/cli.rs` and
//!   `DESIGN-attribution.md`) from the PolNeAR train split; compiled in with `include_bytes!`.
//!   Format: the magic `CUEF1`, one byte `bits`, then little-endian `f32` scale, bias and
//!   threshold, then `2^bits` signed bytes (the weights divided by the scale).
//! - Features ([`features`]): templates named by a short prefix, hashed (FNV-1a) into `2^bits`
//!   buckets; the list is [`TEMPLATES`].
//! - [`protected`] candidates are always kept: those without a cue (the outlet of "seen by") and
//!   those whose content holds a quotation. A kept candidate whose `via` target is dropped loses
//!   its `via`.
//!
//! Linear: every feature is computed from a bounded window of tokens, a binary search over the
//! quotations and one sweep over the contents.

use std::sync::OnceLock;

use super::cues::Found;
use super::lexicon::CueClass;
use crate::segment::{Document, TokenKind};
use crate::{Quote, SourceKind, Span};

/// Feature templates (prefixes); training can leave some out to measure what they bring.
pub const TEMPLATES: &[&str] = &[
    "cw", "cf", "cl", "cn", "p1", "p2", "n1", "n2", "src", "sf", "shead", "scap", "sk", "ct", "cfirst", "cq", "cls", "class", "inq", "inc", "pos", "ppos", "slen", "sq", "conj",
];

/// The longest cue phrase used whole as a feature (bytes).
const MAX_PHRASE: usize = 48;

/// FNV-1a over the parts, separated by a unit separator.
fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
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

/// Per-document facts shared by all candidates: whether each cue sits inside a quotation or inside
/// another candidate's content.
pub struct Context {
    inside_quote: Vec<bool>,
    inside_content: Vec<bool>,
    /// Per sentence of the document: whether it holds a quotation mark.
    quoted: Vec<bool>,
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
        let mut inside_content = vec![false; found.len()];
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
            inside_content[i] = other.1 != usize::MAX && other.0 >= c.end;
        }
        Context { inside_quote, inside_content, quoted }
    }
}

/// Whether the content of `f` holds (the start of) a quotation.
fn content_quoted(f: &Found, quotes: &[Quote]) -> bool {
    f.attribution.content.is_some_and(|c| {
        let i = quotes.partition_point(|q| q.span.start < c.start);
        quotes.get(i).is_some_and(|q| q.span.start < c.end)
    })
}

/// Candidates the filter never drops: those without a cue (the outlet of "seen by") and those whose
/// content holds a quotation (the quotation's speaker comes from them; train: almost all are gold).
pub fn protected(f: &Found, quotes: &[Quote]) -> bool {
    f.attribution.cue.is_none() || content_quoted(f, quotes)
}

/// The hashed features of candidate `k` (bucket indices before masking), skipping the templates in
/// `skip`. Bounded: at most a few dozen features per candidate.
pub fn features(doc: &Document, found: &[Found], k: usize, quotes: &[Quote], ctx: &Context, skip: &[&str], out: &mut Vec<u64>) {
    out.clear();
    let Some(f) = found.get(k) else { return };
    let Some(cue) = f.attribution.cue else { return };
    let mut add = |t: &str, v: &str| {
        if !skip.contains(&t) {
            out.push(hash(&[t, v]));
        }
    };
    add("bias", "");
    let lower = |i: usize| doc.token_text(i).to_lowercase();
    let a = doc.token_at_or_after(cue.start);
    let b = doc.token_at_or_after(cue.end).max(a);
    let sentence = doc.sentences.get(f.sentence);
    let (s0, s1) = sentence.map(|s| (s.tokens.start, s.tokens.end)).unwrap_or((a, b));
    let n = b - a;
    let phrase = doc.text(cue);
    let phrase = if phrase.len() > MAX_PHRASE { "<long>".to_string() } else { phrase.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ") };
    add("cw", &phrase);
    let first = lower(a);
    let last = if b > a { lower(b - 1) } else { String::new() };
    add("cf", &first);
    add("cl", &last);
    add("cn", bucket(n));
    let word = |i: Option<usize>| match i {
        Some(i) if i >= s0 && i < s1 => lower(i),
        _ => "<s>".to_string(),
    };
    let p1 = word(a.checked_sub(1));
    add("p1", &p1);
    add("p2", &format!("{} {}", word(a.checked_sub(2)), p1));
    let n1 = word(Some(b));
    add("n1", &n1);
    add("n2", &format!("{} {}", n1, word(Some(b + 1))));
    // A span's tokens, its side of the cue and its length bucket.
    let placed = |span: Span| {
        let first = doc.token_at_or_after(span.start);
        let end = doc.token_at_or_after(span.end).max(first);
        (first, end, if span.end <= cue.start { "before" } else { "after" }, bucket(end - first))
    };
    match f.attribution.source {
        Some(s) => {
            let (sa, sb, side, len) = placed(s);
            add("src", side);
            add("src", len);
            add("sf", &lower(sa));
            add("shead", &if sb > sa { lower(sb - 1) } else { String::new() });
            add("scap", if doc.token_text(sa).chars().next().is_some_and(char::is_uppercase) { "cap" } else { "low" });
            add("sk", f.attribution.source_kind.unwrap_or(SourceKind::Unknown).as_str());
        }
        None => add("src", "none"),
    }
    match f.attribution.content {
        Some(c) => {
            let (ca, _, side, len) = placed(c);
            add("ct", side);
            add("ct", len);
            add("cfirst", &lower(ca));
        }
        None => add("ct", "none"),
    }
    add("cq", if content_quoted(f, quotes) { "yes" } else { "no" });
    let clause = if f.clause { "clause" } else { "phrase" };
    let class = match f.class {
        CueClass::Speech => "speech",
        CueClass::Belief => "belief",
    };
    add("cls", clause);
    add("class", class);
    add("inq", if ctx.inside_quote.get(k).copied().unwrap_or(false) { "yes" } else { "no" });
    add("inc", if ctx.inside_content.get(k).copied().unwrap_or(false) { "yes" } else { "no" });
    add("pos", bucket(a.saturating_sub(s0)));
    add("pos", &format!("end {}", bucket(s1.saturating_sub(b))));
    let ppos = sentence.and_then(|s| doc.paragraphs.get(s.paragraph)).map(|p| f.sentence.saturating_sub(p.sentences.start)).unwrap_or(0);
    add("ppos", bucket(ppos));
    add("slen", bucket(s1 - s0));
    add("sq", if ctx.quoted.get(f.sentence).copied().unwrap_or(false) { "yes" } else { "no" });
    let has_source = if f.attribution.source.is_some() { "src" } else { "nosrc" };
    let has_content = if f.attribution.content.is_some() { "ct" } else { "noct" };
    add("conj", &format!("{class} {clause} {has_source} {has_content}"));
    add("conj", &format!("{last} {has_source}"));
    add("conj", &format!("{last} {has_content}"));
    add("conj", &format!("{last} {n1}"));
}

/// A trained filter.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub bits: u8,
    pub weights: Vec<f32>,
    pub bias: f32,
    pub threshold: f32,
}

const MAGIC: &[u8] = b"CUEF1";

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
        for v in [scale, self.bias, self.threshold] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend(self.weights.iter().map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8));
        out
    }

    /// Reads [`Model::to_bytes`]' format; `None` if malformed.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (&bits, rest) = rest.split_first()?;
        if !(4..=24).contains(&bits) {
            return None;
        }
        let f = |i: usize| rest.get(i * 4..i * 4 + 4).and_then(|b| b.try_into().ok()).map(f32::from_le_bytes);
        let (scale, bias, threshold) = (f(0)?, f(1)?, f(2)?);
        let w = rest.get(12..)?;
        if w.len() != 1usize << bits {
            return None;
        }
        Some(Model { bits, weights: w.iter().map(|&b| b as i8 as f32 * scale).collect(), bias, threshold })
    }
}

/// The embedded model (`None` if the file is malformed, and then nothing is filtered).
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(include_bytes!("../../data/cue_filter.model"))).as_ref()
}

/// Drops the candidates `model` scores below its threshold, remapping `via` indices.
pub fn apply(doc: &Document, quotes: &[Quote], found: &mut Vec<Found>, model: &Model) {
    let ctx = Context::new(doc, found, quotes);
    let mut feats = Vec::new();
    let keep: Vec<bool> = (0..found.len())
        .map(|k| {
            if protected(&found[k], quotes) {
                return true;
            }
            features(doc, found, k, quotes, &ctx, &[], &mut feats);
            model.score(&feats) >= model.threshold
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
    fn model_round_trips_through_bytes() {
        let m = Model { bits: 4, weights: (0..16).map(|i| i as f32 - 8.0).collect(), bias: 0.5, threshold: -0.25 };
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!((back.bits, back.bias, back.threshold), (4, 0.5, -0.25));
        for (a, b) in m.weights.iter().zip(&back.weights) {
            assert!((a - b).abs() < 0.05, "{a} {b}");
        }
        assert_eq!(Model::from_bytes(b"CUEF1"), None);
        assert_eq!(Model::from_bytes(&m.to_bytes()[..20]), None);
    }

    /// Candidates for `text` from (cue, content, via) needles.
    fn found(text: &str, parts: &[(&str, Option<&str>, Option<usize>)]) -> Vec<Found> {
        let at = |needle: &str| text.find(needle).map(|i| Span::new(i, i + needle.len()));
        parts
            .iter()
            .map(|&(cue, content, via)| Found {
                attribution: crate::Attribution { cue: at(cue), source: None, content: content.and_then(at), source_kind: None, speaker: None, via },
                class: CueClass::Speech,
                sentence: 0,
                speaker_span: None,
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
        assert_eq!(ctx.inside_content, [false, true, true, true]);
        assert_eq!(ctx.inside_quote, [false, false, true, false]);
        assert_eq!(ctx.quoted, [true]);
        assert_eq!((0..4).map(|k| protected(&f[k], &quotes)).collect::<Vec<_>>(), [true, true, false, false]);
    }

    #[test]
    fn dropping_remaps_via() {
        let text = "Kim said it, Lee reported, citing Park. Moon added so.";
        let doc = Document::parse(text);
        let zero = |threshold: f32| Model { bits: 4, weights: vec![0.0; 16], bias: 0.0, threshold };
        let parts = [("said", Some("it"), Some(1)), ("reported", None, None), ("citing", None, Some(1)), ("added", Some("so"), None)];
        let mut keep_all = found(text, &parts);
        apply(&doc, &[], &mut keep_all, &zero(0.0));
        assert_eq!(keep_all.iter().map(|f| f.attribution.via).collect::<Vec<_>>(), [Some(1), None, Some(1), None]);
        // Everything scores 0: a threshold above drops all but the protected (none here) ...
        let mut none = found(text, &parts);
        apply(&doc, &[], &mut none, &zero(0.5));
        assert!(none.is_empty());
        // ... and a cue-less candidate stays, its `via` target gone.
        let mut f = found(text, &parts);
        f[3].attribution.cue = None;
        f[3].attribution.via = Some(0);
        apply(&doc, &[], &mut f, &zero(0.5));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].attribution.via, None);
    }

    #[test]
    fn embedded_model_loads() {
        assert!(model().is_some());
    }
}
