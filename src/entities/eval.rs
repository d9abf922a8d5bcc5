//! CoNLL-format reading and entity-level scoring (the conlleval convention: a prediction counts
//! only if its span and type both match a gold entity exactly).
//!
//! A CoNLL file is rebuilt into plain text (tokens joined by spaces, one sentence per line), one
//! text per `-DOCSTART-` document, so that evaluation and training run through the same
//! [`Document::parse`](crate::segment::Document::parse) path as the command line.

use std::collections::BTreeMap;

use crate::{Label, Span};

/// A gold entity: byte span in [`ConllDoc::text`] and CoNLL type (`PER`, `ORG`, `LOC`, `MISC`...).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct GoldEntity {
    pub span: Span,
    pub ty: String,
}

/// One document of a CoNLL file, rebuilt as text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConllDoc {
    pub text: String,
    /// Byte spans of the original tokens.
    pub tokens: Vec<Span>,
    pub gold: Vec<GoldEntity>,
}

/// Parses a CoNLL file: token in the first column, NER tag in the last; IOB1 or IOB2 (also
/// BILOU/BIOES prefixes); `-DOCSTART-` lines separate documents, blank lines sentences.
/// A file without `-DOCSTART-` is one document per 50 sentences (so document evidence stays local).
///
/// ```
/// use article_analyzer::entities::eval::parse_conll;
/// let docs = parse_conll("-DOCSTART- O\n\nKim B-PER\nJong I-PER\nsaid O\n\nSeoul I-LOC\n");
/// assert_eq!(docs.len(), 1);
/// assert_eq!(docs[0].text, "Kim Jong said\nSeoul");
/// assert_eq!(docs[0].gold.len(), 2);
/// assert_eq!(docs[0].gold[1].ty, "LOC");
/// ```
pub fn parse_conll(input: &str) -> Vec<ConllDoc> {
    let mut docs = Vec::new();
    let mut doc = ConllDoc::default();
    let mut sentences_in_doc = 0;
    let mut has_docstart = false;
    let mut in_sentence = false;
    // Open entity: (start byte, type).
    let mut open: Option<(usize, String, usize)> = None;
    let close = |doc: &mut ConllDoc, open: &mut Option<(usize, String, usize)>| {
        if let Some((s, ty, e)) = open.take() {
            doc.gold.push(GoldEntity { span: Span::new(s, e), ty });
        }
    };
    for line in input.lines() {
        let line = line.trim_end_matches('\r');
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            close(&mut doc, &mut open);
            if in_sentence {
                sentences_in_doc += 1;
                in_sentence = false;
                if !has_docstart && sentences_in_doc >= 50 {
                    docs.push(std::mem::take(&mut doc));
                    sentences_in_doc = 0;
                }
            }
            continue;
        };
        if token == "-DOCSTART-" {
            close(&mut doc, &mut open);
            has_docstart = true;
            if !doc.text.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            in_sentence = false;
            sentences_in_doc = 0;
            continue;
        }
        let tag = cols.last().unwrap_or("O");
        if !doc.text.is_empty() {
            doc.text.push(if in_sentence { ' ' } else { '\n' });
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        let end = doc.text.len();
        doc.tokens.push(Span::new(start, end));
        in_sentence = true;
        let (prefix, ty) = match tag.split_once('-') {
            Some((p, t)) if !t.is_empty() && p.len() == 1 => (p, t),
            _ => ("O", ""),
        };
        match prefix {
            "B" | "S" | "U" => {
                close(&mut doc, &mut open);
                open = Some((start, ty.to_string(), end));
            }
            "I" | "E" | "L" => match &mut open {
                Some((_, oty, e)) if oty == ty => *e = end,
                _ => {
                    close(&mut doc, &mut open);
                    open = Some((start, ty.to_string(), end));
                }
            },
            _ => close(&mut doc, &mut open),
        }
        if matches!(prefix, "S" | "U" | "E" | "L") {
            close(&mut doc, &mut open);
        }
    }
    close(&mut doc, &mut open);
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    docs
}

/// The CoNLL type used for scoring a label: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, other
/// names->MISC; `None` for temporal and numeric labels.
pub fn conll_type(label: Label) -> Option<&'static str> {
    match label {
        Label::Person => Some("PER"),
        Label::Org => Some("ORG"),
        Label::Gpe | Label::Loc | Label::Fac => Some("LOC"),
        l if l.is_name() => Some("MISC"),
        _ => None,
    }
}

