//! SPEC 4 best mode: the combination that minimises the amount payable;
//! ties go to fewer coupons, then the smallest sorted id list. An exact
//! branch and bound whose every step costs work independent of the cart's
//! size; `docs/coupon-search.md` explains why it is exact and bounded.

mod rules;
mod shipping;
mod tree;

use super::allocation::allocate;
use super::coupon::{Application, CouponBoard};
use crate::money::Money;
use crate::request::model::{CouponRule, Stage};
use rules::PlatformRule;
use shipping::Overlap;
use std::cmp::Ordering;
use tree::{Node, Tree};

/// Deterministic units of work the search may spend (SPEC 4). A unit is a
/// search node (leaves included), a shop option laid out for a pass, a
/// share read to split a straddling cut, or a line of an exact shipping
/// check: each costs a bounded number of machine steps whatever the cart's
/// size.
/// Every request of at most 1,000,000 combinations needs fewer
/// (`docs/coupon-search.md`), so its pick is proven optimal.
pub const DEFAULT_BUDGET: u64 = 5_000_000;

const SCALE: i64 = 10_000;

pub struct SearchOutcome {
    pub application: Application,
    pub optimal: bool,
    /// Complete combinations evaluated (informative).
    pub tried: u64,
}

/// A complete candidate, ranked by saving, then count, then sorted ids
/// (held as ranks of the ids in code-point order, which compare alike).
#[derive(Clone)]
struct Pick {
    saving: i64,
    coupons: Vec<usize>,
    ranks: Vec<u32>,
    /// The ranks as a bit set, for comparing ties without sorting.
    bits: Vec<u64>,
}

impl Pick {
    fn new(id_rank: &[u32], saving: i64, coupons: Vec<usize>) -> Pick {
        let mut ranks: Vec<u32> = coupons.iter().map(|&c| id_rank[c]).collect();
        crate::sort::sort(&mut ranks);
        let mut bits = vec![0u64; id_rank.len().div_ceil(64)];
        for &r in &ranks {
            toggle(&mut bits, r);
        }
        Pick {
            saving,
            coupons,
            ranks,
            bits,
        }
    }

    fn rank(&self, other: &Pick) -> Ordering {
        other
            .saving
            .cmp(&self.saving)
            .then(self.coupons.len().cmp(&other.coupons.len()))
            .then_with(|| self.ranks.cmp(&other.ranks))
    }
}

#[inline(always)]
fn toggle(bits: &mut [u64], rank: u32) {
    if let Some(word) = bits.get_mut(rank as usize / 64) {
        *word ^= 1 << (rank % 64);
    }
}

/// Whether the sorted id list of set `a` is smaller than that of set `b`,
/// both of the same size: it is when the smallest id in one set but not
/// the other is in `a`.
fn smaller_set(a: &[u64], b: &[u64]) -> bool {
    for (x, y) in a.iter().zip(b) {
        let differ = x ^ y;
        if differ != 0 {
            return x & differ & differ.wrapping_neg() != 0;
        }
    }
    false
}

/// A shop coupon's fixed effect: it is the only shop-stage coupon on its
/// lines, so its discount and allocation never depend on other picks.
struct ShopCoupon {
    coupon: usize,
    discount: i64,
    shares: Vec<(usize, i64)>,
}

/// A shop's options; `locked` when the buyer keeps one of its coupons,
/// which is then its only option (no "none").
struct ShopSlot {
    coupons: Vec<usize>,
    locked: bool,
}

/// The platform coupon of a pass, with what bounds its discount.
struct Platform {
    coupon: usize,
    rule: PlatformRule,
    base: i64,
    /// Slope of the uncapped discount per fen of `A`, in 1/10,000.
    slope: i64,
    /// Rounding slack of the linear bound, in fen.
    slack: i64,
    /// Per shop option (`Search::shop_coupons` order): its cut of `A`.
    cuts: Vec<i64>,
}

struct Shipping {
    coupon: usize,
    discount: i64,
    base: i64,
    threshold: i64,
    cuts: Vec<i64>,
}

struct Search<'a, 'b> {
    board: &'b CouponBoard<'a>,
    id_rank: Vec<u32>,
    shop_coupons: Vec<ShopCoupon>,
    /// The ranks of the coupons on the current path, as a bit set.
    path_bits: Vec<u64>,
    budget: u64,
    spent: u64,
    tried: u64,
    stopped: bool,
    best: Pick,
}

