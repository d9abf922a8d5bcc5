//! Gazetteers: first names, surnames, places (countries and cities), nationalities, organisation
//! suffixes and news outlets, as lowercase phrase lists built by `train-ner --lexicons` from
//! `../shared/data/lexicons` (see `data/README.md`) and embedded in the binary.
//!
//! A phrase is matched token by token (with the same tokenizer as the text), so "new york" matches
//! the two tokens `New York` whatever their case. Lookup is by hash: no string is allocated.


use std::sync::OnceLock;

use super::hash::{hash_lower_exact, mix, HashMap64, HashSet64};
use crate::segment::tokenize;

/// The gazetteer categories, in the order of [`Lexicons::match_sentence`]'s output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    FirstName = 0,
    Surname = 1,
    Place = 2,
    Nationality = 3,
    OrgSuffix = 4,
    Outlet = 5,
}

/// Number of categories.
pub const NCAT: usize = 6;

/// Category names, also the file stems under `data/lexicons/`.
pub const CATEGORY_NAMES: [&str; NCAT] = ["first", "last", "place", "nationality", "orgsuffix", "outlet"];

/// Longest phrase, in tokens, that is kept.
pub const MAX_PHRASE: usize = 6;

/// Position of a token in a lexicon match: 0 none, then Begin, Inside, Last, Unit.
pub type Position = u8;
pub const POS_B: Position = 1;
pub const POS_I: Position = 2;
pub const POS_L: Position = 3;
pub const POS_U: Position = 4;

/// The phrase tables.
#[derive(Debug, Default)]
pub struct Lexicons {
    /// Hash of a whole phrase -> bit set of categories.
    phrases: HashMap64<u8>,
    /// Hashes of every proper prefix of a multi-token phrase.
    prefixes: HashSet64,
}

/// Folds a token's lowercase hash into a phrase hash.
#[inline]
fn extend(h: u64, token_hash: u64) -> u64 {
    mix(h, token_hash)
}

const PHRASE_SEED: u64 = 0x51_7cc1_b727_220a;

