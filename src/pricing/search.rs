//! SPEC 4 best mode: the combination that minimises the amount payable;
//! ties go to fewer coupons, then the smallest sorted id list. An exact
//! branch and bound; `docs/coupon-search.md` explains why it is exact.

use super::allocation::allocate;
use super::coupon::{Application, CouponBoard};
use crate::money::Money;
use crate::request::model::{CouponRule, Stage};
use std::cmp::Ordering;

/// Deterministic steps (search-tree nodes) the search may take. A tree over
/// N stacking combinations has fewer than 2N + 2 nodes per platform and
/// shipping pair, so every request of at most 1,000,000 combinations is
/// searched to the end within it (SPEC 4).
pub const DEFAULT_BUDGET: u64 = 4_000_000;

const SCALE: i64 = 10_000;

pub struct SearchOutcome {
    pub application: Option<Application>,
    pub optimal: bool,
    /// Complete combinations evaluated (informative).
    pub tried: u64,
}

/// A complete candidate, ranked by saving, then count, then sorted ids.
#[derive(Clone)]
struct Pick {
    saving: i64,
    coupons: Vec<usize>,
    ids: Vec<String>,
}

impl Pick {
    fn new(board: &CouponBoard, saving: i64, coupons: Vec<usize>) -> Pick {
        let mut ids: Vec<String> = coupons
            .iter()
            .map(|&c| board.cart.coupons[c].id.clone())
            .collect();
        crate::sort::sort(&mut ids);
        Pick {
            saving,
            coupons,
            ids,
        }
    }

    fn rank(&self, other: &Pick) -> Ordering {
        other
            .saving
            .cmp(&self.saving)
            .then(self.coupons.len().cmp(&other.coupons.len()))
            .then_with(|| self.ids.cmp(&other.ids))
    }
}

/// One way to fill a shop's slot: a shop coupon, or none.
#[derive(Clone)]
struct Option_ {
    coupon: Option<usize>,
    discount: i64,
    /// How much it lowers the platform coupon's `A` (this pass's coupon).
    platform_cut: i64,
    /// How much it lowers the shipping coupon's `A` (this pass's coupon).
    shipping_cut: i64,
}

/// A shop coupon's fixed effect: it is the only shop-stage coupon on its
/// lines, so its discount and allocation never depend on other picks.
struct ShopCoupon {
    coupon: usize,
    discount: i64,
    shares: Vec<(usize, i64)>,
}

/// The platform coupon of a pass, with what bounds its discount.
struct Platform {
    coupon: usize,
    base: i64,
    /// Slope of the uncapped discount per fen of `A`, in 1/10,000.
    slope: i64,
    /// Rounding slack of the linear bound, in fen.
    slack: i64,
}

struct Shipping {
    coupon: usize,
    discount: i64,
    base: i64,
    threshold: i64,
}

