//! The platform coupon's discount in whole fen (SPEC 4), without decimals,
//! so a search node costs a few integer operations.

use crate::money::Rounding;

/// A platform coupon's discount rule in whole fen, without decimals.
#[derive(Clone, Copy)]
pub(super) struct PlatformRule {
    pub(super) threshold: i64,
    /// `None` for an amount off (`cap` is then the `off`).
    pub(super) pay_basis: Option<i64>,
    pub(super) cap: Option<i64>,
    pub(super) rounding: Rounding,
}

impl PlatformRule {
    /// The discount on `A`, or `None` below the threshold (SPEC 4).
    #[inline(always)]
    pub(super) fn discount(&self, base: i64) -> Option<i64> {
        if base < self.threshold {
            return None;
        }
        let uncapped = self.uncapped(base);
        Some(self.cap.map_or(uncapped, |cap| uncapped.min(cap)))
    }

    /// The discount without its cap: an upper bound, linear up to rounding.
    #[inline(always)]
    pub(super) fn uncapped(&self, base: i64) -> i64 {
        match self.pay_basis {
            None => base,
            Some(basis) => base - round_ratio(self.rounding, base, basis),
        }
    }
}

/// `round(amount × basis / 10,000)` for `amount >= 0`, exactly as
/// `Rounding::times` rounds the decimal product.
#[inline(always)]
pub(super) fn round_ratio(rounding: Rounding, amount: i64, basis: i64) -> i64 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
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
