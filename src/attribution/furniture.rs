//! Article furniture: headline, byline, dateline, credits and photo captions. These are kept out of
//! the story's sources (no attribution is looked for inside them).
//!
//! ```
//! use article_analyzer::segment::Document;
//! use article_analyzer::attribution::furniture::find;
//! let text = "Kim denies deal, KCNA says\n\nBy Ju-min Park and Josh Smith\n\nSEOUL (Reuters) -Kim Yo Jong denied it.\n\n(Reporting by Ju-min Park; Editing by Jamie Freed)";
//! let doc = Document::parse(text);
//! let kinds: Vec<(&str, &str)> = find(&doc).iter().map(|f| (f.kind, doc.text(f.span))).collect();
//! assert_eq!(kinds, [("headline", "Kim denies deal, KCNA says"), ("byline", "By Ju-min Park and Josh Smith"),
//!     ("dateline", "SEOUL (Reuters) -"), ("credits", "(Reporting by Ju-min Park; Editing by Jamie Freed)")]);
//! ```

use crate::segment::Document;
use crate::{Furniture, Span};

/// Paragraphs longer than this (in bytes) are never furniture, except for a leading dateline.
const MAX_FURNITURE: usize = 400;

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// "By Ju-min Park and Josh Smith", "By Jane Doe, Reuters".
fn is_byline(p: &str) -> bool {
    let Some(rest) = p.strip_prefix("By ").or_else(|| p.strip_prefix("BY ")) else { return false };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 16
        && !p.ends_with('.')
        && words.iter().all(|w| is_capitalised(w) || matches!(*w, "and" | "in" | "&" | "de" | "van" | "von" | "bin" | "al" | "and," | "|"))
}

/// "(Reporting by ...; Editing by ...)", "Additional reporting by ...", "Writing by ...", and the
/// closing line of agency and newspaper stories: "Associated Press writers ... contributed to this
/// report."
fn is_credits(p: &str) -> bool {
    let t = p.trim_start_matches(['(', '[']);
    let end = p.trim_end_matches(['.', ')', ' ']);
    ["Reporting by", "Additional reporting by", "Writing by", "Editing by", "Compiled by", "Reporting and writing by", "Reuters reporting by"]
        .iter()
        .any(|s| t.starts_with(s))
        || p.len() < 300 && ["contributed to this report", "contributed to this story", "contributed reporting", "contributed to this article"].iter().any(|s| end.ends_with(s))
}

/// "FILE PHOTO: ...", "Photo: ...", "PHOTO: ...".
fn is_caption(p: &str) -> bool {
    ["FILE PHOTO", "File photo", "PHOTO:", "Photo:", "FILE -", "Pictured:", "REUTERS/", "Image:", "Caption:"].iter().any(|s| p.starts_with(s))
}

/// The dateline at the start of a paragraph: "SEOUL (Reuters) -", "WASHINGTON —", "SEOUL, Nov 2 (Reuters) -".
fn dateline(p: &str) -> Option<usize> {
    let window = p.get(..p.len().min(120)).or_else(|| p.char_indices().nth(120).map(|(i, _)| &p[..i])).unwrap_or("");
    let dash = window.find(" -").map(|i| (i, 2)).or_else(|| window.find(" —").map(|i| (i, 4))).or_else(|| window.find(" –").map(|i| (i, 4)))?;
    let head = &window[..dash.0];
    let first = head.split_whitespace().next()?;
    let letters: String = first.chars().filter(|c| c.is_alphabetic()).collect();
    // "Tokyo, Japan (CNN) —": a place in title case is a dateline when an outlet in brackets closes it.
    let outlet = head.trim_end().ends_with(')') && head.contains(" (") && head.split_whitespace().count() <= 6;
    if letters.chars().count() < 2 || !(letters.chars().all(char::is_uppercase) || outlet) {
        return None;
    }
    // Everything before the dash: capitalised place words, a date, an agency in brackets.
    let ok = head.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '.'));
        w.is_empty() || is_capitalised(w) || w.chars().all(|c| c.is_ascii_digit())
    });
    ok.then_some(dash.0 + dash.1)
}

/// A headline: the first paragraph when short, without final period, and followed by more text.
fn is_headline(doc: &Document, i: usize, p: &str) -> bool {
    i == 0 && doc.paragraphs.len() > 2 && p.len() < 200 && !p.ends_with(['.', '”', '"', ':']) && !p.contains('\n')
}

/// Finds the furniture of a document, in text order.
pub fn find(doc: &Document) -> Vec<Furniture> {
    let mut out = Vec::new();
    for (i, para) in doc.paragraphs.iter().enumerate() {
        let p = doc.text(para.span);
        if p.len() <= MAX_FURNITURE {
            let kind = if is_byline(p) {
                Some("byline")
            } else if is_credits(p) {
                Some("credits")
            } else if is_caption(p) {
                Some("caption")
            } else if is_headline(doc, i, p) && dateline(p).is_none() {
                Some("headline")
            } else {
                None
            };
            if let Some(kind) = kind {
                out.push(Furniture { span: para.span, kind });
                continue;
            }
        }
        if i < 8 {
            if let Some(len) = dateline(p) {
                out.push(Furniture { span: Span::new(para.span.start, para.span.start + len), kind: "dateline" });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_table() {
        let cases: &[(&str, &[&str])] = &[
            ("By Ju-min Park and Josh Smith", &["byline"]),
            ("By the time he arrived, it was over.", &[]),
            ("(Reporting by A B; Editing by C D)", &["credits"]),
            ("Associated Press writers Lisa Mascaro and Mary Clare Jalonick contributed to this report.", &["credits"]),
            ("Jane Doe in Kyiv contributed reporting.", &["credits"]),
            ("Dozens of volunteers contributed to the relief effort.", &[]),
            ("FILE PHOTO: Russia's President Putin and North Korea's leader Kim meet in Amur region", &["caption"]),
            ("WASHINGTON (Reuters) - The U.S. said so.", &["dateline"]),
            ("SEOUL, Nov 2 (Reuters) - Text.", &["dateline"]),
            ("The U.S. - and others - said so.", &[]),
            ("Tokyo, Japan (CNN) — Japan’s prime minister said so.", &["dateline"]),
            ("Tokyo (and Osaka) - two cities - said so.", &[]),
        ];
        for (text, want) in cases {
            let doc = Document::parse(text);
            let got: Vec<&str> = find(&doc).iter().map(|f| f.kind).collect();
            assert_eq!(&got, want, "{text}");
        }
    }
}
