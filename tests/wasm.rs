//! Tests of the wasm binding (`src/wasm.rs`), run by `wasm-bindgen-test-runner` in Node and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, in headless Chromium (see `scripts/test.sh`).
//!
//! The inputs are built as JavaScript strings from UTF-16 code units, so they can hold what a
//! page can pass and Rust cannot (lone surrogates). Every span offset is checked against the
//! ORIGINAL JavaScript string: `text.slice(start, end) === span.text`.
#![cfg(target_arch = "wasm32")]

use article_analyzer::wasm::{analyze, version};
use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A sentence with a direct quotation, a cue, a source and a date: every input contains it so that
/// the detectors produce spans next to the awkward characters.
const QUOTE: &str = "“We will not back down,” the minister told Reuters on Tuesday.";

/// A piece of a test input: UTF-8 text, or one raw UTF-16 code unit (for lone surrogates).
enum Part {
    S(&'static str),
    U(u16),
}
use Part::{S, U};

/// The inputs: the quotation sentence around emoji, flags, CJK, combining marks, CRLF and lone
/// surrogates, each also inside the quotation and inside names.
const CASES: &[(&str, &[Part])] = &[
    ("plain", &[S(QUOTE)]),
    ("family emoji (ZWJ sequence)", &[S("👩‍👩‍👧 "), S(QUOTE), S(" 👩‍👩‍👧 Kim Yo Jong said.")]),
    ("emoji inside the quote", &[S("“We will 👩‍👩‍👧 not back down,” the minister told Reuters on Tuesday. Kim 👩‍👩‍👧 said so.")]),
    ("flag", &[S("🇰🇷 "), S(QUOTE), S(" South Korea 🇰🇷 said on Friday.")]),
    ("CJK", &[S("北朝鮮の金与正氏。"), S(QUOTE), S(" 金与正 Kim Yo Jong said in Seoul.")]),
    ("combining marks", &[S("Cafe\u{301} owner Jose\u{301} Martí said. "), S(QUOTE), S(" e\u{301}e\u{301} Zoe\u{308} said.")]),
    ("CRLF", &[S("SEOUL (Reuters) -\r\n\r\n"), S(QUOTE), S("\r\nKim Yo Jong said on Friday.\r\n")]),
    ("lone high surrogate", &[U(0xD83D), S(" "), S(QUOTE), S(" Kim "), U(0xD800), S(" said.")]),
    ("lone low surrogate", &[S("Kim "), U(0xDC00), S(" said. "), S(QUOTE), U(0xDFFF)]),
    ("lone surrogate inside the quote", &[S("“We will "), U(0xD800), S(" not back down,” the minister told Reuters on Tuesday.")]),
    ("reversed surrogate pair", &[U(0xDE00), U(0xD83D), S(" "), S(QUOTE)]),
];

/// Builds the JavaScript string of a case.
fn js_string(parts: &[Part]) -> JsString {
    let mut units = Vec::new();
    for part in parts {
        match part {
            S(s) => units.extend(s.encode_utf16()),
            U(u) => units.push(*u),
        }
    }
    JsString::from_char_code(&units)
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn array(obj: &JsValue, key: &str) -> Array {
    let v = get(obj, key);
    assert!(Array::is_array(&v), "{key} is not an array: {v:?}");
    v.unchecked_into()
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object()
        && !Array::is_array(v)
        && Object::get_prototype_of(v) == Object::get_prototype_of(&Object::new().into())
}

/// A non-negative integer offset, or a panic naming the field.
fn offset(span: &JsValue, key: &str, what: &str) -> u32 {
    let v = get(span, key).as_f64().unwrap_or_else(|| panic!("{what}: {key} is not a number"));
    assert!(v >= 0.0 && v.fract() == 0.0 && v <= u32::MAX as f64, "{what}: {key} = {v}");
    v as u32
}

/// Checks one span against the original JS string; returns 1 (for counting).
fn check_span(text: &JsString, span: &JsValue, what: &str) -> usize {
    assert!(is_plain_object(span), "{what}: not a plain object: {span:?}");
    let (start, end) = (offset(span, "start", what), offset(span, "end", what));
    assert!(start <= end && end <= text.length(), "{what}: [{start}, {end}) outside 0..{}", text.length());
    let got = get(span, "text");
    assert!(got.is_string(), "{what}: text is not a string");
    let want: JsValue = text.slice(start, end).into();
    assert!(
        got == want,
        "{what}: text.slice({start}, {end}) = {:?} but span.text = {:?}",
        want.as_string(),
        got.as_string()
    );
    1
}

/// Checks every span of an analysis against `text`; returns how many spans there were.
fn check_all_spans(text: &JsString, result: &JsValue, case: &str) -> usize {
    let mut n = 0;
    for key in ["entities", "quotes", "furniture"] {
        for (i, span) in array(result, key).iter().enumerate() {
            n += check_span(text, &span, &format!("{case}: {key}[{i}]"));
        }
    }
    for (i, a) in array(result, "attributions").iter().enumerate() {
        assert!(is_plain_object(&a), "{case}: attributions[{i}] is not a plain object");
        for part in ["cue", "source", "content"] {
            let span = get(&a, part);
            if !span.is_null() {
                n += check_span(text, &span, &format!("{case}: attributions[{i}].{part}"));
            }
        }
    }
    n
}

#[wasm_bindgen_test]
fn analysis_is_a_plain_object_with_the_contract_fields() {
    let result = analyze(JsValue::from_str(QUOTE)).expect("analyze failed");
    assert!(is_plain_object(&result), "not a plain object: {result:?}");
    for key in ["entities", "quotes", "attributions", "clusters", "furniture"] {
        for (i, item) in array(&result, key).iter().enumerate() {
            assert!(is_plain_object(&item), "{key}[{i}] is not a plain object");
        }
    }
    assert_eq!(get(&result, "offsets").as_string().as_deref(), Some("utf16"));
}

/// Field names and value types of each record, as in `src/output.rs` (None is `null`, as in JSON),
/// and every index points into the list it names.
#[wasm_bindgen_test]
fn records_have_the_contract_fields_and_types() {
    for (name, parts) in CASES {
        let result = analyze(js_string(parts).into()).expect("analyze failed");
        let n = |key: &str| array(&result, key).length() as f64;
        let (n_entities, n_attributions, n_clusters) = (n("entities"), n("attributions"), n("clusters"));
        // `null`, or an integer index below `len`.
        let index = |v: &JsValue, len: f64| v.is_null() || v.as_f64().is_some_and(|f| f >= 0.0 && f.fract() == 0.0 && f < len);
        for (i, e) in array(&result, "entities").iter().enumerate() {
            let label = get(&e, "label").as_string().unwrap_or_default();
            assert!(!label.is_empty() && label.chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{name}: entities[{i}].label = {label:?}");
            assert!(index(&get(&e, "cluster"), n_clusters), "{name}: entities[{i}].cluster");
            let c = get(&e, "confidence").as_f64().unwrap_or(-1.0);
            assert!((0.0..=1.0).contains(&c), "{name}: entities[{i}].confidence = {c}");
        }
        for (i, q) in array(&result, "quotes").iter().enumerate() {
            let kind = get(&q, "kind").as_string().unwrap_or_default();
            assert!(["direct", "partial", "indirect"].contains(&kind.as_str()), "{name}: quotes[{i}].kind = {kind:?}");
            assert!(index(&get(&q, "attribution"), n_attributions), "{name}: quotes[{i}].attribution");
        }
        for (i, a) in array(&result, "attributions").iter().enumerate() {
            for key in ["cue", "source", "content"] {
                let v = get(&a, key);
                assert!(v.is_null() || is_plain_object(&v), "{name}: attributions[{i}].{key} is neither a span nor null");
            }
            let kind = get(&a, "source_kind");
            assert!(kind.is_null() || kind.is_string(), "{name}: attributions[{i}].source_kind");
            assert!(index(&get(&a, "speaker"), n_clusters), "{name}: attributions[{i}].speaker");
            assert!(index(&get(&a, "via"), n_attributions), "{name}: attributions[{i}].via");
        }
        for (i, c) in array(&result, "clusters").iter().enumerate() {
            assert!(get(&c, "canonical").is_string(), "{name}: clusters[{i}].canonical");
            assert!(get(&c, "label").is_string(), "{name}: clusters[{i}].label");
            for m in array(&c, "mentions").iter() {
                assert!(!m.is_null() && index(&m, n_entities), "{name}: clusters[{i}].mentions");
            }
        }
        for (i, f) in array(&result, "furniture").iter().enumerate() {
            assert!(get(&f, "kind").is_string(), "{name}: furniture[{i}].kind");
        }
    }
}

#[wasm_bindgen_test]
fn empty_text_gives_empty_lists() {
    let result = analyze(JsValue::from_str("")).expect("analyze failed");
    for key in ["entities", "quotes", "attributions", "clusters", "furniture"] {
        assert_eq!(array(&result, key).length(), 0, "{key}");
    }
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    assert_eq!(version().split('.').count(), 3);
}

#[wasm_bindgen_test]
fn non_string_argument_throws_an_error_object() {
    let object: JsValue = Object::new().into();
    let array: JsValue = Array::of1(&JsValue::from_str("text")).into();
    let cases = [
        ("number", JsValue::from_f64(42.0)),
        ("null", JsValue::NULL),
        ("undefined", JsValue::UNDEFINED),
        ("boolean", JsValue::TRUE),
        ("object", object),
        ("array", array),
    ];
    for (name, value) in cases {
        let err = analyze(value).expect_err(name);
        assert!(err.is_instance_of::<js_sys::Error>(), "{name}: thrown value is not an Error: {err:?}");
        assert!(err.as_string().is_none(), "{name}: thrown value is a string");
        let message = get(&err, "message").as_string().unwrap_or_default();
        assert!(message.contains("string"), "{name}: message {message:?}");
    }
}

#[wasm_bindgen_test]
fn every_span_matches_the_original_js_string() {
    for (name, parts) in CASES {
        let text = js_string(parts);
        let result = analyze(text.clone().into()).unwrap_or_else(|e| panic!("{name}: analyze threw {e:?}"));
        check_all_spans(&text, &result, name);
    }
}

/// Keeps the test above from passing vacuously: each input contains a direct quotation.
#[wasm_bindgen_test]
fn every_input_yields_a_quotation() {
    for (name, parts) in CASES {
        let result = analyze(js_string(parts).into()).expect("analyze failed");
        assert!(array(&result, "quotes").length() >= 1, "{name}: no quotation found");
    }
}