impl Lexicons {
    /// Builds the tables from one newline-separated list per category (in [`CATEGORY_NAMES`]
    /// order). Blank lines and lines starting with `#` are ignored.
    pub fn from_lists(lists: &[&str; NCAT]) -> Lexicons {
        let mut lex = Lexicons::default();
        for (cat, list) in lists.iter().enumerate() {
            for line in list.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let toks = tokenize(line);
                if toks.is_empty() || toks.len() > MAX_PHRASE {
                    continue;
                }
                let mut h = PHRASE_SEED;
                for (k, t) in toks.iter().enumerate() {
                    h = extend(h, hash_lower_exact(t.span.slice(line)));
                    if k + 1 < toks.len() {
                        lex.prefixes.insert(h);
                    }
                }
                *lex.phrases.entry(h).or_insert(0) |= 1 << cat;
            }
        }
        lex
    }

    /// The lexicons embedded in the library.
    pub fn embedded() -> &'static Lexicons {
        static LEX: OnceLock<Lexicons> = OnceLock::new();
        LEX.get_or_init(|| {
            Lexicons::from_lists(&[
                include_str!("../../data/lexicons/first.txt"),
                include_str!("../../data/lexicons/last.txt"),
                include_str!("../../data/lexicons/place.txt"),
                include_str!("../../data/lexicons/nationality.txt"),
                include_str!("../../data/lexicons/orgsuffix.txt"),
                include_str!("../../data/lexicons/outlet.txt"),
            ])
        })
    }

    /// Categories of the phrase made of these token hashes (from [`hash_lower_exact`]).
    pub fn lookup_hashes(&self, token_hashes: &[u64]) -> u8 {
        let h = token_hashes.iter().fold(PHRASE_SEED, |h, &t| extend(h, t));
        self.phrases.get(&h).copied().unwrap_or(0)
    }

    /// Categories of a phrase given as text (tokenized like the lexicon entries).
    ///
    /// ```
    /// use article_analyzer::entities::lexicon::{Lexicons, Category};
    /// let lex = Lexicons::from_lists(&["", "", "new york\nfrance", "french", "", ""]);
    /// assert_eq!(lex.lookup("New York"), 1 << Category::Place as u8);
    /// assert_eq!(lex.lookup("New"), 0);
    /// ```
    pub fn lookup(&self, phrase: &str) -> u8 {
        // A run of ASCII letters is always exactly one token (nothing to split or peel: tested in
        // `one_word_lookup_is_one_token`), so most mentions need no tokenizer and no allocation.
        if !phrase.is_empty() && phrase.bytes().all(|b| b.is_ascii_alphabetic()) {
            return self.lookup_hashes(&[hash_lower_exact(phrase)]);
        }
        // Runs of ASCII letters separated by spaces: the tokenizer splits chunks at whitespace and
        // each run is one token, so the words are the tokens ("New York": no tokenizer, no vector).
        if phrase.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') {
            let h = phrase.split(' ').filter(|w| !w.is_empty()).fold(PHRASE_SEED, |h, w| extend(h, hash_lower_exact(w)));
            return self.phrases.get(&h).copied().unwrap_or(0);
        }
        let hashes: Vec<u64> = tokenize(phrase).iter().map(|t| hash_lower_exact(t.span.slice(phrase))).collect();
        self.lookup_hashes(&hashes)
    }

    /// The categories of a one-token phrase and whether the token starts a longer phrase (what
    /// [`Lexicons::match_sentence_with`] needs per token; callers cache it per word).
    pub fn word_info(&self, token_hash: u64) -> (u8, bool) {
        let h = extend(PHRASE_SEED, token_hash);
        (self.phrases.get(&h).copied().unwrap_or(0), self.prefixes.contains(&h))
    }

    /// For each token (given by its lowercase hash) and category, the token's position in the
    /// longest match starting leftmost. Linear in the number of tokens (phrases are at most
    /// [`MAX_PHRASE`] tokens).
    pub fn match_sentence(&self, token_hashes: &[u64]) -> Vec<[Position; NCAT]> {
        let info: Vec<(u8, bool)> = token_hashes.iter().map(|&h| self.word_info(h)).collect();
        self.match_sentence_with(token_hashes, &info)
    }

    /// [`Lexicons::match_sentence`] with each token's [`Lexicons::word_info`] given.
    pub fn match_sentence_with(&self, token_hashes: &[u64], info: &[(u8, bool)]) -> Vec<[Position; NCAT]> {
        let mut out = Vec::new();
        self.match_sentence_into(token_hashes, info, &mut out);
        out
    }

    /// [`Lexicons::match_sentence_with`] into `out` (cleared first; reusable between sentences).
    pub fn match_sentence_into(&self, token_hashes: &[u64], info: &[(u8, bool)], out: &mut Vec<[Position; NCAT]>) {
        let n = token_hashes.len().min(info.len());
        out.clear();
        out.resize(n, [0u8; NCAT]);
        // End (exclusive) of the match currently covering tokens, per category.
        let mut covered_to = [0usize; NCAT];
        for i in 0..n {
            let (single, is_prefix) = info[i];
            if single == 0 && !is_prefix {
                continue;
            }
            // Longest match length per category starting at i.
            let mut best = [0usize; NCAT];
            for (c, b) in best.iter_mut().enumerate() {
                if single & (1 << c) != 0 {
                    *b = 1;
                }
            }
            if is_prefix {
                let mut h = extend(PHRASE_SEED, token_hashes[i]);
                for (j, &th) in token_hashes.iter().enumerate().take(n.min(i + MAX_PHRASE)).skip(i + 1) {
                    h = extend(h, th);
                    if let Some(&cats) = self.phrases.get(&h) {
                        for (c, b) in best.iter_mut().enumerate() {
                            if cats & (1 << c) != 0 {
                                *b = j + 1 - i;
                            }
                        }
                    }
                    if !self.prefixes.contains(&h) {
                        break;
                    }
                }
            }
            for c in 0..NCAT {
                let len = best[c];
                if len == 0 || covered_to[c] > i {
                    continue;
                }
                covered_to[c] = i + len;
                if len == 1 {
                    out[i][c] = POS_U;
                } else {
                    out[i][c] = POS_B;
                    for slot in out.iter_mut().take(i + len - 1).skip(i + 1) {
                        slot[c] = POS_I;
                    }
                    out[i + len - 1][c] = POS_L;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(words: &[&str]) -> Vec<u64> {
        words.iter().map(|w| hash_lower_exact(w)).collect()
    }

    #[test]
    fn one_word_lookup_is_one_token() {
        // `lookup`'s shortcut: any run of ASCII letters tokenizes as exactly itself. Listed edge
        // cases (clitic-like and abbreviation-like letters), then pseudo-random mixed-case runs.
        let mut words: Vec<String> = ["I", "s", "A", "nt", "re", "ll", "USA", "McDonald", "Mt", "St", "vs", "etc", "Inc", "Jr"].map(String::from).to_vec();
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for n in 0..3000 {
            let w: String = (0..1 + n % 14)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    let c = b'a' + (x % 26) as u8;
                    (if x & 64 != 0 { c.to_ascii_uppercase() } else { c }) as char
                })
                .collect();
            words.push(w);
        }
        for w in &words {
            let t = tokenize(w);
            assert!(t.len() == 1 && t[0].span.slice(w) == w.as_str(), "{w:?}: {t:?}");
        }
        // Phrases of such words: the same categories as through the tokenizer.
        let lex = Lexicons::from_lists(&["", "", "new york\nfrance\nusa\nst louis", "french", "", ""]);
        let by_tokens = |p: &str| lex.lookup_hashes(&tokenize(p).iter().map(|t| hash_lower_exact(t.span.slice(p))).collect::<Vec<_>>());
        for p in ["New York", "new  york", " New York ", "St Louis", "Mt Inc Jr", "", " ", "a b c d e f g h"].iter().copied().chain(words.chunks(3).map(|c| c.join(" ")).collect::<Vec<_>>().iter().map(String::as_str)) {
            assert_eq!(lex.lookup(p), by_tokens(p), "{p:?}");
        }

        assert_eq!(lex.lookup("France"), 1 << Category::Place as u8);
        assert_eq!(lex.lookup("Usa"), 1 << Category::Place as u8);
        assert_eq!(lex.lookup("New York"), 1 << Category::Place as u8);
        assert_eq!(lex.lookup("French"), 1 << Category::Nationality as u8);
    }

    #[test]
    fn longest_match_positions() {
        let lex = Lexicons::from_lists(&["kim", "kim", "north korea\nkorea\nsouth korea", "korean\nnorth korean", "", ""]);
        let m = lex.match_sentence(&hashes(&["North", "Korean", "leader", "Kim", "visited", "South", "Korea"]));
        let place = Category::Place as usize;
        let nat = Category::Nationality as usize;
        assert_eq!(m[0][nat], POS_B);
        assert_eq!(m[1][nat], POS_L);
        assert_eq!(m[0][place], 0);
        assert_eq!(m[3][Category::FirstName as usize], POS_U);
        assert_eq!(m[3][Category::Surname as usize], POS_U);
        assert_eq!((m[5][place], m[6][place]), (POS_B, POS_L));
    }
}
