//! The real news text the benches run on, shared by `benches/ner.rs` and `benches/analyze.rs`:
//! the two sample articles of the web page (`www/`) and the CoNLL-2003 dev set rebuilt as one text
//! (when `../shared/data` is present); [`conll_articles`] gives the dev set's 216 articles apart.

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
