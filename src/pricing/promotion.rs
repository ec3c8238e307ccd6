//! SPEC 3: promotions (活动) — assignment, group discounts, allocation and
//! the 凑单 hint.

use super::allocation::allocate;
use super::scope::scope_matches;
use crate::money::{Money, Rounding};
use crate::request::model::*;
use crate::result::PromotionReason;

/// The promotion each line joins (`None`: none), and why the buyer's
/// explicit pick was refused, when it was.
pub type Assignment = (Option<usize>, Option<PromotionReason>);

pub fn assign(cart: &Cart) -> Vec<Assignment> {
    cart.lines
        .iter()
        .map(|line| {
            if !line.selected {
                return (None, None);
            }
            let shop_id = cart.shops.get(line.shop).map_or("", |s| s.id.as_str());
            let fits = |p: &Promotion| {
                !matches!(p.rule, PromotionRule::Unsupported)
                    && p.window.contains(cart.now)
                    && scope_matches(&p.scope, line, shop_id)
            };
            match &line.promotion_pick {
                PromotionPick::OptedOut => (None, None),
                PromotionPick::Automatic => (cart.promotions.iter().position(fits), None),
                PromotionPick::Chosen(id) => match cart.promotions.iter().position(|p| p.id == *id)
                {
                    Some(p) if fits(&cart.promotions[p]) => (Some(p), None),
                    Some(p) if matches!(cart.promotions[p].rule, PromotionRule::Unsupported) => {
                        (None, Some(PromotionReason::PromotionUnsupported))
                    }
                    _ => (None, Some(PromotionReason::PromotionNotApplicable)),
                },
            }
        })
        .collect()
}

/// The 凑单 hint of SPEC 3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextTierHint {
    Off {
        shortfall: Money,
        off: Money,
    },
    PayRatio {
        shortfall: Money,
        pay_ratio: String,
    },
    /// "再买1件享8折": units to add, for `tieredPayRatio` by quantity.
    QuantityPayRatio {
        quantity_shortfall: i64,
        pay_ratio: String,
    },
    Gift {
        shortfall: Money,
    },
}

#[derive(Debug, Clone)]
pub struct GroupOutcome {
    pub promotion: usize,
    pub lines: Vec<usize>,
    pub discount: Money,
    pub next_tier: Option<NextTierHint>,
    pub gifts_met: bool,
}

/// Discounts per line and per promotion group.
pub struct PromotionOutcome {
    pub line_discount: Vec<Money>,
    pub groups: Vec<GroupOutcome>,
}

/// `lowest_prices[i]`: the lowest unit price of line `i` (for 第N件X折).
pub fn apply(
    cart: &Cart,
    assignment: &[Assignment],
    bases: &[Money],
    lowest_prices: &[Money],
) -> PromotionOutcome {
    let mut line_discount = vec![Money::ZERO; cart.lines.len()];
    let mut groups = Vec::new();
    for (p, promotion) in cart.promotions.iter().enumerate() {
        let members: Vec<usize> = assignment
            .iter()
            .enumerate()
            .filter(|(_, (assigned, _))| *assigned == Some(p))
            .map(|(i, _)| i)
            .collect();
        if members.is_empty() {
            continue;
        }
        let sum: Money = members.iter().map(|&i| bases[i]).sum();
        let count: i64 = members
            .iter()
            .map(|&i| i64::from(cart.lines[i].quantity))
            .sum();
        let (discount, next_tier, gifts_met) = match &promotion.rule {
            PromotionRule::NthItemPayRatio { n, pay_ratio } => {
                let mut total = Money::ZERO;
                for &i in &members {
                    let sets = i64::from(cart.lines[i].quantity / n);
                    let full = Money(sets * lowest_prices[i].fen());
                    let share = cart.rounding.times(full, pay_ratio.complement());
                    line_discount[i] = share;
                    total += share;
                }
                (total, None, false)
            }
            rule => {
                let (discount, next_tier, gifts_met) =
                    group_discount(rule, sum, count, cart.rounding);
                let discount = discount.min(sum);
                let weights: Vec<Money> = members.iter().map(|&i| bases[i]).collect();
                for (&i, share) in members.iter().zip(allocate(discount, &weights)) {
                    line_discount[i] = share;
                }
                (discount, next_tier, gifts_met)
            }
        };
        groups.push(GroupOutcome {
            promotion: p,
            lines: members,
            discount,
            next_tier,
            gifts_met,
        });
    }
    PromotionOutcome {
        line_discount,
        groups,
    }
}

/// The group discount of every kind but 第N件X折, its hint, and whether a
/// gift threshold is met.
fn group_discount(
    rule: &PromotionRule,
    sum: Money,
    count: i64,
    rounding: Rounding,
) -> (Money, Option<NextTierHint>, bool) {
    match rule {
        PromotionRule::TieredAmountOff(tiers) => {
            let met = tiers.iter().rev().find(|t| sum >= t.threshold);
            let next = tiers.iter().find(|t| t.threshold > sum);
            (
                met.map_or(Money::ZERO, |t| t.off),
                next.map(|t| NextTierHint::Off {
                    shortfall: t.threshold - sum,
                    off: t.off,
                }),
                false,
            )
        }
        PromotionRule::EveryAmountOff {
            every,
            off,
            max_off,
        } => {
            let every_discount = |amount: Money| {
                // `every` is above 0 (validated); `max(1)` only keeps the
                // division total.
                let times = amount.fen() / every.fen().max(1);
                let mut discount = Money(times.saturating_mul(off.fen()));
                if let Some(cap) = max_off {
                    discount = discount.min(*cap);
                }
                discount.min(amount)
            };
            let discount = every_discount(sum);
            // The next multiple of `every`: a hint only when it gives more.
            let next_sum = Money(
                every
                    .fen()
                    .saturating_mul(sum.fen() / every.fen().max(1) + 1),
            );
            let next_discount = every_discount(next_sum);
            let hint = (next_discount > discount).then(|| NextTierHint::Off {
                shortfall: next_sum - sum,
                off: next_discount,
            });
            (discount, hint, false)
        }
        PromotionRule::TieredPayRatio { by, tiers } => {
            let measure = match by {
                TierMeasure::Quantity => count,
                TierMeasure::Amount => sum.fen(),
            };
            let discount = tiers
                .iter()
                .rev()
                .find(|t| measure >= t.threshold)
                .map_or(Money::ZERO, |t| {
                    sum - rounding.times(sum, t.pay_ratio.to_decimal())
                });
            let next = match by {
                TierMeasure::Amount => {
                    tiers
                        .iter()
                        .find(|t| t.threshold > measure)
                        .map(|t| NextTierHint::PayRatio {
                            shortfall: Money(t.threshold) - sum,
                            pay_ratio: t.pay_ratio.text.clone(),
                        })
                }
                TierMeasure::Quantity => tiers.iter().find(|t| t.threshold > measure).map(|t| {
                    NextTierHint::QuantityPayRatio {
                        quantity_shortfall: t.threshold - measure,
                        pay_ratio: t.pay_ratio.text.clone(),
                    }
                }),
            };
            (discount, next, false)
        }
        PromotionRule::Gift { threshold, .. } => {
            let met = sum >= *threshold;
            let hint = (!met).then(|| NextTierHint::Gift {
                shortfall: *threshold - sum,
            });
            (Money::ZERO, hint, met)
        }
        PromotionRule::NthItemPayRatio { .. } | PromotionRule::Unsupported => {
            (Money::ZERO, None, false)
        }
    }
}
