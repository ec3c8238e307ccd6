//! Best mode with the buyer's constraints (SPEC 4): the first bytes choose,
//! for each coupon of the request that follows, whether it is locked,
//! excluded or free; the request is priced with that `couponSelection`.
//! Never a panic; a result satisfies `payable = Σ lines.paid + Σ shipping
//! net`, applies no excluded coupon, and reports every lock either applied
//! or unusable with a reason.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "identity.rs"]
mod identity;
use serde_json::{json, Value};

/// Bytes of choices before the request text: two bits per coupon.
const CHOICE_BYTES: usize = 8;

fn choice(choices: &[u8], index: usize) -> u8 {
    let byte = choices.get(index / 4).copied().unwrap_or(0);
    (byte >> ((index % 4) * 2)) & 3
}

fuzz_target!(|data: &[u8]| {
    if data.len() < CHOICE_BYTES {
        return;
    }
    let (choices, text) = data.split_at(CHOICE_BYTES);
    let Ok(text) = std::str::from_utf8(text) else { return };
    let Ok(mut request) = serde_json::from_str::<Value>(text) else { return };
    let Some(coupons) = request.get("coupons").and_then(Value::as_array) else { return };
    let ids: Vec<String> = coupons
        .iter()
        .filter_map(|c| c.get("id").and_then(Value::as_str).map(str::to_string))
        .collect();
    let (mut lock, mut exclude) = (Vec::new(), Vec::new());
    for (i, id) in ids.iter().enumerate() {
        match choice(choices, i) {
            1 => lock.push(id.clone()),
            2 => exclude.push(id.clone()),
            _ => {}
        }
    }
    request["couponSelection"] = json!({"mode": "best", "lock": lock, "exclude": exclude});
    let Ok(output) = sharecart::price_cart_json(&request.to_string()) else { return };
    let result = identity::check_payable(&output);
    for report in result["coupons"].as_array().expect("coupons") {
        let id = report["id"].as_str().expect("coupon id").to_string();
        let status = report["status"].as_str().expect("status");
        if exclude.contains(&id) {
            assert_ne!(status, "applied", "excluded {id} applied");
        }
        if lock.contains(&id) && status != "applied" {
            assert!(report["reason"].is_string(), "lock {id} neither applied nor refused");
        }
    }
});
