//! The wasm binding: a thin layer over [`crate::analyze`] and [`crate::output::report`].
//! Offsets are UTF-16 code units, so `text.slice(start, end) === span.text` in JavaScript.

use wasm_bindgen::prelude::*;

use crate::output::{report, OffsetUnit};

/// The one error-conversion helper: every failure reaches JS as an `Error`, never a string.
fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Analyses `text` and returns the JSON contract as plain JS objects (UTF-16 offsets).
///
/// Throws an `Error` if `text` is not a string.
#[wasm_bindgen]
pub fn analyze(text: JsValue) -> Result<JsValue, JsValue> {
    let Some(js_text) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(js_error("analyze(text): text must be a string"));
    };
    // Lone surrogates become U+FFFD, one UTF-16 unit each, so offsets still match `js_text`.
    let text = String::from(js_text);
    let analysis = crate::analyze(&text);
    let r = report(&text, &analysis, OffsetUnit::Utf16);
    // The same JSON as the CLI's, parsed by the engine's JSON.parse: one boundary crossing, several
    // times faster than building the objects one call at a time (serde-wasm-bindgen) for a
    // result of hundreds of thousands of spans.
    let json = serde_json::to_string(&r).map_err(js_error)?;
    let value = js_sys::JSON::parse(&json).map_err(|e| js_error(format!("JSON.parse failed: {e:?}")))?;
    if !js_text.is_valid_utf16() {
        restore_span_texts(&value, js_text);
    }
    Ok(value)
}

/// Resets every span's `text` to `original.slice(start, end)`, so that spans over lone surrogates
/// keep them (the Rust text had U+FFFD there). Only called for ill-formed UTF-16 input.
fn restore_span_texts(value: &JsValue, original: &js_sys::JsString) {
    use js_sys::{Array, Reflect};
    let get = |o: &JsValue, k: &str| Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::NULL);
    let fix = |span: &JsValue| {
        if let (Some(start), Some(end)) = (get(span, "start").as_f64(), get(span, "end").as_f64()) {
            let _ = Reflect::set(span, &JsValue::from_str("text"), &original.slice(start as u32, end as u32));
        }
    };
    for key in ["entities", "quotes", "furniture"] {
        Array::from(&get(value, key)).iter().for_each(|span| fix(&span));
    }
    for a in Array::from(&get(value, "attributions")).iter() {
        for part in ["cue", "source", "content"] {
            let span = get(&a, part);
            if span.is_object() {
                fix(&span);
            }
        }
    }
}

/// The version of the analyzer (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
