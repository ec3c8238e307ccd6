//! SPEC 4 best mode: the combination that minimises the amount payable;
//! ties go to fewer coupons, then the smallest sorted id list.

use super::coupon::{Application, CouponBoard};
use crate::money::Money;
use crate::request::model::Stage;
use std::cmp::Ordering;

/// Steps the search may take before it settles for the best found so far.
/// Every request with at most 1,000,000 stacking-valid combinations is
/// searched exhaustively within it (SPEC 4).
pub const DEFAULT_BUDGET: u64 = 1_000_000;

pub struct SearchOutcome {
    pub application: Option<Application>,
    pub optimal: bool,
    pub tried: u64,
}

/// A candidate's ranking key: payable, then count, then sorted ids.
struct Best {
    payable: Money,
    ids: Vec<String>,
    coupons: Vec<usize>,
    application: Application,
}

fn better(board: &CouponBoard, payable: Money, combo: &[usize], best: &Best) -> bool {
    match payable.cmp(&best.payable) {
        Ordering::Less => return true,
        Ordering::Greater => return false,
        Ordering::Equal => {}
    }
    match combo.len().cmp(&best.coupons.len()) {
        Ordering::Less => return true,
        Ordering::Greater => return false,
        Ordering::Equal => {}
    }
    sorted_ids(board, combo) < best.ids
}

fn sorted_ids(board: &CouponBoard, combo: &[usize]) -> Vec<String> {
    let mut ids: Vec<String> = combo
        .iter()
        .map(|&c| board.cart.coupons[c].id.clone())
        .collect();
    ids.sort();
    ids
}

pub fn best_combination(board: &CouponBoard, budget: u64) -> SearchOutcome {
    let coupons = &board.cart.coupons;
    // A coupon unusable alone stays unusable beside others: every other
    // coupon only lowers the amounts it is judged on. So only coupons usable
    // alone take part.
    let usable: Vec<usize> = (0..coupons.len())
        .filter(|&c| board.alone(c).is_ok())
        .collect();
    let mut slots: Vec<Vec<Option<usize>>> = Vec::new();
    let mut shop_slot: Vec<Option<usize>> = vec![None; board.cart.shops.len()];
    let mut platform_slot = None;
    let mut shipping_slot = None;
    let mut exclusives = Vec::new();
    for &c in &usable {
        let coupon = &coupons[c];
        if coupon.exclusive {
            exclusives.push(c);
            continue;
        }
        let slot = match coupon.stage {
            Stage::Shop => match coupon.shop {
                Some(shop) => shop_slot.get_mut(shop),
                None => None,
            },
            Stage::Platform => Some(&mut platform_slot),
            Stage::Shipping => Some(&mut shipping_slot),
        };
        let Some(slot) = slot else { continue };
        let index = *slot.get_or_insert_with(|| {
            slots.push(vec![None]);
            slots.len() - 1
        });
        slots[index].push(Some(c));
    }

    let Some(empty) = board.apply(&[]) else {
        return SearchOutcome {
            application: None,
            optimal: true,
            tried: 0,
        };
    };
    let mut best = Best {
        payable: empty.payable,
        ids: Vec::new(),
        coupons: Vec::new(),
        application: empty,
    };
    let mut tried: u64 = 1;
    let mut exhausted = true;

    let consider = |combo: &[usize], best: &mut Best, tried: &mut u64| -> bool {
        if *tried >= budget {
            return false;
        }
        *tried += 1;
        if let Some(application) = board.apply(combo) {
            if better(board, application.payable, combo, best) {
                *best = Best {
                    payable: application.payable,
                    ids: sorted_ids(board, combo),
                    coupons: combo.to_vec(),
                    application,
                };
            }
        }
        true
    };

    for &c in &exclusives {
        if !consider(&[c], &mut best, &mut tried) {
            exhausted = false;
            break;
        }
    }
    // Odometer over the slots; the all-empty combination was tried above.
    let mut digits = vec![0usize; slots.len()];
    let mut combo = Vec::with_capacity(slots.len());
    'outer: while exhausted {
        let mut k = 0;
        loop {
            if k == slots.len() {
                break 'outer;
            }
            digits[k] += 1;
            if digits[k] < slots[k].len() {
                break;
            }
            digits[k] = 0;
            k += 1;
        }
        combo.clear();
        combo.extend(digits.iter().zip(&slots).filter_map(|(&d, slot)| slot[d]));
        if !consider(&combo, &mut best, &mut tried) {
            exhausted = false;
        }
    }
    SearchOutcome {
        application: Some(best.application),
        optimal: exhausted,
        tried,
    }
}
