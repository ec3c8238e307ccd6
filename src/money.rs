//! SPEC 0: amounts, ratios and rounding to the fen.
//!
//! An amount is held as a whole number of fen (`i64`): fixed-point decimal
//! with two places, exact by construction. The largest figure the engine
//! can reach is 500 lines × 9,999 units × 10,000,000.00 ≈ 5·10^15 fen, far
//! inside `i64`. Products with ratios are formed in `rust_decimal::Decimal`
//! (exact: at most 16 + 4 significant digits, well inside its 28) and
//! rounded back to the fen with the request's rounding mode.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// The largest amount accepted in input: 10,000,000.00 in fen.
pub const MAX_INPUT_FEN: i64 = 1_000_000_000;

/// An amount of CNY in fen. Never negative in the engine's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

impl Money {
    /// ¥0.00.
    pub const ZERO: Money = Money(0);

    /// The amount in fen (分): `Money(5990).fen()` is 5990, i.e. ¥59.90.
    pub fn fen(self) -> i64 {
        self.0
    }

    /// The amount as an exact decimal of yuan with two places.
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl std::ops::SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

impl Money {
    /// Writes the amount with exactly two fraction digits (`"59.90"`) into
    /// `buffer`, without allocating: results hold hundreds of amounts.
    fn write_into(self, buffer: &mut [u8; 24]) -> &str {
        let mut at = buffer.len();
        let mut rest = self.0.unsigned_abs();
        let mut digits = 0;
        while digits < 3 || rest > 0 {
            if digits == 2 {
                at -= 1;
                buffer[at] = b'.';
            }
            at -= 1;
            buffer[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            digits += 1;
        }
        if self.0 < 0 {
            at -= 1;
            buffer[at] = b'-';
        }
        // Only ASCII digits, '.' and '-' were written.
        std::str::from_utf8(&buffer[at..]).unwrap_or("0.00")
    }

    /// Reads an amount as results write it: digits, a point and exactly two
    /// fraction digits, optionally negative. No upper limit (totals may
    /// exceed the input maximum).
    pub fn from_result_text(text: &str) -> Option<Money> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.')?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(whole) || fraction.len() != 2 || !all_digits(fraction) {
            return None;
        }
        let fen = whole
            .parse::<i64>()
            .ok()?
            .checked_mul(100)?
            .checked_add(fraction.parse::<i64>().ok()?)?;
        Some(Money(if negative { -fen } else { fen }))
    }
}

/// Always exactly two fraction digits: `"59.90"`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.write_into(&mut [0u8; 24]))
    }
}

/// On the wire an amount is its 2-decimal string (SPEC 0).
impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.write_into(&mut [0u8; 24]))
    }
}

impl crate::json::WriteJson for Money {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        out.push_str(self.write_into(&mut [0u8; 24]));
        out.push('"');
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Money::from_result_text(&text)
            .ok_or_else(|| serde::de::Error::custom("an amount is a string such as \"59.90\""))
    }
}

/// Why an amount or ratio string was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFault {
    /// Not of the required syntax.
    Syntax,
    /// Well formed but above the allowed maximum.
    TooLarge,
}

/// Parses `^[0-9]+(\.[0-9]{1,2})?$`, at most 10,000,000.00.
pub fn parse_amount(text: &str) -> Result<Money, NumberFault> {
    let (whole, fraction) = split_decimal(text, 2)?;
    let whole = whole.trim_start_matches('0');
    // More than 8 significant integer digits is above 10,000,000 whatever
    // follows; checking the length first keeps the parse from overflowing.
    if whole.len() > 8 {
        return Err(NumberFault::TooLarge);
    }
    let fen = digits_value(whole) * 100 + fraction_value(fraction, 2);
    if fen > MAX_INPUT_FEN {
        return Err(NumberFault::TooLarge);
    }
    Ok(Money(fen))
}

/// A ratio in `[0, 1]` with at most 4 fraction digits, kept with the text it
/// was written as (results echo ratios as written, SPEC 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ratio {
    /// Ten-thousandths: `"0.85"` is 8500.
    pub basis: u32,
    pub text: String,
}

impl Ratio {
    pub const ONE_BASIS: u32 = 10_000;

    pub fn zero() -> Ratio {
        Ratio {
            basis: 0,
            text: "0".to_string(),
        }
    }

    pub fn to_decimal(&self) -> Decimal {
        Decimal::new(i64::from(self.basis), 4)
    }

    /// `1 − ratio`, exact.
    pub fn complement(&self) -> Decimal {
        Decimal::new(
            i64::from(Self::ONE_BASIS - self.basis.min(Self::ONE_BASIS)),
            4,
        )
    }
}

