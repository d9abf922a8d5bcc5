//! Invariants of every analysis, over hostile fixed inputs and random Unicode (proptest):
//! spans in bounds and on char boundaries, sorted, attribution parts inside the text, indices valid,
//! and the UTF-16 conversion slicing exactly each span's text.

use article_analyzer::analyze;
use proptest::prelude::*;

fn check(text: &str) {
    let a = analyze(text);
    if let Err(e) = article_analyzer::validate::check(text, &a) {
        panic!("{e} for input {:?}", text.chars().take(200).collect::<String>());
    }
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
