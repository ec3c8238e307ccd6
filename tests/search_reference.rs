//! Best mode against plain enumeration (SPEC 4). The reference below knows
//! nothing of the search: it lists every stacking-valid combination, prices
//! each through manual mode (a combination is valid when every pick comes
//! out applied), and keeps the least payable, then the fewest coupons, then
//! the smallest sorted id list. Best mode with the buyer's constraints is
//! compared the same way: the locks are judged by manual mode, and only
//! combinations holding every accepted lock and no excluded coupon count.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::carts::{random_cart, Rng, Shape, SMALL};
use proptest::prelude::*;
use serde_json::{json, Value};

fn price(request: &Value) -> Value {
    let text = sharecart::price_cart_json(&request.to_string()).expect("valid request");
    serde_json::from_str(&text).expect("result is JSON")
}

fn fen(v: &Value) -> i64 {
    let s = v.as_str().expect("amount string");
    let (whole, frac) = s.split_once('.').expect("two decimals");
    whole.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
}

/// Every stacking-valid combination of the request's wallet (SPEC 4 count).
fn combinations(request: &Value) -> Vec<Vec<String>> {
    let shops: Vec<&str> = request["shops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let mut slots: Vec<(String, Vec<String>)> = Vec::new();
    let mut exclusives = Vec::new();
    for coupon in request["coupons"].as_array().unwrap() {
        let id = coupon["id"].as_str().unwrap().to_string();
        let shop = coupon["shopId"].as_str();
        if shop.is_some_and(|s| !shops.contains(&s)) {
            continue;
        }
        if coupon["exclusive"] == json!(true) {
            exclusives.push(vec![id]);
            continue;
        }
        let slot = match coupon["stage"].as_str().unwrap() {
            "shop" => format!("shop:{}", shop.unwrap()),
            other => other.to_string(),
        };
        match slots.iter_mut().find(|(s, _)| *s == slot) {
            Some((_, ids)) => ids.push(id),
            None => slots.push((slot, vec![id])),
        }
    }
    let mut combos: Vec<Vec<String>> = vec![Vec::new()];
    for (_, ids) in &slots {
        let mut next = Vec::new();
        for combo in &combos {
            next.push(combo.clone());
            for id in ids {
                let mut extended = combo.clone();
                extended.push(id.clone());
                next.push(extended);
            }
        }
        combos = next;
    }
    combos.extend(exclusives);
    combos
}

/// The reference optimum: (payable in fen, sorted ids).
fn enumerate_best(request: &Value) -> (i64, Vec<String>) {
    enumerate_best_among(request, |_| true)
}

/// The reference optimum among the combinations `allowed` keeps.
fn enumerate_best_among(
    request: &Value,
    allowed: impl Fn(&[String]) -> bool,
) -> (i64, Vec<String>) {
    let mut best: Option<(i64, Vec<String>)> = None;
    for combo in combinations(request).into_iter().filter(|c| allowed(c)) {
        let mut manual = request.clone();
        manual["couponSelection"] = json!({"mode": "manual", "ids": combo});
        let result = price(&manual);
        let applied = result["coupons"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == "applied")
            .count();
        if applied != combo.len() {
            continue;
        }
        let payable = fen(&result["totals"]["payable"]);
        let mut ids = combo.clone();
        ids.sort();
        let better = match &best {
            None => true,
            Some((p, b)) => (payable, ids.len(), &ids) < (*p, b.len(), b),
        };
        if better {
            best = Some((payable, ids));
        }
    }
    best.expect("the accepted locks alone are always valid")
}

fn best_mode(request: &Value) -> (i64, Vec<String>, Value) {
    let result = price(request);
    let mut ids: Vec<String> = result["coupons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "applied")
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    (fen(&result["totals"]["payable"]), ids, result)
}

fn check(seed: u64, shape: Shape) -> Result<(), TestCaseError> {
    let request = random_cart(seed, shape);
    if combinations(&request).len() > 4000 {
        return Ok(());
    }
    let (payable, ids, result) = best_mode(&request);
    let (want_payable, want_ids) = enumerate_best(&request);
    prop_assert_eq!(
        (payable, &ids),
        (want_payable, &want_ids),
        "seed {} request {}",
        seed,
        request
    );
    prop_assert_eq!(&result["couponSearch"]["optimal"], &json!(true));
    // The best-mode result is the manual result of its own pick, line by
    // line, plus couponSearch.
    let mut manual = request.clone();
    manual["couponSelection"] = json!({"mode": "manual", "ids": ids});
    let mut as_manual = price(&manual);
    as_manual["couponSearch"] = result["couponSearch"].clone();
    let reorder = |v: &Value| serde_json::to_string(v).unwrap();
    let mut result_sorted = result.clone();
    result_sorted
        .as_object_mut()
        .unwrap()
        .remove("couponSearch");
    as_manual.as_object_mut().unwrap().remove("couponSearch");
    prop_assert_eq!(
        reorder(&result_sorted),
        reorder(&as_manual),
        "seed {}",
        seed
    );
    Ok(())
}

/// Wallets of up to 14 coupons over 4 shops, for the 300-case runs.
const FULLER: Shape = Shape {
    max_shops: 4,
    max_lines: 8,
    max_promotions: 3,
    max_coupons: 14,
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn best_mode_equals_plain_enumeration(seed in any::<u64>()) {
        check(seed, SMALL)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn best_mode_equals_plain_enumeration_on_fuller_wallets(seed in any::<u64>()) {
        check(seed, FULLER)?;
    }
}

fn applied_ids(result: &Value) -> Vec<String> {
    result["coupons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "applied")
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// Random locks and exclusions over the wallet's ids, disjoint, each in a
/// random order: about a third of the coupons locked and a third excluded.
fn random_constraints(request: &Value, seed: u64) -> (Vec<String>, Vec<String>) {
    let mut rng = Rng::new(seed ^ 0x5EED_10C4);
    let mut ids: Vec<String> = request["coupons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    for i in (1..ids.len()).rev() {
        ids.swap(i, rng.range(0, i as u64) as usize);
    }
    let (mut lock, mut exclude) = (Vec::new(), Vec::new());
    for id in ids {
        match rng.range(0, 2) {
            0 => lock.push(id),
            1 => exclude.push(id),
            _ => {}
        }
    }
    (lock, exclude)
}

fn check_constrained(seed: u64, shape: Shape) -> Result<(), TestCaseError> {
    let mut request = random_cart(seed, shape);
    if combinations(&request).len() > 4000 {
        return Ok(());
    }
    let (lock, exclude) = random_constraints(&request, seed);
    // The locks judged like manual picks: the accepted ones are applied.
    let mut locks_alone = request.clone();
    locks_alone["couponSelection"] = json!({"mode": "manual", "ids": lock});
    let accepted = applied_ids(&price(&locks_alone));
    let (want_payable, want_ids) = enumerate_best_among(&request, |combo| {
        accepted.iter().all(|a| combo.contains(a)) && !combo.iter().any(|c| exclude.contains(c))
    });
    request["couponSelection"] = json!({"mode": "best", "exclude": exclude, "lock": lock});
    let (payable, ids, result) = best_mode(&request);
    prop_assert_eq!(
        (payable, &ids),
        (want_payable, &want_ids),
        "seed {} request {}",
        seed,
        request
    );
    prop_assert_eq!(&result["couponSearch"]["optimal"], &json!(true));
    // Line by line, the result is manual mode with the locks first (so
    // refused locks carry the same reasons), then the rest of the pick.
    let mut picks = lock.clone();
    picks.extend(ids.iter().filter(|id| !lock.contains(id)).cloned());
    let mut manual = request.clone();
    manual["couponSelection"] = json!({"mode": "manual", "ids": picks});
    let mut as_manual = price(&manual);
    let mut result_sorted = result.clone();
    result_sorted
        .as_object_mut()
        .unwrap()
        .remove("couponSearch");
    as_manual.as_object_mut().unwrap().remove("couponSearch");
    prop_assert_eq!(
        serde_json::to_string(&result_sorted).unwrap(),
        serde_json::to_string(&as_manual).unwrap(),
        "seed {} request {}",
        seed,
        request
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn constrained_best_mode_equals_plain_enumeration(seed in any::<u64>()) {
        check_constrained(seed, SMALL)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn constrained_best_mode_equals_plain_enumeration_on_fuller_wallets(seed in any::<u64>()) {
        check_constrained(seed, FULLER)?;
    }
}

/// Guards the constrained comparison: many wallets must lock a coupon
/// that is applied, refuse a lock, and exclude a coupon the plain pick
/// applied.
#[test]
fn random_constraints_exercise_locks_and_exclusions() {
    let (mut lock_applied, mut lock_refused, mut best_excluded) = (0, 0, 0);
    for seed in 0..2000 {
        let mut request = random_cart(seed, SMALL);
        let (_, plain_ids, _) = best_mode(&request);
        let (lock, exclude) = random_constraints(&request, seed);
        request["couponSelection"] = json!({"mode": "best", "exclude": exclude, "lock": lock});
        let result = price(&request);
        let coupons = result["coupons"].as_array().unwrap();
        let status = |id: &String| coupons.iter().find(|c| c["id"] == json!(id)).unwrap();
        if lock.iter().any(|id| status(id)["status"] == "applied") {
            lock_applied += 1;
        }
        if lock.iter().any(|id| {
            let reason = &status(id)["reason"];
            reason == "stackingConflict" || reason == "exclusiveConflict"
        }) {
            lock_refused += 1;
        }
        if plain_ids.iter().any(|id| exclude.contains(id)) {
            best_excluded += 1;
        }
    }
    println!("lock applied {lock_applied}, lock refused {lock_refused}, best excluded {best_excluded} of 2000");
    assert!(lock_applied > 400, "only {lock_applied} applied locks");
    assert!(lock_refused > 80, "only {lock_refused} conflicting locks");
    assert!(
        best_excluded > 300,
        "only {best_excluded} exclusions of the plain pick"
    );
}

/// Guards the generator: the comparison above only means something if
/// many random wallets end with stacked coupons and with exclusives.
#[test]
fn random_wallets_exercise_stacking() {
    let (mut stacked, mut exclusive_applied, mut tight) = (0, 0, 0);
    for seed in 0..2000 {
        let request = random_cart(seed, SMALL);
        let (_, ids, result) = best_mode(&request);
        if ids.len() >= 2 {
            stacked += 1;
        }
        let coupons = request["coupons"].as_array().unwrap();
        if ids.len() == 1
            && coupons
                .iter()
                .any(|c| c["id"] == json!(ids[0]) && c["exclusive"] == json!(true))
        {
            exclusive_applied += 1;
        }
        if result["coupons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["reason"] == "belowThreshold")
        {
            tight += 1;
        }
    }
    println!("stacked {stacked}, exclusive {exclusive_applied}, belowThreshold {tight} of 2000");
    assert!(
        stacked > 400,
        "only {stacked} of 2000 wallets stack coupons"
    );
    assert!(
        exclusive_applied > 40,
        "only {exclusive_applied} exclusive picks"
    );
    assert!(
        tight > 200,
        "only {tight} wallets with a coupon below threshold"
    );
}
