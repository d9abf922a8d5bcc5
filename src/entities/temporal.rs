//! Rule-based temporal and numeric expressions: DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL and
//! CARDINAL, OntoNotes-style.
//!
//! The rules work on tokens, one sentence at a time, greedily from left to right: at each token the
//! longest matching pattern wins, so "January 2, 2024" is one DATE and "1950 to 1953" is one DATE.
//!
//! ```
//! use article_analyzer::segment::Document;
//! use article_analyzer::entities::temporal;
//! let text = "On Jan. 2 it cost $5 million, up 3% from last year, and two ships left at 3 p.m.";
//! let doc = Document::parse(text);
//! let found: Vec<(&str, &str)> = temporal::find(&doc).iter()
//!     .map(|e| (doc.text(e.span), e.label.as_str())).collect();
//! assert_eq!(found, vec![("Jan. 2", "DATE"), ("$5 million", "MONEY"), ("3%", "PERCENT"),
//!     ("last year", "DATE"), ("two", "CARDINAL"), ("3 p.m.", "TIME")]);
//! ```

use std::sync::OnceLock;

use super::features::Atoms;
use super::hash::{hash_lower_exact, HashMap64};
use super::push_lower;

use crate::segment::{Document, TokenKind};
use crate::{Entity, Label, Span};

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
];
/// Month abbreviations without a period (Reuters' "Nov 22"), a month only before a day or a year
/// ("Jan Smith" is a name).
const MONTH_ABBRS: &[&str] = &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const DAY_WORDS: &[&str] = &["today", "yesterday", "tomorrow", "weekend"];
const PERIODS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades", "century", "centuries",
    "quarter", "quarters", "season", "summer", "winter", "spring", "autumn", "fall", "weekend", "morning", "afternoon",
    "evening", "night",
];
const RELATIVE: &[&str] = &["last", "next", "this", "past", "previous", "coming", "earlier", "later", "same", "following"];
const TIME_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night", "tonight", "noon", "midnight", "overnight"];
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen",
    "hundreds", "thousands", "millions", "billions", "dozens", "half",
];
const SCALES: &[&str] = &["hundred", "thousand", "million", "billion", "trillion", "mln", "bln", "m", "bn", "k"];
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "twentieth", "hundredth",
];
const CURRENCY_WORDS: &[&str] = &[
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "yen", "yuan", "won", "rouble", "roubles", "ruble",
    "rubles", "rupee", "rupees", "francs", "pesos", "cents", "sterling",
];
const CURRENCY_SYMBOLS: &[&str] = &["$", "€", "£", "¥", "₩", "₽", "₹", "US$", "HK$", "A$", "C$", "S$"];
const UNITS: &[&str] = &[
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "metre", "meter",
    "feet", "foot", "inches", "kg", "kilograms", "kilos", "tons", "tonnes", "ton", "tonne", "pounds", "barrels",
    "litres", "liters", "gallons", "acres", "hectares", "square", "cubic", "mm", "cm", "degrees", "megawatts", "mw",
    "gigawatts", "bpd",
];
const YEAR_CUES: &[&str] = &["in", "since", "by", "from", "until", "till", "of", "before", "after", "during", "early", "late", "mid", "through", "to", "year", "between"];

/// Word-list membership bits of a lowercase token ([`word_flags`]).
const F_MONTH: u16 = 1;
const F_WEEKDAY: u16 = 1 << 1;
const F_DAY_WORD: u16 = 1 << 2;
const F_PERIOD: u16 = 1 << 3;
const F_RELATIVE: u16 = 1 << 4;
const F_TIME_OF_DAY: u16 = 1 << 5;
const F_NUMBER_WORD: u16 = 1 << 6;
const F_SCALE: u16 = 1 << 7;
const F_ORDINAL: u16 = 1 << 8;
const F_CURRENCY_WORD: u16 = 1 << 9;
const F_UNIT: u16 = 1 << 10;
const F_YEAR_CUE: u16 = 1 << 11;
const F_MONTH_ABBR: u16 = 1 << 12;

