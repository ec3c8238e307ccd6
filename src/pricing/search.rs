//! SPEC 4 best mode: the combination that minimises the amount payable;
//! ties go to fewer coupons, then the smallest sorted id list. An exact
//! branch and bound whose every step costs work independent of the cart's
//! size; `docs/coupon-search.md` explains why it is exact and bounded.

use super::allocation::allocate;
use super::coupon::{Application, CouponBoard};
use crate::money::{Money, Rounding};
use crate::request::model::{CouponRule, Stage};
use std::cmp::Ordering;

/// Deterministic units of work the search may spend (SPEC 4). A unit is a
/// search node, a leaf, a shop option laid out for a pass, a coupon share
/// read while precomputing cuts, or a line of an exact shipping check:
/// each costs a bounded number of machine steps whatever the cart's size.
/// Every request of at most 1,000,000 combinations needs fewer
/// (`docs/coupon-search.md`), so its pick is proven optimal.
pub const DEFAULT_BUDGET: u64 = 4_000_000;

const SCALE: i64 = 10_000;

pub struct SearchOutcome {
    pub application: Option<Application>,
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
        ranks.sort_unstable();
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

/// One way to fill a shop's slot: a shop coupon, or none.
#[derive(Clone, Copy)]
struct Option_ {
    coupon: Option<usize>,
    /// Index into `Search::shop_coupons`, for the exact shipping check.
    entry: Option<usize>,
    discount: i64,
    /// How much it lowers the pass's platform coupon's `A`.
    platform_cut: i64,
    /// How much it lowers the pass's shipping coupon's `A`.
    shipping_cut: i64,
    /// How much it lowers the amount of the lines both coupons cover.
    overlap_cut: i64,
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

/// A platform coupon's discount rule in whole fen, without decimals.
#[derive(Clone, Copy)]
struct PlatformRule {
    threshold: i64,
    /// `None` for an amount off (`cap` is then the `off`).
    pay_basis: Option<i64>,
    cap: Option<i64>,
    rounding: Rounding,
}

impl PlatformRule {
    /// The discount on `A`, or `None` below the threshold (SPEC 4).
    fn discount(&self, base: i64) -> Option<i64> {
        if base < self.threshold {
            return None;
        }
        let uncapped = self.uncapped(base);
        Some(self.cap.map_or(uncapped, |cap| uncapped.min(cap)))
    }

