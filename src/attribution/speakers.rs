//! Quotations linked to attributions, and sources resolved to the entity they name: pronouns
//! ("he", "they"), surnames ("Kim") and roles ("the minister", "the ministry") are resolved to an
//! earlier named source or entity in the same or the previous paragraph.

use super::cues::Found;
use super::lexicon;
use crate::segment::Document;
use crate::{Cluster, Entity, Label, Quote, QuoteKind, SourceKind, Span};

/// Quotations of at most this many words, not inside reported speech, are scare quotes or titles.
const SCARE_WORDS: usize = 4;

/// A pronoun looks back at most this many entities for a person (linear time on a paste without
/// paragraph breaks).
const MAX_LOOKBACK: usize = 256;

/// Links each quotation to its attribution and settles its kind; drops scare quotes and titles
/// (short fragments with no reporting cue in their sentence).
pub fn link_quotes(doc: &Document, found: &mut [Found], quotes: &mut Vec<Quote>) {
    let mut keep = Vec::with_capacity(quotes.len());
    // Attributions are in text order; a cursor keeps the search linear.
    let mut cursor = 0usize;
    for mut q in quotes.drain(..) {
        let sentence = doc.sentence_at(q.span.start);
        let end_sentence = doc.sentence_at(q.span.end.saturating_sub(1));
        while cursor < found.len() && found[cursor].sentence.saturating_add(3) < sentence.unwrap_or(0) {
            cursor += 1;
        }
        let window = cursor..found.len().min(cursor + 64);
        // 1. Inside a content: the smallest content holding it.
        let holder = window
            .clone()
            .filter(|&i| found[i].attribution.content.is_some_and(|c| c.contains(q.span)))
            .min_by_key(|&i| found[i].attribution.content.map(|c| c.len()).unwrap_or(usize::MAX));
        let words = doc.text(q.span).split_whitespace().count();
        // "the so-called “lost decades”": scare quotes, whoever reports the sentence.
        let before = doc.source.get(..q.span.start).unwrap_or("").trim_end();
        if words <= SCARE_WORDS && before.len() >= 9 && before.get(before.len() - 9..).is_some_and(|w| w.eq_ignore_ascii_case("so-called")) {
            continue;
        }
        if let Some(i) = holder {
            q.kind = kind_in_content(doc, &found[i].attribution, &q);
            q.attribution = Some(i);
            keep.push(q);
            continue;
        }
        // 2. A cue in the same sentence.
        // (Only after the attribution's start: a title before "critics called ..." is not theirs.)
        let starts = |i: usize| [found[i].attribution.source, found[i].attribution.cue].into_iter().flatten().map(|s| s.start).min().unwrap_or(0);
        let same = window.clone().find(|&i| (Some(found[i].sentence) == sentence || Some(found[i].sentence) == end_sentence) && starts(i) <= q.span.start);
        if let Some(i) = same {
            if q.kind == QuoteKind::Partial || found[i].attribution.content.is_some_and(|c| c.overlaps(q.span)) {
                q.attribution = Some(i);
                keep.push(q);
                continue;
            }
        }
        if q.kind == QuoteKind::Partial && words <= SCARE_WORDS {
            continue;
        }
        // 3. A quotation standing alone: the speaker of a neighbouring quotation in the paragraph.
        let para = sentence.map(|s| doc.sentences[s].paragraph);
        let near = window
            .clone()
            .filter(|&i| found[i].sentence < doc.sentences.len() && Some(doc.sentences[found[i].sentence].paragraph) == para || para.is_some_and(|p| p > 0 && doc.sentences.get(found[i].sentence).is_some_and(|s| s.paragraph + 1 == p)))
            .min_by_key(|&i| {
                let d = found[i].sentence.abs_diff(sentence.unwrap_or(0));
                let after = found[i].sentence > sentence.unwrap_or(0);
                (d, after)
            });
        if let Some(i) = near.filter(|&i| found[i].sentence.abs_diff(sentence.unwrap_or(0)) <= 2) {
            q.attribution = Some(i);
        }
        keep.push(q);
    }
    *quotes = keep;
}