/// The word lists and their bits.
const LISTS: [(&[&str], u16); 13] = [
    (MONTHS, F_MONTH),
    (WEEKDAYS, F_WEEKDAY),
    (DAY_WORDS, F_DAY_WORD),
    (PERIODS, F_PERIOD),
    (RELATIVE, F_RELATIVE),
    (TIME_OF_DAY, F_TIME_OF_DAY),
    (NUMBER_WORDS, F_NUMBER_WORD),
    (SCALES, F_SCALE),
    (ORDINALS, F_ORDINAL),
    (CURRENCY_WORDS, F_CURRENCY_WORD),
    (UNITS, F_UNIT),
    (YEAR_CUES, F_YEAR_CUE),
    (MONTH_ABBRS, F_MONTH_ABBR),
];

/// The bits of the lists whose words can start an expression (the others only matter next to
/// such a word: a year cue before a year, a period or unit after a number, ...).
const F_STARTS: u16 = F_MONTH | F_MONTH_ABBR | F_WEEKDAY | F_DAY_WORD | F_RELATIVE | F_TIME_OF_DAY | F_NUMBER_WORD | F_ORDINAL;

/// Lowercase hash ([`hash_lower_exact`]) of a listed word -> the bits of the lists it belongs to.
fn word_table() -> &'static HashMap64<u16> {
    static TABLE: OnceLock<HashMap64<u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap64::default();
        for (list, bit) in LISTS {
            for w in list {
                *map.entry(hash_lower_exact(w)).or_insert(0) |= bit;
            }
        }
        map
    })
}

/// The list bits of a token given its lowercase hash ([`hash_lower_exact`], which the tagger
/// computes anyway): one hash lookup instead of a scan of every list.
fn word_flags(lower_hash: u64) -> u16 {
    word_table().get(&lower_hash).copied().unwrap_or(0)
}

fn starts_upper(s: &str) -> bool {
    s.starts_with(|c: char| c.is_uppercase())
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A number token: "5", "1,000", "3.5", "1950s".
fn is_numeric(s: &str) -> bool {
    let mut seen_digit = false;
    for (i, c) in s.char_indices() {
        match c {
            '0'..='9' => seen_digit = true,
            ',' | '.' if i > 0 && i + 1 < s.len() => {}
            _ => return false,
        }
    }
    seen_digit
}

fn is_year(s: &str) -> bool {
    is_digits(s) && s.len() == 4 && matches!(s.parse::<u32>(), Ok(1000..=2199))
}

fn is_day(s: &str) -> bool {
    is_digits(s) && s.len() <= 2 && matches!(s.parse::<u32>(), Ok(1..=31))
}

/// An ordinal given its lowercase form and list bits: "third", "21st".
fn is_ordinal(l: &str, flags: u16) -> bool {
    if flags & F_ORDINAL != 0 {
        return true;
    }
    let digits = l.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &l[digits.len()..];
    is_digits(digits) && matches!(suffix, "st" | "nd" | "rd" | "th")
}

/// What the rules need of each distinct word of a document, computed once per word rather than
/// per token (a text repeats most of its words): list bits, lowercase form, and whether a rule
/// can start at it. A word the tagger knows ([`KnownTypes`]) reads the data computed at load.
#[derive(Default)]
struct WordTypes<'v> {
    /// [`word_flags`] of each word.
    flags: Vec<u16>,
    /// Whether a rule can start at the word ([`may_start`] without the token kind).
    starts: Vec<bool>,
    /// Lowercase forms of the words that have capitals, concatenated.
    low: String,
    /// Where each word's lowercase form is.
    low_at: Vec<Lower>,
    /// The known words' data ([`Lower::Known`]).
    known: Option<&'v WordTypes<'static>>,
}

