//! SPEC 4 manual mode: the buyer's picks, considered in `ids` order; the
//! earlier pick always wins.

use super::coupon::{CouponBoard, Unusable};
use crate::request::model::Stage;
use crate::result::CouponReason;

/// Why a manual pick was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Unusable even alone: its stand-alone reason.
    Alone(Unusable),
    ExclusiveConflict,
    StackingConflict,
}

impl Refusal {
    pub fn reason(self) -> CouponReason {
        match self {
            Refusal::Alone(reason) => reason.reason(),
            Refusal::ExclusiveConflict => CouponReason::ExclusiveConflict,
            Refusal::StackingConflict => CouponReason::StackingConflict,
        }
    }
}

/// The slot a non-exclusive coupon occupies (SPEC 4 stacking).
fn slot(board: &CouponBoard, c: usize) -> (Stage, Option<usize>) {
    let coupon = &board.cart.coupons[c];
    match coupon.stage {
        Stage::Shop => (Stage::Shop, coupon.shop),
        other => (other, None),
    }
}

/// Accepted picks (in `ids` order) and refused ones with their reason.
pub fn resolve(board: &CouponBoard, picks: &[usize]) -> (Vec<usize>, Vec<(usize, Refusal)>) {
    let coupons = &board.cart.coupons;
    let mut accepted: Vec<usize> = Vec::new();
    let mut refused = Vec::new();
    for &c in picks {
        if let Err(reason) = board.alone(c) {
            refused.push((c, Refusal::Alone(reason)));
            continue;
        }
        let exclusive_clash = (coupons[c].exclusive && !accepted.is_empty())
            || accepted.iter().any(|&a| coupons[a].exclusive);
        if exclusive_clash {
            refused.push((c, Refusal::ExclusiveConflict));
            continue;
        }
        let slot_taken = accepted.iter().any(|&a| slot(board, a) == slot(board, c));
        let mut trial = accepted.clone();
        trial.push(c);
        if slot_taken || board.apply(&trial).is_none() {
            refused.push((c, Refusal::StackingConflict));
            continue;
        }
        accepted = trial;
    }
    (accepted, refused)
}
