//! Entity clusters: mentions of one entity share a cluster with a canonical name.
//!
//! Rules, in order, over the named mentions of a document:
//! 1. mentions with the same normalised text (case-insensitive, aliases folded: "U.S." = "United
//!    States" = "US") and the same label share a cluster;
//! 2. a one-word PERSON mention equal to the first or last word of a longer PERSON name joins the
//!    most recent preceding such name (else the next one): "Kim Yo Jong" ... "Kim";
//! 3. an all-capitals ORG mention equal to the initials of a longer ORG joins it ("KCNA").
//!
//! The canonical name is the longest mention. Every named entity gets a cluster; temporal and
//! numeric entities get none.

use std::collections::HashMap;

use super::hash::{hash_str, IdBuild};
use super::push_lower;

use crate::segment::Document;
use crate::{Cluster, Entity, Label};

/// Alias groups: every spelling maps to the first.
const ALIASES: &[&[&str]] = &[
    &["united states", "u.s.", "us", "usa", "u.s.a.", "united states of america", "america"],
    &["united kingdom", "uk", "u.k.", "britain", "great britain"],
    &["united nations", "un", "u.n."],
    &["european union", "eu", "e.u."],
    &["north korea", "dprk", "democratic people's republic of korea"],
    &["south korea", "republic of korea", "rok"],
    &["russia", "russian federation"],
    &["china", "people's republic of china", "prc"],
];

/// Whether `b` is an ASCII character that [`char::is_whitespace`] accepts (tab, line feed,
/// vertical tab, form feed, carriage return, space: exactly its ASCII cases).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The words of a text, as [`str::split_whitespace`] gives them; ASCII text (nearly every
/// mention) is split byte by byte, without decoding chars.
enum Words<'a> {
    Ascii(&'a str, usize),
    Other(std::str::SplitWhitespace<'a>),
}

fn words(text: &str) -> Words<'_> {
    if text.is_ascii() {
        Words::Ascii(text, 0)
    } else {
        Words::Other(text.split_whitespace())
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Ascii(text, at) => {
                let b = text.as_bytes();
                let mut i = *at;
                while i < b.len() && is_ascii_space(b[i]) {
                    i += 1;
                }
                let start = i;
                while i < b.len() && !is_ascii_space(b[i]) {
                    i += 1;
                }
                *at = i;
                if start == i {
                    None
                } else {
                    text.get(start..i)
                }
            }
            Words::Other(w) => w.next(),
        }
    }
}

/// Whether the text is exactly one word.
fn one_word(text: &str) -> bool {
    let mut ws = words(text);
    ws.next().is_some() && ws.next().is_none()
}

/// The number of chars of `text` (its length if ASCII).
fn char_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// The alias group whose spelling `key` is, if any: a hash and length compare first (most keys
/// are no alias), then the strings.
fn alias_of(key: &str, h: u64) -> Option<&'static str> {
    static HASHES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let hashes = HASHES.get_or_init(|| ALIASES.iter().flat_map(|g| g.iter().map(|a| hash_str(a))).collect());
    let mut k = 0;
    for group in ALIASES {
        for &a in group.iter() {
            if hashes.get(k) == Some(&h) && a == key {
                return Some(group[0]);
            }
            k += 1;
        }
    }
    None
}

/// The normalised key of a mention's text into `out` (cleared first): words joined by single
/// spaces, lowercased, without a leading "the ", aliases folded. Returns the key's [`hash_str`].
fn key_into(text: &str, out: &mut String) -> u64 {
    out.clear();
    for (k, w) in words(text).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        push_lower(w, out);
    }
    if out.starts_with("the ") {
        out.drain(..4);
    }
    let h = hash_str(out);
    match alias_of(out, h) {
        Some(canonical) => {
            out.clear();
            out.push_str(canonical);
            hash_str(out)
        }
        None => h,
    }
}

/// `text.to_lowercase()` into `out` (cleared first).
fn lower_into(text: &str, out: &mut String) {
    out.clear();
    push_lower(text, out);
}

