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

use std::collections::BTreeMap;

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

/// The normalised key of a mention's text.
fn key(text: &str) -> String {
    let lower = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let lower = lower.strip_prefix("the ").map(str::to_string).unwrap_or(lower);
    for group in ALIASES {
        if group.contains(&lower.as_str()) {
            return group[0].to_string();
        }
    }
    lower
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

/// Assigns `cluster` to every named entity of `entities` (sorted by start) and returns the clusters.
pub fn build(doc: &Document, entities: &mut [Entity]) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_key: BTreeMap<(u8, String), usize> = BTreeMap::new();
    let texts: Vec<&str> = entities.iter().map(|e| doc.text(e.span)).collect();
    let named: Vec<usize> = (0..entities.len()).filter(|&i| entities[i].label.is_name()).collect();
    // Multi-word PERSON names indexed by their first and last word; multi-word ORGs by initials.
    // Index lists are in document order, so lookups are binary searches (no quadratic scans).
    let mut by_name_word: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_initials: BTreeMap<String, usize> = BTreeMap::new();
    for &i in &named {
        let words: Vec<&str> = texts[i].split_whitespace().collect();
        if entities[i].label == Label::Person && words.len() > 1 {
            let first = words[0].to_lowercase();
            let last = words[words.len() - 1].to_lowercase();
            if first != last {
                by_name_word.entry(last).or_default().push(i);
            }
            by_name_word.entry(first).or_default().push(i);
        }
        if entities[i].label == Label::Org && words.len() > 2 {
            by_initials.entry(initials(texts[i])).or_insert(i);
        }
    }
    let mut cluster_of = vec![usize::MAX; entities.len()];
    // Pass 1: exact keys for everything except short person names that resolve to a long one.
    let mut deferred = Vec::new();
    for &i in &named {
        let t = texts[i];
        let one_word = t.split_whitespace().count() == 1;
        if entities[i].label == Label::Person && one_word {
            if let Some(list) = by_name_word.get(&t.to_lowercase()) {
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
        let k = (label_group(entities[i].label), key(t));
        let c = *by_key.entry(k).or_insert_with(|| {
            clusters.push(Cluster { canonical: t.to_string(), label: entities[i].label, mentions: Vec::new() });
            clusters.len() - 1
        });
        cluster_of[i] = c;
    }
    for (i, j) in deferred {
        cluster_of[i] = cluster_of[j];
    }
    for (i, &c) in cluster_of.iter().enumerate() {
        if let Some(cl) = clusters.get_mut(c) {
            cl.mentions.push(i);
            entities[i].cluster = Some(c);
            if texts[i].chars().count() > cl.canonical.chars().count() {
                cl.canonical = texts[i].to_string();
                cl.label = entities[i].label;
            }
        }
    }
    clusters
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
