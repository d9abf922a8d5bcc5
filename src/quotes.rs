//! Stage 3: quotation marks paired into quotations.
//!
//! One pass over each paragraph with a stack of open marks:
//!
//! - double marks (`"` `“` `”` `„` `«` `»` `「` `」` ...) open and close quotations; a straight `"`
//!   opens after whitespace or an opening bracket and closes otherwise;
//! - single marks (`'` `‘` `’` `‹` `›`) open only after whitespace, an opening bracket or a double
//!   mark and before a letter or digit, and close only an open single mark: apostrophes
//!   ("North Korea’s", "don’t", "countries’ leaders") are never taken as quotation marks;
//! - marks still open at a paragraph end are dropped (the rest of the article is never swallowed),
//!   except for the convention of a quotation running over several paragraphs: a paragraph that
//!   ends inside a quotation followed by one that starts with an opening mark continues it.
//!
//! Only outermost quotations are returned; marks nested inside them are kept in the text.
//! Each quotation is first classed [`QuoteKind::Direct`] when it reads as a statement (a clause
//! ending in punctuation inside the marks, or several words starting with a capital) and
//! [`QuoteKind::Partial`] otherwise; [`crate::attribution`] refines this and drops scare quotes
//! and titles.
//!
//! ```
//! use article_analyzer::segment::Document;
//! let text = "He called it the “most absurd theory”. “We will win,” she said. Korea’s ‘best’ isn’t.";
//! let doc = Document::parse(text);
//! let q: Vec<&str> = article_analyzer::quotes::find(&doc).iter().map(|q| doc.text(q.span)).collect();
//! assert_eq!(q, ["“most absurd theory”", "“We will win,”", "‘best’"]);
//! ```

use crate::segment::Document;
use crate::{Quote, QuoteKind, Span};

/// How a quotation mark can act.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark whose role depends on context.
    Either,
}

/// Whether a mark is double or single.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Weight {
    Double,
    Single,
}

fn mark(c: char) -> Option<(Weight, Role)> {
    Some(match c {
        '“' | '„' | '«' | '「' | '『' | '‟' => (Weight::Double, Role::Open),
        '”' | '»' | '」' | '』' => (Weight::Double, Role::Close),
        '"' | '＂' => (Weight::Double, Role::Either),
        '‘' | '‚' | '‹' | '‛' => (Weight::Single, Role::Open),
        '›' => (Weight::Single, Role::Close),
        '\'' | '’' => (Weight::Single, Role::Either),
        _ => return None,
    })
}

fn is_open_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | ':' | '/') || mark(c).is_some_and(|(w, r)| w == Weight::Double && r != Role::Close),
    }
}

fn is_close_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || (!c.is_alphanumeric() && c != '\'' && c != '’') || mark(c).is_some(),
    }
}

/// An open mark on the stack.
#[derive(Clone, Copy, Debug)]
struct Open {
    at: usize,
    weight: Weight,
}

