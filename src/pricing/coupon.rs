//! SPEC 4: coupons — eligibility, stand-alone status and reasons, and the
//! application of one stacking combination in stage order.

use super::allocation::allocate;
use super::scope::scope_matches;
use crate::money::Money;
use crate::request::model::*;
use crate::result::CouponReason;

/// Why a coupon cannot apply (SPEC 4 reasons, in precedence order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    Unsupported,
    NotStarted,
    Expired,
    NoEligibleItems,
    NoShippingFee,
    BelowThreshold { shortfall: Money },
}

impl Unusable {
    pub fn reason(self) -> CouponReason {
        match self {
            Unusable::Unsupported => CouponReason::Unsupported,
            Unusable::NotStarted => CouponReason::NotStarted,
            Unusable::Expired => CouponReason::Expired,
            Unusable::NoEligibleItems => CouponReason::NoEligibleItems,
            Unusable::NoShippingFee => CouponReason::NoShippingFee,
            Unusable::BelowThreshold { .. } => CouponReason::BelowThreshold,
        }
    }
}

/// The cart after promotions, which every coupon evaluation starts from.
pub struct CouponBoard<'a> {
    pub cart: &'a Cart,
    /// Per line: amount after promotions (0 for unselected lines).
    pub after_promotion: Vec<Money>,
    /// Per shop: the shipping fee (SPEC 5).
    pub fees: Vec<Money>,
    /// Per coupon: `E(c)`, line indices in request order.
    pub eligible: Vec<Vec<usize>>,
}

impl<'a> CouponBoard<'a> {
    pub fn new(
        cart: &'a Cart,
        after_promotion: Vec<Money>,
        promotion_discount: &[Money],
        fees: Vec<Money>,
    ) -> Self {
        let eligible = cart
            .coupons
            .iter()
            .map(|coupon| eligible_lines(cart, coupon, promotion_discount))
            .collect();
        CouponBoard {
            cart,
            after_promotion,
            fees,
            eligible,
        }
    }

    /// The shipping fee a shipping coupon covers.
    pub fn covered_fee(&self, coupon: &Coupon) -> Money {
        match (&coupon.shop_id, coupon.shop) {
            (None, _) => self.fees.iter().copied().sum(),
            (Some(_), Some(shop)) => self.fees.get(shop).copied().unwrap_or(Money::ZERO),
            (Some(_), None) => Money::ZERO,
        }
    }

    /// Reasons that do not depend on amounts: window, `E(c)`, shipping fee.
    pub fn static_fault(&self, c: usize) -> Option<Unusable> {
        let coupon = &self.cart.coupons[c];
        if !coupon.is_supported() {
            return Some(Unusable::Unsupported);
        }
        if coupon.window.not_started(self.cart.now) {
            return Some(Unusable::NotStarted);
        }
        if coupon.window.expired(self.cart.now) {
            return Some(Unusable::Expired);
        }
        if self.eligible[c].is_empty() {
            return Some(Unusable::NoEligibleItems);
        }
        if coupon.stage == Stage::Shipping && self.covered_fee(coupon) == Money::ZERO {
            return Some(Unusable::NoShippingFee);
        }
        None
    }

    /// The discount coupon `c` gives on `amounts`, or why it cannot apply.
    pub fn discount_on(&self, c: usize, amounts: &[Money]) -> Result<Money, Unusable> {
        if let Some(fault) = self.static_fault(c) {
            return Err(fault);
        }
        let base: Money = self.eligible[c].iter().map(|&i| amounts[i]).sum();
        self.discount_for(c, base)
    }

    /// The discount of a coupon that passed its static checks, given its
    /// eligible amount `A(c)`. Non-decreasing in `base`: for a pay ratio
    /// `r <= 1`, one more fen of `A` raises `round(A × r)` by at most one fen.
    pub fn discount_for(&self, c: usize, base: Money) -> Result<Money, Unusable> {
        let coupon = &self.cart.coupons[c];
        if base < coupon.threshold {
            return Err(Unusable::BelowThreshold {
                shortfall: coupon.threshold - base,
            });
        }
        Ok(match &coupon.rule {
            CouponRule::AmountOff(off) => (*off).min(base),
            CouponRule::PayRatio { pay_ratio, max_off } => {
                let off = base - self.cart.rounding.times(base, pay_ratio.to_decimal());
                max_off.map_or(off, |cap| off.min(cap))
            }
            CouponRule::Shipping(off) => (*off).min(self.covered_fee(coupon)),
            // `static_fault` stops an unsupported coupon before its amounts.
            CouponRule::Unsupported => Money::ZERO,
        })
    }