/// Where a word's lowercase form is.
#[derive(Clone, Copy)]
enum Lower {
    /// The document's text `a..b` (a word without capitals is its own lowercase form).
    Text(u32, u32),
    /// [`WordTypes::low`]`[a..b]`.
    Own(u32, u32),
    /// That of known word `k` ([`WordTypes::known`]).
    Known(u32),
}

/// The rules' data of the tagger's known words (`data/words.txt`), computed once with the
/// tagger's vocabulary: a document's known words copy it instead of lowercasing and looking up
/// their strings.
pub struct KnownTypes(WordTypes<'static>);

impl KnownTypes {
    /// The data of `words`, numbered in order (as [`super::features::KnownWords`] numbers them).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> KnownTypes {
        let mut ty = WordTypes::default();
        for w in words {
            let start = ty.low.len() as u32;
            push_lower(w, &mut ty.low);
            ty.low_at.push(Lower::Own(start, ty.low.len() as u32));
            let flags = word_flags(hash_lower_exact(w));
            ty.flags.push(flags);
            ty.starts.push(may_start(w, flags, None));
        }
        KnownTypes(ty)
    }
}

/// The tagger's data about a document's tokens that the rules read: per token its word number
/// and lowercase hash ([`Atoms::id`], [`Atoms::exact`], the only fields read: equal strings,
/// equal numbers, dense from 0 in order of first occurrence), and per word number its index
/// among the known words ([`super::features::DocAtoms::known`], `u32::MAX` if none) with their
/// data.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub atoms: &'a [Atoms],
    pub known: &'a [u32],
    pub types: Option<&'a KnownTypes>,
}

impl<'v> WordTypes<'v> {
    /// The words of `toks`, where `words.atoms[k]` holds token `k`'s word number and lowercase
    /// hash (see [`Words`]).
    fn new(doc: &Document, toks: &[crate::segment::Token], words: Words<'v>) -> WordTypes<'v> {
        let known = words.types.map(|k| &k.0);
        let mut ty = WordTypes { known, ..WordTypes::default() };
        // A guess (an article has about one distinct word per two tokens); the vectors grow if
        // needed.
        let n = toks.len() / 2 + 1;
        ty.low.reserve(4 * n);
        ty.flags.reserve(n);
        ty.starts.reserve(n);
        ty.low_at.reserve(n);
        // A word's first token adds it (numbers are dense: the next number is the next word; a
        // number out of order, never from the callers, stays without data and reads as empty).
        for (t, a) in toks.iter().zip(words.atoms) {
            let (id, lower_hash) = (a.id, a.exact);
            if id as usize != ty.flags.len() {
                continue;
            }
            let k = words.known.get(id as usize).copied().unwrap_or(u32::MAX);
            if let Some((&flags, &starts)) = known.and_then(|kt| Some((kt.flags.get(k as usize)?, kt.starts.get(k as usize)?))) {
                ty.flags.push(flags);
                ty.starts.push(starts);
                ty.low_at.push(Lower::Known(k));
                continue;
            }
            let w = doc.text(t.span);
            let at = if w.bytes().any(|b| b.is_ascii_uppercase()) || !w.is_ascii() {
                let start = ty.low.len() as u32;
                push_lower(w, &mut ty.low);
                Lower::Own(start, ty.low.len() as u32)
            } else {
                Lower::Text(t.span.start as u32, t.span.end as u32)
            };
            let flags = word_flags(lower_hash);
            ty.flags.push(flags);
            ty.starts.push(may_start(w, flags, None));
            ty.low_at.push(at);
        }
        ty
    }

    /// The lowercase form of word `id`.
    fn lower<'a>(&'a self, doc: &Document<'a>, id: u32) -> &'a str {
        match self.low_at.get(id as usize) {
            Some(&Lower::Text(a, b)) => doc.source.get(a as usize..b as usize).unwrap_or(""),
            Some(&Lower::Own(a, b)) => self.low.get(a as usize..b as usize).unwrap_or(""),
            Some(&Lower::Known(k)) => self.known.map_or("", |kt| kt.lower(doc, k)),
            None => "",
        }
    }
}

/// Token view of one sentence: its tokens and their words' [`WordTypes`].
struct Sent<'a> {
    doc: &'a Document<'a>,
    toks: &'a [crate::segment::Token],
    /// Per token, its word number and lowercase hash ([`Atoms::id`], [`Atoms::exact`]).
    words: &'a [Atoms],
    ty: &'a WordTypes<'a>,
}

