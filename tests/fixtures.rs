//! Fixture tests: caret drawings of quotations and attributions for real news sentences.
//!
//! Each `tests/fixtures/*.txt` file may start with a line `# layers: quotes attributions contents
//! entities` (any subset; default `quotes attributions`), then holds cases separated by a line
//! `=====`. A case is the input text, a line `-----`, and the expected drawing produced by
//! [`article_analyzer::snapshot::draw`]. `BLESS=1 cargo test --test fixtures` rewrites the
//! expectations from the current output (review the diff before committing).

use std::fs;
use std::path::Path;

use article_analyzer::snapshot::{draw, Layers};

const CASE_SEP: &str = "=====";
const EXPECT_SEP: &str = "-----";

fn parse_layers(line: &str) -> Option<Layers> {
    let rest = line.strip_prefix("# layers:")?;
    let mut l = Layers { entities: false, quotes: false, attributions: false, contents: false };
    for w in rest.split_whitespace() {
        match w {
            "entities" => l.entities = true,
            "quotes" => l.quotes = true,
            "attributions" => l.attributions = true,
            "contents" => l.contents = true,
            other => panic!("unknown layer {other:?}"),
        }
    }
    Some(l)
}

/// Runs one fixture file; returns the failures and the blessed file text.
fn run_file(path: &Path) -> (Vec<String>, String) {
    let raw = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (header, body) = match raw.split_once('\n') {
        Some((first, rest)) if first.starts_with("# layers:") => (Some(first.to_string()), rest.to_string()),
        _ => (None, raw.clone()),
    };
    let layers = header.as_deref().and_then(parse_layers).unwrap_or(Layers { entities: false, quotes: true, attributions: true, contents: false });
    let mut failures = Vec::new();
    let mut blessed_cases = Vec::new();
    for (n, case) in body.split(&format!("\n{CASE_SEP}\n")).enumerate() {
        let case = case.trim_start_matches('\n');
        if case.trim().is_empty() {
            continue;
        }
        let (input, expected) = match case.split_once(&format!("\n{EXPECT_SEP}\n")) {
            Some((i, e)) => (i, e.trim_end_matches('\n')),
            None => (case.strip_suffix(&format!("\n{EXPECT_SEP}")).unwrap_or(case.trim_end_matches('\n')), ""),
        };
        let analysis = article_analyzer::analyze(input);
        let got = draw(input, &analysis, layers);
        let got = got.trim_end_matches('\n');
        if got != expected {
            failures.push(format!("{} case {}:\n--- expected\n{expected}\n--- got\n{got}\n", path.display(), n + 1));
        }
        blessed_cases.push(format!("{input}\n{EXPECT_SEP}\n{got}\n"));
    }
    let mut blessed = String::new();
    if let Some(h) = header {
        blessed.push_str(&h);
        blessed.push('\n');
    }
    blessed.push_str(&blessed_cases.join(&format!("{CASE_SEP}\n")));
    (failures, blessed)
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bless = std::env::var_os("BLESS").is_some();
    let mut files: Vec<_> = fs::read_dir(&dir).expect("tests/fixtures").filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    files.sort();
    assert!(!files.is_empty(), "no fixture files");
    let mut failures = Vec::new();
    for f in &files {
        let (fails, blessed) = run_file(f);
        if bless {
            fs::write(f, blessed).expect("write fixture");
        } else {
            failures.extend(fails);
        }
    }
    assert!(failures.is_empty(), "{} fixture case(s) differ (BLESS=1 to update):\n{}", failures.len(), failures.join("\n"));
}
