//! Stage 1: segmentation into paragraphs, sentences and tokens, all with byte [`Span`]s.
//!
//! Tokens follow the CoNLL/Penn convention closely enough for the tagger: punctuation is split off,
//! possessive `'s` and `n't` are their own tokens, abbreviations ("U.S.", "Jan.") keep their dots,
//! numbers keep their separators ("1,000.5"), hyphenated words stay whole ("Dong-A", "Hwasong-11").
//!
//! Paragraphs: when the text has blank lines, a paragraph runs to the next blank line (single line
//! breaks inside are hard wraps); otherwise every line is a paragraph.
//!
//! ```
//! use article_analyzer::segment::Document;
//! let doc = Document::parse("Kim's sister said so. The U.S. denied it.\n\nNext paragraph.");
//! let words: Vec<&str> = doc.tokens.iter().map(|t| doc.text(t.span)).collect();
//! assert_eq!(&words[..6], &["Kim", "'s", "sister", "said", "so", "."]);
//! assert_eq!(doc.sentences.len(), 3);
//! assert_eq!(doc.paragraphs.len(), 2);
//! ```

use crate::Span;

/// Broad token classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits, hyphens, apostrophes, inner dots).
    Word,
    /// Starts with a digit.
    Number,
    /// A quotation mark of any style.
    Quote,
    /// Other punctuation and symbols.
    Punct,
}

/// A token with its byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence: its span and the half-open range of its tokens in [`Document::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
    /// Index of the paragraph holding it.
    pub paragraph: usize,
}

/// A paragraph: its span and the half-open range of its sentences in [`Document::sentences`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub sentences: std::ops::Range<usize>,
}

/// A segmented text.
#[derive(Clone, Debug, Default)]
pub struct Document<'a> {
    pub source: &'a str,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

/// Whether `c` is a quotation mark (straight, curly, low, angle).
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '„' | '‟' | '‚' | '‛' | '«' | '»' | '‹' | '›' | '「' | '」' | '『' | '』' | '＂'
    )
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF
        | 0x20000..=0x2FA1F | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// Abbreviations that keep their final dot.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "gov", "sen", "rep",
    "rev", "st", "jr", "sr", "inc", "ltd", "co", "corp", "bros", "no", "vs", "etc", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "pres",
    "adm", "cmdr", "hon", "supt", "dept", "univ", "approx", "est", "fig", "vol", "ave", "blvd",
];

/// Abbreviations after which a sentence never ends (titles and months come before a name/number).
const NON_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "gov", "sen", "rep",
    "rev", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mt", "pres", "adm", "cmdr", "hon", "supt", "no", "vs", "fig", "vol",
];

fn is_abbreviation(word: &str) -> bool {
    // `word` includes the final dot.
    let stem = &word[..word.len() - 1];
    if stem.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: "U.S.", "a.m.", "J."
    let mut chars = stem.chars();
    let dotted = stem.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if dotted {
        return true;
    }
    let _ = chars.next();
    let lower = stem.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn is_non_final_abbreviation(word: &str) -> bool {
    let stem = word.trim_end_matches('.').to_ascii_lowercase();
    // Single initials ("J.") usually precede a surname.
    NON_FINAL.contains(&stem.as_str()) || (stem.chars().count() == 1 && stem.chars().all(char::is_alphabetic) && word.chars().next().is_some_and(char::is_uppercase))
}

fn classify(s: &str) -> TokenKind {
    match s.chars().next() {
        Some(c) if is_quote_char(c) && s.chars().count() == 1 => TokenKind::Quote,
        Some(c) if c.is_ascii_digit() => TokenKind::Number,
        Some(c) if c.is_alphanumeric() => TokenKind::Word,
        _ => TokenKind::Punct,
    }
}

/// Splits text into tokens. Linear in the input length.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut tokens);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut tokens);
    }
    tokens
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    if start < end {
        let s = &text[start..end];
        out.push(Token { span: Span::new(start, end), kind: classify(s) });
    }
}

/// Characters that always form a token of their own.
#[inline]
fn is_hard_punct(c: char) -> bool {
    if c.is_ascii() {
        // Same answer as the general rule below, without the long match (tested).
        return !c.is_ascii_alphanumeric() && !matches!(c, '.' | ',' | ':' | '-' | '\'');
    }
    is_hard_punct_general(c)
}

/// [`is_hard_punct`] for any character.
fn is_hard_punct_general(c: char) -> bool {
    is_quote_char(c) && c != '\'' && c != '’'
        || matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | '—' | '–' | '…' | ';' | '!' | '?' | '¿' | '¡' | '/' | '|' | '*' | '•' | '·' | '<' | '>' | '=' | '+' | '#' | '@' | '&' | '$' | '€' | '£' | '¥' | '%' | '~' | '^' | '`' | '\\' | '_' | '©' | '®' | '™' | '°' | '§')
        || is_cjk(c)
        || (!c.is_alphanumeric() && !matches!(c, '.' | ',' | ':' | '-' | '\'' | '’') && !is_joiner(c))
}

