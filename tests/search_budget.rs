//! The step budget natively; tests/wasm.rs runs the same case in wasm.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::budget::*;
use sharecart::json::Value;

#[test]
fn full_budget_is_optimal() {
    let text = sharecart::price_cart_json(&request()).expect("prices");
    let (applied, payable, search) = applied_and_payable(&text);
    assert_eq!(search.get("optimal"), Some(&Value::Bool(true)));
    // Lines 50..100 sum to 450.00. Best: every shop its 10% coupon
    // (5.00+6.00+7.00+8.00+9.00+10.00 = 45.00; A0 and A1 tie B0/B1 at 5.00
    // and 6.00 vs 5.00: B1 gives 6.00 > 5.00, B0 = A0 = 5.00 and "A0" < "B0")
    // and P1 (A = 450 − 45 = 405 >= 300, 30 off): 450 − 45 − 30 = 375.00.
    assert_eq!(applied, ["A0", "B1", "B2", "B3", "B4", "B5", "P1"]);
    assert_eq!(payable, "375.00");
}

#[test]
fn tiny_budgets_stop_early_and_say_so() {
    for &(budget, want_applied, want_payable) in BUDGET_CASES {
        let (applied, payable, search) = run_with_budget(budget);
        assert_eq!(
            search.get("optimal"),
            Some(&Value::Bool(false)),
            "budget {budget}"
        );
        assert_eq!(applied, want_applied, "budget {budget}");
        assert_eq!(payable, want_payable, "budget {budget}");
    }
}
