//! The pricing pipeline: unit prices (SPEC 2) → promotions (3) → shipping
//! fees (5) → coupons (4) → commission (7) → the result (7a).

mod allocation;
mod coupon;
mod manual;
mod promotion;
mod scope;
mod search;
mod shipping;
mod unit_price;

pub use search::DEFAULT_BUDGET;

use crate::commission::{is_self_purchase, split_line, LineSplit};
use crate::money::Money;
use crate::request::model::{Cart, PromotionRule, Selection, Stage};
use crate::result::*;
use coupon::{Application, CouponBoard, Unusable};
use manual::Refusal;
use promotion::NextTierHint;
use unit_price::UnitRun;

/// Knobs for tests and servers; the defaults are the contract.
#[derive(Debug, Clone, Copy)]
pub struct PricingOptions {
    /// Deterministic budget of the best-coupon search, in units of work
    /// whose cost does not grow with the cart (SPEC 4).
    pub search_budget: u64,
}

impl Default for PricingOptions {
    fn default() -> Self {
        PricingOptions {
            search_budget: DEFAULT_BUDGET,
        }
    }
}

pub fn engine_info() -> EngineInfo {
    EngineInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        spec: 2,
    }
}

/// Per-line figures before coupons.
struct LineBase {
    runs: Vec<UnitRun>,
    list_amount: Money,
    base_amount: Money,
}

/// Prices a checked cart.
pub fn price(cart: &Cart, options: &PricingOptions) -> PricingResult {
    let bases: Vec<Option<LineBase>> = cart
        .lines
        .iter()
        .map(|line| {
            line.selected.then(|| {
                let runs = unit_price::unit_runs(line, &cart.user, cart.now);
                LineBase {
                    base_amount: unit_price::base_amount(&runs),
                    list_amount: Money(line.list_price.fen() * i64::from(line.quantity)),
                    runs,
                }
            })
        })
        .collect();
    let base_amounts: Vec<Money> = bases
        .iter()
        .map(|b| b.as_ref().map_or(Money::ZERO, |b| b.base_amount))
        .collect();
    let lowest_prices: Vec<Money> = bases
        .iter()
        .map(|b| {
            b.as_ref()
                .and_then(|b| b.runs.iter().map(|r| r.price).min())
                .unwrap_or(Money::ZERO)
        })
        .collect();

    let assignment = promotion::assign(cart);
    let promotions = promotion::apply(cart, &assignment, &base_amounts, &lowest_prices);
    let after_promotion: Vec<Money> = base_amounts
        .iter()
        .zip(&promotions.line_discount)
        .map(|(&base, &discount)| base - discount)
        .collect();
    let goods_by_shop = shipping::goods_by_shop(cart, &after_promotion);
    let fees = shipping::fees(cart, &goods_by_shop);

    let board = CouponBoard::new(
        cart,
        after_promotion.clone(),
        &promotions.line_discount,
        fees.clone(),
    );
    let (application, refusals, coupon_search) = match &cart.selection {
        Selection::Best(constraints) => {
            // Locks are judged first, exactly like manual picks (SPEC 4).
            let (locked, refused) = manual::resolve(&board, &constraints.lock);
            let outcome = search::best_combination(
                &board,
                &locked,
                &constraints.exclude,
                options.search_budget,
            );
            (
                outcome.application,
                refused,
                Some(CouponSearch {
                    optimal: outcome.optimal,
                    combinations_tried: outcome.tried,
                }),
            )
        }
        Selection::Manual(picks) => {
            let (accepted, refused) = manual::resolve(&board, picks);
            (board.apply(&accepted), refused, None)
        }
    };
    // `apply(&[])` always succeeds; this fallback only keeps the types total.
    let application = application.unwrap_or_else(|| Application {
        applied: Vec::new(),
        paid: after_promotion.clone(),
        shipping_discount: vec![Money::ZERO; fees.len()],
        payable: after_promotion.iter().copied().sum::<Money>() + fees.iter().copied().sum(),
    });

    let splits: Vec<Option<LineSplit>> = cart
        .lines
        .iter()
        .zip(&application.paid)
        .map(|(line, &paid)| {
            let policy = cart.commission.as_ref()?;
            line.selected
                .then(|| split_line(paid, &line.commission_rate, policy, cart.rounding))
        })
        .collect();

    let lines = line_results(
        cart,
        &bases,
        &assignment,
        &promotions.line_discount,
        &application,
        &splits,
    );
    let shops = cart
        .shops
        .iter()
        .enumerate()
        .map(|(s, shop)| {
            let goods_paid: Money = cart
                .lines
                .iter()
                .zip(&application.paid)
                .filter(|(line, _)| line.selected && line.shop == s)
                .map(|(_, &paid)| paid)
                .sum();
            ShopResult {
                id: shop.id.clone(),
                goods_amount: goods_by_shop[s],
                shipping_fee: fees[s],
                shipping_discount: application.shipping_discount[s],
                paid: (goods_paid + fees[s] - application.shipping_discount[s]),
            }
        })
        .collect();
    let promotion_results = promotions
        .groups
        .iter()
        .map(|group| promotion_result(cart, group))
        .collect();
    let coupons = coupon_results(&board, &application, &refusals);

    let selected = || bases.iter().flatten();
    let list_amount: Money = selected().map(|b| b.list_amount).sum();
    let base_amount: Money = selected().map(|b| b.base_amount).sum();
    let promotion_discount: Money = promotions.line_discount.iter().copied().sum();
    let coupon_discount: Money = application
        .applied
        .iter()
        .filter(|a| cart.coupons[a.coupon].stage != Stage::Shipping)
        .map(|a| a.discount)
        .sum();
    let shipping_fee: Money = fees.iter().copied().sum();
    let shipping_discount: Money = application.shipping_discount.iter().copied().sum();
    let totals = Totals {
        list_amount,
        price_reduction: (list_amount - base_amount),
        promotion_discount,
        coupon_discount,
        shipping_fee,
        shipping_discount,
        payable: application.payable,
        savings: (list_amount + shipping_fee - application.payable),
    };
    let commission = cart
        .commission
        .as_ref()
        .map(|policy| commission_totals(policy, &splits));

    PricingResult {
        engine: engine_info(),
        unsupported: unsupported(cart),
        lines,
        shops,
        promotions: promotion_results,
        coupons,
        coupon_search,
        totals,
        commission,
    }
}