/// Combining marks and joiners stay with the letters around them.
fn is_joiner(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x200C | 0x200D | 0xFE00..=0xFE0F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0900..=0x0903 | 0x093A..=0x094F)
        || (c as u32 >= 0x0591 && c as u32 <= 0x05C7)
        || (c as u32 >= 0x064B && c as u32 <= 0x065F)
}

/// Splits one whitespace-free chunk into tokens.
fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    // First cut at hard punctuation; the pieces between are "words" handled by `split_word`.
    let chunk = &text[start..end];
    let mut piece_start = start;
    for (off, c) in chunk.char_indices() {
        let i = start + off;
        if is_hard_punct(c) {
            // Keep "%" and "$" style symbols as tokens; keep "&" inside "AT&T".
            if c == '&' && i > piece_start && i + 1 < end && text[i + 1..].starts_with(|n: char| n.is_alphanumeric()) {
                continue;
            }
            split_word(text, piece_start, i, out);
            push(text, i, i + c.len_utf8(), out);
            piece_start = i + c.len_utf8();
        }
    }
    split_word(text, piece_start, end, out);
}

/// Clitics split off a word, longest first: straight and curly apostrophes.
const CLITICS: &[&str] = &["n’t", "’re", "’ve", "’ll", "n't", "'re", "'ve", "'ll", "’s", "’d", "’m", "'s", "'d", "'m"];


/// Splits a piece free of hard punctuation: peels leading/trailing `.,:-'’`, possessives, `n't`.
fn split_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    if start >= end {
        return;
    }
    let mut s = start;
    let mut e = end;
    // Leading punctuation: apostrophes (quote use), hyphens, commas, colons, dots ("...").
    while s < e {
        let c = text[s..e].chars().next().unwrap_or(' ');
        let next = text[s + c.len_utf8()..e].chars().next();
        let peel = match c {
            '\'' | '’' => !matches!(next, Some(n) if n.is_ascii_digit()), // keep '90s
            '-' => !matches!(next, Some(n) if n.is_ascii_digit()) || s + 1 == e,
            ',' | ':' => true,
            '.' => !matches!(next, Some(n) if n.is_ascii_digit()) || s + 1 == e,
            _ => false,
        };
        if !peel {
            break;
        }
        // Runs of dots form one token ("...").
        let mut t = s + c.len_utf8();
        if c == '.' || c == '-' {
            while t < e && text[t..].starts_with(c) {
                t += 1;
            }
        }
        push(text, s, t, out);
        s = t;
    }
    // Trailing punctuation, pushed right to left now and moved after the word below (no
    // allocation).
    let mark = out.len();
    while s < e {
        let c = match text[s..e].chars().next_back() {
            Some(c) => c,
            None => break,
        };
        let cs = e - c.len_utf8();
        match c {
            ',' | ':' | '-' => {
                push(text, cs, e, out);
                e = cs;
            }
            '.' => {
                // Dots run: "..." is one token.
                let mut ds = cs;
                while ds > s && text[..ds].ends_with('.') {
                    ds -= 1;
                }
                if e - ds >= 2 {
                    push(text, ds, e, out);
                    e = ds;
                } else if is_abbreviation(&text[s..e]) {
                    break;
                } else {
                    push(text, cs, e, out);
                    e = cs;
                }
            }
            '\'' | '’' => {
                // "countries'" -> "countries" "'" ; a lone closing quote too.
                push(text, cs, e, out);
                e = cs;
            }
            _ => break,
        }
    }
    let n_trailing = out.len() - mark;
    if s < e {
        let word = &text[s..e];
        // Possessive 's and contractions n't / 're / 've / 'll / 'd / 'm.
        // The longest clitic suffix that leaves a non-empty word (every clitic has an apostrophe:
        // `'` or the last byte of `’`, 0x99, which is never a first byte).
        let has_apostrophe = word.bytes().any(|b| b == b'\'' || b == 0x99);
        let cut = CLITICS.iter().filter(|_| has_apostrophe).find_map(|c| {
            let n = c.len();
            (word.len() > n && text.is_char_boundary(e - n) && text[e - n..e].eq_ignore_ascii_case(c)).then(|| e - n)
        });
        match cut {
            Some(c) if text.is_char_boundary(c) => {
                push(text, s, c, out);
                push(text, c, e, out);
            }
            _ => push(text, s, e, out),
        }
    }
    // Word tokens first, then the trailing punctuation left to right.
    let tail = &mut out[mark..];
    tail.rotate_left(n_trailing);
    let n_word = tail.len() - n_trailing;
    tail[n_word..].reverse();
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}')
}