/// Labels that may share a cluster (GPE and LOC are often confused by the tagger).
fn label_group(l: Label) -> u8 {
    match l {
        Label::Gpe | Label::Loc => 1,
        other => other as u8 + 10,
    }
}

/// The initials of a text (the first char of each word, if uppercase) into `out` (cleared first).
fn initials_into(text: &str, out: &mut String) {
    out.clear();
    out.extend(words(text).filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()));
}

/// The exact-key clusters of [`build`]'s first rule: each cluster's normalised key ([`key_into`])
/// and label group, the keys kept in one buffer (no string per cluster), found by a hash of
/// (group, key) and confirmed by comparing the key itself (two keys with the same hash, which
/// is very unlikely, fall back to a scan: the result is the same).
#[derive(Default)]
struct Keys {
    text: String,
    /// Per cluster: label group and the key's range in `text`.
    at: Vec<(u8, usize, usize)>,
    by_hash: HashMap<u64, usize, IdBuild>,
}

impl Keys {
    fn clear(&mut self) {
        self.text.clear();
        self.at.clear();
        self.by_hash.clear();
    }

    /// The map key of `(group, key)`, from the key's [`hash_str`] `h`.
    fn hash(group: u8, h: u64) -> u64 {
        h ^ (group as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    fn is(&self, c: usize, group: u8, key: &str) -> bool {
        self.at.get(c).is_some_and(|&(g, a, b)| g == group && self.text.get(a..b) == Some(key))
    }

    /// The cluster of `(group, key)` (`h`: the key's [`hash_str`]), if one was added.
    fn get(&self, group: u8, key: &str, h: u64) -> Option<usize> {
        match self.by_hash.get(&Self::hash(group, h)) {
            None => None,
            Some(&c) if self.is(c, group, key) => Some(c),
            Some(_) => (0..self.at.len()).find(|&c| self.is(c, group, key)),
        }
    }

    /// Adds `(group, key)` as the key of the next cluster (numbered in order of addition).
    fn add(&mut self, group: u8, key: &str, h: u64) {
        let start = self.text.len();
        self.text.push_str(key);
        self.by_hash.entry(Self::hash(group, h)).or_insert(self.at.len());
        self.at.push((group, start, self.text.len()));
    }
}

/// The first and last words of multi-word PERSON names, lowercased, each with its name's entity
/// index: sorted by (hash, word, entity), so each word's names are one run in document order,
/// found by binary search (no string or list allocated per word).
#[derive(Default)]
struct NameWords {
    /// (hash of the word, its range in `text`, entity index).
    entries: Vec<(u64, u32, u32, usize)>,
    text: String,
}

impl NameWords {
    fn add(&mut self, word: &str, i: usize) {
        let start = self.text.len() as u32;
        self.text.push_str(word);
        self.entries.push((hash_str(word), start, self.text.len() as u32, i));
    }

    fn word(&self, a: u32, b: u32) -> &str {
        self.text.get(a as usize..b as usize).unwrap_or("")
    }

    fn sort(&mut self) {
        let NameWords { entries, text } = self;
        let word = |a: u32, b: u32| text.get(a as usize..b as usize).unwrap_or("");
        entries.sort_unstable_by(|x, y| x.0.cmp(&y.0).then_with(|| word(x.1, x.2).cmp(word(y.1, y.2))).then(x.3.cmp(&y.3)));
    }

    /// The entity indices of the names with this (lowercased) word, in document order.
    fn names(&self, word: &str) -> &[(u64, u32, u32, usize)] {
        let h = hash_str(word);
        let key = |e: &(u64, u32, u32, usize)| (e.0, self.word(e.1, e.2));
        let from = self.entries.partition_point(|e| key(e) < (h, word));
        let to = self.entries.partition_point(|e| key(e) <= (h, word));
        self.entries.get(from..to).unwrap_or(&[])
    }
}

/// [`build`]'s working buffers, kept by the thread between calls (an article's clusters would
/// otherwise allocate a dozen vectors, maps and strings, and a string per name word).
#[derive(Default)]
struct Scratch {
    named: Vec<usize>,
    names: NameWords,
    /// Per initials' hash, the first multi-word ORG with them; the ORGs in order (for a hash
    /// collision: a scan).
    by_initials: HashMap<u64, usize, IdBuild>,
    orgs: Vec<usize>,
    cluster_of: Vec<usize>,
    best: Vec<(usize, usize)>,
    keys: Keys,
    deferred: Vec<(usize, usize)>,
    sizes: Vec<usize>,
    key: String,
    lower: String,
    initials: String,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Box<Scratch>>> = const { std::cell::Cell::new(None) };
}

/// Buffers that grew past this many entities are not kept (a long paste's maps would stay).
const KEEP_ENTITIES: usize = 1 << 14;

/// Assigns `cluster` to every named entity of `entities` (sorted by start) and returns the clusters.
pub fn build(doc: &Document, entities: &mut [Entity]) -> Vec<Cluster> {
    // This thread's buffers (fresh ones if a nested call holds them), kept unless large.
    let mut sc = SCRATCH.with(|c| c.take()).unwrap_or_default();
    let out = build_with(doc, entities, &mut sc);
    if entities.len() <= KEEP_ENTITIES {
        SCRATCH.with(|c| c.set(Some(sc)));
    }
    out
}

fn build_with(doc: &Document, entities: &mut [Entity], sc: &mut Scratch) -> Vec<Cluster> {
    let Scratch { named, names, by_initials, orgs, cluster_of, best, keys, deferred, sizes, key, lower, initials } = sc;
    let texts: Vec<&str> = entities.iter().map(|e| doc.text(e.span)).collect();
    named.clear();
    named.extend((0..entities.len()).filter(|&i| entities[i].label.is_name()));
    // Multi-word PERSON names indexed by their first and last word; multi-word ORGs by initials.
    // Index lists are in document order, so lookups are binary searches (no quadratic scans).
    names.entries.clear();
    names.text.clear();
    by_initials.clear();
    orgs.clear();
    for &i in named.iter() {
        let label = entities[i].label;
        if label != Label::Person && label != Label::Org {
            continue;
        }
        let mut ws = words(texts[i]);
        let (Some(first), Some(second)) = (ws.next(), ws.next()) else { continue };
        if label == Label::Person {
            let last = ws.last().unwrap_or(second);
            lower_into(first, key);
            lower_into(last, lower);
            if *key != *lower {
                names.add(lower, i);
            }
            names.add(key, i);
        } else if ws.next().is_some() {
            initials_into(texts[i], initials);
            by_initials.entry(hash_str(initials)).or_insert(i);
            orgs.push(i);
        }
    }
    names.sort();
    cluster_of.clear();
    cluster_of.resize(entities.len(), usize::MAX);
    // Per cluster, its longest mention so far (index, length in chars): the canonical name, whose
    // string is made once at the end.
    best.clear();
    keys.clear();
    // Pass 1: exact keys for everything except short person names that resolve to a long one.
    deferred.clear();
    for &i in named.iter() {
        let t = texts[i];
        let single = one_word(t);
        if entities[i].label == Label::Person && single {
            lower_into(t, lower);
            let list = names.names(lower);
            if !list.is_empty() {
                // Each name once per word, in order; the most recent before, else the next.
                let p = list.partition_point(|e| e.3 < i);
                let j = if p > 0 { list[p - 1].3 } else { list[p.min(list.len() - 1)].3 };
                deferred.push((i, j));
                continue;
            }
        }
        if entities[i].label == Label::Org && single && char_len(t) >= 2 && t.chars().all(|c| c.is_uppercase()) {
            let found = by_initials.get(&hash_str(t)).and_then(|&j| {
                initials_into(texts[j], initials);
                if *initials == *t {
                    return Some(j);
                }
                // Another text's initials with the same hash: the first ORG with these.
                orgs.iter().copied().find(|&j| {
                    initials_into(texts[j], initials);
                    *initials == *t
                })
            });
            if let Some(j) = found {
                deferred.push((i, j));
                continue;
            }
        }
        let group = label_group(entities[i].label);
        let h = key_into(t, key);
        let c = match keys.get(group, key, h) {
            Some(c) => c,
            None => {
                keys.add(group, key, h);
                best.push((i, char_len(t)));
                best.len() - 1
            }
        };
        cluster_of[i] = c;
    }
    for &(i, j) in deferred.iter() {
        cluster_of[i] = cluster_of[j];
    }
    // Each cluster's mention list allocated once, at its size.
    sizes.clear();
    sizes.resize(best.len(), 0);
    for &c in cluster_of.iter() {
        if let Some(n) = sizes.get_mut(c) {
            *n += 1;
        }
    }
    let mut mentions: Vec<Vec<usize>> = sizes.iter().map(|&n| Vec::with_capacity(n)).collect();
    for (i, &c) in cluster_of.iter().enumerate() {
        if let (Some(list), Some(b)) = (mentions.get_mut(c), best.get_mut(c)) {
            list.push(i);
            entities[i].cluster = Some(c);
            // A longer mention (in chars) becomes the canonical name; the first wins a tie.
            let chars = char_len(texts[i]);
            if chars > b.1 {
                *b = (i, chars);
            }
        }
    }
    best.iter().zip(mentions).map(|(&(i, _), mentions)| Cluster { canonical: texts[i].to_string(), label: entities[i].label, mentions }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    fn ents(text: &str, items: &[(&str, Label)]) -> Vec<Entity> {
        let mut from = 0;
        items
            .iter()
            .map(|(s, l)| {
                let start = from + text[from..].find(s).expect("mention in text");
                from = start + s.len();
                Entity { span: Span::new(start, from), label: *l, cluster: None, confidence: 1.0 }
            })
            .collect()
    }

    #[test]
    fn keys() {
        let mut out = String::from("stale");
        for (text, want) in [
            ("The  United\nStates", "united states"),
            ("U.S.", "united states"),
            ("the Kremlin", "kremlin"),
            ("ΣΊΣΥΦΟΣ Ltd", "σίσυφος ltd"),
            ("Theodore", "theodore"),
            ("", ""),
        ] {
            key_into(text, &mut out);
            assert_eq!(out, want, "{text:?}");
        }
    }

    #[test]
    fn words_split_like_split_whitespace() {
        for text in ["Kim Yo Jong", "  a\tb\nc\x0Bd\x0Ce\rf  ", "", " ", "one", "x\u{a0}y z", "Ünï cödé\u{2003}ß", "a\x1fb", "\x0B"] {
            let want: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(words(text).collect::<Vec<_>>(), want, "{text:?}");
            assert_eq!(one_word(text), want.len() == 1, "{text:?}");
            assert_eq!(char_len(text), text.chars().count(), "{text:?}");
        }
    }

    #[test]
    fn clusters_table() {
        let text = "Kim Yo Jong met Putin. Vladimir Putin and the U.S. and the United States. Kim spoke. Kim Jong Un. Kim said. KCNA is the Korean Central News Agency.";
        let doc = Document::parse(text);
        let mut e = ents(
            text,
            &[
                ("Kim Yo Jong", Label::Person),
                ("Putin", Label::Person),
                ("Vladimir Putin", Label::Person),
                ("U.S.", Label::Gpe),
                ("United States", Label::Gpe),
                ("Kim", Label::Person),
                ("Kim Jong Un", Label::Person),
                ("Kim", Label::Person),
                ("KCNA", Label::Org),
                ("Korean Central News Agency", Label::Org),
            ],
        );
        let c = build(&doc, &mut e);
        let cl = |i: usize| e[i].cluster.expect("clustered");
        assert_eq!(cl(5), cl(0), "Kim -> Kim Yo Jong (most recent full name)");
        assert_eq!(cl(7), cl(6), "Kim -> Kim Jong Un");
        assert_ne!(cl(0), cl(6));
        assert_eq!(cl(1), cl(2), "Putin -> Vladimir Putin (following)");
        assert_eq!(c[cl(1)].canonical, "Vladimir Putin");
        assert_eq!(cl(3), cl(4));
        assert_eq!(c[cl(3)].canonical, "United States");
        assert_eq!(cl(8), cl(9));
        assert_eq!(c.iter().map(|c| c.mentions.len()).sum::<usize>(), e.len());
    }
}
