//! The one vector runner: native tests, the wasm tests (Node and headless
//! Chrome) and the CLI check all judge a vector with this code.

#![allow(dead_code)]

pub mod budget;
#[cfg(not(target_arch = "wasm32"))]
pub mod carts;
pub mod hostile;
#[cfg(not(target_arch = "wasm32"))]
pub mod invariants;
#[cfg(target_arch = "wasm32")]
pub mod vector_list;

use sharecart::json::{self, Value};

/// A vector's request as text: `requestText` verbatim, or `request` written
/// back with numbers exactly as the file spells them.
pub fn request_text(vector: &Value) -> Option<String> {
    match vector.get("requestText") {
        Some(Value::String(text)) => Some(text.to_string()),
        _ => vector.get("request").map(json::write),
    }
}

pub fn entry<'v>(vector: &'v Value) -> &'v str {
    vector
        .get("entry")
        .and_then(Value::as_str)
        .unwrap_or("price")
}

/// Drops the fields the vectors do not compare (engine.version and
/// couponSearch.combinationsTried, SPEC 4 and 7a).
pub fn comparable<'a>(value: &Value<'a>) -> Value<'a> {
    fn strip<'a>(value: &Value<'a>, parent: &str) -> Value<'a> {
        match value {
            Value::Object(members) => Value::Object(
                members
                    .iter()
                    .filter(|(k, _)| {
                        !(parent == "engine" && k == "version"
                            || parent == "couponSearch" && k == "combinationsTried")
                    })
                    .map(|(k, v)| (k.clone(), strip(v, k)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(|v| strip(v, "")).collect()),
            other => other.clone(),
        }
    }
    strip(value, "")
}

/// What an engine call returned: the result text, or `(code, path)`.
pub type Outcome = Result<String, (String, String)>;

/// Judges one outcome against the vector; `Err` explains the mismatch.
pub fn judge(name: &str, vector: &Value, outcome: &Outcome) -> Result<(), String> {
    match (vector.get("result"), vector.get("error"), outcome) {
        (Some(expected), _, Ok(text)) => {
            let actual =
                json::parse(text).map_err(|e| format!("{name}: output is not JSON: {e}"))?;
            let (want, got) = (comparable(expected), comparable(&actual));
            if want == got {
                Ok(())
            } else {
                Err(format!(
                    "{name}: result differs\n  want {}\n  got  {}",
                    json::write(&want),
                    json::write(&got)
                ))
            }
        }
        (_, Some(expected), Err((code, path))) => {
            let want_code = expected.get("code");
            let want_path = expected.get("path");
            if want_code.and_then(Value::as_str) == Some(code.as_str())
                && want_path.and_then(Value::as_str) == Some(path.as_str())
            {
                Ok(())
            } else {
                Err(format!(
                    "{name}: want error {} at {}, got {code} at {path:?}",
                    want_code.map(json::write).unwrap_or_default(),
                    want_path.map(json::write).unwrap_or_default()
                ))
            }
        }
        (Some(_), _, Err((code, path))) => Err(format!(
            "{name}: want a result, got error {code} at {path:?}"
        )),
        (_, Some(_), Ok(text)) => Err(format!("{name}: want an error, got {text}")),
        _ => Err(format!("{name}: vector has neither result nor error")),
    }
}

/// Runs one pricing vector through the Rust text entry points.
pub fn run_with(
    name: &str,
    file_text: &str,
    price: impl Fn(&str) -> Outcome,
    preview: impl Fn(&str) -> Outcome,
) -> Result<(), String> {
    let vector = json::parse(file_text).map_err(|e| format!("{name}: bad vector file: {e}"))?;
    let text = request_text(&vector).ok_or_else(|| format!("{name}: no request"))?;
    let outcome = match entry(&vector) {
        "preview" => preview(&text),
        _ => price(&text),
    };
    judge(name, &vector, &outcome)
}

pub fn run_native(name: &str, file_text: &str) -> Result<(), String> {
    let wrap =
        |r: Result<String, sharecart::Error>| r.map_err(|e| (e.code.as_str().to_string(), e.path));
    run_with(
        name,
        file_text,
        |t| wrap(sharecart::price_cart_json(t)),
        |t| wrap(sharecart::preview_share_card_json(t)),
    )
}

/// The text a share vector feeds its twin (docs/share-code.md section 10):
/// `text` verbatim, or `{"fields"|"input": …, "options": …}`.
pub fn share_input_text(vector: &Value) -> String {
    if let Some(text) = vector.get("text").and_then(Value::as_str) {
        return text.to_string();
    }
    let first = if vector.get("op").and_then(Value::as_str) == Some("encode") {
        "fields"
    } else {
        "input"
    };
    let mut members = Vec::new();
    if let Some(value) = vector.get(first) {
        members.push((first.into(), value.clone()));
    }
    if let Some(options) = vector.get("options") {
        members.push(("options".into(), options.clone()));
    }
    json::write(&Value::Object(members))
}

/// The output text a successful share vector expects.
pub fn share_expected_text(vector: &Value) -> Option<String> {
    match (vector.get("code"), vector.get("result")) {
        (Some(code), _) => Some(format!("{{\"code\":{}}}", json::write(code))),
        (_, Some(result)) => Some(json::write(result)),
        _ => None,
    }
}

/// Runs one share vector through the given text twins.
pub fn run_share_with(
    name: &str,
    file_text: &str,
    encode: impl Fn(&str) -> Outcome,
    decode: impl Fn(&str) -> Outcome,
) -> Result<(), String> {
    let vector = json::parse(file_text).map_err(|e| format!("{name}: bad vector file: {e}"))?;
    let text = share_input_text(&vector);
    let outcome = match vector.get("op") {
        Some(op) if op.as_str() == Some("encode") => encode(&text),
        _ => decode(&text),
    };
    match (share_expected_text(&vector), vector.get("error"), outcome) {
        (Some(want), _, Ok(got)) if want == got => Ok(()),
        (Some(want), _, Ok(got)) => Err(format!("{name}: want {want}, got {got}")),
        (_, Some(error), Err((code, path)))
            if error.get("code").and_then(Value::as_str) == Some(code.as_str())
                && error.get("path").and_then(Value::as_str) == Some(path.as_str()) =>
        {
            Ok(())
        }
        (_, _, outcome) => Err(format!("{name}: unexpected outcome {outcome:?}")),
    }
}