/// A quotation inside a content is partial when reported words lead up to it in its sentence
/// ("said he had “no regrets”") or when it reads as a fragment; otherwise direct.
fn kind_in_content(doc: &Document, at: &crate::Attribution, q: &Quote) -> QuoteKind {
    if q.kind == QuoteKind::Partial {
        return QuoteKind::Partial;
    }
    let sentence_start = doc.sentence_at(q.span.start).map(|s| doc.sentences[s].span.start).unwrap_or(0);
    let mut from = sentence_start;
    if let Some(cue) = at.cue.filter(|c| c.end <= q.span.start) {
        from = from.max(cue.end);
    }
    if let Some(src) = at.source.filter(|s| s.end <= q.span.start) {
        from = from.max(src.end);
    }
    let lead = doc.text(Span::new(from, q.span.start));
    // Text inside an earlier quotation of the same content is not reported speech.
    let lead = lead.rsplit(|c: char| crate::segment::is_quote_char(c) && c != '\'' && c != '’').next().unwrap_or(lead);
    // "told the BBC: «...»": a colon introduces the words themselves.
    if lead.trim_end().ends_with(':') {
        return QuoteKind::Direct;
    }
    let words = lead.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    if words >= 2 { QuoteKind::Partial } else { QuoteKind::Direct }
}

/// What a source phrase needs to be resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anaphor {
    /// "he", "she".
    Personal,
    /// "it", "they".
    Neuter,
    /// "the minister", "a spokesman": the head noun must appear in the antecedent.
    Role,
    /// A single capitalised word that may shorten an earlier name.
    Surname,
}

fn anaphor(text: &str) -> Option<Anaphor> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    match lower.as_str() {
        "he" | "she" | "him" | "her" => return Some(Anaphor::Personal),
        "it" | "they" | "them" => return Some(Anaphor::Neuter),
        _ => {}
    }
    if words.len() == 1 && words[0].chars().next().is_some_and(char::is_uppercase) {
        return Some(Anaphor::Surname);
    }
    if words.len() >= 2 && words.len() <= 4 && matches!(words[0].to_lowercase().as_str(), "the" | "a" | "an") && words[1..].iter().all(|w| !w.chars().next().is_some_and(char::is_uppercase)) {
        return Some(Anaphor::Role);
    }
    None
}

fn is_named(text: &str) -> bool {
    text.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count() >= 1 && !matches!(text.to_lowercase().as_str(), "he" | "she" | "it" | "they")
}

fn compatible(kind: Anaphor, source: &str, antecedent: &str, antecedent_kind: Option<SourceKind>) -> bool {
    let ant_lower = antecedent.to_lowercase();
    match kind {
        Anaphor::Personal => matches!(antecedent_kind, Some(SourceKind::Person) | Some(SourceKind::Official)) && is_named(antecedent),
        Anaphor::Neuter => !matches!(antecedent_kind, Some(SourceKind::Person)) && is_named(antecedent),
        Anaphor::Role => {
            let head = source.split_whitespace().last().unwrap_or("").to_lowercase();
            is_named(antecedent) && ant_lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == head)
        }
        Anaphor::Surname => antecedent.len() > source.len() && antecedent.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| w == source),
    }
}