/// Moves predicted span ends onto the original token boundaries (when our tokenizer split a CoNLL
/// token, a prediction covering part of it covers the whole token).
pub fn snap(span: Span, tokens: &[Span]) -> Span {
    let first = tokens.partition_point(|t| t.end <= span.start);
    let last = tokens.partition_point(|t| t.start < span.end);
    match (tokens.get(first), last.checked_sub(1).and_then(|l| tokens.get(l))) {
        (Some(a), Some(b)) if first < last => Span::new(a.start, b.end),
        _ => span,
    }
}

/// The scored predictions of a document: named entities mapped to CoNLL types, snapped to the
/// document's original tokens.
pub fn predictions(doc: &ConllDoc, entities: &[crate::Entity]) -> Vec<GoldEntity> {
    entities
        .iter()
        .filter_map(|e| Some(GoldEntity { span: snap(e.span, &doc.tokens), ty: conll_type(e.label)?.to_string() }))
        .collect()
}

/// Scores a set of documents with a predictor that gets each rebuilt text.
pub fn evaluate(docs: &[ConllDoc], mut predict: impl FnMut(&str) -> Vec<crate::Entity>) -> Scores {
    let mut scores = Scores::default();
    for d in docs {
        let pred = predictions(d, &predict(&d.text));
        scores.add(&d.gold, &pred);
    }
    scores
}

/// Counts per type: (true positives, predicted, gold).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    pub per_type: BTreeMap<String, [usize; 3]>,
}

impl Scores {
    /// Adds one document's gold and predicted entities.
    pub fn add(&mut self, gold: &[GoldEntity], predicted: &[GoldEntity]) {
        let mut g: Vec<&GoldEntity> = gold.iter().collect();
        g.sort();
        for p in predicted {
            let c = self.per_type.entry(p.ty.clone()).or_default();
            c[1] += 1;
            if g.binary_search(&p).is_ok() {
                c[0] += 1;
            }
        }
        for x in gold {
            self.per_type.entry(x.ty.clone()).or_default()[2] += 1;
        }
    }

    /// Totals over all types.
    pub fn total(&self) -> [usize; 3] {
        self.per_type.values().fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]])
    }

    /// Precision, recall and F1 of counts.
    ///
    /// ```
    /// use article_analyzer::entities::eval::Scores;
    /// assert_eq!(Scores::prf([1, 2, 4]), (0.5, 0.25, 1.0 / 3.0));
    /// ```
    pub fn prf(c: [usize; 3]) -> (f64, f64, f64) {
        let p = if c[1] > 0 { c[0] as f64 / c[1] as f64 } else { 0.0 };
        let r = if c[2] > 0 { c[0] as f64 / c[2] as f64 } else { 0.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }

    /// A conlleval-style table.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let line = |name: &str, c: [usize; 3]| {
            let (p, r, f) = Scores::prf(c);
            format!("{name:<8} precision {:6.2}%  recall {:6.2}%  F1 {:6.2}   (gold {}, predicted {}, correct {})\n", p * 100.0, r * 100.0, f * 100.0, c[2], c[1], c[0])
        };
        s.push_str(&line("overall", self.total()));
        for (ty, &c) in &self.per_type {
            s.push_str(&line(ty, c));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_iob2_agree() {
        let iob1 = parse_conll("EU I-ORG\nrejects O\nGerman I-MISC\nPeter I-PER\nBlackburn I-PER\n");
        let iob2 = parse_conll("EU B-ORG\nrejects O\nGerman B-MISC\nPeter B-PER\nBlackburn I-PER\n");
        assert_eq!(iob1, iob2);
        assert_eq!(iob1[0].gold.len(), 3);
        let adjacent = parse_conll("Kim I-PER\nJong B-PER\n");
        assert_eq!(adjacent[0].gold.len(), 2);
    }

    #[test]
    fn snapping_and_scoring() {
        let toks = [Span::new(0, 3), Span::new(4, 10)];
        assert_eq!(snap(Span::new(4, 7), &toks), Span::new(4, 10));
        let gold = vec![GoldEntity { span: Span::new(0, 3), ty: "PER".into() }];
        let pred = vec![GoldEntity { span: Span::new(0, 3), ty: "PER".into() }, GoldEntity { span: Span::new(4, 10), ty: "LOC".into() }];
        let mut s = Scores::default();
        s.add(&gold, &pred);
        assert_eq!(s.total(), [1, 2, 1]);
        assert_eq!(s.per_type["LOC"], [0, 1, 0]);
    }
}