/// The best pick among the combinations holding every coupon of `locked`
/// (accepted locks: a valid combination, judged like manual picks) and none
/// of `excluded`. Plain best mode passes two empty lists.
pub fn best_combination(
    board: &CouponBoard,
    locked: &[usize],
    excluded: &[usize],
    budget: u64,
) -> SearchOutcome {
    let coupons = &board.cart.coupons;
    let with_locks = board
        .apply(locked)
        .unwrap_or_else(|| board.nothing_applied());
    let id_rank = id_ranks(board);
    let mut search = Search {
        board,
        best: Pick::new(
            &id_rank,
            board.nothing_applied().payable.fen() - with_locks.payable.fen(),
            locked.to_vec(),
        ),
        id_rank,
        shop_coupons: Vec::new(),
        path_bits: vec![0u64; coupons.len().div_ceil(64)],
        budget,
        spent: 0,
        tried: 1,
        stopped: false,
    };
    // An accepted exclusive lock stands alone (later locks were refused).
    if locked.iter().any(|&c| coupons[c].exclusive) {
        return SearchOutcome {
            application: with_locks,
            optimal: true,
            tried: search.tried,
        };
    }
    let candidates = candidates(board, locked, excluded);
    if locked.is_empty() {
        for &(c, discount) in candidates.iter().filter(|(c, _)| coupons[*c].exclusive) {
            let pick = Pick::new(&search.id_rank, discount.fen(), vec![c]);
            search.offer(pick);
        }
    }
    let stages = StageOptions::new(&mut search, &candidates, locked);
    search.run_passes(&stages);
    SearchOutcome {
        application: board.apply(&search.best.coupons).unwrap_or(with_locks),
        optimal: !search.stopped,
        tried: search.tried,
    }
}

/// Each coupon's rank among the ids in code-point order.
fn id_ranks(board: &CouponBoard) -> Vec<u32> {
    let coupons = &board.cart.coupons;
    let mut order: Vec<usize> = (0..coupons.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| coupons[a].id.cmp(&coupons[b].id));
    let mut id_rank = vec![0u32; coupons.len()];
    for (rank, &c) in order.iter().enumerate() {
        id_rank[c] = rank as u32;
    }
    id_rank
}

/// Only coupons usable alone with a discount above zero can improve a
/// combination: others stay unusable (amounts only fall as coupons are
/// added) or give 0 (discounts never rise as `A` falls). Locks take part
/// whatever their discount; excluded coupons never do.
fn candidates(board: &CouponBoard, locked: &[usize], excluded: &[usize]) -> Vec<(usize, Money)> {
    (0..board.cart.coupons.len())
        .filter(|c| !excluded.contains(c))
        .filter_map(|c| board.alone(c).ok().map(|d| (c, d)))
        .filter(|(c, d)| *d > Money::ZERO || locked.contains(c))
        .collect()
}

/// The options of each stage: shop slots, then platform and shipping
/// coupons (or none, unless one is locked).
struct StageOptions {
    slots: Vec<ShopSlot>,
    platforms: Vec<Option<Platform>>,
    shippings: Vec<Option<Shipping>>,
}