impl<'a> Sent<'a> {
    fn len(&self) -> usize {
        self.toks.len().min(self.words.len())
    }
    fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| self.doc.text(t.span))
    }
    fn lw(&self, i: usize) -> &'a str {
        self.words.get(i).map_or("", |a| self.ty.lower(self.doc, a.id))
    }
    fn flags(&self, i: usize) -> u16 {
        self.words.get(i).and_then(|a| self.ty.flags.get(a.id as usize)).copied().unwrap_or(0)
    }
    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }
    fn has(&self, i: usize, bits: u16) -> bool {
        self.flags(i) & bits != 0
    }
    fn month(&self, i: usize) -> bool {
        // "May" the month vs "may" the verb: only capitalised forms count.
        (self.has(i, F_MONTH) || self.has(i, F_MONTH_ABBR) && (is_day(self.w(i + 1)) || is_year(self.w(i + 1)))) && starts_upper(self.w(i))
    }
    fn number_word(&self, i: usize) -> bool {
        self.has(i, F_NUMBER_WORD)
    }
    fn number(&self, i: usize) -> bool {
        self.number_word(i) || is_numeric(self.w(i))
    }
    fn ordinal(&self, i: usize) -> bool {
        is_ordinal(self.lw(i), self.flags(i))
    }
    /// Whether a rule can start at token `i` (its word's [`WordTypes::starts`] or a number token).
    fn may_start(&self, i: usize) -> bool {
        self.words.get(i).and_then(|a| self.ty.starts.get(a.id as usize)).copied().unwrap_or(false) || self.kind(i) == Some(TokenKind::Number)
    }
}

/// Length in tokens of a number phrase starting at `i` ("5", "5.5 million", "two hundred", "1,000").
fn number_len(s: &Sent, i: usize) -> usize {
    if !s.number(i) {
        return 0;
    }
    let mut j = i + 1;
    while j < s.len() && (s.has(j, F_SCALE) || (s.number_word(j) && s.number_word(j - 1))) {
        j += 1;
    }
    // "5-6" style ranges are single tokens already; "one and a half" is rare: not handled.
    j - i
}

/// The longest match at token `i`: (token count, label).
fn match_at(s: &Sent, i: usize) -> Option<(usize, Label)> {
    if !s.may_start(i) {
        return None;
    }
    rules(s, i)
}

