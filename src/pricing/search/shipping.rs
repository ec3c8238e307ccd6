//! The shipping coupon's threshold inside the search (SPEC 4, 6): whether
//! it can fail at all, and at a leaf whether the platform discount's
//! allocation leaves it met — from the allocation's one-fen window when
//! that decides, else by allocating.

use super::tree::Node;
use super::{Pass, Platform, Search, Shipping, ShopSlot};
use crate::money::Money;
use crate::pricing::allocation::allocate;

/// How the platform discount's allocation reaches the shipping coupon's
/// lines: not at all, wholly (its lines are all the shipping coupon's),
/// or in part (`S`, the lines both cover, a proper part of the platform's).
pub(super) enum Overlap {
    None,
    Whole,
    Part {
        /// `S` as a membership table over the cart's lines.
        lines: Vec<bool>,
        base: i64,
        /// `min(|S|, |E(p) \ S|)`: the allocation on `S` is within this
        /// many fen of its exact proportional share.
        slack: i64,
    },
}

impl Search<'_, '_> {
    /// How `p`'s allocation reaches `h`'s lines.
    pub(super) fn overlap(&mut self, platform: Option<&Platform>, h: &Shipping) -> Overlap {
        let Some(p) = platform else {
            return Overlap::None;
        };
        let board = self.board;
        let (platform_lines, shipping_lines) =
            (&board.eligible[p.coupon], &board.eligible[h.coupon]);
        self.spend((platform_lines.len() + shipping_lines.len()) as u64 / 16 + 1);
        let mut in_shipping = vec![false; board.after_promotion.len()];
        for &i in shipping_lines {
            in_shipping[i] = true;
        }
        let both = platform_lines.iter().filter(|&&i| in_shipping[i]).count();
        if both == 0 {
            return Overlap::None;
        }
        if both == platform_lines.len() {
            return Overlap::Whole;
        }
        let mut lines = vec![false; board.after_promotion.len()];
        let mut base = 0;
        for &i in platform_lines.iter().filter(|&&i| in_shipping[i]) {
            lines[i] = true;
            base += board.after_promotion[i].fen();
        }
        Overlap::Part {
            lines,
            base,
            slack: both.min(platform_lines.len() - both) as i64,
        }
    }

    /// Whether the shipping coupon's threshold can fail in some completion:
    /// its `A` can fall at most by every shop's largest cut of it and by
    /// the platform's largest discount, when that reaches its lines.
    pub(super) fn shipping_binds(
        &self,
        slots: &[ShopSlot],
        platform: Option<&Platform>,
        shipping: Option<&Shipping>,
        overlap: &Overlap,
    ) -> bool {
        let Some(h) = shipping else {
            return false;
        };
        if h.threshold == 0 {
            return false;
        }
        let shop_cuts: i64 = slots
            .iter()
            .map(|slot| slot.coupons.iter().map(|&k| h.cuts[k]).max().unwrap_or(0))
            .sum();
        let platform_share = match (overlap, platform) {
            (Overlap::None, _) | (_, None) => 0,
            (_, Some(p)) => p.rule.discount(p.base).unwrap_or(0),
        };
        h.base - shop_cuts - platform_share < h.threshold
    }

    /// Whether the platform allocation leaves the shipping coupon's `A` at
    /// or above its threshold: `room` is how far `A` is above it before
    /// the platform coupon. Decided from the allocation's bounds when they
    /// suffice (SPEC 6: each line's share is within one fen of its exact
    /// proportion), else by allocating, which costs a unit per line.
    pub(super) fn shipping_holds(
        &mut self,
        pass: &Pass,
        node: Node,
        platform: i64,
        room: i64,
        entries: &[usize],
    ) -> bool {
        match pass.overlap {
            Overlap::None => room >= 0,
            Overlap::Whole => platform <= room,
            Overlap::Part { lines, base, slack } => {
                let Some(p) = pass.platform else {
                    return room >= 0;
                };
                let total = i128::from(p.base - node.platform_cut);
                if total <= 0 || platform == 0 {
                    return room >= 0;
                }
                let part = i128::from(base - node.overlap_cut);
                let exact = i128::from(platform) * part;
                let (room, slack) = (i128::from(room), i128::from(*slack));
                if exact + slack * total <= room * total {
                    return true;
                }
                if exact - slack * total >= room * total {
                    return false;
                }
                self.exact_share(p, platform, lines, entries) as i128 <= room
            }
        }
    }

    /// The platform discount's allocation on the lines of `part`, exactly.
    pub(super) fn exact_share(
        &mut self,
        p: &Platform,
        platform: i64,
        part: &[bool],
        entries: &[usize],
    ) -> i64 {
        let board = self.board;
        let lines = &board.eligible[p.coupon];
        let shares: usize = entries
            .iter()
            .map(|&k| self.shop_coupons[k].shares.len())
            .sum();
        self.spend((board.after_promotion.len() + shares) as u64);
        let mut amounts: Vec<i64> = board.after_promotion.iter().map(|m| m.fen()).collect();
        for &k in entries {
            for &(i, s) in &self.shop_coupons[k].shares {
                amounts[i] -= s;
            }
        }
        let weights: Vec<Money> = lines.iter().map(|&i| Money(amounts[i])).collect();
        lines
            .iter()
            .zip(allocate(Money(platform), &weights))
            .filter(|(i, _)| part[**i])
            .map(|(_, share)| share.fen())
            .sum()
    }
}