impl StageOptions {
    fn new(search: &mut Search, candidates: &[(usize, Money)], locked: &[usize]) -> StageOptions {
        let board = search.board;
        let coupons = &board.cart.coupons;
        // A locked coupon is the only option of its slot.
        let stacking = |stage: Stage| -> Vec<(usize, Money)> {
            let mut list: Vec<(usize, Money)> = candidates
                .iter()
                .copied()
                .filter(|(c, _)| !coupons[*c].exclusive && coupons[*c].stage == stage)
                .collect();
            crate::sort::sort_by(&mut list, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            if let Some(&lock) = list.iter().find(|(c, _)| locked.contains(c)) {
                if stage != Stage::Shop {
                    list = vec![lock];
                }
            }
            list
        };
        let slots = search.shop_slots(&stacking(Stage::Shop), locked);
        let platform_list = stacking(Stage::Platform);
        let platform_locked = platform_list.iter().any(|(c, _)| locked.contains(c));
        let mut platforms: Vec<Option<Platform>> = Vec::with_capacity(platform_list.len() + 1);
        for &(c, _) in &platform_list {
            let cuts = search.cuts(c);
            platforms.push(Some(platform(board, c, cuts)));
        }
        if !platform_locked {
            platforms.push(None);
        }
        let shipping_list = stacking(Stage::Shipping);
        let shipping_locked = shipping_list.iter().any(|(c, _)| locked.contains(c));
        let mut shippings: Vec<Option<Shipping>> = Vec::with_capacity(shipping_list.len() + 1);
        for &(c, d) in &shipping_list {
            let cuts = search.cuts(c);
            shippings.push(Some(Shipping {
                coupon: c,
                discount: d.fen(),
                base: board.base_alone(c).fen(),
                threshold: coupons[c].threshold.fen(),
                cuts,
            }));
        }
        if !shipping_locked {
            shippings.push(None);
        }
        StageOptions {
            slots,
            platforms,
            shippings,
        }
    }
}

impl Search<'_, '_> {
    /// One pass per (platform, shipping) pair; a pass whose shipping
    /// threshold cannot fail shares the platform's loose tree.
    fn run_passes(&mut self, stages: &StageOptions) {
        for platform in &stages.platforms {
            let loose = self.prepare_tree(&stages.slots, platform.as_ref(), None);
            for shipping in &stages.shippings {
                if self.stopped {
                    return;
                }
                let (platform, shipping) = (platform.as_ref(), shipping.as_ref());
                let overlap = match shipping {
                    Some(h) if h.threshold > 0 => self.overlap(platform, h),
                    _ => Overlap::None,
                };
                if self.shipping_binds(&stages.slots, platform, shipping, &overlap) {
                    let tree =
                        self.prepare_tree(&stages.slots, platform, shipping.map(|h| (h, &overlap)));
                    self.pass(&tree, platform, shipping, &overlap, true);
                } else {
                    self.pass(&loose, platform, shipping, &overlap, false);
                }
            }
        }
    }
}

fn platform(board: &CouponBoard, c: usize, cuts: Vec<i64>) -> Platform {
    let coupon = &board.cart.coupons[c];
    let (slope, slack, pay_basis, cap) = match &coupon.rule {
        CouponRule::PayRatio { pay_ratio, max_off } => {
            let basis = i64::from(pay_ratio.basis);
            (SCALE - basis, 1, Some(basis), max_off.map(Money::fen))
        }
        CouponRule::AmountOff(off) => (SCALE, 0, None, Some(off.fen())),
        _ => (SCALE, 0, None, Some(0)),
    };
    Platform {
        coupon: c,
        rule: PlatformRule {
            threshold: coupon.threshold.fen(),
            pay_basis,
            cap,
            rounding: board.cart.rounding,
        },
        base: board.base_alone(c).fen(),
        slope,
        slack,
        cuts,
    }
}

impl Search<'_, '_> {
    /// Spends `units` of the budget; false (and the search stops) when
    /// they are not there.
    #[inline(always)]
    fn spend(&mut self, units: u64) -> bool {
        if self.stopped || self.spent + units > self.budget {
            self.stopped = true;
            return false;
        }
        self.spent += units;
        true
    }

    fn offer(&mut self, pick: Pick) {
        if pick.rank(&self.best) == Ordering::Less {
            self.best = pick;
        }
    }

