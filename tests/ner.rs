//! End-to-end tests of the entity layer through `article_analyzer::analyze`: the sample Reuters
//! article (results come from the trained model, lexicons and document evidence) and hostile input.

use article_analyzer::{analyze, Analysis, Label};

fn sample_article() -> String {
    // `www/sample.txt` is the committed copy of the Reuters sample (`../shared/seeds/000_*.txt`,
    // byte for byte), so the test does not depend on where the checkout sits.
    include_str!("../www/sample.txt").to_string()
}

fn texts_with(a: &Analysis, text: &str, label: Label) -> Vec<String> {
    a.entities.iter().filter(|e| e.label == label).map(|e| e.span.slice(text).to_string()).collect()
}

#[test]
fn sample_article_people_orgs_places_and_nationalities() {
    let text = sample_article();
    let a = analyze(&text);
    let table: &[(Label, &[&str])] = &[
        (Label::Person, &["Kim Yo Jong", "Kim Jong Un", "Vladimir Putin", "Xi Jinping", "Volodymyr Zelenskiy", "Ju-min Park", "Josh Smith", "Jamie Freed"]),
        (Label::Org, &["KCNA", "Reuters", "United Nations", "Security Council", "Dong-A Ilbo"]),
        (Label::Gpe, &["SEOUL", "Russia", "U.S.", "South Korea", "North Korea", "Ukraine", "Moscow", "Pyongyang", "United States", "Kharkiv", "China", "Washington", "Japan", "Kyiv"]),
        (Label::Norp, &["North Korean", "Russian", "Ukrainian", "Chinese", "South Korean"]),
    ];
    for (label, want) in table {
        let found = texts_with(&a, &text, *label);
        for w in *want {
            assert!(found.iter().any(|f| f == w), "{w:?} not found as {label:?}; found {found:?}");
        }
    }
}

#[test]
fn sample_article_clusters() {
    let text = sample_article();
    let a = analyze(&text);
    let cluster_of = |s: &str| {
        a.entities.iter().find(|e| e.span.slice(&text) == s).and_then(|e| e.cluster).unwrap_or_else(|| panic!("{s:?} has no cluster"))
    };
    let putin = cluster_of("Vladimir Putin");
    assert_eq!(cluster_of("Putin"), putin);
    assert_eq!(a.clusters[putin].canonical, "Vladimir Putin");
    assert_eq!(cluster_of("U.S."), cluster_of("United States"));
    assert_ne!(cluster_of("Kim Yo Jong"), cluster_of("Kim Jong Un"));
    // "Kim Jong Un's visit": the possessive is not part of the name, so both mentions cluster.
    let kju: Vec<_> = a.entities.iter().filter(|e| e.span.slice(&text) == "Kim Jong Un").map(|e| e.cluster).collect();
    assert_eq!(kju.len(), 2, "both mentions of Kim Jong Un");
    assert!(kju.iter().all(|c| *c == kju[0]));
    assert!(a.entities.iter().all(|e| e.label != Label::Person || !e.span.slice(&text).ends_with("'s")));
    // Every mention index points back at an entity of that cluster.
    for (c, cl) in a.clusters.iter().enumerate() {
        for &m in &cl.mentions {
            assert_eq!(a.entities[m].cluster, Some(c));
        }
    }
}

fn check_spans(text: &str) {
    let a = analyze(text);
    let mut last = 0;
    for e in &a.entities {
        assert!(e.span.start < e.span.end && e.span.end <= text.len(), "{:?}", e.span);
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        assert!(e.span.start >= last, "entities sorted and disjoint");
        assert!((0.0..=1.0).contains(&e.confidence));
        last = e.span.end;
    }
    for cl in &a.clusters {
        assert!(cl.mentions.iter().all(|&m| m < a.entities.len()));
    }
}

#[test]
fn hostile_inputs_give_valid_spans() {
    let sample = sample_article();
    let cases: Vec<String> = vec![
        String::new(),
        " \n\n \t".into(),
        sample.to_uppercase(),
        sample.chars().filter(|c| c.is_alphanumeric() || c.is_whitespace()).collect(),
        "x".repeat(100_000),
        "Kim".repeat(40_000),
        "北朝鮮の金与正氏は、ロシアとの武器取引を否定した。 김여정 부부장은 러시아와의 무기 거래를 부인했다.".repeat(50),
        "Путин и Ким Чен Ын встретились в Амурской области. Zelenskiy said".repeat(20),
        "\"\"\"'''(((()))) - -- ... U.S. U.S. Kim Kim Kim".repeat(500),
        "a👩‍👩‍👧é中\r\nZ".repeat(300),
        (0..20_000).map(|i| if i % 7 == 0 { "Smith " } else { "word " }).collect(),
    ];
    for c in &cases {
        check_spans(c);
    }
}

#[test]
fn all_caps_and_unpunctuated_text_still_finds_names() {
    let text = "SEOUL (Reuters) - North Korean leader Kim Jong Un met Russian President Vladimir Putin in Moscow";
    let caps = text.to_uppercase();
    let a = analyze(&caps);
    let people = texts_with(&a, &caps, Label::Person);
    assert!(people.iter().any(|p| p.contains("PUTIN")), "{people:?}");
    let bare = "north korean leader Kim Jong Un met Vladimir Putin in Moscow on Friday and said nothing";
    let b = analyze(bare);
    assert!(texts_with(&b, bare, Label::Person).iter().any(|p| p == "Vladimir Putin"));
}
