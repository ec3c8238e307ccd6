//! SPEC 7a invariants on random carts, and no panic on mangled input.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::carts::{random_cart, Rng, Shape, SMALL};
use proptest::prelude::*;
use serde_json::{json, Value};

fn fen(v: &Value) -> i64 {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("amount string, got {v}"));
    let (whole, frac) = s.split_once('.').expect("two decimals");
    assert_eq!(frac.len(), 2, "{s}");
    whole.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
}

fn sum(values: impl Iterator<Item = i64>) -> i64 {
    values.sum()
}

fn check_invariants(request: &Value, result: &Value) -> Result<(), TestCaseError> {
    let lines = result["lines"].as_array().unwrap();
    let priced: Vec<&Value> = lines.iter().filter(|l| l["status"] == "priced").collect();
    let shops = result["shops"].as_array().unwrap();
    let totals = &result["totals"];
    let payable = fen(&totals["payable"]);
    let shipping_net = sum(shops
        .iter()
        .map(|s| fen(&s["shippingFee"]) - fen(&s["shippingDiscount"])));
    prop_assert_eq!(
        payable,
        sum(priced.iter().map(|l| fen(&l["paid"]))) + shipping_net
    );
    prop_assert_eq!(
        fen(&totals["savings"]),
        fen(&totals["listAmount"]) + fen(&totals["shippingFee"]) - payable
    );
    for line in &priced {
        prop_assert!(fen(&line["paid"]) >= 0);
        let allocations = sum(line["couponAllocations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| fen(&a["amount"])));
        prop_assert_eq!(allocations, fen(&line["couponDiscount"]));
        prop_assert_eq!(
            fen(&line["paid"]),
            fen(&line["baseAmount"])
                - fen(&line["promotionDiscount"])
                - fen(&line["couponDiscount"])
        );
        prop_assert_eq!(
            fen(&line["listAmount"]) - fen(&line["priceReduction"]),
            fen(&line["baseAmount"])
        );
        if let Some(c) = line.get("commission") {
            let parts = fen(&c["platformFee"])
                + fen(&c["operator"])
                + sum(c["beneficiaries"].as_array().unwrap().iter().map(fen));
            prop_assert_eq!(parts, fen(&c["gross"]));
            prop_assert!(fen(&c["operator"]) >= 0);
        }
    }
    let goods_coupons: Vec<&str> = request["coupons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["stage"] != "shipping")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let applied_goods = sum(result["coupons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "applied" && goods_coupons.contains(&c["id"].as_str().unwrap()))
        .map(|c| fen(&c["discount"])));
    prop_assert_eq!(fen(&totals["couponDiscount"]), applied_goods);
    prop_assert_eq!(
        fen(&totals["couponDiscount"]),
        sum(priced.iter().map(|l| fen(&l["couponDiscount"])))
    );
    prop_assert_eq!(
        fen(&totals["promotionDiscount"]),
        sum(result["promotions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| fen(&p["discount"])))
    );
    prop_assert_eq!(
        fen(&totals["shippingDiscount"]),
        sum(shops.iter().map(|s| fen(&s["shippingDiscount"])))
    );
    for shop in shops {
        prop_assert!(fen(&shop["shippingDiscount"]) <= fen(&shop["shippingFee"]));
    }
    if let Some(c) = result.get("commission") {
        let parts = fen(&c["platformFee"])
            + fen(&c["operator"])
            + sum(c["beneficiaries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| fen(&b["amount"])));
        prop_assert_eq!(parts, fen(&c["gross"]));
        prop_assert_eq!(fen(&c["base"]), sum(priced.iter().map(|l| fen(&l["paid"]))));
    }
    prop_assert_eq!(lines.len(), request["lines"].as_array().unwrap().len());
    prop_assert_eq!(
        result["coupons"].as_array().unwrap().len(),
        request["coupons"].as_array().unwrap().len()
    );
    Ok(())
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
