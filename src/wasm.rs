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
    let text = text.as_string().ok_or_else(|| js_error("analyze(text): text must be a string"))?;
    let analysis = crate::analyze(&text);
    let r = report(&text, &analysis, OffsetUnit::Utf16);
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    serde::Serialize::serialize(&r, &serializer).map_err(js_error)
}

/// The version of the analyzer (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