/// Resolves each source to a named mention (`speaker_mention`) and, when entities are known, to the
/// entity cluster (`speaker`); pronouns take the kind of what they resolve to.
pub fn resolve(doc: &Document, entities: &[Entity], clusters: &[Cluster], found: &mut [Found]) {
    // The entity that ends the source's head ("state media KCNA", "Kim Yo Jong, the sister ..."),
    // not one inside a modifier ("South Korea's defence ministry", "a statement from Putin").
    // `span` is the source, or the name in apposition to its role ("Its director, Paul Johnson,").
    let cluster_at = |span: Span| -> Option<(usize, Label)> {
        let text = doc.text(span);
        let head_len = text.find(", ").unwrap_or(text.len());
        let mut head = text[..head_len].trim_end_matches([',', ' ']);
        // A common noun with a post-modifier: "ambassador to Russia", "leaders of North Korea's ...".
        for prep in [" of ", " to ", " from ", " with ", " at ", " in ", " for ", " on "] {
            if let Some(p) = head.find(prep) {
                if head[..p].rsplit(' ').next().is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase)) {
                    head = &head[..p];
                }
            }
        }
        if head.contains(" and ") {
            return None;
        }
        let head_end = span.start + head.len();
        let i = entities.partition_point(|e| e.span.end < head_end);
        entities[i..]
            .iter()
            .take_while(|e| e.span.end == head_end)
            .find(|e| e.label.is_name() && e.label != Label::Norp && e.span.start >= span.start)
            .and_then(|e| e.cluster.map(|c| (c, e.label)))
    };
    for i in 0..found.len() {
        let Some(src) = found[i].attribution.source else { continue };
        let text = doc.text(src);
        let linkable = !matches!(found[i].attribution.source_kind, Some(SourceKind::Document) | Some(SourceKind::Anonymous));
        // "Its director, Paul Johnson,": the named mention is the name, not the role.
        let name = super::kinds::speaker_name(text).map(|r| Span::new(src.start + r.start, src.start + r.end));
        if name.is_some() {
            found[i].attribution.speaker_mention = name;
        }
        if let Some((c, label)) = cluster_at(name.unwrap_or(src)).filter(|_| linkable) {
            found[i].attribution.speaker = Some(c);
            if matches!(found[i].attribution.source_kind, Some(SourceKind::Unknown) | Some(SourceKind::Person)) {
                found[i].attribution.source_kind = Some(super::kinds::classify(text, Some(label)));
            }
        }
        let Some(kind) = anaphor(text) else { continue };
        if kind == Anaphor::Surname && found[i].attribution.speaker.is_some() && clusters.get(found[i].attribution.speaker.unwrap_or(0)).is_some_and(|c| c.mentions.len() > 1) {
            continue;
        }
        let para = doc.sentences.get(found[i].sentence).map(|s| s.paragraph).unwrap_or(0);
        let mut j = i;
        let mut resolved = None;
        while j > 0 && i - j < 24 {
            j -= 1;
            let p = doc.sentences.get(found[j].sentence).map(|s| s.paragraph).unwrap_or(0);
            if p + 1 < para {
                break;
            }
            let Some(ant) = found[j].attribution.speaker_mention else { continue };
            // "One consultant ..., who asked not to be named, says ... “...,” she says": an unnamed
            // single person in the same paragraph.
            let unnamed_one = kind == Anaphor::Personal
                && p == para
                && found[j].attribution.source_kind == Some(SourceKind::Anonymous)
                && ["a ", "an ", "one "].iter().any(|d| doc.text(ant).get(..d.len()).is_some_and(|w| w.eq_ignore_ascii_case(d)));
            if unnamed_one || compatible(kind, text, doc.text(ant), found[j].attribution.source_kind) {
                resolved = Some(j);
                break;
            }
        }
        // "Sen. John Thune disputed that. ... he said": a person who is the subject of a sentence
        // after the earlier source is the likelier antecedent of "he"/"she".
        let start = doc.paragraphs.get(para.saturating_sub(1)).map(|p| p.span.start).unwrap_or(0);
        let subject = if kind == Anaphor::Personal { subject_person(doc, entities, start, src.start) } else { None };
        if let Some(e) = subject.filter(|e| resolved.is_none_or(|j| found[j].attribution.speaker_mention.is_some_and(|s| s.end <= e.span.start) && found[j].attribution.speaker != e.cluster)) {
            found[i].attribution.speaker = e.cluster;
            found[i].attribution.speaker_mention = Some(e.span);
            // The kind of the subject with its title: "Sen. John Thune" is an official.
            let lead = doc.sentence_at(e.span.start).map_or(e.span.start, |s| doc.sentences[s].span.start);
            found[i].attribution.source_kind = Some(super::kinds::classify(doc.text(Span::new(lead, e.span.end)), Some(Label::Person)));
        } else if let Some(j) = resolved {
            found[i].attribution.speaker_mention = found[j].attribution.speaker_mention;
            if found[i].attribution.speaker.is_none() || kind != Anaphor::Surname {
                found[i].attribution.speaker = found[j].attribution.speaker.or(found[i].attribution.speaker);
            }
            if matches!(kind, Anaphor::Personal | Anaphor::Neuter) {
                found[i].attribution.source_kind = found[j].attribution.source_kind;
            }
        } else if matches!(kind, Anaphor::Personal) && !entities.is_empty() {
            // The closest person entity before, within the paragraph or the previous one.
            let k = entities.partition_point(|e| e.span.end <= src.start);
            if let Some(e) = entities[..k].iter().rev().take(MAX_LOOKBACK).take_while(|e| e.span.start >= start).find(|e| e.label == Label::Person) {
                found[i].attribution.speaker = e.cluster;
                found[i].attribution.speaker_mention = Some(e.span);
            }
        }
        if lexicon::is_pronoun(&text.to_lowercase()) && found[i].attribution.source_kind == Some(SourceKind::Unknown) && found[i].attribution.speaker_mention == Some(src) {
            found[i].attribution.speaker_mention = None;
        }
    }
}