/// The rules of [`match_at`], without its pre-filter.
fn rules(s: &Sent, i: usize) -> Option<(usize, Label)> {
    let w = s.w(i);
    let lw = s.lw(i);
    let n = s.len();
    let flags = s.flags(i);
    let symbol = is_symbol(w);

    // MONEY: "$5 million", "US$ 3", "5 million dollars", "5 yuan"
    if symbol {
        let k = number_len(s, i + 1);
        if k > 0 {
            return Some((1 + k, Label::Money));
        }
    }
    let num = number_len(s, i);
    if num > 0 {
        let after = s.lw(i + num);
        if s.has(i + num, F_CURRENCY_WORD) && (after != "won" || is_numeric(w)) {
            return Some((num + 1, Label::Money));
        }
        // PERCENT: "5%", "5 percent", "5 per cent"
        if after == "%" || after == "percent" || after == "pct" {
            return Some((num + 1, Label::Percent));
        }
        if after == "per" && s.lw(i + num + 1) == "cent" {
            return Some((num + 2, Label::Percent));
        }
        // TIME: "3 p.m.", "10:30 am"
        if matches!(after, "a.m." | "p.m." | "am" | "pm" | "gmt" | "utc" | "a.m" | "p.m") && is_numeric(w) {
            return Some((num + 1, Label::Time));
        }
        // QUANTITY: "5 km", "3 million barrels"
        if s.has(i + num, F_UNIT) {
            let extra = if (after == "square" || after == "cubic") && s.has(i + num + 1, F_UNIT) { 2 } else { 1 };
            return Some((num + extra, Label::Quantity));
        }
        // TIME: "12 hours", "30 minutes"
        if matches!(after, "hour" | "hours" | "minute" | "minutes" | "seconds") {
            return Some((num + 1, Label::Time));
        }
        // DATE: "5 years ago", "two weeks", "10 days"
        if s.has(i + num, F_PERIOD) && after != "night" {
            let mut k = num + 1;
            if matches!(s.lw(i + k), "ago" | "earlier" | "later") {
                k += 1;
            }
            return Some((k, Label::Date));
        }
    }
    // TIME: "10:30"
    if s.kind(i) == Some(TokenKind::Number) {
        let b = w.as_bytes();
        if b.len() >= 4 && b.len() <= 5 && w.contains(':') && w.split(':').all(is_digits) {
            let k = if matches!(s.lw(i + 1), "a.m." | "p.m." | "am" | "pm") { 2 } else { 1 };
            return Some((k, Label::Time));
        }
    }
    // DATE: "2 January 2024", "2 January"
    if is_day(w) && s.month(i + 1) {
        let k = if is_year(s.w(i + 2)) { 3 } else { 2 };
        return Some((k, Label::Date));
    }
    // DATE: "January 2, 2024", "Jan. 2", "February 2022", "September"
    if s.month(i) {
        let next = s.w(i + 1);
        if is_day(next) || s.ordinal(i + 1) {
            if s.w(i + 2) == "," && is_year(s.w(i + 3)) {
                return Some((4, Label::Date));
            }
            if is_year(s.w(i + 2)) {
                return Some((3, Label::Date));
            }
            return Some((2, Label::Date));
        }
        if is_year(next) {
            return Some((2, Label::Date));
        }
        // A bare month name; "March" and "May" are ambiguous: require a preposition before.
        let prev = if i > 0 { s.lw(i - 1) } else { "" };
        if !matches!(lw, "march" | "may") || matches!(prev, "in" | "since" | "until" | "by" | "last" | "next" | "early" | "late" | "mid" | "this" | "of") {
            return Some((1, Label::Date));
        }
    }
    // DATE: weekdays, today/yesterday, "Thursday night" stays DATE "Thursday".
    if flags & F_WEEKDAY != 0 && starts_upper(w) {
        return Some((1, Label::Date));
    }
    if flags & F_DAY_WORD != 0 && lw != "weekend" {
        return Some((1, Label::Date));
    }
    // DATE: "last year", "the past two weeks", "earlier this month", "the last month"
    if flags & F_RELATIVE != 0 {
        let mut j = i + 1;
        if lw == "earlier" || lw == "later" {
            if s.lw(j) != "this" && s.lw(j) != "that" && s.lw(j) != "in" {
                return None;
            }
            j += 1;
            if s.lw(j) == "the" {
                j += 1;
            }
        }
        j += number_len(s, j);
        if j < n && s.has(j, F_PERIOD) {
            // "this morning" is a TIME; "last year", "the past two weeks" are DATEs.
            let label = if lw == "this" && s.has(j, F_TIME_OF_DAY) { Label::Time } else { Label::Date };
            return Some((j + 1 - i, label));
        }
        if s.has(j, F_WEEKDAY) || s.month(j) {
            return Some((j + 1 - i, Label::Date));
        }
    }
    if lw == "tonight" || lw == "midnight" || lw == "noon" {
        return Some((1, Label::Time));
    }
    // DATE: years and year ranges: "in 2022", "1950 to 1953", "1950-53", "the 1990s"
    if is_year(w) {
        if matches!(s.lw(i + 1), "to" | "-" | "–" | "and" | "through") && is_year(s.w(i + 2)) {
            return Some((3, Label::Date));
        }
        let prev = if i > 0 { s.lw(i - 1) } else { "" };
        let next = s.lw(i + 1);
        if (i > 0 && (s.has(i - 1, F_YEAR_CUE) || s.month(i - 1))) || next == "," || next == "." || i + 1 == n || prev == "," {
            return Some((1, Label::Date));
        }
    }
    if w.len() == 5 && w.ends_with('s') && is_year(&w[..4]) {
        return Some((1, Label::Date));
    }
    // ORDINAL
    if s.ordinal(i) {
        return Some((1, Label::Ordinal));
    }
    // CARDINAL: numbers not caught above; "one" only before a plural-looking word or digits.
    if num > 0 {
        if lw == "one" && !s.lw(i + 1).ends_with('s') {
            return None;
        }
        if lw == "half" {
            return None;
        }
        return Some((num, Label::Cardinal));
    }
    None
}

