//! The real news text the benches run on, shared by `benches/ner.rs` and `benches/analyze.rs`:
//! the two sample articles of the web page (`www/`) and the CoNLL-2003 dev set rebuilt as one text
//! (when `../shared/data` is present); [`conll_articles`] gives the dev set's 216 articles apart, and
//! [`polnear_articles`] the 84 PolNeAR dev articles (political news of 2016 with their original
//! punctuation, quotation marks and paragraphs, as a user pastes them).

use article_analyzer::entities::eval::parse_conll;

pub fn texts() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (name, path) in [("sample", "www/sample.txt"), ("sample-revised", "www/sample-revised.txt")] {
        if let Ok(t) = std::fs::read_to_string(path) {
            out.push((name, t));
        }
    }
    let articles = conll_articles();
    if !articles.is_empty() {
        // One text of all dev documents, separated by blank lines.
        out.push(("conll-dev", articles.join("\n\n")));
    }
    out
}

/// The CoNLL-2003 dev set's documents (216 Reuters articles) as separate texts, as a user would
/// paste them one at a time (empty when `../shared/data` is absent).
pub fn conll_articles() -> Vec<String> {
    match std::fs::read_to_string("../shared/data/ner/conll2003/valid.txt") {
        Ok(t) => parse_conll(&t).into_iter().map(|d| d.text).collect(),
        Err(_) => Vec::new(),
    }
}

/// The PolNeAR dev split's 84 news articles as separate texts, in file-name order (empty when
/// `../shared/data` is absent). Unlike the CoNLL text, rebuilt from tokens and rich in sports
/// tables, these keep the layout and punctuation of the published articles.
pub fn polnear_articles() -> Vec<String> {
    let Ok(dir) = std::fs::read_dir("../shared/data/attribution/polnear/dev/text") else { return Vec::new() };
    let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}