/// The last person entity between `from` and `before` that opens its sentence, after nothing but
/// capitalised words ("Sen. John Thune, R-S.D., disputed that."): the subject of that sentence.
/// A name inside a quotation or after lower-case words ("the senator met John Thune") is not one.
fn subject_person<'e>(doc: &Document, entities: &'e [Entity], from: usize, before: usize) -> Option<&'e Entity> {
    let k = entities.partition_point(|e| e.span.end <= before);
    entities[..k].iter().rev().take(MAX_LOOKBACK).take_while(|e| e.span.start >= from).filter(|e| e.label == Label::Person).find(|e| {
        let Some(s) = doc.sentence_at(e.span.start) else { return false };
        let lead = doc.text(Span::new(doc.sentences[s].span.start, e.span.start));
        lead.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase))
    })
}

#[cfg(test)]
mod tests {
    use crate::segment::Document;
    use crate::{Cluster, Entity, Label, Span};

    fn person(text: &str, name: &str, cluster: usize) -> Entity {
        let at = text.find(name).unwrap();
        Entity { span: Span::new(at, at + name.len()), label: Label::Person, cluster: Some(cluster), confidence: 1.0 }
    }

    /// (text, entities to supply, expected speaker cluster of each attribution)
    #[test]
    fn speakers_resolve_to_clusters() {
        let text = "Kim Yo Jong denied the report.\n\nShe said the weapons were not for sale. Kim added that talks were over.";
        let doc = Document::parse(text);
        let entities = vec![person(text, "Kim Yo Jong", 0)];
        let clusters = vec![Cluster { canonical: "Kim Yo Jong".into(), label: Label::Person, mentions: vec![0] }];
        let mut quotes = Vec::new();
        let (ats, summary) = super::super::find(&doc, &entities, &clusters, &mut quotes, &[]);
        let speakers: Vec<Option<usize>> = ats.iter().map(|a| a.speaker).collect();
        assert_eq!(speakers, [Some(0), Some(0), Some(0)]);
        assert_eq!(summary.speakers.len(), 1);
        assert_eq!(summary.speakers[0].name, "Kim Yo Jong");
        assert_eq!(summary.speakers[0].paraphrased.len(), 3);
    }

    /// "he"/"she" take the person who is the subject of a later sentence over an earlier source,
    /// but not a person named inside a quotation or as an object.
    #[test]
    fn pronouns_prefer_a_later_subject() {
        let cases: &[(&str, &[&str], &str)] = &[
            ("“We wait,” Chuck Schumer said.\n\nSen. John Thune disputed that. In an interview, he said the bill was weak.", &["Chuck Schumer", "John Thune"], "John Thune"),
            ("Kim Yo Jong denied the report. The envoy met John Smith on Monday. She said talks were over.", &["Kim Yo Jong", "John Smith"], "Kim Yo Jong"),
            ("Kim Yo Jong denied the report. “John Smith is wrong,” she said.", &["Kim Yo Jong", "John Smith"], "Kim Yo Jong"),
        ];
        for (text, names, want) in cases {
            let doc = Document::parse(text);
            let entities: Vec<Entity> = names.iter().enumerate().map(|(c, n)| person(text, n, c)).collect();
            let clusters: Vec<Cluster> = names.iter().map(|n| Cluster { canonical: n.to_string(), label: Label::Person, mentions: vec![] }).collect();
            let mut quotes = Vec::new();
            let (ats, _) = super::super::find(&doc, &entities, &clusters, &mut quotes, &[]);
            let pronoun = ats.iter().find(|a| a.source.is_some_and(|s| matches!(doc.text(s).to_lowercase().as_str(), "he" | "she"))).expect(text);
            assert_eq!(pronoun.speaker.map(|c| names[c]), Some(*want), "{text}");
        }
    }

    #[test]
    fn roles_and_pronouns_without_entities() {
        let text = "South Korea's defence ministry said it was monitoring the border.\n\nThe ministry added that no shots were fired. It said troops were on alert.";
        let doc = Document::parse(text);
        let mut quotes = Vec::new();
        let (ats, summary) = super::super::find(&doc, &[], &[], &mut quotes, &[]);
        assert_eq!(ats.len(), 3);
        // All three resolve to the named ministry.
        assert_eq!(summary.speakers.len(), 1, "{summary:?}");
        assert_eq!(summary.speakers[0].name, "South Korea's defence ministry");
        assert_eq!(summary.speakers[0].kind, Some("official"));
    }
}
