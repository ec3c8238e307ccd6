//! The search tree of a pass: each shop's options, the ones dominance
//! keeps, and the suffix sums the bounds read.

use super::shipping::Overlap;
use super::{Platform, Search, Shipping, ShopSlot, SCALE};

/// One way to fill a shop's slot: a shop coupon, or none.
#[derive(Clone, Copy)]
pub(super) struct ShopOption {
    pub(super) coupon: Option<usize>,
    /// Index into `Search::shop_coupons`, for the exact shipping check.
    pub(super) entry: Option<usize>,
    pub(super) discount: i64,
    /// How much it lowers the pass's platform coupon's `A`.
    pub(super) platform_cut: i64,
    /// How much it lowers the pass's shipping coupon's `A`.
    pub(super) shipping_cut: i64,
    /// How much it lowers the amount of the lines both coupons cover.
    pub(super) overlap_cut: i64,
}

/// A search tree node's running figures.
#[derive(Clone, Copy)]
pub(super) struct Node {
    pub(super) discount: i64,
    pub(super) platform_cut: i64,
    pub(super) shipping_cut: i64,
    pub(super) overlap_cut: i64,
}

impl Node {
    #[inline(always)]
    pub(super) fn with(self, o: &ShopOption) -> Node {
        Node {
            discount: self.discount + o.discount,
            platform_cut: self.platform_cut + o.platform_cut,
            shipping_cut: self.shipping_cut + o.shipping_cut,
            overlap_cut: self.overlap_cut + o.overlap_cut,
        }
    }
}

impl Search<'_, '_> {
    /// Builds the tree for a platform coupon and, when its threshold may
    /// fail, a shipping coupon: each shop's options best first (all of
    /// them, and the undominated ones), shops with a single option applied
    /// up front, and the bounds' suffix sums.
    pub(super) fn prepare_tree(
        &mut self,
        slots: &[ShopSlot],
        platform: Option<&Platform>,
        shipping: Option<(&Shipping, &Overlap)>,
    ) -> Tree {
        let mut units: usize = slots.iter().map(|s| s.coupons.len() + 1).sum();
        let slope = platform.map_or(0, |p| p.slope);
        let value = |o: &ShopOption| o.discount * SCALE - slope * o.platform_cut;
        // A shop coupon's cut of the lines both coupons cover follows from
        // its two cuts unless its shares straddle both coupons' lines: its
        // shares sum to its discount, so a cut equal to the discount holds
        // every share.
        let mut overlap_cut = |k: usize| -> i64 {
            let (Some(p), Some((h, Overlap::Part { lines, .. }))) = (platform, shipping) else {
                return 0;
            };
            let sc = &self.shop_coupons[k];
            let (platform_cut, shipping_cut) = (p.cuts[k], h.cuts[k]);
            if platform_cut == 0 || shipping_cut == 0 {
                0
            } else if platform_cut == sc.discount {
                shipping_cut
            } else if shipping_cut == sc.discount {
                platform_cut
            } else {
                units += sc.shares.len();
                sc.shares
                    .iter()
                    .filter(|(i, _)| lines[*i])
                    .map(|(_, s)| *s)
                    .sum()
            }
        };
        let mut start = Node {
            discount: 0,
            platform_cut: 0,
            shipping_cut: 0,
            overlap_cut: 0,
        };
        let mut chosen: Vec<usize> = Vec::with_capacity(slots.len() + 2);
        let mut start_entries: Vec<usize> = Vec::new();
        let mut all: Vec<Vec<ShopOption>> = Vec::with_capacity(slots.len());
        for slot in slots {
            let mut options: Vec<ShopOption> = slot
                .coupons
                .iter()
                .map(|&k| ShopOption {
                    coupon: Some(self.shop_coupons[k].coupon),
                    entry: Some(k),
                    discount: self.shop_coupons[k].discount,
                    platform_cut: platform.map_or(0, |p| p.cuts[k]),
                    shipping_cut: shipping.map_or(0, |(h, _)| h.cuts[k]),
                    overlap_cut: overlap_cut(k),
                })
                .collect();
            if !slot.locked {
                options.push(ShopOption {
                    coupon: None,
                    entry: None,
                    discount: 0,
                    platform_cut: 0,
                    shipping_cut: 0,
                    overlap_cut: 0,
                });
            }
            // Most promising first, so good picks come early and bounds bite.
            crate::sort::sort_by(&mut options, |a, b| {
                value(b)
                    .cmp(&value(a))
                    .then(b.discount.cmp(&a.discount))
                    .then(
                        a.coupon
                            .map(|c| self.id_rank[c])
                            .cmp(&b.coupon.map(|c| self.id_rank[c])),
                    )
            });
            // A shop left with one option has no choice: apply it up front,
            // so every level of the tree branches.
            let effective = if shipping.is_some() {
                options.clone()
            } else {
                undominated(&self.id_rank, &options)
            };
            if let [only] = effective.as_slice() {
                start = start.with(only);
                chosen.extend(only.coupon);
                start_entries.extend(only.entry);
                continue;
            }
            all.push(options);
        }
        self.spend(units as u64);
        // Shops whose choice matters most first: they settle the bound
        // soonest; among equals, the smallest ids first, so ties are found
        // in the order of the tie rule and settled early (`Search::settled`).
        let spread =
            |options: &Vec<ShopOption>| options.iter().map(|o| o.discount).max().unwrap_or(0);
        let id_rank = &self.id_rank;
        let least_rank = |options: &Vec<ShopOption>| {
            options
                .iter()
                .filter_map(|o| o.coupon.map(|c| id_rank[c]))
                .min()
                .unwrap_or(u32::MAX)
        };
        crate::sort::sort_by_key(&mut all, |options| {
            (std::cmp::Reverse(spread(options)), least_rank(options))
        });
        let lean: Vec<Vec<ShopOption>> = all
            .iter()
            .map(|options| undominated(&self.id_rank, options))
            .collect();

        // Suffix sums of the best each remaining shop can add.
        let n = all.len();
        let mut max_discount = vec![0i64; n + 1];
        let mut max_linear = vec![0i64; n + 1];
        let mut max_net = vec![0i64; n + 1];
        let mut max_shipping_cut = vec![0i64; n + 1];
        let mut max_single = vec![0i64; n + 1];
        let mut least_rank_after = vec![u32::MAX; n + 1];
        for k in (0..n).rev() {
            max_single[k] = max_single[k + 1].max(spread(&all[k]));
            least_rank_after[k] = least_rank_after[k + 1].min(least_rank(&all[k]));
            let options = &all[k];
            let most = |f: &dyn Fn(&ShopOption) -> i64| options.iter().map(f).max().unwrap_or(0);
            max_discount[k] = max_discount[k + 1] + most(&|o| o.discount);
            max_linear[k] = max_linear[k + 1] + most(&value);
            max_net[k] = max_net[k + 1] + most(&|o| o.discount - o.platform_cut);
            max_shipping_cut[k] = max_shipping_cut[k + 1] + most(&|o| o.shipping_cut);
        }
        // The slope bound reads the whole-fen floor; divide once here.
        let max_linear = max_linear.iter().map(|v| v.div_euclid(SCALE)).collect();
        Tree {
            slots: all,
            lean,
            start,
            chosen,
            start_entries,
            max_discount,
            max_linear,
            max_net,
            max_shipping_cut,
            max_single,
            least_rank_after,
        }
    }
}

