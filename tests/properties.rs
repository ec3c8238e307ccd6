//! SPEC 7a invariants on random carts, and no panic on mangled input.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::carts::{random_cart, Rng, Shape, SMALL};
use proptest::prelude::*;
use serde_json::{json, Value};

fn check_invariants(request: &Value, result: &Value) -> Result<(), TestCaseError> {
    common::invariants::check(request, result).map_err(TestCaseError::fail)
}

fn price(request: &Value) -> Value {
    let text = sharecart::price_cart_json(&request.to_string()).expect("valid request");
    serde_json::from_str(&text).expect("JSON result")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn invariants_hold_in_best_mode(seed in any::<u64>()) {
        let request = random_cart(seed, SMALL);
        check_invariants(&request, &price(&request))?;
    }

    #[test]
    fn invariants_hold_in_manual_mode(seed in any::<u64>()) {
        let mut request = random_cart(seed, Shape { max_shops: 4, max_lines: 8, max_promotions: 3, max_coupons: 12 });
        let mut rng = Rng::new(seed ^ 0x5eed);
        let ids: Vec<Value> = request["coupons"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|_| rng.chance(50))
            .map(|c| c["id"].clone())
            .collect();
        request["couponSelection"] = json!({"mode": "manual", "ids": ids});
        check_invariants(&request, &price(&request))?;
    }

    /// Any byte string: a typed error or a result, never a panic; and the
    /// engine answers correctly afterwards.
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = sharecart::price_cart_json(&text);
        let _ = sharecart::preview_share_card_json(&text);
        let still_works = sharecart::price_cart_json(r#"{"now":0}"#).is_ok();
        prop_assert!(still_works);
    }

    /// A valid cart with one value replaced by junk of another type.
    #[test]
    fn mangled_carts_get_typed_errors(seed in any::<u64>(), junk in 0usize..8) {
        let mut request = random_cart(seed, SMALL);
        let replacement = [json!(null), json!(-1), json!(1.5), json!("x"), json!([]), json!({}), json!(true), json!("99999999999")][junk].clone();
        let mut rng = Rng::new(seed);
        mangle(&mut request, &replacement, &mut rng);
        match sharecart::price_cart_json(&request.to_string()) {
            Ok(text) => { serde_json::from_str::<Value>(&text).expect("JSON result"); }
            Err(error) => prop_assert!(!error.message.is_empty()),
        }
    }
}

/// Replaces one randomly chosen leaf or member of `value`.
fn mangle(value: &mut Value, replacement: &Value, rng: &mut Rng) {
    match value {
        Value::Object(members) if !members.is_empty() && rng.chance(80) => {
            let keys: Vec<String> = members.keys().cloned().collect();
            let key = rng.pick(&keys).clone();
            if let Some(child) = members.get_mut(&key) {
                mangle(child, replacement, rng);
            }
        }
        Value::Array(items) if !items.is_empty() && rng.chance(80) => {
            let i = rng.range(0, items.len() as u64 - 1) as usize;
            mangle(&mut items[i], replacement, rng);
        }
        other => *other = replacement.clone(),
    }
}

#[test]
fn huge_inputs_get_typed_errors() {
    let line = |i: usize| json!({"id": format!("L{i}"), "skuId": format!("{i}"), "shopId": "s", "listPrice": "1", "quantity": 1});
    let request = json!({"now": 0, "shops": [{"id": "s"}], "lines": (0..10_000).map(line).collect::<Vec<_>>()});
    let error = sharecart::price_cart_json(&request.to_string()).unwrap_err();
    assert_eq!(
        (error.code.as_str(), error.path.as_str()),
        ("limitExceeded", "lines")
    );
    let deep = "[".repeat(1_000_000);
    let error = sharecart::price_cart_json(&deep).unwrap_err();
    assert_eq!(
        (error.code.as_str(), error.path.as_str()),
        ("invalidJson", "")
    );
    let absurd = json!({"now": 0, "shops": [{"id": "s"}], "lines": [{"id": "L", "skuId": "1", "shopId": "s",
        "listPrice": "1".repeat(5000), "quantity": 1}]});
    let error = sharecart::price_cart_json(&absurd.to_string()).unwrap_err();
    assert_eq!(
        (error.code.as_str(), error.path.as_str()),
        ("limitExceeded", "lines[0].listPrice")
    );
    // The largest cart the limits allow prices without overflow.
    let max_line = |i: usize| {
        json!({"id": format!("L{i}"), "skuId": format!("{i}"), "shopId": "s",
        "listPrice": "10000000.00", "quantity": 9999, "commissionRate": "1"})
    };
    let request = json!({"now": 0, "shops": [{"id": "s"}], "lines": (0..500).map(max_line).collect::<Vec<_>>(),
        "coupons": [{"id": "C", "kind": "payRatio", "stage": "platform", "payRatio": "0.3333"}],
        "commission": {"platformFeeRate": "0.0001", "beneficiaries": [{"id": "p", "role": "sharer", "share": "0.3333"}]}});
    let result: Value =
        serde_json::from_str(&sharecart::price_cart_json(&request.to_string()).unwrap()).unwrap();
    assert_eq!(result["totals"]["listAmount"], "49995000000000.00");
    // 0.3333 of 49,995,000,000,000.00 rounds to 16,663,333,500,000.00 exactly.
    assert_eq!(result["totals"]["payable"], "16663333500000.00");
}