/// Paragraph spans (trimmed of surrounding whitespace, never empty).
pub fn paragraphs(text: &str) -> Vec<Span> {
    // Lines with their spans.
    let mut lines: Vec<Span> = Vec::new();
    let mut line_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    for (idx, c) in text.char_indices() {
        if idx < i {
            continue;
        }
        if is_line_break(c) {
            lines.push(Span::new(line_start, idx));
            let mut next = idx + c.len_utf8();
            if c == '\r' && bytes.get(next) == Some(&b'\n') {
                next += 1;
            }
            line_start = next;
            i = next;
        }
    }
    lines.push(Span::new(line_start, text.len()));
    let blank = |s: &Span| text[s.range()].trim().is_empty();
    let has_blank_lines = {
        // A blank line between two non-blank lines.
        let mut seen_text = false;
        let mut pending_blank = false;
        let mut found = false;
        for l in &lines {
            if blank(l) {
                if seen_text {
                    pending_blank = true;
                }
            } else {
                if pending_blank {
                    found = true;
                    break;
                }
                seen_text = true;
            }
        }
        found
    };
    let mut out: Vec<Span> = Vec::new();
    let mut current: Option<Span> = None;
    for l in &lines {
        if blank(l) {
            if let Some(p) = current.take() {
                out.push(p);
            }
            continue;
        }
        let trimmed = trim_span(text, *l);
        current = Some(match current {
            Some(p) if has_blank_lines => p.cover(trimmed),
            Some(p) => {
                out.push(p);
                trimmed
            }
            None => trimmed,
        });
    }
    if let Some(p) = current {
        out.push(p);
    }
    out
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Span::new(span.start + lead, span.end - trail)
}

fn is_terminator(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "..." | "…" | "?!" | "!?") || (s.len() > 1 && s.chars().all(|c| c == '.' || c == '!' || c == '?'))
}

fn is_closing(s: &str) -> bool {
    matches!(s, "”" | "’" | "\"" | "'" | "»" | "›" | ")" | "]" | "」" | "』")
}

impl<'a> Document<'a> {
    /// Segments `text`. Linear time; never panics.
    pub fn parse(text: &'a str) -> Document<'a> {
        let mut doc = Document { source: text, ..Default::default() };
        let tokens = tokenize(text);
        let paras = paragraphs(text);
        let mut ti = 0;
        for p in paras {
            let p_index = doc.paragraphs.len();
            let first_sentence = doc.sentences.len();
            // Tokens of this paragraph.
            while ti < tokens.len() && tokens[ti].span.start < p.start {
                ti += 1;
            }
            let tstart = ti;
            while ti < tokens.len() && tokens[ti].span.end <= p.end {
                ti += 1;
            }
            let ptoks = &tokens[tstart..ti];
            let mut sstart = 0;
            let mut k = 0;
            // Tracks open double quotes so a terminator inside a quotation followed by the closing
            // mark ends the sentence only after the mark.
            while k < ptoks.len() {
                let tok_text = &text[ptoks[k].span.range()];
                let mut end_here = None;
                if is_terminator(tok_text) || (tok_text.ends_with('.') && tok_text.len() > 1 && ptoks[k].kind == TokenKind::Word && !is_non_final_abbreviation(tok_text)) {
                    // Swallow closing quotes and brackets.
                    let mut j = k + 1;
                    // A closing mark follows without a space; after a space a straight quote
                    // opens the next sentence (`said. "Next`).
                    while j < ptoks.len() && is_closing(&text[ptoks[j].span.range()]) && ptoks[j].span.start == ptoks[j - 1].span.end {
                        j += 1;
                    }
                    let next = ptoks.get(j).map(|t| &text[t.span.range()]);
                    let starts_sentence = match next {
                        None => true,
                        Some(n) => {
                            let c = n.chars().next().unwrap_or(' ');
                            let abbrev_end = tok_text.len() > 1 && ptoks[k].kind == TokenKind::Word;
                            if abbrev_end {
                                // "U.S. officials" vs "... in the U.S. The": only before a clear
                                // sentence opener.
                                matches!(n, "The" | "He" | "She" | "It" | "They" | "We" | "I" | "But" | "In" | "A" | "An" | "This" | "That" | "His" | "Her" | "Their" | "Its" | "On" | "At" | "Meanwhile" | "However" | "And")
                            } else {
                                c.is_uppercase() || c.is_ascii_digit() || is_quote_char(c) || matches!(c, '(' | '[' | '-' | '—' | '•') || !c.is_alphabetic() && !c.is_ascii_punctuation() || is_cjk(c)
                            }
                        }
                    };
                    if starts_sentence {
                        end_here = Some(j);
                    }
                }
                if let Some(j) = end_here {
                    doc.push_sentence(&ptoks[sstart..j], tstart + sstart, p_index);
                    sstart = j;
                    k = j;
                } else {
                    k += 1;
                }
            }
            if sstart < ptoks.len() {
                doc.push_sentence(&ptoks[sstart..], tstart + sstart, p_index);
            }
            doc.paragraphs.push(Paragraph { span: p, sentences: first_sentence..doc.sentences.len() });
        }
        doc.tokens = tokens;
        doc
    }

    fn push_sentence(&mut self, toks: &[Token], first: usize, paragraph: usize) {
        if let (Some(a), Some(b)) = (toks.first(), toks.last()) {
            self.sentences.push(Sentence { span: Span::new(a.span.start, b.span.end), tokens: first..first + toks.len(), paragraph });
        }
    }

    /// The text of a span of this document (empty if out of bounds).
    pub fn text(&self, span: Span) -> &'a str {
        span.slice(self.source)
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &'a str {
        self.tokens.get(i).map(|t| self.text(t.span)).unwrap_or("")
    }

