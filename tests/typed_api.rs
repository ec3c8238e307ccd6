//! SPEC 0: the typed Rust API (`price_cart`, `price_cart_with`,
//! `preview_share_card`) prices exactly as the text entry points. Every
//! vector whose `request` the typed structs can hold is run through serde
//! into `PricingRequest` and judged like the text path.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use sharecart::json::{self, Value};
use sharecart::{PricingOptions, PricingRequest};
use std::fs;
use std::path::Path;

/// What the typed API returned, as the vector runner judges it.
fn typed_outcome(entry: &str, request: &PricingRequest) -> common::Outcome {
    let wrap = |e: sharecart::Error| (e.code.as_str().to_string(), e.path);
    let text = |r: Result<String, serde_json::Error>| r.unwrap_or_default();
    match entry {
        "preview" => sharecart::preview_share_card(request)
            .map(|p| text(serde_json::to_string(&p)))
            .map_err(wrap),
        _ => {
            let plain = sharecart::price_cart(request);
            let with_defaults = sharecart::price_cart_with(request, &PricingOptions::default());
            assert_eq!(
                plain, with_defaults,
                "price_cart and price_cart_with(default) differ"
            );
            plain.map(|r| text(serde_json::to_string(&r))).map_err(wrap)
        }
    }
}

/// The request a typed caller would build, when the structs can hold it:
/// `None` when serde refuses the JSON (a type error, which a typed caller
/// cannot write) or when the structs would drop part of it (a field this
/// spec does not define, so the typed call would be a different request).
/// When the vector's outcome shows warnings, their order is document order
/// (SPEC 1.2), and serde writes members in declaration order: the typed
/// request is then the same request only if it keeps the order written.
fn typed_request(request: &Value, order_matters: bool) -> Option<PricingRequest> {
    let typed: PricingRequest = serde_json::from_str(&json::write(request)).ok()?;
    let written = serde_json::to_string(&typed).ok()?;
    let again = json::parse(&written).ok()?;
    holds_everything(request, &again, order_matters).then_some(typed)
}

/// Whether the expected outcome depends on warnings: a result listing
/// them, or the error strict makes of the first.
fn shows_warnings(vector: &Value) -> bool {
    let code = vector
        .get("error")
        .and_then(|e| e.get("code"))
        .and_then(Value::as_str);
    vector
        .get("result")
        .and_then(|r| r.get("warnings"))
        .is_some()
        || matches!(code, Some("unknownField" | "timeInSeconds"))
}

/// Every member of `original` is in `typed` with the same value (and, if
/// `in_order`, in the same order); `typed` may add members serde writes by
/// default (empty lists, `null`).
fn holds_everything(original: &Value, typed: &Value, in_order: bool) -> bool {
    match (original, typed) {
        (Value::Object(members), Value::Object(typed_members)) => {
            let position = |key: &str| typed_members.iter().position(|(k, _)| k == key);
            let positions: Vec<Option<usize>> = members.iter().map(|(k, _)| position(k)).collect();
            (!in_order || positions.windows(2).all(|w| w[0] < w[1]))
                && members.iter().all(|(key, value)| {
                    typed
                        .get(key)
                        .is_some_and(|t| holds_everything(value, t, in_order))
                })
        }
        (Value::Array(items), Value::Array(typed_items)) => {
            items.len() == typed_items.len()
                && items
                    .iter()
                    .zip(typed_items)
                    .all(|(a, b)| holds_everything(a, b, in_order))
        }
        (a, b) => a == b,
    }
}

#[test]
fn the_typed_api_prices_every_representable_vector_as_the_text_path_does() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut judged, mut priced, mut failures) = (0, 0, Vec::new());
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(path).expect("readable vector");
        let vector = json::parse(&text).expect("vector parses");
        let order_matters = shows_warnings(&vector);
        let Some(typed) = vector
            .get("request")
            .and_then(|r| typed_request(r, order_matters))
        else {
            continue;
        };
        judged += 1;
        priced += usize::from(vector.get("result").is_some());
        let outcome = typed_outcome(common::entry(&vector), &typed);
        if let Err(why) = common::judge(&name, &vector, &outcome) {
            failures.push(why);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("typed API: {judged} vectors judged, {priced} of them priced");
    // Nearly every priced vector is representable; the floor catches a
    // struct that silently stops holding a field.
    assert!(
        priced >= 80,
        "only {priced} priced vectors were representable"
    );
}
