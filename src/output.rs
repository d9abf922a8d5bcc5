//! The JSON contract, shared by the wasm binding and the CLI.
//!
//! ```json
//! {"entities": [{"start","end","text","label", ...}],
//!  "quotes": [{"start","end","text","kind","attribution", ...}],
//!  "attributions": [{"cue": SPAN|null, "source": SPAN|null, "content": SPAN|null, "source_kind": str|null, ...}]}
//! ```
//! with `SPAN = {"start","end","text"}`, half-open offsets in the chosen [`OffsetUnit`].
//!
//! ```
//! use article_analyzer::output::{report, OffsetUnit};
//! let text = "👋 “Hi,” said Kim.";
//! let a = article_analyzer::analyze(text);
//! let r = report(text, &a, OffsetUnit::Utf16);
//! let utf16: Vec<u16> = text.encode_utf16().collect();
//! for q in &r.quotes {
//!     assert_eq!(String::from_utf16_lossy(&utf16[q.start..q.end]), q.text);
//! }
//! ```

use serde::Serialize;

use crate::{Analysis, Span};

/// The unit of offsets in the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OffsetUnit {
    /// UTF-16 code units: JavaScript string indices (`text.slice(start, end)`).
    #[default]
    Utf16,
    /// UTF-8 bytes: Rust string indices.
    Utf8,
    /// Unicode scalar values: Python string indices.
    Chars,
}

impl OffsetUnit {
    pub fn parse(s: &str) -> Option<OffsetUnit> {
        match s {
            "utf16" | "utf-16" => Some(OffsetUnit::Utf16),
            "utf8" | "utf-8" | "bytes" => Some(OffsetUnit::Utf8),
            "chars" | "codepoints" => Some(OffsetUnit::Chars),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Utf16 => "utf16",
            OffsetUnit::Utf8 => "utf8",
            OffsetUnit::Chars => "chars",
        }
    }
}

/// Maps byte offsets to another unit after one pass over the text.
///
/// Built from every offset the output needs, sorted; each lookup is then a binary search.
pub struct OffsetMap {
    bytes: Vec<usize>,
    units: Vec<usize>,
    unit: OffsetUnit,
}

impl OffsetMap {
    /// One pass over `text` converting the given byte offsets (any order, duplicates allowed).
    /// Offsets inside a character are moved back to its start; offsets past the end to the end.
    pub fn new(text: &str, unit: OffsetUnit, mut offsets: Vec<usize>) -> OffsetMap {
        offsets.sort_unstable();
        offsets.dedup();
        let mut units = Vec::with_capacity(offsets.len());
        if unit == OffsetUnit::Utf8 {
            units.extend(offsets.iter().map(|&o| floor_boundary(text, o)));
            return OffsetMap { bytes: offsets, units, unit };
        }
        let mut count = 0usize;
        let mut chars = text.char_indices().peekable();
        for &o in &offsets {
            while let Some(&(i, c)) = chars.peek() {
                if i + c.len_utf8() > o {
                    break;
                }
                count += match unit {
                    OffsetUnit::Utf16 => c.len_utf16(),
                    _ => 1,
                };
                chars.next();
            }
            units.push(count);
        }
        OffsetMap { bytes: offsets, units, unit }
    }

    /// The converted offset of byte offset `byte` (which must have been given to [`OffsetMap::new`];
    /// otherwise the nearest known offset below it is used).
    pub fn get(&self, byte: usize) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.units[i],
            Err(0) => 0,
            Err(i) => self.units[i - 1],
        }
    }

    pub fn unit(&self) -> OffsetUnit {
        self.unit
    }
}