/// The result's `unsupported` object, present only when something is.
fn unsupported(cart: &Cart) -> Option<Unsupported> {
    let promotion_ids: Vec<String> = cart
        .promotions
        .iter()
        .filter(|p| matches!(p.rule, PromotionRule::Unsupported))
        .map(|p| p.id.clone())
        .collect();
    let coupon_ids: Vec<String> = cart
        .coupons
        .iter()
        .filter(|c| !c.is_supported())
        .map(|c| c.id.clone())
        .collect();
    (!promotion_ids.is_empty() || !coupon_ids.is_empty()).then_some(Unsupported {
        promotion_ids,
        coupon_ids,
    })
}

fn line_results(
    cart: &Cart,
    bases: &[Option<LineBase>],
    assignment: &[promotion::Assignment],
    promotion_discount: &[Money],
    application: &Application,
    splits: &[Option<LineSplit>],
) -> Vec<LineResult> {
    cart.lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let Some(base) = &bases[i] else {
                return LineResult {
                    id: line.id.clone(),
                    status: LineStatus::Unselected,
                    priced: None,
                };
            };
            let allocations: Vec<CouponAllocation> = application
                .applied
                .iter()
                .flat_map(|a| {
                    a.shares
                        .iter()
                        .filter(|(l, _)| *l == i)
                        .map(|(_, amount)| CouponAllocation {
                            coupon_id: cart.coupons[a.coupon].id.clone(),
                            amount: *amount,
                        })
                })
                .collect();
            let after_promotion = base.base_amount - promotion_discount[i];
            let paid = application.paid[i];
            let (promotion, refused) = assignment[i];
            LineResult {
                id: line.id.clone(),
                status: LineStatus::Priced,
                priced: Some(PricedLine {
                    unit_prices: base
                        .runs
                        .iter()
                        .map(|r| UnitPrice {
                            kind: r.kind(),
                            price: r.price,
                            quantity: r.quantity,
                        })
                        .collect(),
                    list_amount: base.list_amount,
                    price_reduction: (base.list_amount - base.base_amount),
                    base_amount: base.base_amount,
                    promotion_id: promotion.map(|p| cart.promotions[p].id.clone()),
                    promotion_reason: refused,
                    promotion_discount: promotion_discount[i],
                    coupon_discount: (after_promotion - paid),
                    coupon_allocations: allocations,
                    paid,
                    commission: splits[i].as_ref().map(|s| LineCommission {
                        base: s.base,
                        gross: s.gross,
                        platform_fee: s.platform_fee,
                        beneficiaries: s.beneficiaries.clone(),
                        operator: s.operator,
                    }),
                }),
            }
        })
        .collect()
}

