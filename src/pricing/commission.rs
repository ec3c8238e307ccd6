//! SPEC 7: two-level commission (二级分佣) per line and in total.

use crate::money::{Money, Rounding};
use crate::request::model::{Cart, CommissionPolicy, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSplit {
    pub base: Money,
    pub gross: Money,
    pub platform_fee: Money,
    pub beneficiaries: Vec<Money>,
    pub operator: Money,
}

/// Each selected line's split of what it paid (`None` without a policy or
/// for an unselected line).
pub fn split_lines(cart: &Cart, paid: &[Money]) -> Vec<Option<LineSplit>> {
    cart.lines
        .iter()
        .zip(paid)
        .map(|(line, &paid)| {
            let policy = cart.commission.as_ref()?;
            line.selected
                .then(|| split_line(paid, &line.commission_rate, policy, cart.rounding))
        })
        .collect()
}

/// `commission.buyerId == sharer id` — reported whatever the policy.
pub fn is_self_purchase(policy: &CommissionPolicy) -> bool {
    match (&policy.buyer_id, policy.beneficiaries.first()) {
        (Some(buyer), Some(first)) => first.role == Role::Sharer && first.id == *buyer,
        _ => false,
    }
}

/// Splits one line's commission. `paid` is the line's amount after
/// promotions and coupons, shipping excluded.
pub fn split_line(
    paid: Money,
    rate: &crate::money::Ratio,
    policy: &CommissionPolicy,
    rounding: Rounding,
) -> LineSplit {
    let gross = rounding.times(paid, rate.to_decimal());
    let platform_fee = rounding.times(gross, policy.platform_fee_rate.to_decimal());
    let net = gross - platform_fee;
    let pays_beneficiaries = !(policy.deny_self_purchase && is_self_purchase(policy));
    let mut amounts: Vec<Money> = policy
        .beneficiaries
        .iter()
        .map(|b| {
            if pays_beneficiaries {
                rounding.times(net, b.share.to_decimal())
            } else {
                Money::ZERO
            }
        })
        .collect();
    // Shares sum to at most 1, so only rounding can overshoot `net`, by at
    // most a fen per beneficiary; take it back from the last level first.
    let mut excess = amounts.iter().copied().sum::<Money>() - net;
    for amount in amounts.iter_mut().rev() {
        if excess <= Money::ZERO {
            break;
        }
        let cut = excess.min(*amount);
        *amount -= cut;
        excess -= cut;
    }
    let operator = net - amounts.iter().copied().sum::<Money>();
    LineSplit {
        base: paid,
        gross,
        platform_fee,
        beneficiaries: amounts,
        operator,
    }
}