fn floor_boundary(text: &str, mut o: usize) -> usize {
    if o >= text.len() {
        return text.len();
    }
    while o > 0 && !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// A span in the output: offsets in the chosen unit and its text.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct EntityOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: &'static str,
    /// Index into `clusters`.
    pub cluster: Option<usize>,
    pub confidence: f32,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct QuoteOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: &'static str,
    /// Index into `attributions`.
    pub attribution: Option<usize>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AttributionOut {
    pub cue: Option<SpanOut>,
    pub source: Option<SpanOut>,
    pub content: Option<SpanOut>,
    pub source_kind: Option<&'static str>,
    /// Index into `clusters` of the entity the source resolves to.
    pub speaker: Option<usize>,
    /// The named mention the source stands for (its own name, or the earlier source a pronoun,
    /// surname or role refers to).
    pub speaker_mention: Option<SpanOut>,
    /// Index into `attributions` of the attribution this one is reported through.
    pub via: Option<usize>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ClusterOut {
    pub canonical: String,
    pub label: &'static str,
    /// Indices into `entities`.
    pub mentions: Vec<usize>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FurnitureOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: &'static str,
}

/// The JSON document for one analysed text.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Report {
    pub entities: Vec<EntityOut>,
    pub quotes: Vec<QuoteOut>,
    pub attributions: Vec<AttributionOut>,
    pub clusters: Vec<ClusterOut>,
    pub furniture: Vec<FurnitureOut>,
    /// Per-speaker quotations, counts per source kind, attributed-sentence and anonymous shares.
    pub summary: crate::attribution::Summary,
    /// The unit of every offset: `"utf16"`, `"utf8"` or `"chars"`.
    pub offsets: &'static str,
}

/// Builds the JSON contract for `analysis` of `text`, converting all offsets in one pass.
pub fn report(text: &str, analysis: &Analysis, unit: OffsetUnit) -> Report {
    let mut offsets = Vec::new();
    let mut add = |s: Span| {
        offsets.push(s.start);
        offsets.push(s.end);
    };
    analysis.entities.iter().for_each(|e| add(e.span));
    analysis.quotes.iter().for_each(|q| add(q.span));
    analysis.furniture.iter().for_each(|f| add(f.span));
    for a in &analysis.attributions {
        for s in [a.cue, a.source, a.content, a.speaker_mention].into_iter().flatten() {
            add(s);
        }
    }
    let map = OffsetMap::new(text, unit, offsets);
    let span = |s: Span| SpanOut { start: map.get(s.start), end: map.get(s.end), text: s.slice(text).to_string() };
    Report {
        entities: analysis
            .entities
            .iter()
            .map(|e| EntityOut {
                start: map.get(e.span.start),
                end: map.get(e.span.end),
                text: e.span.slice(text).to_string(),
                label: e.label.as_str(),
                cluster: e.cluster,
                confidence: (e.confidence * 1000.0).round() / 1000.0,
            })
            .collect(),
        quotes: analysis
            .quotes
            .iter()
            .map(|q| QuoteOut {
                start: map.get(q.span.start),
                end: map.get(q.span.end),
                text: q.span.slice(text).to_string(),
                kind: q.kind.as_str(),
                attribution: q.attribution,
            })
            .collect(),
        attributions: analysis
            .attributions
            .iter()
            .map(|a| AttributionOut {
                cue: a.cue.map(span),
                source: a.source.map(span),
                content: a.content.map(span),
                source_kind: a.source_kind.map(|k| k.as_str()),
                speaker: a.speaker,
                speaker_mention: a.speaker_mention.map(span),
                via: a.via,
            })
            .collect(),
        clusters: analysis
            .clusters
            .iter()
            .map(|c| ClusterOut { canonical: c.canonical.clone(), label: c.label.as_str(), mentions: c.mentions.clone() })
            .collect(),
        furniture: analysis
            .furniture
            .iter()
            .map(|f| FurnitureOut { start: map.get(f.span.start), end: map.get(f.span.end), text: f.span.slice(text).to_string(), kind: f.kind })
            .collect(),
        summary: analysis.summary.clone(),
        offsets: unit.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_units() {
        let text = "a👩‍👩‍👧é中\r\nz";
        let all: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for unit in [OffsetUnit::Utf16, OffsetUnit::Utf8, OffsetUnit::Chars] {
            let map = OffsetMap::new(text, unit, all.iter().rev().copied().collect());
            for &b in &all {
                let prefix = &text[..b];
                let want = match unit {
                    OffsetUnit::Utf16 => prefix.encode_utf16().count(),
                    OffsetUnit::Utf8 => prefix.len(),
                    OffsetUnit::Chars => prefix.chars().count(),
                };
                assert_eq!(map.get(b), want, "{unit:?} at {b}");
            }
        }
    }

    #[test]
    fn offsets_inside_a_char_move_back() {
        let map = OffsetMap::new("é", OffsetUnit::Utf16, vec![1, 5]);
        assert_eq!(map.get(1), 0);
        assert_eq!(map.get(5), 1);
    }
}
