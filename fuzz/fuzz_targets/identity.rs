//! SPEC 7a identity shared by the pricing fuzz targets: a result is JSON
//! whose `payable = Σ lines.paid (priced) + Σ shops (shippingFee −
//! shippingDiscount)`. Returns the parsed result for further checks.

use serde_json::Value;

fn fen(value: &Value) -> i64 {
    value
        .as_str()
        .and_then(sharecart::Money::from_result_text)
        .expect("amounts are written with two decimals")
        .fen()
}

pub fn check_payable(output: &str) -> Value {
    let result: Value = serde_json::from_str(output).expect("result is JSON");
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
    result
}
