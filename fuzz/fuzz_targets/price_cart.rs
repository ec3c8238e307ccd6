//! Any text through the pricing and preview entry points: a result or a
//! typed error, never a panic; a result is always JSON whose totals satisfy
//! `payable = Σ lines.paid + Σ shipping net`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fn fen(value: &serde_json::Value) -> i64 {
    value
        .as_str()
        .and_then(sharecart::Money::from_result_text)
        .expect("amounts are written with two decimals")
        .fen()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = sharecart::preview_share_card_json(text);
    let Ok(output) = sharecart::price_cart_json(text) else { return };
    let result: serde_json::Value = serde_json::from_str(&output).expect("result is JSON");
    let paid: i64 = result["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter(|line| line["status"] == "priced")
        .map(|line| fen(&line["paid"]))
        .sum();
    let shipping: i64 = result["shops"]
        .as_array()
        .expect("shops")
        .iter()
        .map(|shop| fen(&shop["shippingFee"]) - fen(&shop["shippingDiscount"]))
        .sum();
    assert_eq!(fen(&result["totals"]["payable"]), paid + shipping);
});