struct Search<'a, 'b> {
    board: &'b CouponBoard<'a>,
    empty_payable: i64,
    budget: u64,
    steps: u64,
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
        empty_payable: empty.payable.fen(),
        budget,
        steps: 0,
        tried: 1,
        stopped: false,
        // The locks alone are valid: every other pick must beat them.
        best: Pick::new(
            board,
            empty.payable.fen() - with_locks.payable.fen(),
            locked.to_vec(),
        ),
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
            search.offer(Pick::new(board, discount.fen(), vec![c]));
        }
    }

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
    let shop_coupons = shop_coupons_by_shop(board, &stacking(Stage::Shop), locked);
    let platform_list = stacking(Stage::Platform);
    let platform_locked = platform_list.iter().any(|(c, _)| locked.contains(c));
    let mut platforms: Vec<Option<Platform>> = platform_list
        .into_iter()
        .map(|(c, _)| Some(platform(board, c)))
        .collect();
    if !platform_locked {
        platforms.push(None);
    }
    let shipping_list = stacking(Stage::Shipping);
    let shipping_locked = shipping_list.iter().any(|(c, _)| locked.contains(c));
    let mut shippings: Vec<Option<Shipping>> = shipping_list
        .into_iter()
        .map(|(c, d)| {
            Some(Shipping {
                coupon: c,
                discount: d.fen(),
                base: board.base_alone(c).fen(),
                threshold: coupons[c].threshold.fen(),
            })
        })
        .collect();
    if !shipping_locked {
        shippings.push(None);
    }

    'passes: for platform in &platforms {
        let loose = prepare_tree(board, &shop_coupons, platform.as_ref(), None);
        for shipping in &shippings {
            if search.stopped {
                break 'passes;
            }
            let (platform, shipping) = (platform.as_ref(), shipping.as_ref());
            if shipping.is_some_and(|h| h.threshold > 0) {
                let tree = prepare_tree(board, &shop_coupons, platform, shipping);
                search.pass(&tree, platform, shipping);
            } else {
                search.pass(&loose, platform, shipping);
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

/// A shop's shop coupons; `locked` when the buyer keeps one of them, which
/// is then its only option (no "none").
struct ShopSlot {
    coupons: Vec<ShopCoupon>,
    locked: bool,
}

fn shop_coupons_by_shop(
    board: &CouponBoard,
    list: &[(usize, Money)],
    locked: &[usize],
) -> Vec<ShopSlot> {
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
        let weights: Vec<Money> = lines.iter().map(|&i| board.after_promotion[i]).collect();
        let shares = lines
            .iter()
            .zip(allocate(discount, &weights))
            .filter(|(_, share)| *share > Money::ZERO)
            .map(|(&i, share)| (i, share.fen()))
            .collect();
        let coupon = ShopCoupon {
            coupon: c,
            discount: discount.fen(),
            shares,
        };
        let entry = &mut by_shop[slot];
        if locked.contains(&c) {
            entry.coupons = vec![coupon];
            entry.locked = true;
        } else if !entry.locked {
            entry.coupons.push(coupon);
        }
    }
    by_shop
}

fn platform(board: &CouponBoard, c: usize) -> Platform {
    let coupon = &board.cart.coupons[c];
    let (slope, slack) = match &coupon.rule {
        CouponRule::PayRatio { pay_ratio, .. } => (SCALE - i64::from(pay_ratio.basis), 1),
        _ => (SCALE, 0),
    };
    Platform {
        coupon: c,
        base: board.base_alone(c).fen(),
        slope,
        slack,
    }
}

/// The part of a shop coupon's allocation that falls on `lines`.
fn cut(shares: &[(usize, i64)], lines: &[usize]) -> i64 {
    shares
        .iter()
        .filter(|(i, _)| lines.binary_search(i).is_ok())
        .map(|(_, s)| *s)
        .sum()
}

impl Search<'_, '_> {
    fn offer(&mut self, pick: Pick) {
        if pick.rank(&self.best) == Ordering::Less {
            self.best = pick;
        }
    }

    /// Platform discount on `A`, or `None` when `A` is below its threshold.
    fn platform_discount(&self, platform: &Platform, base: i64) -> Option<i64> {
        self.board
            .discount_for(platform.coupon, Money(base))
            .ok()
            .map(Money::fen)
    }

    /// The uncapped platform discount, an upper bound of the real one.
    fn platform_uncapped(&self, platform: &Platform, base: i64) -> i64 {
        match &self.board.cart.coupons[platform.coupon].rule {
            CouponRule::PayRatio { pay_ratio, .. } => {
                base - self
                    .board
                    .cart
                    .rounding
                    .times(Money(base), pay_ratio.to_decimal())
                    .fen()
            }
            _ => base,
        }
    }

    /// Runs one pass over a prepared tree.
    fn pass(&mut self, tree: &Tree, platform: Option<&Platform>, shipping: Option<&Shipping>) {
        let fixed: Vec<usize> = platform
            .map(|p| p.coupon)
            .into_iter()
            .chain(shipping.map(|h| h.coupon))
            .collect();
        let context = Pass {
            shops: &tree.shops,
            platform,
            shipping,
            shipping_binds: shipping.is_some_and(|h| h.threshold > 0),
            max_discount: &tree.max_discount,
            max_linear: &tree.max_linear,
            fixed: &fixed,
        };
        let mut chosen = tree.chosen.clone();
        let (discount, platform_cut, shipping_cut) = tree.start;
        self.descend(
            &context,
            0,
            discount,
            platform_cut,
            shipping_cut,
            &mut chosen,
        );
    }

    fn descend(
        &mut self,
        pass: &Pass,
        depth: usize,
        discount: i64,
        platform_cut: i64,
        shipping_cut: i64,
        chosen: &mut Vec<usize>,
    ) {
        if self.steps >= self.budget {
            self.stopped = true;
            return;
        }
        self.steps += 1;
        if let Some(h) = pass.shipping {
            if pass.shipping_binds && h.base - shipping_cut < h.threshold {
                return;
            }
        }
        let shipping_discount = pass.shipping.map_or(0, |h| h.discount);
        let bound = match pass.platform {
            Some(p) => {
                let base = p.base - platform_cut;
                let Some(now) = self.platform_discount(p, base) else {
                    return;
                };
                let by_cap = pass.max_discount[depth] + now;
                let by_slope = pass.max_linear[depth].div_euclid(SCALE)
                    + self.platform_uncapped(p, base)
                    + p.slack;
                discount + by_cap.min(by_slope)
            }
            None => discount + pass.max_discount[depth],
        } + shipping_discount;
        let count = chosen.len() + pass.fixed.len();
        match bound.cmp(&self.best.saving) {
            Ordering::Less => return,
            Ordering::Equal if count > self.best.coupons.len() => return,
            _ => {}
        }
        if depth == pass.shops.len() {
            self.leaf(pass, discount, platform_cut, chosen);
            return;
        }
        for option in &pass.shops[depth] {
            if let Some(c) = option.coupon {
                chosen.push(c);
            }
            self.descend(
                pass,
                depth + 1,
                discount + option.discount,
                platform_cut + option.platform_cut,
                shipping_cut + option.shipping_cut,
                chosen,
            );
            if option.coupon.is_some() {
                chosen.pop();
            }
            if self.stopped {
                return;
            }
        }
    }

    fn leaf(&mut self, pass: &Pass, discount: i64, platform_cut: i64, chosen: &[usize]) {
        self.tried += 1;
        let mut coupons: Vec<usize> = chosen.to_vec();
        coupons.extend_from_slice(pass.fixed);
        let saving = if pass.shipping_binds {
            match self.board.apply(&coupons) {
                Some(application) => self.empty_payable - application.payable.fen(),
                None => return,
            }
        } else {
            let platform = match pass.platform {
                Some(p) => match self.platform_discount(p, p.base - platform_cut) {
                    Some(d) => d,
                    None => return,
                },
                None => 0,
            };
            discount + platform + pass.shipping.map_or(0, |h| h.discount)
        };
        if saving >= self.best.saving {
            self.offer(Pick::new(self.board, saving, coupons));
        }
    }
}

/// The search tree of a pass: each shop's options, best first, shops with
/// a single option applied up front, and the bound's suffix sums.
struct Tree {
    shops: Vec<Vec<Option_>>,
    start: (i64, i64, i64),
    chosen: Vec<usize>,
    max_discount: Vec<i64>,
    max_linear: Vec<i64>,
}

/// Builds the tree for a platform coupon and a shipping coupon. A shipping
/// coupon without a threshold never depends on goods picks, so every such
/// pass shares the tree built with `shipping: None`.
fn prepare_tree(
    board: &CouponBoard,
    shop_coupons: &[ShopSlot],
    platform: Option<&Platform>,
    shipping: Option<&Shipping>,
) -> Tree {
    let platform_lines: &[usize] = platform.map_or(&[], |p| &board.eligible[p.coupon]);
    let shipping_lines: &[usize] = shipping.map_or(&[], |h| &board.eligible[h.coupon]);
    // A shipping threshold of 0 always holds; otherwise the shipping
    // coupon's `A` depends on the platform allocation and the leaf is
    // checked by applying the whole combination.
    let shipping_binds = shipping.is_some_and(|h| h.threshold > 0);
    let slope = platform.map_or(0, |p| p.slope);
    let value = |o: &Option_| o.discount * SCALE - slope * o.platform_cut;

    let mut shops: Vec<Vec<Option_>> = shop_coupons
        .iter()
        .map(|slot| {
            let mut options: Vec<Option_> = slot
                .coupons
                .iter()
                .map(|sc| Option_ {
                    coupon: Some(sc.coupon),
                    discount: sc.discount,
                    platform_cut: cut(&sc.shares, platform_lines),
                    shipping_cut: cut(&sc.shares, shipping_lines),
                })
                .collect();
            if !slot.locked {
                options.push(Option_ {
                    coupon: None,
                    discount: 0,
                    platform_cut: 0,
                    shipping_cut: 0,
                });
            }
            if !shipping_binds {
                options = undominated(board, options);
            }
            // Most promising first, so good picks come early and bounds bite.
            crate::sort::sort_by(&mut options, |a, b| {
                value(b)
                    .cmp(&value(a))
                    .then(b.discount.cmp(&a.discount))
                    .then(a.coupon.cmp(&b.coupon))
            });
            options
        })
        .collect();
    // A shop left with one option has no choice: apply it up front, so
    // every level of the tree branches and a pass over N combinations
    // visits fewer than 2N + 2 nodes.
    let mut start = (0i64, 0i64, 0i64);
    let mut chosen: Vec<usize> = Vec::with_capacity(shops.len() + 2);
    shops.retain(|options| match options.as_slice() {
        [only] => {
            start.0 += only.discount;
            start.1 += only.platform_cut;
            start.2 += only.shipping_cut;
            chosen.extend(only.coupon);
            false
        }
        _ => true,
    });
    // Shops whose choice matters most first: they settle the bound soonest.
    let spread = |options: &Vec<Option_>| options.iter().map(|o| o.discount).max().unwrap_or(0);
    crate::sort::sort_by_key(&mut shops, |options| std::cmp::Reverse(spread(options)));

    // Suffix sums of the best each remaining shop can add.
    let n = shops.len();
    let mut max_discount = vec![0i64; n + 1];
    let mut max_linear = vec![0i64; n + 1];
    for k in (0..n).rev() {
        let options = &shops[k];
        max_discount[k] =
            max_discount[k + 1] + options.iter().map(|o| o.discount).max().unwrap_or(0);
        max_linear[k] = max_linear[k + 1] + options.iter().map(value).max().unwrap_or(0);
    }
    Tree {
        shops,
        start,
        chosen,
        max_discount,
        max_linear,
    }
}

struct Pass<'p> {
    shops: &'p [Vec<Option_>],
    platform: Option<&'p Platform>,
    shipping: Option<&'p Shipping>,
    shipping_binds: bool,
    max_discount: &'p [i64],
    max_linear: &'p [i64],
    fixed: &'p [usize],
}

/// Drops options another option of the same shop beats whatever the other
/// shops pick: a larger discount that lowers the platform coupon's `A` no
/// more, or an equal discount, no larger cut and a smaller id. A smaller
/// cut leaves the platform coupon's `A` at least as high, so its threshold
/// still holds and its discount (non-decreasing in `A`) is no smaller.
fn undominated(board: &CouponBoard, options: Vec<Option_>) -> Vec<Option_> {
    let id = |o: &Option_| o.coupon.map(|c| board.cart.coupons[c].id.as_str());
    let beats = |a: &Option_, b: &Option_| {
        a.platform_cut <= b.platform_cut
            && (a.discount > b.discount
                || (a.discount == b.discount
                    && a.coupon.is_some()
                    && b.coupon.is_some()
                    && id(a) < id(b)))
    };
    options
        .iter()
        .filter(|b| !options.iter().any(|a| beats(a, b)))
        .cloned()
        .collect()
}