/// Parses `^[0-9]+(\.[0-9]{1,4})?$`, at most 1.
pub fn parse_ratio(text: &str) -> Result<Ratio, NumberFault> {
    let (whole, fraction) = split_decimal(text, 4)?;
    let whole = whole.trim_start_matches('0');
    if whole.len() > 1 {
        return Err(NumberFault::TooLarge);
    }
    let basis = digits_value(whole) * 10_000 + fraction_value(fraction, 4);
    if basis > i64::from(Ratio::ONE_BASIS) {
        return Err(NumberFault::TooLarge);
    }
    Ok(Ratio {
        basis: basis as u32,
        text: text.to_string(),
    })
}

/// Splits `digits[.digits]` with 1..=max_fraction fraction digits.
fn split_decimal(text: &str, max_fraction: usize) -> Result<(&str, &str), NumberFault> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => {
            if f.is_empty() || f.len() > max_fraction {
                return Err(NumberFault::Syntax);
            }
            (w, f)
        }
        None => (text, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(NumberFault::Syntax);
    }
    Ok((whole, fraction))
}

/// Value of at most 8 ASCII digits (callers bound the length).
fn digits_value(digits: &str) -> i64 {
    digits
        .bytes()
        .fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0'))
}

/// `"5"` with 2 places is 50; `"05"` is 5.
fn fraction_value(fraction: &str, places: usize) -> i64 {
    let mut value = digits_value(fraction);
    for _ in fraction.len()..places {
        value *= 10;
    }
    value
}

/// SPEC 0 rounding modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    /// 四舍五入: ties away from zero.
    #[default]
    HalfUp,
    HalfEven,
    /// Toward zero.
    Down,
    /// Away from zero.
    Up,
}

impl Rounding {
    fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Down => RoundingStrategy::ToZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
        }
    }

    /// Rounds a yuan figure to the fen.
    pub fn to_fen(self, yuan: Decimal) -> Money {
        let rounded = yuan.round_dp_with_strategy(2, self.strategy());
        // `rounded` has at most 2 fraction digits; rescaling to exactly 2
        // makes its mantissa the number of fen. Figures stay below 10^17
        // fen (module comment), so the mantissa fits in i64.
        let mut scaled = rounded;
        scaled.rescale(2);
        Money(scaled.mantissa() as i64)
    }

    /// `round(amount × ratio)` to the fen.
    pub fn times(self, amount: Money, ratio: Decimal) -> Money {
        self.to_fen(amount.to_decimal() * ratio)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_syntax_is_exactly_the_spec_pattern() {
        assert_eq!(parse_amount("059.9"), Ok(Money(5990)));
        assert_eq!(parse_amount("100"), Ok(Money(10000)));
        assert_eq!(parse_amount("0.05"), Ok(Money(5)));
        assert_eq!(parse_amount("10000000.00"), Ok(Money(MAX_INPUT_FEN)));
        assert_eq!(parse_amount("10000000.01"), Err(NumberFault::TooLarge));
        assert_eq!(
            parse_amount("99999999999999999999999"),
            Err(NumberFault::TooLarge)
        );
        for bad in [
            "5.", ".5", "-1", "+1", "1e3", "1_000", " 1", "1.234", "", "1,5",
        ] {
            assert_eq!(parse_amount(bad), Err(NumberFault::Syntax), "{bad}");
        }
    }

    #[test]
    fn ratio_syntax_and_range() {
        assert_eq!(parse_ratio("0.85").map(|r| r.basis), Ok(8500));
        assert_eq!(parse_ratio("1").map(|r| r.basis), Ok(10000));
        assert_eq!(parse_ratio("1.0000").map(|r| r.basis), Ok(10000));
        assert_eq!(parse_ratio("1.0001"), Err(NumberFault::TooLarge));
        assert_eq!(parse_ratio("0.12345"), Err(NumberFault::Syntax));
    }

    #[test]
    fn rounding_modes_at_a_half_fen() {
        let half = Decimal::new(1005, 3); // 1.005
        assert_eq!(Rounding::HalfUp.to_fen(half), Money(101));
        assert_eq!(Rounding::HalfEven.to_fen(half), Money(100));
        assert_eq!(Rounding::Down.to_fen(Decimal::new(1009, 3)), Money(100));
        assert_eq!(Rounding::Up.to_fen(Decimal::new(1001, 3)), Money(101));
        assert_eq!(Money(5).to_string(), "0.05");
        assert_eq!(Money(0).to_string(), "0.00");
        assert_eq!(Money(100).to_string(), "1.00");
        assert_eq!(Money(-7).to_string(), "-0.07");
        assert_eq!(Money(i64::MIN).to_string(), "-92233720368547758.08");
        assert_eq!(Money::from_result_text("1234.56"), Some(Money(123456)));
        assert_eq!(Money::from_result_text("-0.07"), Some(Money(-7)));
        assert_eq!(Money::from_result_text("1.5"), None);
        assert_eq!(serde_json::to_string(&Money(5990)).unwrap(), "\"59.90\"");
        assert_eq!(
            serde_json::from_str::<Money>("\"59.90\"").unwrap(),
            Money(5990)
        );
        assert_eq!(Money(123456).to_string(), "1234.56");
    }
}