    /// Groups the shop coupons by shop, each computed once. Coupons of one
    /// shop with the same discount and the same shares leave every line
    /// with the same amount whatever else is picked, so only the smallest
    /// id of them can be in the best pick (swapping in a smaller id never
    /// makes a sorted list larger): the others are dropped.
    fn shop_slots(&mut self, list: &[(usize, Money)], locked: &[usize]) -> Vec<ShopSlot> {
        let board = self.board;
        let mut by_shop: Vec<ShopSlot> = Vec::new();
        let mut slot_of_shop: Vec<Option<usize>> = vec![None; board.cart.shops.len()];
        for &(c, discount) in list {
            let Some(shop) = board.cart.coupons[c].shop else {
                continue;
            };
            let Some(slot_ref) = slot_of_shop.get_mut(shop) else {
                continue;
            };
            let slot = *slot_ref.get_or_insert_with(|| {
                by_shop.push(ShopSlot {
                    coupons: Vec::new(),
                    locked: false,
                });
                by_shop.len() - 1
            });
            let lines = &board.eligible[c];
            // Allocation is linear in the lines; it is done once per coupon.
            let weights: Vec<Money> = lines.iter().map(|&i| board.after_promotion[i]).collect();
            let shares: Vec<(usize, i64)> = lines
                .iter()
                .zip(allocate(discount, &weights))
                .filter(|(_, share)| *share > Money::ZERO)
                .map(|(&i, share)| (i, share.fen()))
                .collect();
            let entry = &mut by_shop[slot];
            let is_lock = locked.contains(&c);
            if entry.locked && !is_lock {
                continue;
            }
            let twin = entry.coupons.iter().position(|&k| {
                let other = &self.shop_coupons[k];
                other.discount == discount.fen() && other.shares == shares
            });
            let k = self.shop_coupons.len();
            self.shop_coupons.push(ShopCoupon {
                coupon: c,
                discount: discount.fen(),
                shares,
            });
            if is_lock {
                entry.coupons = vec![k];
                entry.locked = true;
            } else {
                match twin {
                    Some(t)
                        if self.id_rank[self.shop_coupons[entry.coupons[t]].coupon]
                            < self.id_rank[c] => {}
                    Some(t) => entry.coupons[t] = k,
                    None => entry.coupons.push(k),
                }
            }
        }
        by_shop
    }

    /// Per shop coupon, the part of its allocation on `E(c)`. Done once per
    /// platform or shipping coupon, before the search and outside its
    /// budget: at most 200 coupons × the shares of the shop coupons.
    fn cuts(&self, c: usize) -> Vec<i64> {
        let mut member = vec![false; self.board.after_promotion.len()];
        for &i in &self.board.eligible[c] {
            member[i] = true;
        }
        self.shop_coupons
            .iter()
            .map(|sc| {
                sc.shares
                    .iter()
                    .filter(|(i, _)| member[*i])
                    .map(|(_, s)| *s)
                    .sum()
            })
            .collect()
    }

    /// Runs one pass over a prepared tree.
    fn pass(
        &mut self,
        tree: &Tree,
        platform: Option<&Platform>,
        shipping: Option<&Shipping>,
        overlap: &Overlap,
        binds: bool,
    ) {
        let fixed: Vec<usize> = platform
            .map(|p| p.coupon)
            .into_iter()
            .chain(shipping.map(|h| h.coupon))
            .collect();
        let context = Pass {
            tree,
            platform,
            shipping,
            overlap,
            fixed: &fixed,
        };
        let mut chosen = tree.chosen.clone();
        let mut entries = tree.start_entries.clone();
        let on_path: Vec<u32> = chosen
            .iter()
            .chain(&fixed)
            .map(|&c| self.id_rank[c])
            .collect();
        for &r in &on_path {
            toggle(&mut self.path_bits, r);
        }
        self.descend(&context, 0, tree.start, binds, &mut chosen, &mut entries);
        for &r in &on_path {
            toggle(&mut self.path_bits, r);
        }
    }