/// Whether a currency symbol. Every symbol ends with `$` or starts with a non-ASCII byte, so
/// most tokens are ruled out without a list scan.
fn is_symbol(w: &str) -> bool {
    w.len() <= 3 && (w.ends_with('$') || !w.is_ascii()) && CURRENCY_SYMBOLS.contains(&w)
}

/// Whether any rule can match starting at a token: every rule needs a word of a starting list
/// ([`F_STARTS`]), a digit, a number token or a currency symbol there.
fn may_start(w: &str, flags: u16, kind: Option<TokenKind>) -> bool {
    flags & F_STARTS != 0 || w.starts_with(|c: char| c.is_ascii_digit()) || kind == Some(TokenKind::Number) || is_symbol(w)
}

/// Finds temporal and numeric expressions in every sentence.
pub fn find(doc: &Document) -> Vec<Entity> {
    find_with_words(doc, Words { atoms: &plain_words(doc, &doc.tokens), known: &[], types: None })
}

/// Atoms for [`find_with_words`] computed here, without the tagger: each token its own word
/// (`id` = its index) with its lowercase hash; the other fields are left empty.
fn plain_words(doc: &Document, toks: &[crate::segment::Token]) -> Vec<Atoms> {
    toks.iter().enumerate().map(|(k, t)| Atoms { id: k as u32, exact: hash_lower_exact(doc.text(t.span)), ..Atoms::default() }).collect()
}