    /// The discount without its cap: an upper bound, linear up to rounding.
    fn uncapped(&self, base: i64) -> i64 {
        match self.pay_basis {
            None => base,
            Some(basis) => base - round_ratio(self.rounding, base, basis),
        }
    }
}

/// `round(amount × basis / 10,000)` for `amount >= 0`, exactly as
/// `Rounding::times` rounds the decimal product.
fn round_ratio(rounding: Rounding, amount: i64, basis: i64) -> i64 {
    let product = i128::from(amount.max(0)) * i128::from(basis);
    let (whole, rest) = (product / 10_000, product % 10_000);
    let up = match rounding {
        Rounding::HalfUp => rest * 2 >= 10_000,
        Rounding::HalfEven => rest * 2 > 10_000 || (rest * 2 == 10_000 && whole % 2 == 1),
        Rounding::Down => false,
        Rounding::Up => rest > 0,
    };
    (whole + i128::from(up)) as i64
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

/// How the platform discount's allocation reaches the shipping coupon's
/// lines: not at all, wholly (its lines are all the shipping coupon's),
/// or in part (`S`, the lines both cover, a proper part of the platform's).
enum Overlap {
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
    let (Some(empty), Some(with_locks)) = (board.apply(&[]), board.apply(locked)) else {
        return SearchOutcome {
            application: None,
            optimal: true,
            tried: 0,
        };
    };
    let coupons = &board.cart.coupons;
    let mut order: Vec<usize> = (0..coupons.len()).collect();
    order.sort_by(|&a, &b| coupons[a].id.cmp(&coupons[b].id));
    let mut id_rank = vec![0u32; coupons.len()];
    for (rank, &c) in order.iter().enumerate() {
        id_rank[c] = rank as u32;
    }
    // Only coupons usable alone with a discount above zero can improve a
    // combination: others stay unusable (amounts only fall as coupons are
    // added) or give 0 (discounts never rise as `A` falls). Locks take
    // part whatever their discount.
    let candidates: Vec<(usize, Money)> = (0..coupons.len())
        .filter(|c| !excluded.contains(c))
        .filter_map(|c| board.alone(c).ok().map(|d| (c, d)))
        .filter(|(c, d)| *d > Money::ZERO || locked.contains(c))
        .collect();

    let mut search = Search {
        board,
        best: Pick::new(
            &id_rank,
            empty.payable.fen() - with_locks.payable.fen(),
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
            application: Some(with_locks),
            optimal: true,
            tried: search.tried,
        };
    }
    if locked.is_empty() {
        for &(c, discount) in candidates.iter().filter(|(c, _)| coupons[*c].exclusive) {
            let pick = Pick::new(&search.id_rank, discount.fen(), vec![c]);
            search.offer(pick);
        }
    }

    // A locked coupon is the only option of its slot.
    let stacking = |stage: Stage| -> Vec<(usize, Money)> {
        let mut list: Vec<(usize, Money)> = candidates
            .iter()
            .copied()
            .filter(|(c, _)| !coupons[*c].exclusive && coupons[*c].stage == stage)
            .collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
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

    'passes: for platform in &platforms {
        let loose = search.prepare_tree(&slots, platform.as_ref(), None);
        for shipping in &shippings {
            if search.stopped {
                break 'passes;
            }
            let (platform, shipping) = (platform.as_ref(), shipping.as_ref());
            let overlap = match shipping {
                Some(h) if h.threshold > 0 => search.overlap(platform, h),
                _ => Overlap::None,
            };
            if search.shipping_binds(&slots, platform, shipping, &overlap) {
                let tree = search.prepare_tree(&slots, platform, shipping.map(|h| (h, &overlap)));
                search.pass(&tree, platform, shipping, &overlap, true);
            } else {
                search.pass(&loose, platform, shipping, &overlap, false);
            }
        }
    }

    let application = board.apply(&search.best.coupons).or(Some(with_locks));
    SearchOutcome {
        application,
        optimal: !search.stopped,
        tried: search.tried,
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

/// A search tree node's running figures.
#[derive(Clone, Copy)]
struct Node {
    discount: i64,
    platform_cut: i64,
    shipping_cut: i64,
    overlap_cut: i64,
}

impl Node {
    fn with(self, o: &Option_) -> Node {
        Node {
            discount: self.discount + o.discount,
            platform_cut: self.platform_cut + o.platform_cut,
            shipping_cut: self.shipping_cut + o.shipping_cut,
            overlap_cut: self.overlap_cut + o.overlap_cut,
        }
    }
}

impl Search<'_, '_> {
    /// Spends `units` of the budget; false (and the search stops) when
    /// they are not there.
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

    fn overlap(&mut self, platform: Option<&Platform>, h: &Shipping) -> Overlap {
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
    fn shipping_binds(
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
                let by_slope =
                    tree.max_linear[depth].div_euclid(SCALE) + p.rule.uncapped(base) + p.slack;
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

    /// Whether the platform allocation leaves the shipping coupon's `A` at
    /// or above its threshold: `room` is how far `A` is above it before
    /// the platform coupon. Decided from the allocation's bounds when they
    /// suffice (SPEC 6: each line's share is within one fen of its exact
    /// proportion), else by allocating, which costs a unit per line.
    fn shipping_holds(
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
    fn exact_share(
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

    /// Builds the tree for a platform coupon and, when its threshold may
    /// fail, a shipping coupon: each shop's options best first (all of
    /// them, and the undominated ones), shops with a single option applied
    /// up front, and the bounds' suffix sums.
    fn prepare_tree(
        &mut self,
        slots: &[ShopSlot],
        platform: Option<&Platform>,
        shipping: Option<(&Shipping, &Overlap)>,
    ) -> Tree {
        let mut units: usize = slots.iter().map(|s| s.coupons.len() + 1).sum();
        let slope = platform.map_or(0, |p| p.slope);
        let value = |o: &Option_| o.discount * SCALE - slope * o.platform_cut;
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
        let mut all: Vec<Vec<Option_>> = Vec::with_capacity(slots.len());
        for slot in slots {
            let mut options: Vec<Option_> = slot
                .coupons
                .iter()
                .map(|&k| Option_ {
                    coupon: Some(self.shop_coupons[k].coupon),
                    entry: Some(k),
                    discount: self.shop_coupons[k].discount,
                    platform_cut: platform.map_or(0, |p| p.cuts[k]),
                    shipping_cut: shipping.map_or(0, |(h, _)| h.cuts[k]),
                    overlap_cut: overlap_cut(k),
                })
                .collect();
            if !slot.locked {
                options.push(Option_ {
                    coupon: None,
                    entry: None,
                    discount: 0,
                    platform_cut: 0,
                    shipping_cut: 0,
                    overlap_cut: 0,
                });
            }
            // Most promising first, so good picks come early and bounds bite.
            options.sort_by(|a, b| {
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
        // Shops whose choice matters most first: they settle the bound soonest.
        let spread = |options: &Vec<Option_>| options.iter().map(|o| o.discount).max().unwrap_or(0);
        all.sort_by_key(|options| std::cmp::Reverse(spread(options)));
        let lean: Vec<Vec<Option_>> = all
            .iter()
            .map(|options| undominated(&self.id_rank, options))
            .collect();

        // Suffix sums of the best each remaining shop can add.
        let n = all.len();
        let mut max_discount = vec![0i64; n + 1];
        let mut max_linear = vec![0i64; n + 1];
        let mut max_net = vec![0i64; n + 1];
        let mut max_shipping_cut = vec![0i64; n + 1];
        for k in (0..n).rev() {
            let options = &all[k];
            let most = |f: &dyn Fn(&Option_) -> i64| options.iter().map(f).max().unwrap_or(0);
            max_discount[k] = max_discount[k + 1] + most(&|o| o.discount);
            max_linear[k] = max_linear[k + 1] + most(&value);
            max_net[k] = max_net[k + 1] + most(&|o| o.discount - o.platform_cut);
            max_shipping_cut[k] = max_shipping_cut[k + 1] + most(&|o| o.shipping_cut);
        }
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
        }
    }
}

/// The search tree of a pass.
struct Tree {
    /// Every option of each shop, best first.
    slots: Vec<Vec<Option_>>,
    /// The options no other option of the shop beats; used wherever the
    /// shipping coupon's threshold cannot fail.
    lean: Vec<Vec<Option_>>,
    start: Node,
    chosen: Vec<usize>,
    start_entries: Vec<usize>,
    max_discount: Vec<i64>,
    max_linear: Vec<i64>,
    /// Suffix sums of each shop's largest `d − r` (0 for "none").
    max_net: Vec<i64>,
    max_shipping_cut: Vec<i64>,
}

struct Pass<'p> {
    tree: &'p Tree,
    platform: Option<&'p Platform>,
    shipping: Option<&'p Shipping>,
    overlap: &'p Overlap,
    fixed: &'p [usize],
}

/// Drops options another option of the same shop beats whatever the other
/// shops pick, when the shipping coupon is settled: a larger discount that
/// lowers the platform coupon's `A` no more, or an equal discount, no
/// larger cut and a smaller id. A smaller cut leaves the platform coupon's
/// `A` at least as high, so its threshold still holds and its discount
/// (non-decreasing in `A`) is no smaller.
fn undominated(id_rank: &[u32], options: &[Option_]) -> Vec<Option_> {
    let rank = |o: &Option_| o.coupon.map(|c| id_rank[c]);
    let beats = |a: &Option_, b: &Option_| {
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn integer_rounding_matches_the_decimal_one() {
        for rounding in [
            Rounding::HalfUp,
            Rounding::HalfEven,
            Rounding::Down,
            Rounding::Up,
        ] {
            for amount in (0..3000).chain([99_999_999_999, 1_000_000_000_000_000]) {
                for basis in [0, 1, 5000, 8500, 9000, 9500, 9999, 3333, 10_000, 1250] {
                    let want = rounding.times(Money(amount), Decimal::new(basis, 4)).fen();
                    assert_eq!(
                        round_ratio(rounding, amount, basis),
                        want,
                        "{rounding:?} {amount} {basis}"
                    );
                }
            }
        }
    }
}
