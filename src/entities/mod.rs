//! Stage 2: entities. Named entities come from the statistical tagger ([`ner`]); temporal and
//! numeric expressions from rules ([`temporal`]). Mentions of one entity are grouped into
//! [`clusters`].
//!
//! Overlaps are resolved in favour of the named entity, unless the temporal/numeric one is a
//! DATE, TIME, MONEY or PERCENT that contains it ("Jan. 2", "$5 billion").

pub mod clusters;
pub mod eval;
pub mod features;
pub mod hash;
pub mod lexicon;
pub mod model;
pub mod ner;
pub mod temporal;

use crate::segment::Document;
use crate::{Cluster, Entity, Label};

/// Finds the entities of a document (sorted by start) and groups them into clusters.
pub fn find(doc: &Document) -> (Vec<Entity>, Vec<Cluster>) {
    let (named, temporal) = ner::tag_with_words(doc, |mentions, words| {
        let named: Vec<Entity> = mentions
            .into_iter()
            .filter(|m| !is_caption_label(doc.text(m.span)))
            .map(|m| Entity { span: m.span, label: m.label, cluster: None, confidence: m.confidence })
            .collect();
        let temporal = match words {
            Some(w) => temporal::find_with_words(doc, w),
            None => temporal::find(doc),
        };
        (named, temporal)
    });
    let mut entities = merge(named, temporal);
    let clusters = clusters::build(doc, &mut entities);
    (entities, clusters)
}

/// Labels of photo captions and credits that the tagger, seeing capitals, may take for names:
/// "FILE PHOTO: ...", "REUTERS/Jane Doe/File Photo".
fn is_caption_label(text: &str) -> bool {
    ["file photo", "photo", "file", "pool", "pool photo", "handout", "handout photo"].iter().any(|l| text.eq_ignore_ascii_case(l))
}

/// Appends the lowercase form of `s` to `out` (ASCII lowercased in place, without allocating).
pub(crate) fn push_lower(s: &str, out: &mut String) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        if let Some(tail) = out.get_mut(start..) {
            tail.make_ascii_lowercase();
        }
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// Merges named and temporal entities (each sorted, non-overlapping within itself).
/// Linear after sorting.
pub fn merge(named: Vec<Entity>, temporal: Vec<Entity>) -> Vec<Entity> {
    let wins = |t: &Entity| matches!(t.label, Label::Date | Label::Time | Label::Money | Label::Percent);
    // Named entities that lie inside a winning temporal entity are dropped.
    let mut out: Vec<Entity> = Vec::with_capacity(named.len() + temporal.len());
    let mut ti = 0;
    let mut kept_named = Vec::with_capacity(named.len());
    for n in named {
        while ti < temporal.len() && temporal[ti].span.end <= n.span.start {
            ti += 1;
        }
        let inside = temporal[ti..].iter().take_while(|t| t.span.start < n.span.end).any(|t| wins(t) && t.span.contains(n.span));
        if !inside {
            kept_named.push(n);
        }
    }
    // Temporal entities overlapping a kept named entity are dropped.
    let mut ni = 0;
    let mut kept_temporal = Vec::with_capacity(temporal.len());
    for t in temporal {
        while ni < kept_named.len() && kept_named[ni].span.end <= t.span.start {
            ni += 1;
        }
        let clash = kept_named.get(ni).is_some_and(|n| n.span.overlaps(t.span));
        if !clash {
            kept_temporal.push(t);
        }
    }
    // Both lists are sorted and no kept entity overlaps one of the other list (so no two have the
    // same span): one merge pass sorts them by (start, end), temporal first on a tie, as the
    // stable sort of the temporal list followed by the named one did.
    let mut named = kept_named.into_iter().peekable();
    for t in kept_temporal {
        while let Some(n) = named.next_if(|n| (n.span.start, n.span.end) < (t.span.start, t.span.end)) {
            out.push(n);
        }
        out.push(t);
    }
    out.extend(named);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    fn e(s: usize, t: usize, label: Label) -> Entity {
        Entity { span: Span::new(s, t), label, cluster: None, confidence: 1.0 }
    }

    #[test]
    fn caption_labels_are_not_names() {
        let text = "FILE PHOTO: Workers at the port of Rotterdam. REUTERS/Piroschka van de Wouw/File Photo";
        let (entities, _) = find(&Document::parse(text));
        let names: Vec<&str> = entities.iter().map(|e| e.span.slice(text)).collect();
        assert!(!names.iter().any(|n| n.eq_ignore_ascii_case("file photo")), "{names:?}");
        assert!(names.contains(&"Rotterdam"), "{names:?}");
    }

    #[test]
    fn merge_rules() {
        // (named, temporal, expected labels in order)
        let cases: Vec<(Vec<Entity>, Vec<Entity>, Vec<Label>)> = vec![
            (vec![e(0, 5, Label::Person)], vec![e(0, 5, Label::Cardinal)], vec![Label::Person]),
            (vec![e(0, 3, Label::Misc)], vec![e(0, 8, Label::Date)], vec![Label::Date]),
            (vec![e(0, 3, Label::Org)], vec![e(5, 8, Label::Date)], vec![Label::Org, Label::Date]),
            (vec![e(4, 9, Label::Gpe)], vec![e(0, 6, Label::Money)], vec![Label::Gpe]),
            (
                vec![e(0, 3, Label::Org), e(10, 12, Label::Person), e(30, 33, Label::Gpe)],
                vec![e(5, 8, Label::Date), e(20, 25, Label::Cardinal), e(26, 27, Label::Time)],
                vec![Label::Org, Label::Date, Label::Person, Label::Cardinal, Label::Time, Label::Gpe],
            ),
            (vec![], vec![e(1, 2, Label::Date), e(3, 4, Label::Date)], vec![Label::Date, Label::Date]),
            (vec![e(1, 2, Label::Org), e(3, 4, Label::Org)], vec![], vec![Label::Org, Label::Org]),
        ];
        for (named, temporal, want) in cases {
            let got: Vec<Label> = merge(named, temporal).iter().map(|e| e.label).collect();
            assert_eq!(got, want);
        }
    }
}
