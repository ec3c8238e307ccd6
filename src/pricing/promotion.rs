//! SPEC 3: promotions (活动) — assignment, group discounts, allocation and
//! the 凑单 hint.

use super::allocation::allocate;
use super::scope::scope_matches;
use crate::money::{Money, Rounding};
use crate::request::model::*;
use crate::result::PromotionReason;

/// The promotion a line joins (`None`: none), and why the buyer's explicit
/// pick was refused, when it was.
#[derive(Debug, Clone, Copy, Default)]
pub struct Assignment {
    pub promotion: Option<usize>,
    pub refused: Option<PromotionReason>,
}

impl Assignment {
    fn joins(promotion: Option<usize>) -> Assignment {
        Assignment {
            promotion,
            refused: None,
        }
    }

    fn refused(reason: PromotionReason) -> Assignment {
        Assignment {
            promotion: None,
            refused: Some(reason),
        }
    }
}

pub fn assign(cart: &Cart) -> Vec<Assignment> {
    cart.lines
        .iter()
        .map(|line| {
            if !line.selected {
                return Assignment::default();
            }
            let fits = |p: &Promotion| {
                !matches!(p.rule, PromotionRule::Unsupported)
                    && p.window.contains(cart.now)
                    && scope_matches(&p.scope, line)
            };
            match &line.promotion_pick {
                PromotionPick::OptedOut => Assignment::default(),
                PromotionPick::Automatic => {
                    Assignment::joins(cart.promotions.iter().position(fits))
                }
                PromotionPick::Chosen(id) => match cart.promotions.iter().position(|p| p.id == *id)
                {
                    Some(p) if fits(&cart.promotions[p]) => Assignment::joins(Some(p)),
                    Some(p) if matches!(cart.promotions[p].rule, PromotionRule::Unsupported) => {
                        Assignment::refused(PromotionReason::PromotionUnsupported)
                    }
                    _ => Assignment::refused(PromotionReason::PromotionNotApplicable),
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
            .filter(|(_, assigned)| assigned.promotion == Some(p))
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
        let figures = match &promotion.rule {
            PromotionRule::NthItemPayRatio { n, pay_ratio } => {
                let mut total = Money::ZERO;
                for &i in &members {
                    let sets = i64::from(cart.lines[i].quantity / n);
                    let full = Money(sets * lowest_prices[i].fen());
                    let share = cart.rounding.times(full, pay_ratio.complement());
                    line_discount[i] = share;
                    total += share;
                }
                GroupFigures::discount(total)
            }
            rule => {
                let mut figures = group_discount(rule, sum, count, cart.rounding);
                figures.discount = figures.discount.min(sum);
                let weights: Vec<Money> = members.iter().map(|&i| bases[i]).collect();
                for (&i, share) in members.iter().zip(allocate(figures.discount, &weights)) {
                    line_discount[i] = share;
                }
                figures
            }
        };
        groups.push(GroupOutcome {
            promotion: p,
            lines: members,
            discount: figures.discount,
            next_tier: figures.next_tier,
            gifts_met: figures.gifts_met,
        });
    }
    PromotionOutcome {
        line_discount,
        groups,
    }
}

/// A group's discount, its 凑单 hint, and whether a gift threshold is met.
struct GroupFigures {
    discount: Money,
    next_tier: Option<NextTierHint>,
    gifts_met: bool,
}

impl GroupFigures {
    fn discount(discount: Money) -> GroupFigures {
        GroupFigures {
            discount,
            next_tier: None,
            gifts_met: false,
        }
    }

    fn hinted(discount: Money, next_tier: Option<NextTierHint>) -> GroupFigures {
        GroupFigures {
            next_tier,
            ..GroupFigures::discount(discount)
        }
    }
}

/// The group discount of every kind but 第N件X折 (per line, above).
fn group_discount(
    rule: &PromotionRule,
    sum: Money,
    count: i64,
    rounding: Rounding,
) -> GroupFigures {
    match rule {
        PromotionRule::TieredAmountOff(tiers) => {
            let met = tiers.iter().rev().find(|t| sum >= t.threshold);
            let next = tiers.iter().find(|t| t.threshold > sum);
            GroupFigures::hinted(
                met.map_or(Money::ZERO, |t| t.off),
                next.map(|t| NextTierHint::Off {
                    shortfall: t.threshold - sum,
                    off: t.off,
                }),
            )
        }
        PromotionRule::EveryAmountOff {
            every,
            off,
            max_off,
        } => every_amount_off(sum, *every, *off, *max_off),
        PromotionRule::TieredPayRatio { by, tiers } => {
            tiered_pay_ratio(*by, tiers, sum, count, rounding)
        }
        PromotionRule::Gift { threshold, .. } => {
            let met = sum >= *threshold;
            GroupFigures {
                discount: Money::ZERO,
                next_tier: (!met).then(|| NextTierHint::Gift {
                    shortfall: *threshold - sum,
                }),
                gifts_met: met,
            }
        }
        PromotionRule::NthItemPayRatio { .. } | PromotionRule::Unsupported => {
            GroupFigures::discount(Money::ZERO)
        }
    }
}

/// 每满减: `off` per whole `every`, capped by `maxOff` and by the amount;
/// the hint is the next multiple of `every`, only when it gives more.
fn every_amount_off(sum: Money, every: Money, off: Money, max_off: Option<Money>) -> GroupFigures {
    let every_discount = |amount: Money| {
        // `every` is above 0 (validated); `max(1)` only keeps the division
        // total.
        let times = amount.fen() / every.fen().max(1);
        let mut discount = Money(times.saturating_mul(off.fen()));
        if let Some(cap) = max_off {
            discount = discount.min(cap);
        }
        discount.min(amount)
    };
    let discount = every_discount(sum);
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
    GroupFigures::hinted(discount, hint)
}

/// 满件折 / 满额折: the highest tier met by quantity or amount; the hint
/// names the next tier's shortfall in the same measure.
fn tiered_pay_ratio(
    by: TierMeasure,
    tiers: &[RatioTier],
    sum: Money,
    count: i64,
    rounding: Rounding,
) -> GroupFigures {
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
    let next = tiers.iter().find(|t| t.threshold > measure);
    let hint = next.map(|t| match by {
        TierMeasure::Amount => NextTierHint::PayRatio {
            shortfall: Money(t.threshold) - sum,
            pay_ratio: t.pay_ratio.text.clone(),
        },
        TierMeasure::Quantity => NextTierHint::QuantityPayRatio {
            quantity_shortfall: t.threshold - measure,
            pay_ratio: t.pay_ratio.text.clone(),
        },
    });
    GroupFigures::hinted(discount, hint)
}
