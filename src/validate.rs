//! The invariants every analysis satisfies, checked by the tests, the proptests and the fuzzers.

use crate::output::{report, OffsetUnit};
use crate::{Analysis, Span};

fn span_ok(text: &str, s: Span, what: &str) -> Result<(), String> {
    if s.start > s.end || s.end > text.len() {
        return Err(format!("{what} {s:?} out of bounds (text is {} bytes)", text.len()));
    }
    if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
        return Err(format!("{what} {s:?} splits a character"));
    }
    Ok(())
}

fn sorted<T>(items: &[T], span: impl Fn(&T) -> Span, what: &str) -> Result<(), String> {
    match items.windows(2).find(|w| span(&w[0]).start > span(&w[1]).start) {
        Some(_) => Err(format!("{what} not sorted by start")),
        None => Ok(()),
    }
}

/// Checks that `analysis` is a valid analysis of `text`: every span in bounds, on character
/// boundaries and non-empty where it must be; lists sorted; every index valid; and the UTF-16
/// report slicing exactly each span's text.
///
/// ```
/// let text = "“No,” Kim said on Friday.";
/// let a = article_analyzer::analyze(text);
/// assert_eq!(article_analyzer::validate::check(text, &a), Ok(()));
/// ```
pub fn check(text: &str, a: &Analysis) -> Result<(), String> {
    for e in &a.entities {
        span_ok(text, e.span, "entity")?;
        if e.span.is_empty() {
            return Err(format!("empty entity {:?}", e.span));
        }
        if e.cluster.is_some_and(|c| c >= a.clusters.len()) {
            return Err(format!("entity {:?} has an invalid cluster", e.span));
        }
    }
    sorted(&a.entities, |e| e.span, "entities")?;
    for q in &a.quotes {
        span_ok(text, q.span, "quote")?;
        if q.attribution.is_some_and(|i| i >= a.attributions.len()) {
            return Err(format!("quote {:?} has an invalid attribution", q.span));
        }
    }
    sorted(&a.quotes, |q| q.span, "quotes")?;
    for at in &a.attributions {
        for s in [at.cue, at.source, at.content, at.speaker_mention].into_iter().flatten() {
            span_ok(text, s, "attribution part")?;
        }
        if at.via.is_some_and(|v| v >= a.attributions.len()) || at.speaker.is_some_and(|c| c >= a.clusters.len()) {
            return Err("attribution with an invalid index".into());
        }
    }
    for f in &a.furniture {
        span_ok(text, f.span, "furniture")?;
    }
    for c in &a.clusters {
        if c.mentions.iter().any(|&m| m >= a.entities.len()) {
            return Err(format!("cluster {:?} has an invalid mention", c.canonical));
        }
    }
    let units: Vec<u16> = text.encode_utf16().collect();
    let r = report(text, a, OffsetUnit::Utf16);
    let spans = r
        .entities
        .iter()
        .map(|e| (e.start, e.end, &e.text))
        .chain(r.quotes.iter().map(|q| (q.start, q.end, &q.text)))
        .chain(r.furniture.iter().map(|f| (f.start, f.end, &f.text)))
        .chain(r.attributions.iter().flat_map(|at| [&at.cue, &at.source, &at.content, &at.speaker_mention]).flatten().map(|s| (s.start, s.end, &s.text)));
    for (start, end, t) in spans {
        let got = units.get(start..end).map(String::from_utf16_lossy);
        if got.as_deref() != Some(t.as_str()) {
            return Err(format!("UTF-16 [{start}, {end}) is {got:?}, span text is {t:?}"));
        }
    }
    Ok(())
}
