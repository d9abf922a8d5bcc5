//! Invariants of every analysis, over hostile fixed inputs and random Unicode (proptest):
//! spans in bounds and on char boundaries, sorted, attribution parts inside the text, indices valid,
//! and the UTF-16 conversion slicing exactly each span's text.

use article_analyzer::output::{report, OffsetUnit};
use article_analyzer::{analyze, Analysis, Span};
use proptest::prelude::*;

fn check_span(text: &str, s: Span) {
    assert!(s.start <= s.end && s.end <= text.len(), "span {s:?} out of bounds ({})", text.len());
    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "span {s:?} splits a char");
}

fn check(text: &str) -> Analysis {
    let a = analyze(text);
    for e in &a.entities {
        check_span(text, e.span);
        assert!(!e.span.is_empty());
        if let Some(c) = e.cluster {
            assert!(c < a.clusters.len());
        }
    }
    assert!(a.entities.windows(2).all(|w| w[0].span.start <= w[1].span.start), "entities sorted");
    for q in &a.quotes {
        check_span(text, q.span);
        if let Some(i) = q.attribution {
            assert!(i < a.attributions.len());
        }
    }
    assert!(a.quotes.windows(2).all(|w| w[0].span.start <= w[1].span.start), "quotes sorted");
    for at in &a.attributions {
        for s in [at.cue, at.source, at.content].into_iter().flatten() {
            check_span(text, s);
        }
        if let Some(v) = at.via {
            assert!(v < a.attributions.len());
        }
        if let Some(c) = at.speaker {
            assert!(c < a.clusters.len());
        }
    }
    for c in &a.clusters {
        assert!(c.mentions.iter().all(|&m| m < a.entities.len()));
    }
    // UTF-16 offsets slice exactly the span text.
    let units: Vec<u16> = text.encode_utf16().collect();
    let r = report(text, &a, OffsetUnit::Utf16);
    for (start, end, t) in r.entities.iter().map(|e| (e.start, e.end, &e.text)).chain(r.quotes.iter().map(|q| (q.start, q.end, &q.text))) {
        assert_eq!(&String::from_utf16(&units[start..end]).unwrap(), t);
    }
    for at in &r.attributions {
        for s in [&at.cue, &at.source, &at.content].into_iter().flatten() {
            assert_eq!(String::from_utf16(&units[s.start..s.end]).unwrap(), s.text);
        }
    }
    a
}

#[test]
fn hostile_inputs() {
    let big_word = "x".repeat(200_000);
    let quotes = "\"".repeat(10_000) + &"“".repeat(5_000) + &"'".repeat(5_000);
    let no_breaks = "Kim said the sky is \"blue\" on Friday, according to KCNA. ".repeat(5_000);
    let nested = "“‘«".repeat(3_000) + "word" + &"»’”".repeat(3_000);
    let caps = "SEOUL (REUTERS) - KIM YO JONG SAID ON FRIDAY THAT NORTH KOREA WOULD NOT SELL ARMS. ".repeat(100);
    let inputs: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\n".repeat(10_000),
        "\r\n\r\n".repeat(1_000),
        big_word,
        quotes,
        no_breaks,
        nested,
        caps,
        "مرحبا قال الوزير «لن نتراجع» يوم الثلاثاء".into(),
        "\u{200D}\u{200D}a\u{200D}'\u{200D}\"\u{200F}".repeat(1000),
        "北京市长说：“我们不会退缩。”".repeat(500),
        "e\u{301}\u{301}\u{301} 👩‍👩‍👧‍👦 🇰🇷 ".repeat(1000),
        "$$$ %%% 1,,,,2 ...... ---- '''s n't ’’’ Jan. Jan. Jan.".repeat(300),
    ];
    for text in &inputs {
        check(text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn random_unicode(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn random_news_like(parts in proptest::collection::vec(prop_oneof![
        Just("Kim"), Just("said"), Just("\""), Just("“"), Just("”"), Just("‘"), Just("’"), Just("'"),
        Just("according to"), Just("KCNA"), Just(","), Just("."), Just("\n"), Just("\n\n"), Just("Jan."),
        Just("2"), Just("$"), Just("%"), Just("the minister"), Just("told"), Just("Reuters"), Just("on Friday"),
        Just("👩‍👩‍👧"), Just("e\u{301}"), Just("\r\n"), Just("By"), Just("(Reporting by"), Just(")"), Just("citing"),
        Just("sources"), Just("«"), Just("»"), Just("U.S."), Just("he"), Just("She"), Just("-"), Just("—"),
    ], 0..80)) {
        let text = parts.join(" ");
        check(&text);
    }
}