    /// `A(c)` on the cart after promotions.
    pub fn base_alone(&self, c: usize) -> Money {
        self.eligible[c]
            .iter()
            .map(|&i| self.after_promotion[i])
            .sum()
    }

    /// Judged alone, on the cart after promotions (SPEC 4).
    pub fn alone(&self, c: usize) -> Result<Money, Unusable> {
        self.discount_on(c, &self.after_promotion)
    }

    /// Applies a combination in stage order (shop, platform, shipping; request
    /// order within a stage). `None` when some coupon cannot apply at its turn.
    /// No coupon applied: the cart after promotions, every fee paid.
    pub fn nothing_applied(&self) -> Application {
        let goods: Money = self.after_promotion.iter().copied().sum();
        Application {
            applied: Vec::new(),
            paid: self.after_promotion.clone(),
            shipping_discount: vec![Money::ZERO; self.fees.len()],
            payable: goods + self.fees.iter().copied().sum::<Money>(),
        }
    }

    pub fn apply(&self, combination: &[usize]) -> Option<Application> {
        let mut order: Vec<usize> = combination.to_vec();
        crate::sort::sort_by_key(&mut order, |&c| (stage_rank(self.cart.coupons[c].stage), c));
        let mut amounts = self.after_promotion.clone();
        let mut shipping_discount = vec![Money::ZERO; self.fees.len()];
        let mut applied = Vec::with_capacity(order.len());
        for c in order {
            let discount = self.discount_on(c, &amounts).ok()?;
            let coupon = &self.cart.coupons[c];
            let mut shares = Vec::new();
            if coupon.stage == Stage::Shipping {
                match coupon.shop {
                    Some(shop) if coupon.shop_id.is_some() => shipping_discount[shop] += discount,
                    _ => {
                        for (shop, share) in allocate(discount, &self.fees).into_iter().enumerate()
                        {
                            shipping_discount[shop] += share;
                        }
                    }
                }
            } else {
                let lines = &self.eligible[c];
                let weights: Vec<Money> = lines.iter().map(|&i| amounts[i]).collect();
                for (&i, share) in lines.iter().zip(allocate(discount, &weights)) {
                    amounts[i] -= share;
                    if share > Money::ZERO {
                        shares.push((i, share));
                    }
                }
            }
            applied.push(AppliedCoupon {
                coupon: c,
                discount,
                shares,
            });
        }
        let goods: Money = amounts.iter().copied().sum();
        let shipping: Money = self.fees.iter().copied().sum::<Money>()
            - shipping_discount.iter().copied().sum::<Money>();
        Some(Application {
            applied,
            paid: amounts,
            shipping_discount,
            payable: goods + shipping,
        })
    }
}

pub fn stage_rank(stage: Stage) -> u8 {
    match stage {
        Stage::Shop => 0,
        Stage::Platform => 1,
        Stage::Shipping => 2,
    }
}

/// `E(c)`: selected lines in the coupon's reach that match its scope,
/// without promoted lines when `withPromotions` is false.
fn eligible_lines(cart: &Cart, coupon: &Coupon, promotion_discount: &[Money]) -> Vec<usize> {
    if !coupon.is_supported() || (coupon.shop_id.is_some() && coupon.shop.is_none()) {
        return Vec::new();
    }
    cart.lines
        .iter()
        .enumerate()
        .filter(|(i, line)| {
            line.selected
                && coupon.shop.is_none_or(|shop| shop == line.shop)
                && scope_matches(&coupon.scope, line)
                && (coupon.with_promotions
                    || promotion_discount.get(*i).is_none_or(|d| *d == Money::ZERO))
        })
        .map(|(i, _)| i)
        .collect()
}

/// One coupon as applied within a combination.
#[derive(Debug, Clone)]
pub struct AppliedCoupon {
    pub coupon: usize,
    pub discount: Money,
    /// Non-zero goods shares: (line, amount), lines in request order.
    pub shares: Vec<(usize, Money)>,
}

/// The outcome of applying a combination.
#[derive(Debug, Clone)]
pub struct Application {
    /// In application order: stage, then request order.
    pub applied: Vec<AppliedCoupon>,
    /// Per line: paid after all goods coupons.
    pub paid: Vec<Money>,
    pub shipping_discount: Vec<Money>,
    pub payable: Money,
}
