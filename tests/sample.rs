//! The findings the end-to-end issue requires on the sample Reuters article (www/sample.txt,
//! a copy of ../shared/seeds/000_9846d1baebc47b4c.txt). Nothing here is hard-coded in the
//! analyzer: these are regression checks of what the model and rules find on real text.

use article_analyzer::{analyze, Analysis, Label, QuoteKind, SourceKind};

fn sample() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample.txt")).unwrap()
}

fn entity_texts(text: &str, a: &Analysis, label: Label) -> Vec<String> {
    a.entities.iter().filter(|e| e.label == label).map(|e| e.span.slice(text).to_string()).collect()
}

#[test]
fn people() {
    let text = sample();
    let a = analyze(&text);
    let people = entity_texts(&text, &a, Label::Person);
    for name in ["Kim Yo Jong", "Kim Jong Un", "Vladimir Putin", "Xi Jinping", "Volodymyr Zelenskiy", "Ju-min Park", "Josh Smith", "Jamie Freed"] {
        assert!(people.iter().any(|p| p == name), "missing PERSON {name:?}; found {people:?}");
    }
}

#[test]
fn organizations() {
    let text = sample();
    let a = analyze(&text);
    let orgs = entity_texts(&text, &a, Label::Org);
    for name in ["KCNA", "Reuters", "United Nations", "Security Council", "Dong-A Ilbo"] {
        assert!(orgs.iter().any(|p| p == name), "missing ORG {name:?}; found {orgs:?}");
    }
}

#[test]
fn countries_and_cities() {
    let text = sample();
    let a = analyze(&text);
    let places = entity_texts(&text, &a, Label::Gpe);
    for name in ["SEOUL", "Russia", "North Korea", "South Korea", "Ukraine", "Moscow", "Pyongyang", "Kharkiv", "China", "Washington", "Japan", "Kyiv"] {
        assert!(places.iter().any(|p| p == name), "missing GPE {name:?}; found {places:?}");
    }
}

#[test]
fn three_quotations() {
    let text = sample();
    let a = analyze(&text);
    let quoted: Vec<(&str, QuoteKind)> = a.quotes.iter().filter(|q| q.kind != QuoteKind::Indirect).map(|q| (q.span.slice(&text), q.kind)).collect();
    for want in ["theory", "most absurd theory", "intimidation in the military sphere"] {
        assert!(quoted.iter().any(|(q, _)| q.trim_matches(|c| c == '"' || c == '“' || c == '”') == want), "missing quotation {want:?}; found {quoted:?}");
    }
}

#[test]
fn sourcing_phrases() {
    let text = sample();
    let a = analyze(&text);
    // (phrase that must be covered by one attribution's cue and source, expected source kind)
    let cases: &[(&str, &[SourceKind])] = &[
        ("state media KCNA reported", &[SourceKind::StateMedia]),
        ("according to KCNA", &[SourceKind::StateMedia]),
        ("citing multiple government sources", &[SourceKind::Anonymous]),
        ("said in a statement", &[SourceKind::Official, SourceKind::Document]),
        ("in a report seen by Reuters", &[SourceKind::Document, SourceKind::International]),
        ("according to a joint statement", &[SourceKind::Document]),
    ];
    for (phrase, kinds) in cases {
        let at = text.find(phrase).unwrap();
        let phrase_span = article_analyzer::Span::new(at, at + phrase.len());
        // An attribution whose cue or source lies in the phrase and whose kind is as expected.
        let in_phrase = |s: Option<article_analyzer::Span>| s.is_some_and(|s| s.overlaps(phrase_span));
        let hit = a
            .attributions
            .iter()
            .filter(|att| in_phrase(att.cue) || in_phrase(att.source))
            .find(|att| att.source_kind.is_some_and(|k| kinds.contains(&k)));
        let Some(hit) = hit else {
            panic!("no attribution of kind {kinds:?} for {phrase:?}");
        };
        assert!(hit.cue.is_some(), "{phrase:?}: attribution without a cue");
    }
}