fn promotion_result(cart: &Cart, group: &promotion::GroupOutcome) -> PromotionResult {
    let promotion = &cart.promotions[group.promotion];
    let gifts = match &promotion.rule {
        PromotionRule::Gift { gifts, .. } if group.gifts_met => gifts
            .iter()
            .map(|g| GiftResult {
                sku_id: g.sku_id.clone(),
                name: g.name.clone(),
                quantity: g.quantity,
            })
            .collect(),
        _ => Vec::new(),
    };
    PromotionResult {
        id: promotion.id.clone(),
        line_ids: group
            .lines
            .iter()
            .map(|&i| cart.lines[i].id.clone())
            .collect(),
        discount: group.discount,
        next_tier: group.next_tier.as_ref().map(next_tier),
        gifts,
    }
}

fn next_tier(hint: &NextTierHint) -> NextTier {
    let empty = NextTier {
        shortfall: None,
        quantity_shortfall: None,
        off: None,
        pay_ratio: None,
    };
    match hint {
        NextTierHint::Off { shortfall, off } => NextTier {
            shortfall: Some(*shortfall),
            off: Some(*off),
            ..empty
        },
        NextTierHint::PayRatio {
            shortfall,
            pay_ratio,
        } => NextTier {
            shortfall: Some(*shortfall),
            pay_ratio: Some(pay_ratio.clone()),
            ..empty
        },
        NextTierHint::QuantityPayRatio {
            quantity_shortfall,
            pay_ratio,
        } => NextTier {
            quantity_shortfall: Some(*quantity_shortfall),
            pay_ratio: Some(pay_ratio.clone()),
            ..empty
        },
        NextTierHint::Gift { shortfall } => NextTier {
            shortfall: Some(*shortfall),
            ..empty
        },
    }
}

fn coupon_results(
    board: &CouponBoard,
    application: &Application,
    refusals: &[(usize, Refusal)],
) -> Vec<CouponResult> {
    let report = |id: &str,
                  status: CouponStatus,
                  discount: Option<Money>,
                  reason: Option<CouponReason>,
                  shortfall: Option<Money>| CouponResult {
        id: id.to_string(),
        status,
        discount,
        reason,
        shortfall,
    };
    let unusable = |id: &str, reason: Unusable| {
        let shortfall = match reason {
            Unusable::BelowThreshold { shortfall } => Some(shortfall),
            _ => None,
        };
        report(
            id,
            CouponStatus::Unusable,
            None,
            Some(reason.reason()),
            shortfall,
        )
    };
    board
        .cart
        .coupons
        .iter()
        .enumerate()
        .map(|(c, coupon)| {
            if let Some(applied) = application.applied.iter().find(|a| a.coupon == c) {
                return report(
                    &coupon.id,
                    CouponStatus::Applied,
                    Some(applied.discount),
                    None,
                    None,
                );
            }
            match refusals.iter().find(|(r, _)| *r == c) {
                Some((_, Refusal::Alone(reason))) => unusable(&coupon.id, *reason),
                Some((_, refusal)) => report(
                    &coupon.id,
                    CouponStatus::Unusable,
                    None,
                    Some(refusal.reason()),
                    None,
                ),
                None => match board.alone(c) {
                    Ok(discount) => {
                        report(&coupon.id, CouponStatus::Usable, Some(discount), None, None)
                    }
                    Err(reason) => unusable(&coupon.id, reason),
                },
            }
        })
        .collect()
}

fn commission_totals(
    policy: &crate::request::model::CommissionPolicy,
    splits: &[Option<LineSplit>],
) -> CommissionTotals {
    let priced = || splits.iter().flatten();
    let sum = |f: fn(&LineSplit) -> Money| -> Money { priced().map(f).sum() };
    CommissionTotals {
        base: sum(|s| s.base),
        gross: sum(|s| s.gross),
        platform_fee: sum(|s| s.platform_fee),
        beneficiaries: policy
            .beneficiaries
            .iter()
            .enumerate()
            .map(|(k, b)| Earning {
                id: b.id.clone(),
                role: b.role.wire(),
                amount: priced()
                    .map(|s| s.beneficiaries.get(k).copied().unwrap_or(Money::ZERO))
                    .sum::<Money>(),
            })
            .collect(),
        operator: sum(|s| s.operator),
        self_purchase: is_self_purchase(policy),
    }
}