/// The search tree of a pass.
pub(super) struct Tree {
    /// Every option of each shop, best first.
    pub(super) slots: Vec<Vec<ShopOption>>,
    /// The options no other option of the shop beats; used wherever the
    /// shipping coupon's threshold cannot fail.
    pub(super) lean: Vec<Vec<ShopOption>>,
    pub(super) start: Node,
    pub(super) chosen: Vec<usize>,
    pub(super) start_entries: Vec<usize>,
    pub(super) max_discount: Vec<i64>,
    /// Suffix sums of each shop's best `d − s·r`, floored to the fen.
    pub(super) max_linear: Vec<i64>,
    /// Suffix sums of each shop's largest `d − r` (0 for "none").
    pub(super) max_net: Vec<i64>,
    pub(super) max_shipping_cut: Vec<i64>,
    /// The largest discount of any one remaining shop.
    pub(super) max_single: Vec<i64>,
    /// The smallest id rank any remaining option holds.
    pub(super) least_rank_after: Vec<u32>,
}

/// Drops options another option of the same shop beats whatever the other
/// shops pick, when the shipping coupon is settled: a larger discount that
/// lowers the platform coupon's `A` no more, or an equal discount, no
/// larger cut and a smaller id. A smaller cut leaves the platform coupon's
/// `A` at least as high, so its threshold still holds and its discount
/// (non-decreasing in `A`) is no smaller.
pub(super) fn undominated(id_rank: &[u32], options: &[ShopOption]) -> Vec<ShopOption> {
    let rank = |o: &ShopOption| o.coupon.map(|c| id_rank[c]);
    let beats = |a: &ShopOption, b: &ShopOption| {
        a.platform_cut <= b.platform_cut
            && (a.discount > b.discount
                || (a.discount == b.discount
                    && a.coupon.is_some()
                    && b.coupon.is_some()
                    && rank(a) < rank(b)))
    };
    options
        .iter()
        .filter(|b| !options.iter().any(|a| beats(a, b)))
        .copied()
        .collect()
}