    fn descend(
        &mut self,
        pass: &Pass,
        depth: usize,
        node: Node,
        binds: bool,
        chosen: &mut Vec<usize>,
        entries: &mut Vec<usize>,
    ) {
        if !self.spend(1) {
            return;
        }
        let tree = pass.tree;
        let mut binds = binds;
        let shipping_discount = pass.shipping.map_or(0, |h| h.discount);
        let platform_now = match pass.platform {
            Some(p) => match p.rule.discount(p.base - node.platform_cut) {
                Some(d) => Some((p, d)),
                None => return,
            },
            None => None,
        };
        if binds {
            if let Some(h) = pass.shipping {
                let before_platform = h.base - node.shipping_cut;
                if before_platform < h.threshold {
                    return;
                }
                // Once no completion can fail the threshold, the rest of
                // the subtree is an ordinary one: dominance holds again.
                let platform_share = match (pass.overlap, platform_now) {
                    (Overlap::None, _) | (_, None) => 0,
                    (_, Some((_, d))) => d,
                };
                if before_platform - tree.max_shipping_cut[depth] - platform_share >= h.threshold {
                    binds = false;
                }
            }
        }
        let bound = match platform_now {
            Some((p, now)) => {
                let base = p.base - node.platform_cut;
                let by_cap = tree.max_discount[depth] + now;
                let by_slope = tree.max_linear[depth] + p.rule.uncapped(base) + p.slack;
                // The rest may lower `A` by at most its distance to the
                // threshold, and gains beyond their cuts only `d − r`.
                let by_threshold = tree.max_net[depth] + (base - p.rule.threshold) + now;
                node.discount + by_cap.min(by_slope).min(by_threshold)
            }
            None => node.discount + tree.max_discount[depth],
        } + shipping_discount;
        let count = chosen.len() + pass.fixed.len();
        match bound.cmp(&self.best.saving) {
            Ordering::Less => return,
            Ordering::Equal if count > self.best.coupons.len() => return,
            Ordering::Equal
                if self.settled(
                    tree,
                    depth,
                    node.discount + platform_now.map_or(0, |(_, d)| d) + shipping_discount,
                    count,
                ) =>
            {
                return
            }
            _ => {}
        }
        if depth == tree.slots.len() {
            self.leaf(
                pass,
                node,
                platform_now.map(|(_, d)| d),
                binds,
                chosen,
                entries,
            );
            return;
        }
        let options = if binds {
            &tree.slots[depth]
        } else {
            &tree.lean[depth]
        };
        for option in options {
            if let Some(c) = option.coupon {
                chosen.push(c);
                toggle(&mut self.path_bits, self.id_rank[c]);
            }
            if let Some(k) = option.entry {
                entries.push(k);
            }
            self.descend(pass, depth + 1, node.with(option), binds, chosen, entries);
            if let Some(c) = option.coupon {
                chosen.pop();
                toggle(&mut self.path_bits, self.id_rank[c]);
            }
            if option.entry.is_some() {
                entries.pop();
            }
            if self.stopped {
                return;
            }
        }
    }

    /// Whether no completion of a node that can at best tie the best pick
    /// beats it on the tie rule: none reaches the saving with fewer coupons
    /// (`fixed` is the node's discounts plus the platform coupon's discount
    /// now, which only falls, and the shipping discount; at most `q` more
    /// shop coupons add at most `q` times the largest one), and the sorted
    /// ids are already larger: below the smallest id the open shops can
    /// add, the smallest id in one list and not the other is the best
    /// pick's (two lists of one length compare so).
    fn settled(&self, tree: &Tree, depth: usize, fixed: i64, count: usize) -> bool {
        let best = &self.best;
        if let Some(q) = best.coupons.len().checked_sub(count + 1) {
            let fewer = tree.max_discount[depth].min(q as i64 * tree.max_single[depth]);
            if fixed + fewer >= best.saving {
                return false;
            }
        }
        let limit = tree.least_rank_after[depth];
        for (w, (mine, theirs)) in self.path_bits.iter().zip(&best.bits).enumerate() {
            let start = (w * 64) as u64;
            if start >= u64::from(limit) {
                return false;
            }
            let below = u64::from(limit) - start;
            let mask = if below >= 64 {
                u64::MAX
            } else {
                (1u64 << below) - 1
            };
            let differ = (mine ^ theirs) & mask;
            if differ != 0 {
                return theirs & differ & differ.wrapping_neg() != 0;
            }
        }
        false
    }

    fn leaf(
        &mut self,
        pass: &Pass,
        node: Node,
        platform_discount: Option<i64>,
        binds: bool,
        chosen: &[usize],
        entries: &[usize],
    ) {
        self.tried += 1;
        let platform = platform_discount.unwrap_or(0);
        if binds {
            if let Some(h) = pass.shipping {
                let room = h.base - node.shipping_cut - h.threshold;
                if !self.shipping_holds(pass, node, platform, room, entries) {
                    return;
                }
            }
        }
        let saving = node.discount + platform + pass.shipping.map_or(0, |h| h.discount);
        if saving < self.best.saving {
            return;
        }
        let count = chosen.len() + pass.fixed.len();
        if saving == self.best.saving && count > self.best.coupons.len() {
            return;
        }
        if saving == self.best.saving
            && count == self.best.coupons.len()
            && !smaller_set(&self.path_bits, &self.best.bits)
        {
            return;
        }
        let mut coupons: Vec<usize> = chosen.to_vec();
        coupons.extend_from_slice(pass.fixed);
        let pick = Pick::new(&self.id_rank, saving, coupons);
        self.offer(pick);
    }
}

struct Pass<'p> {
    tree: &'p Tree,
    platform: Option<&'p Platform>,
    shipping: Option<&'p Shipping>,
    overlap: &'p Overlap,
    fixed: &'p [usize],
}