    /// Index of the sentence holding byte offset `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }

    /// Index of the first token starting at or after byte offset `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.span.range()]).collect()
    }

    #[test]
    fn ascii_fast_path_matches_general_rule() {
        for b in 0u8..128 {
            let c = b as char;
            assert_eq!(is_hard_punct(c), is_hard_punct_general(c), "{c:?}");
        }
    }

    #[test]
    fn tokenization_table() {
        let cases: &[(&str, &[&str])] = &[
            ("SEOUL (Reuters) -Kim Yo Jong,", &["SEOUL", "(", "Reuters", ")", "-", "Kim", "Yo", "Jong", ","]),
            ("North Korea's leader", &["North", "Korea", "'s", "leader"]),
            ("on Jan. 2 was", &["on", "Jan.", "2", "was"]),
            ("The U.S. and", &["The", "U.S.", "and"]),
            ("Hwasong-11 series", &["Hwasong-11", "series"]),
            ("“theory” made", &["“", "theory", "”", "made"]),
            ("don't", &["do", "n't"]),
            ("ca n't", &["ca", "n't"]),
            ("'quoted'", &["'", "quoted", "'"]),
            ("$1,000.50 and 5%", &["$", "1,000.50", "and", "5", "%"]),
            ("Smith; Editing", &["Smith", ";", "Editing"]),
            ("end...", &["end", "..."]),
            ("countries' leaders", &["countries", "'", "leaders"]),
            ("AT&T", &["AT&T"]),
            ("北京市长", &["北", "京", "市", "长"]),
            ("e\u{301}te\u{301}", &["e\u{301}te\u{301}"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(&toks(text), want, "{text:?}");
        }
    }

    #[test]
    fn sentences_and_paragraphs() {
        let text = "He said “We will win.” Then he left. The U.S. and Japan agreed.\r\n\r\nMr. Kim spoke on Jan. 2. It rained.";
        let doc = Document::parse(text);
        let s: Vec<&str> = doc.sentences.iter().map(|s| doc.text(s.span)).collect();
        assert_eq!(s, vec!["He said “We will win.”", "Then he left.", "The U.S. and Japan agreed.", "Mr. Kim spoke on Jan. 2.", "It rained."]);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.paragraphs[1].sentences, 3..5);
        let text = "He said so. \"Next one,\" she said. 'Yes.' (It was.) Done.";
        let doc = Document::parse(text);
        let s: Vec<&str> = doc.sentences.iter().map(|s| doc.text(s.span)).collect();
        assert_eq!(s, vec!["He said so.", "\"Next one,\" she said.", "'Yes.'", "(It was.)", "Done."]);
    }

    #[test]
    fn single_lines_are_paragraphs_without_blank_lines() {
        let doc = Document::parse("Headline\nBy A B\nBody text.");
        assert_eq!(doc.paragraphs.len(), 3);
        let doc = Document::parse("Wrapped line\ncontinues here.\n\nSecond.");
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.text(doc.paragraphs[0].span), "Wrapped line\ncontinues here.");
    }

    #[test]
    fn every_token_on_char_boundaries() {
        for text in ["'’‘“\"", "a'’", "-.-,:'", "x\u{200D}y 👩‍👩‍👧 ok.", "..'.'", "’s", "n't"] {
            let doc = Document::parse(text);
            for t in &doc.tokens {
                assert!(text.get(t.span.range()).is_some_and(|s| !s.is_empty()), "{text:?} {t:?}");
            }
        }
    }
}