/// Pairs the quotation marks of `text` within `para` (a paragraph span); appends outermost pairs
/// to `out` as spans including the marks. Returns the start of a double quotation still open at the
/// paragraph end (for the multi-paragraph convention). Linear in the paragraph length.
fn pair_paragraph(text: &str, para: Span, out: &mut Vec<Span>) -> Option<usize> {
    let body = text.get(para.range())?;
    let mut stack: Vec<Open> = Vec::new();
    // The open double marks, innermost last.
    let mut doubles: Vec<char> = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = body.char_indices().peekable();
    while let Some((off, mut c)) = chars.next() {
        let at = para.start + off;
        // Two apostrophes or backticks stand for a double mark (''quote'', ``quote'').
        let mut width = c.len_utf8();
        if (c == '\'' || c == '`') && chars.peek().is_some_and(|&(_, n)| n == c) {
            chars.next();
            width = 2;
            c = if c == '`' { '“' } else { '"' };
        }
        let next = chars.peek().map(|&(_, n)| n);
        if let Some((weight, role)) = mark(c) {
            let can_open = is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace());
            let can_close = !prev.is_some_and(char::is_whitespace) && is_close_context(next);
            let act = match (weight, role) {
                // “ closes an open „ (German „...“ closes with the mark English opens with), and
                // an open “ when it can only close (a web-copy typo: “...,“ said X).
                (Weight::Double, Role::Open) if c == '“' && can_close && (doubles.last() == Some(&'„') || doubles.last() == Some(&'“') && !can_open) => Role::Close,
                (Weight::Double, Role::Open) => Role::Open,
                (Weight::Double, Role::Close) => Role::Close,
                (Weight::Double, _) => {
                    let top_is_straight = matches!(doubles.last(), Some('"' | '＂'));
                    if top_is_straight && (can_close || !can_open) {
                        Role::Close
                    } else if can_open {
                        Role::Open
                    } else if !doubles.is_empty() {
                        Role::Close
                    } else {
                        Role::Either
                    }
                }
                (Weight::Single, Role::Close) => Role::Close,
                (Weight::Single, _) => {
                    let top_single = stack.last().is_some_and(|o| o.weight == Weight::Single);
                    if top_single && can_close {
                        Role::Close
                    } else if (role == Role::Open || c == '\'' || c == '’') && can_open && next.is_some_and(char::is_alphabetic) {
                        Role::Open
                    } else {
                        Role::Either
                    }
                }
            };
            match act {
                Role::Open => {
                    if weight == Weight::Double {
                        doubles.push(c);
                    }
                    stack.push(Open { at, weight });
                }
                Role::Close => {
                    let end = at + width;
                    match weight {
                        Weight::Double if !doubles.is_empty() => {
                            // Unclosed single marks above the double opener were apostrophes.
                            while let Some(o) = stack.pop() {
                                if o.weight == Weight::Double {
                                    doubles.pop();
                                    if stack.is_empty() {
                                        out.push(Span::new(o.at, end));
                                    }
                                    break;
                                }
                            }
                        }
                        Weight::Single if stack.last().is_some_and(|o| o.weight == Weight::Single) => {
                            if let Some(o) = stack.pop() {
                                if stack.is_empty() {
                                    out.push(Span::new(o.at, end));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Role::Either => {}
            }
        }
        prev = Some(c);
    }
    stack.iter().find(|o| o.weight == Weight::Double).map(|o| o.at)
}

/// Whether the paragraph starts with an opening double mark.
fn starts_with_opener(text: &str, para: Span) -> bool {
    para.slice(text).chars().next().and_then(mark).is_some_and(|(w, r)| w == Weight::Double && r != Role::Close)
}

/// Finds the outermost quotations of a document, with a first guess at their kind (no attribution).
pub fn find(doc: &Document) -> Vec<Quote> {
    let text = doc.source;
    let mut spans = Vec::new();
    // A quotation continued from earlier paragraphs: its start, the end of the last paragraph, and
    // whether it stands without a continuation (opened at its paragraph's start, or reopened).
    let mut running: Option<(usize, usize, bool)> = None;
    for p in &doc.paragraphs {
        let first = spans.len();
        let open = pair_paragraph(text, p.span, &mut spans);
        if let Some((start, last_end, whole)) = running.take() {
            if starts_with_opener(text, p.span) {
                // The reopened quotation closes in this paragraph, or runs on.
                if first < spans.len() && spans[first].start == p.span.start {
                    spans[first].start = start;
                } else if open == Some(p.span.start) {
                    running = Some((start, p.span.end, true));
                    continue;
                } else {
                    spans.push(Span::new(start, last_end));
                }
            } else if whole {
                spans.insert(first, Span::new(start, last_end));
            }
        }
        // A quotation still open at the paragraph end runs on when the next paragraph reopens it:
        // one opened at the paragraph start (`“...` ¶ `“...”`) or after its cue (`said: “...` ¶
        // `“...”`). A mark opened mid-paragraph and never reopened is dropped as unmatched.
        if let Some(at) = open {
            running = Some((at, p.span.end, at == p.span.start));
        }
    }
    if let Some((start, end, true)) = running {
        spans.push(Span::new(start, end));
    }
    spans.sort_unstable();
    spans.into_iter().filter(|s| inner_chars(text, *s) >= 2).map(|span| Quote { span, kind: first_kind(doc, span), attribution: None }).collect()
}

/// Characters between the marks (pairs like ’n’ are not quotations).
fn inner_chars(text: &str, span: Span) -> usize {
    span.slice(text).chars().count().saturating_sub(2)
}

/// A first guess: a statement (direct) or a fragment (partial).
fn first_kind(doc: &Document, span: Span) -> QuoteKind {
    let inner = doc.text(span);
    let inner = inner.trim_matches(|c: char| mark(c).is_some() || c.is_whitespace());
    let words = inner.split_whitespace().count();
    let ends_in_punct = inner.ends_with(['.', ',', '?', '!', '…', ':', ';']);
    let capital = inner.chars().next().is_some_and(char::is_uppercase);
    // A one-word sentence ("Nobody.", "Never!") is a statement too.
    // Not an abbreviation ("U.S.").
    let sentence = capital && inner.ends_with(['.', '?', '!', '…']) && inner.trim_end_matches(['.', '?', '!', '…']).chars().all(char::is_alphabetic);
    if (ends_in_punct && words >= 2) || (capital && words >= 4) || sentence {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<String> {
        let doc = Document::parse(text);
        find(&doc).iter().map(|q| doc.text(q.span).to_string()).collect()
    }

    #[test]
    fn pairing_table() {
        let cases: &[(&str, &[&str])] = &[
            ("“We will not back down,” the minister told Reuters.", &["“We will not back down,”"]),
            ("He said \"no way\" and \"never\".", &["\"no way\"", "\"never\""]),
            ("“He told me ‘go home’ twice,” she said.", &["“He told me ‘go home’ twice,”"]),
            ("«Nous gagnerons», a-t-il dit.", &["«Nous gagnerons»"]),
            ("„Wir schaffen das“, sagte sie.", &["„Wir schaffen das“"]),
            ("North Korea’s leader and the countries’ leaders don’t agree.", &[]),
            ("Rock ’n’ roll in the ’90s, 'twas said.", &[]),
            ("The 'so-called' deal.", &["'so-called'"]),
            ("“First. Second sentence. Third,” he said.", &["“First. Second sentence. Third,”"]),
            ("''It's a home run,'' she said of Mr. O'Neil's plan.", &["''It's a home run,''"]),
            ("``Yes,'' he said.", &["``Yes,''"]),
            ("An unmatched “opening mark here.\n\nNext “real quote” paragraph.", &["“real quote”"]),
            ("A stray ” closing and \" straight.", &[]),
            ("“It's unusual,“ said Larry Noble. “Yes.”", &["“It's unusual,“", "“Yes.”"]),
            ("“Apparently not“ he said.", &["“Apparently not“"]),
            ("He wrote “hello“.", &["“hello“"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(&quotes(text), want, "{text:?}");
        }
    }

    #[test]
    fn quotation_over_paragraphs() {
        let text = "“First paragraph of the quote.\n\n“Second paragraph,” he said.\n\nAfter.";
        assert_eq!(quotes(text), ["“First paragraph of the quote.\n\n“Second paragraph,”"]);
        // Opened after its cue, reopened in the next paragraph.
        let text = "Dr Ryan said: “We did not want this. No choice.\n\n“Doctors are leaving.”\n\nAfter.";
        assert_eq!(quotes(text), ["“We did not want this. No choice.\n\n“Doctors are leaving.”"]);
        // Opened mid-paragraph and never reopened: unmatched, dropped.
        let text = "He said “unmatched here.\n\nNext paragraph, “real quote” here.";
        assert_eq!(quotes(text), ["“real quote”"]);
        // A reopened quotation that never closes ends with its last paragraph.
        let text = "“One.\n\n“Two.\n\nPlain text with “a quote”.";
        assert_eq!(quotes(text), ["“One.\n\n“Two.", "“a quote”"]);
    }

    #[test]
    fn first_kind_guess() {
        use QuoteKind::*;
        let cases: &[(&str, &[QuoteKind])] = &[
            ("“We will win,” she said of the “absurd theory”.", &[Direct, Partial]),
            ("“Nobody is buying,” Reed said. “Nobody.”", &[Direct, Direct]),
            ("They called it “nonsense.” Others used “U.S.”", &[Partial, Partial]),
        ];
        for (text, want) in cases {
            let q = find(&Document::parse(text));
            assert_eq!(q.iter().map(|q| q.kind).collect::<Vec<_>>(), *want, "{text}");
        }
    }

    #[test]
    fn hostile_marks_stay_linear_and_in_bounds() {
        for unit in ["“", "\"", "'", "’", "‘", "” ", "“a ", "' ", "\" a"] {
            let text = unit.repeat(10_000);
            let doc = Document::parse(&text);
            for q in find(&doc) {
                assert!(text.get(q.span.range()).is_some());
            }
        }
    }
}
