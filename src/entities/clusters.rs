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

/// The normalised key of a mention's text into `out` (cleared first): words joined by single
/// spaces, lowercased, without a leading "the ", aliases folded.
fn key_into(text: &str, out: &mut String) {
    out.clear();
    for (k, w) in text.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        push_lower(w, out);
    }
    if out.starts_with("the ") {
        out.drain(..4);
    }
    for group in ALIASES {
        if group.contains(&out.as_str()) {
            out.clear();
            out.push_str(group[0]);
            return;
        }
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

fn initials(text: &str) -> String {
    text.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect()
}

/// A map keyed by strings (or label groups and strings): the keys are short and their order does
/// not matter, so a fast non-cryptographic hasher ([`IdBuild`] folds the bytes) instead of a
/// B-tree of string comparisons.
type StrMap<K, V> = HashMap<K, V, IdBuild>;

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
    fn with_capacity(n: usize) -> Keys {
        Keys { text: String::with_capacity(16 * n), at: Vec::with_capacity(n), by_hash: HashMap::with_capacity_and_hasher(n, IdBuild::default()) }
    }

    fn hash(group: u8, key: &str) -> u64 {
        hash_str(key) ^ (group as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    fn is(&self, c: usize, group: u8, key: &str) -> bool {
        self.at.get(c).is_some_and(|&(g, a, b)| g == group && self.text.get(a..b) == Some(key))
    }

    /// The cluster of `(group, key)`, if one was added.
    fn get(&self, group: u8, key: &str) -> Option<usize> {
        match self.by_hash.get(&Self::hash(group, key)) {
            None => None,
            Some(&c) if self.is(c, group, key) => Some(c),
            Some(_) => (0..self.at.len()).find(|&c| self.is(c, group, key)),
        }
    }

    /// Adds `(group, key)` as the key of the next cluster (numbered in order of addition).
    fn add(&mut self, group: u8, key: &str) {
        let start = self.text.len();
        self.text.push_str(key);
        self.by_hash.insert(Self::hash(group, key), self.at.len());
        self.at.push((group, start, self.text.len()));
    }
}

/// Assigns `cluster` to every named entity of `entities` (sorted by start) and returns the clusters.
pub fn build(doc: &Document, entities: &mut [Entity]) -> Vec<Cluster> {
    let texts: Vec<&str> = entities.iter().map(|e| doc.text(e.span)).collect();
    let named: Vec<usize> = (0..entities.len()).filter(|&i| entities[i].label.is_name()).collect();
    // Multi-word PERSON names indexed by their first and last word; multi-word ORGs by initials.
    // Index lists are in document order, so lookups are binary searches (no quadratic scans).
    let mut by_name_word: StrMap<String, Vec<usize>> = StrMap::default();
    let mut by_initials: StrMap<String, usize> = StrMap::default();
    let mut lower = String::new();
    for &i in &named {
        let label = entities[i].label;
        if label != Label::Person && label != Label::Org {
            continue;
        }
        let mut words = texts[i].split_whitespace();
        let (Some(first), Some(second)) = (words.next(), words.next()) else { continue };
        if label == Label::Person {
            let last = words.last().unwrap_or(second);
            let first = first.to_lowercase();
            lower_into(last, &mut lower);
            if first != lower {
                by_name_word.entry(lower.clone()).or_default().push(i);
            }
            by_name_word.entry(first).or_default().push(i);
        } else if words.next().is_some() {
            by_initials.entry(initials(texts[i])).or_insert(i);
        }
    }
    let mut cluster_of = vec![usize::MAX; entities.len()];
    // Per cluster, its longest mention so far (index, length in chars): the canonical name, whose
    // string is made once at the end.
    let mut best: Vec<(usize, usize)> = Vec::with_capacity(named.len());
    let mut keys = Keys::with_capacity(named.len());
    // Pass 1: exact keys for everything except short person names that resolve to a long one.
    let mut deferred = Vec::with_capacity(named.len());
    // The key being looked up (its buffer is reused).
    let mut key = String::new();
    for &i in &named {
        let t = texts[i];
        let mut ws = t.split_whitespace();
        let one_word = ws.next().is_some() && ws.next().is_none();
        if entities[i].label == Label::Person && one_word {
            lower_into(t, &mut lower);
            if let Some(list) = by_name_word.get(lower.as_str()) {
                // Lists hold each name once per word, in order; the most recent before, else next.
                let p = list.partition_point(|&j| j < i);
                let j = if p > 0 { list[p - 1] } else { list[p.min(list.len() - 1)] };
                deferred.push((i, j));
                continue;
            }
        }
        if entities[i].label == Label::Org && one_word && t.chars().count() >= 2 && t.chars().all(|c| c.is_uppercase()) {
            if let Some(&j) = by_initials.get(t) {
                deferred.push((i, j));
                continue;
            }
        }
        let group = label_group(entities[i].label);
        key_into(t, &mut key);
        let c = match keys.get(group, &key) {
            Some(c) => c,
            None => {
                keys.add(group, &key);
                best.push((i, t.chars().count()));
                best.len() - 1
            }
        };
        cluster_of[i] = c;
    }
    for (i, j) in deferred {
        cluster_of[i] = cluster_of[j];
    }
    // Each cluster's mention list allocated once, at its size.
    let mut sizes = vec![0usize; best.len()];
    for &c in &cluster_of {
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
            let chars = texts[i].chars().count();
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