/// [`find`] given the tagger's data on the tokens ([`Words`]), so that the work on a word's
/// string is done once per distinct word (or at load, for a known word). Sentences where no rule
/// can start are skipped.
pub fn find_with_words(doc: &Document, words: Words) -> Vec<Entity> {
    let mut out = Vec::new();
    let ty = WordTypes::new(doc, &doc.tokens, words);
    let words = words.atoms;
    for sent in &doc.sentences {
        let (Some(toks), Some(words)) = (doc.tokens.get(sent.tokens.clone()), words.get(sent.tokens.clone())) else { continue };
        let s = Sent { doc, toks, words, ty: &ty };
        // Sentences where no rule can start are skipped; the others are matched from their first
        // token where one can ([`match_at`] tests the tokens after it).
        let Some(mut i) = (0..s.len()).find(|&i| s.may_start(i)) else { continue };
        while i < s.len() {
            match match_at(&s, i) {
                Some((k, label)) if k > 0 => {
                    let end = (i + k).min(s.len());
                    let mut start = i;
                    // "the last month", "the past two weeks": the determiner belongs to the date.
                    if label == Label::Date && i > 0 && s.lw(i - 1) == "the" && matches!(s.lw(i), "last" | "past" | "next" | "previous" | "coming" | "following") {
                        start = i - 1;
                    }
                    out.push(Entity { span: Span::new(toks[start].span.start, toks[end - 1].span.end), label, cluster: None, confidence: 1.0 });
                    i = end;
                }
                _ => i += 1,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, &'static str)> {
        let doc = Document::parse(text);
        find(&doc).iter().map(|e| (doc.text(e.span).to_string(), e.label.as_str())).collect()
    }

    #[test]
    fn flags() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("It invaded in February 2022.", &[("February 2022", "DATE")]),
            ("Their 1950 to 1953 conflict ended.", &[("1950 to 1953", "DATE")]),
            ("Over the last month, troops moved.", &[("the last month", "DATE")]),
            ("TOKYO, Nov 22 (Reuters) - Prices fell.", &[("Nov 22", "DATE")]),
            ("It began on Sept 3, 2024, in Seoul.", &[("Sept 3, 2024", "DATE")]),
            ("Jan Smith said so.", &[]),
            ("They vowed last year to deepen ties.", &[("last year", "DATE")]),
            ("Sanctions came on Thursday on two Russian individuals.", &[("Thursday", "DATE"), ("two", "CARDINAL")]),
            ("It landed in Kharkiv on Jan. 2 was.", &[("Jan. 2", "DATE")]),
            ("On January 2, 2024, it rained.", &[("January 2, 2024", "DATE")]),
            ("A visit in September ended.", &[("September", "DATE")]),
            ("Prices rose 4.5 percent to $1.2 billion.", &[("4.5 percent", "PERCENT"), ("$1.2 billion", "MONEY")]),
            ("It was his third visit in the 1990s.", &[("third", "ORDINAL"), ("1990s", "DATE")]),
            ("The talks began at 10:30 a.m. and lasted 12 hours.", &[("10:30 a.m.", "TIME"), ("12 hours", "TIME")]),
            ("Thousands of troops crossed 5 km of land.", &[("Thousands", "CARDINAL"), ("5 km", "QUANTITY")]),
            ("They paid 300 million won.", &[("300 million won", "MONEY")]),
        ];
        for (text, want) in cases {
            let got = run(text);
            let want: Vec<(String, &str)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn prefilter_drops_no_match() {
        // Every listed word outside the starting lists, in contexts that complete the rules
        // that look at it: no rule may start at it (the pre-filter only skips what fails anyway).
        let others: Vec<&str> = LISTS.iter().flat_map(|(l, _)| l.iter().copied()).filter(|w| word_flags(hash_lower_exact(w)) & F_STARTS == 0).collect();
        assert!(others.contains(&"in") && others.contains(&"year") && !others.contains(&"two"));
        for w in others {
            for case in [w.to_string(), format!("{w} 5 million"), format!("{w} 2020 ,"), format!("{w} year"), format!("{w} Monday"), format!("{w} January 5")] {
                for text in [case.clone(), case.to_uppercase()] {
                    let doc = Document::parse(&text);
                    let toks = &doc.tokens[..];
                    let words = plain_words(&doc, toks);
                    let ty = WordTypes::new(&doc, toks, Words { atoms: &words, known: &[], types: None });
                    let s = Sent { doc: &doc, toks, words: &words, ty: &ty };
                    assert_eq!(rules(&s, 0), None, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn currency_symbols_pass_the_prefilter() {
        for w in CURRENCY_SYMBOLS {
            assert!(w.len() <= 3 && (w.ends_with('$') || !w.is_ascii()), "{w}");
        }
    }

    #[test]
    fn does_not_flag() {
        for text in [
            "You may go now.",
            "They will march on.",
            "No one came.",
            "Hwasong-11 series missiles.",
            "He won the race.",
            "It was a half measure.",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
