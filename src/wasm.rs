//! The wasm-bindgen facade (SPEC 10): convert, call the core, convert back.
//! No rule lives here. Object entry points go through JSON text in both
//! directions (SPEC 0), so JS objects can never price differently from
//! the same request's text on any other target.

use crate::error::{Error, ErrorCode};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Throws `Error` objects carrying `code` and `path`.
fn to_js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code.as_str().into());
    let _ = js_sys::Reflect::set(&js, &"path".into(), &error.path.into());
    js.into()
}

/// `JSON.stringify(input)`; a cycle, a BigInt or `undefined` is invalidJson.
fn stringify(input: &JsValue) -> Result<String, JsValue> {
    js_sys::JSON::stringify(input)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            to_js_error(Error::new(
                ErrorCode::InvalidJson,
                "",
                "the input cannot be written as JSON",
            ))
        })
}

fn parse(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

fn through_text(
    input: &JsValue,
    call: fn(&str) -> Result<String, Error>,
) -> Result<JsValue, JsValue> {
    let text = stringify(input)?;
    parse(&call(&text).map_err(to_js_error)?)
}

#[wasm_bindgen(js_name = priceCart, unchecked_return_type = "PricingResult")]
pub fn price_cart(
    #[wasm_bindgen(unchecked_param_type = "PricingRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    through_text(&request, crate::price_cart_json)
}

#[wasm_bindgen(js_name = previewShareCard, unchecked_return_type = "SharePreview")]
pub fn preview_share_card(
    #[wasm_bindgen(unchecked_param_type = "PricingRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    through_text(&request, crate::preview_share_card_json)
}

#[wasm_bindgen(js_name = priceCartJson)]
pub fn price_cart_json(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    crate::price_cart_json(&text_argument(&text)?).map_err(to_js_error)
}

#[wasm_bindgen(js_name = previewShareCardJson)]
pub fn preview_share_card_json(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    crate::preview_share_card_json(&text_argument(&text)?).map_err(to_js_error)
}

/// The argument of a text twin as Rust text (SPEC 10): something that is
/// not a string is `invalidType` at `""`; a string that is not well-formed
/// UTF-16 is `invalidJson` at `""`, as the object entry points report it
/// (their `JSON.stringify` escapes the lone surrogate, which the reader
/// refuses), instead of the U+FFFD that a plain conversion would put there.
fn text_argument(value: &JsValue) -> Result<String, JsValue> {
    let Some(text) = value.as_string() else {
        return Err(to_js_error(Error::new(
            ErrorCode::InvalidType,
            "",
            format!(
                "the argument must be a string of JSON text, got {}",
                js_type_name(value)
            ),
        )));
    };
    if !well_formed(value, &text) {
        return Err(to_js_error(Error::new(
            ErrorCode::InvalidJson,
            "",
            "the text is not well-formed UTF-16 (it holds a lone surrogate)",
        )));
    }
    Ok(text)
}

/// Whether the JS string `value` (already converted to `text`) had no lone
/// surrogate. The conversion replaces each one by U+FFFD, so only a text
/// holding U+FFFD needs the code-unit scan (one JS call per unit).
fn well_formed(value: &JsValue, text: &str) -> bool {
    // U+FFFD in UTF-8, found without `str::contains`'s searcher code.
    const REPLACEMENT: [u8; 3] = [0xEF, 0xBF, 0xBD];
    !text.as_bytes().windows(3).any(|w| w == REPLACEMENT)
        || value
            .dyn_ref::<js_sys::JsString>()
            .is_some_and(js_sys::JsString::is_valid_utf16)
}

/// `typeof value`, with `null` and arrays told apart, for messages.
fn js_type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

#[wasm_bindgen(js_name = engineInfo, unchecked_return_type = "EngineInfo")]
pub fn engine_info() -> Result<JsValue, JsValue> {
    // Through JSON text like every other result: serde-wasm-bindgen's
    // serializer was 3 KB of .wasm for this one object (issue 16).
    parse(&crate::engine_info_json())
}

/// `encodeShareCode(fields, options?)`: the code string (SPEC 9).
#[wasm_bindgen(js_name = encodeShareCode)]
pub fn encode_share_code(
    #[wasm_bindgen(unchecked_param_type = "ShareFields")] fields: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EncodeOptions")] options: JsValue,
) -> Result<String, JsValue> {
    let text = envelope("fields", &fields, options)?;
    let output = crate::encode_share_code_json(&text).map_err(to_js_error)?;
    let parsed = parse(&output)?;
    js_sys::Reflect::get(&parsed, &"code".into())?
        .as_string()
        .ok_or_else(|| JsValue::from_str("encodeShareCode: no code in the output"))
}

/// `decodeShareCode(input, options?)`: `{fields, signed, verified}`.
#[wasm_bindgen(js_name = decodeShareCode, unchecked_return_type = "DecodedShare")]
pub fn decode_share_code(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecodeOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    if input.is_string() && !well_formed(&input, &input.as_string().unwrap_or_default()) {
        return Err(to_js_error(Error::new(
            ErrorCode::Malformed,
            "input",
            "the input is not well-formed text (it holds a lone surrogate)",
        )));
    }
    let text = envelope("input", &input, options)?;
    parse(&crate::decode_share_code_json(&text).map_err(to_js_error)?)
}

#[wasm_bindgen(js_name = encodeShareCodeJson)]
pub fn encode_share_code_json(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    crate::encode_share_code_json(&text_argument(&text)?).map_err(to_js_error)
}

#[wasm_bindgen(js_name = decodeShareCodeJson)]
pub fn decode_share_code_json(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    crate::decode_share_code_json(&text_argument(&text)?).map_err(to_js_error)
}

/// `{"<key>": value, "options": options}` as JSON text. Absent options
/// (`undefined` or `null`) are left out: SPEC 0 reads `null` as absent.
fn envelope(key: &str, value: &JsValue, options: JsValue) -> Result<String, JsValue> {
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &key.into(), value)?;
    if !options.is_undefined() && !options.is_null() {
        js_sys::Reflect::set(&object, &"options".into(), &options)?;
    }
    stringify(&object.into())
}

/// Amounts cross the boundary as 2-decimal strings (SPEC 0); the generated
/// declarations name them `Money`.
#[wasm_bindgen(typescript_custom_section)]
const MONEY_TYPE: &str = r#"
/** An amount of CNY with exactly two fraction digits, e.g. "59.90". */
export type Money = string;
"#;

/// `lines[]` of a result, discriminated on `status` (SPEC 7a): only a
/// priced line carries amounts. Written here because the Rust type
/// flattens an optional `PricedLine`, which tsify cannot express.
#[wasm_bindgen(typescript_custom_section)]
const LINE_RESULT_TYPE: &str = r#"
/** A line of a pricing result: priced (with its figures) or unselected. */
export type LineResult =
  | ({ id: string; status: "priced" } & PricedLine)
  | { id: string; status: "unselected" };
"#;
