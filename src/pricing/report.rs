//! SPEC 7a: the result, written from the pipeline's figures.

use super::commission::{is_self_purchase, LineSplit};
use super::coupon::{CouponBoard, Unusable};
use super::manual::Refusal;
use super::promotion::{self, NextTierHint, PromotionOutcome};
use super::{CouponChoice, LineBase};
use crate::money::Money;
use crate::request::model::{Cart, PromotionRule, Stage};
use crate::result::*;

/// Everything the pipeline worked out, by stage.
pub(super) struct Figures<'a> {
    pub board: &'a CouponBoard<'a>,
    pub bases: &'a [Option<LineBase>],
    pub assignment: &'a [promotion::Assignment],
    pub promotions: &'a PromotionOutcome,
    pub goods_by_shop: &'a [Money],
    pub choice: &'a CouponChoice,
    pub splits: &'a [Option<LineSplit>],
}

pub(super) fn result(figures: &Figures) -> PricingResult {
    let cart = figures.board.cart;
    let application = &figures.choice.application;
    PricingResult {
        engine: EngineInfo::current(),
        unsupported: unsupported(cart),
        warnings: cart.warnings.clone(),
        lines: line_results(figures),
        shops: shop_results(figures),
        promotions: figures
            .promotions
            .groups
            .iter()
            .map(|group| promotion_result(cart, group))
            .collect(),
        coupons: coupon_results(figures.board, application, &figures.choice.refusals),
        coupon_search: figures.choice.search.clone(),
        totals: totals(figures),
        commission: cart
            .commission
            .as_ref()
            .map(|policy| commission_totals(policy, figures.splits)),
    }
}

fn shop_results(figures: &Figures) -> Vec<ShopResult> {
    let cart = figures.board.cart;
    let application = &figures.choice.application;
    let fees = &figures.board.fees;
    cart.shops
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
                goods_amount: figures.goods_by_shop[s],
                shipping_fee: fees[s],
                shipping_discount: application.shipping_discount[s],
                paid: (goods_paid + fees[s] - application.shipping_discount[s]),
            }
        })
        .collect()
}

fn totals(figures: &Figures) -> Totals {
    let cart = figures.board.cart;
    let application = &figures.choice.application;
    let selected = || figures.bases.iter().flatten();
    let list_amount: Money = selected().map(|b| b.list_amount).sum();
    let base_amount: Money = selected().map(|b| b.base_amount).sum();
    let coupon_discount: Money = application
        .applied
        .iter()
        .filter(|a| cart.coupons[a.coupon].stage != Stage::Shipping)
        .map(|a| a.discount)
        .sum();
    let shipping_fee: Money = figures.board.fees.iter().copied().sum();
    Totals {
        list_amount,
        price_reduction: (list_amount - base_amount),
        promotion_discount: figures.promotions.line_discount.iter().copied().sum(),
        coupon_discount,
        shipping_fee,
        shipping_discount: application.shipping_discount.iter().copied().sum(),
        payable: application.payable,
        savings: (list_amount + shipping_fee - application.payable),
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

fn line_results(figures: &Figures) -> Vec<LineResult> {
    let cart = figures.board.cart;
    let (bases, assignment, splits) = (figures.bases, figures.assignment, figures.splits);
    let promotion_discount = &figures.promotions.line_discount;
    let application = &figures.choice.application;
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
            let promotion::Assignment { promotion, refused } = assignment[i];
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
    application: &super::coupon::Application,
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
