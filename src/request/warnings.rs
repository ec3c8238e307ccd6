//! SPEC 1.2: the request's warnings — every field SPEC 1.2's table does not
//! give to its object, and every time that looks like seconds — in document
//! order, at most 100. One walk over a request that validation has already
//! accepted, so every array in it is within its limit; the walk descends
//! only into known fields and stops at the 100th warning, so an object of
//! 100,000 unknown keys costs 100 warnings and a scan, never more.

use super::reader::Path;
use super::validate::SelectionPolicy;
use super::wire::{CouponKind, CouponStage, PromotionKind};
use crate::error::{Error, ErrorCode};
use crate::json::Value;
use crate::result::{Warning, WarningCode};

/// SPEC 1.2: at most the first 100 warnings are listed.
pub const MAX_WARNINGS: usize = 100;

/// The objects of SPEC 1.2's table; promotions and coupons by kind, since
/// their fields depend on it.
#[derive(Clone, Copy)]
enum Shape {
    Request,
    User,
    Shop,
    Shipping,
    Line,
    SpecialPrice,
    /// A promotion or coupon before its kind is looked at.
    AnyPromotion,
    AnyCoupon,
    Promotion(PromotionKind),
    AmountTier,
    RatioTier,
    Gift,
    Scope,
    Coupon(CouponKind),
    Selection,
    Commission,
    Beneficiary,
}

/// What a known field holds, as far as warnings are concerned.
#[derive(Clone, Copy)]
enum Field {
    /// A value with nothing inside to examine (or not examined at all).
    Plain,
    Time,
    Object(Shape),
    Objects(Shape),
}

impl Shape {
    /// The promotion's or coupon's own shape, or `None` for a kind (or
    /// stage) this engine does not know: its fields are not examined.
    fn resolve(self, value: &Value) -> Option<Shape> {
        let name = |key| value.get(key).and_then(Value::as_str);
        match self {
            Shape::AnyPromotion => PromotionKind::from_name(name("kind")?).map(Shape::Promotion),
            Shape::AnyCoupon => {
                let kind = CouponKind::from_name(name("kind")?)?;
                CouponStage::from_name(name("stage")?).map(|_| Shape::Coupon(kind))
            }
            known => Some(known),
        }
    }

    /// The object as a message names it.
    fn noun(self) -> &'static str {
        use PromotionKind as P;
        match self {
            Shape::Request => "the request",
            Shape::User => "user",
            Shape::Shop => "a shop",
            Shape::Shipping => "shipping",
            Shape::Line => "a line",
            Shape::SpecialPrice => "a special price",
            Shape::AnyPromotion => "a promotion",
            Shape::AnyCoupon => "a coupon",
            Shape::Promotion(P::TieredAmountOff) => "a tieredAmountOff promotion",
            Shape::Promotion(P::EveryAmountOff) => "an everyAmountOff promotion",
            Shape::Promotion(P::TieredPayRatio) => "a tieredPayRatio promotion",
            Shape::Promotion(P::NthItemPayRatio) => "an nthItemPayRatio promotion",
            Shape::Promotion(P::Gift) => "a gift promotion",
            Shape::AmountTier => "a tier of a tieredAmountOff promotion",
            Shape::RatioTier => "a tier of a tieredPayRatio promotion",
            Shape::Gift => "a gift",
            Shape::Scope => "scope",
            Shape::Coupon(CouponKind::AmountOff) => "an amountOff coupon",
            Shape::Coupon(CouponKind::PayRatio) => "a payRatio coupon",
            Shape::Coupon(CouponKind::Shipping) => "a shipping coupon",
            Shape::Selection => "couponSelection",
            Shape::Commission => "commission",
            Shape::Beneficiary => "a beneficiary",
        }
    }

    /// The field `key` of this object (SPEC 1.2's table), `None` if it
    /// has no such field.
    fn field(self, key: &str, policy: SelectionPolicy) -> Option<Field> {
        use Field::*;
        let field = match (self, key) {
            (Shape::Request, "now") => Time,
            (Shape::Request, "rounding" | "strict") => Plain,
            (Shape::Request, "user") => Object(Shape::User),
            (Shape::Request, "shops") => Objects(Shape::Shop),
            (Shape::Request, "lines") => Objects(Shape::Line),
            (Shape::Request, "promotions") => Objects(Shape::AnyPromotion),
            (Shape::Request, "coupons") => Objects(Shape::AnyCoupon),
            // A share-card preview does not examine couponSelection.
            (Shape::Request, "couponSelection") => match policy {
                SelectionPolicy::Read => Object(Shape::Selection),
                SelectionPolicy::ForceBest => Plain,
            },
            (Shape::Request, "commission") => Object(Shape::Commission),
            (Shape::User, "id" | "plus" | "newUser") => Plain,
            (Shape::Shop, "id" | "name") => Plain,
            (Shape::Shop, "shipping") => Object(Shape::Shipping),
            (Shape::Shipping, "freeThreshold" | "fee") => Plain,
            (
                Shape::Line,
                "id" | "skuId" | "shopId" | "name" | "categoryIds" | "listPrice" | "quantity"
                | "selected" | "promotionId" | "commissionRate",
            ) => Plain,
            (Shape::Line, "specialPrices") => Objects(Shape::SpecialPrice),
            (Shape::SpecialPrice, "kind" | "price" | "limit") => Plain,
            (Shape::SpecialPrice, "validFrom" | "validTo") => Time,
            (Shape::Promotion(_), "id" | "kind" | "name") => Plain,
            (Shape::Promotion(_), "validFrom" | "validTo") => Time,
            (Shape::Promotion(_), "scope") => Object(Shape::Scope),
            (Shape::Promotion(kind), _) => return promotion_field(kind, key),
            (Shape::AmountTier, "threshold" | "off") => Plain,
            (Shape::RatioTier, "minQuantity" | "minAmount" | "payRatio") => Plain,
            (Shape::Gift, "skuId" | "name" | "quantity") => Plain,
            (Shape::Scope, "shopIds" | "skuIds" | "categoryIds" | "excludeSkuIds") => Plain,
            (
                Shape::Coupon(_),
                "id" | "kind" | "stage" | "shopId" | "name" | "threshold" | "withPromotions"
                | "exclusive",
            ) => Plain,
            (Shape::Coupon(_), "validFrom" | "validTo") => Time,
            (Shape::Coupon(_), "scope") => Object(Shape::Scope),
            (Shape::Coupon(CouponKind::AmountOff | CouponKind::Shipping), "off") => Plain,
            (Shape::Coupon(CouponKind::PayRatio), "payRatio" | "maxOff") => Plain,
            (Shape::Selection, "mode" | "ids" | "exclude" | "lock") => Plain,
            (Shape::Commission, "buyerId" | "platformFeeRate" | "selfPurchase") => Plain,
            (Shape::Commission, "beneficiaries") => Objects(Shape::Beneficiary),
            (Shape::Beneficiary, "id" | "role" | "share") => Plain,
            _ => return None,
        };
        Some(field)
    }
}

/// The fields a promotion has by its kind (SPEC 1.2's table).
fn promotion_field(kind: PromotionKind, key: &str) -> Option<Field> {
    use PromotionKind as P;
    match (kind, key) {
        (P::TieredAmountOff, "tiers") => Some(Field::Objects(Shape::AmountTier)),
        (P::EveryAmountOff, "every" | "off" | "maxOff") => Some(Field::Plain),
        (P::TieredPayRatio, "tiers") => Some(Field::Objects(Shape::RatioTier)),
        (P::NthItemPayRatio, "n" | "payRatio") => Some(Field::Plain),
        (P::Gift, "threshold") => Some(Field::Plain),
        (P::Gift, "gifts") => Some(Field::Objects(Shape::Gift)),
        _ => None,
    }
}

/// The warnings of a request validation accepted, in document order.
pub fn collect(request: &Value, policy: SelectionPolicy) -> Vec<Warning> {
    let mut walk = Walk {
        policy,
        warnings: Vec::new(),
    };
    walk.object(request, Shape::Request, &Path::ROOT);
    walk.warnings
}

/// Under `strict: true` the first warning is the error: same code, path
/// and message (SPEC 1.2).
pub fn strict_error(strict: bool, warnings: &[Warning]) -> Result<(), Error> {
    match warnings.first() {
        Some(first) if strict => Err(Error::new(
            match first.code {
                WarningCode::UnknownField => ErrorCode::UnknownField,
                WarningCode::TimeInSeconds => ErrorCode::TimeInSeconds,
            },
            first.path.clone(),
            first.message.clone(),
        )),
        _ => Ok(()),
    }
}

struct Walk {
    policy: SelectionPolicy,
    warnings: Vec<Warning>,
}

impl Walk {
    fn full(&self) -> bool {
        self.warnings.len() >= MAX_WARNINGS
    }

    fn object(&mut self, value: &Value, shape: Shape, at: &Path) {
        let Value::Object(members) = value else {
            return;
        };
        let Some(shape) = shape.resolve(value) else {
            return;
        };
        for (key, item) in members {
            if self.full() {
                return;
            }
            let at = at.key(key);
            match shape.field(key, self.policy) {
                None => self.warn(
                    WarningCode::UnknownField,
                    format!("not a field of {}; it is ignored", shape.noun()),
                    &at,
                ),
                Some(Field::Plain) => {}
                Some(Field::Time) => self.time(item, &at),
                Some(Field::Object(inner)) => self.object(item, inner, &at),
                Some(Field::Objects(inner)) => {
                    if let Value::Array(items) = item {
                        for (i, entry) in items.iter().enumerate() {
                            self.object(entry, inner, &at.index(i));
                        }
                    }
                }
            }
        }
    }

    /// A JSON integer in 1,000,000,000..100,000,000,000: JSON has no
    /// leading zeros, so that is exactly 10 or 11 digits.
    fn time(&mut self, value: &Value, at: &Path) {
        let Value::Number(text) = value else {
            return;
        };
        if (text.len() == 10 || text.len() == 11) && text.bytes().all(|b| b.is_ascii_digit()) {
            self.warn(
                WarningCode::TimeInSeconds,
                format!("{text} looks like seconds; times are milliseconds since the Unix epoch"),
                at,
            );
        }
    }

    fn warn(&mut self, code: WarningCode, message: String, at: &Path) {
        // Most requests have no warning: the path is written out only here.
        let path = at.render();
        self.warnings.push(Warning {
            code,
            path,
            message,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn paths(text: &str, policy: SelectionPolicy) -> Vec<(WarningCode, String)> {
        let value = json::parse(text).unwrap();
        collect(&value, policy)
            .into_iter()
            .map(|w| (w.code, w.path))
            .collect()
    }

    #[test]
    fn keys_that_are_not_plain_names_are_written_in_brackets() {
        let got = paths(
            r#"{"":1,"a.b":2,"x_1":3,"名":4,"q\"":5,"lines":[{"a b":6}]}"#,
            SelectionPolicy::Read,
        );
        let want: Vec<&str> = vec![
            r#"[""]"#,
            r#"["a.b"]"#,
            "x_1",
            r#"["名"]"#,
            r#"["q\""]"#,
            r#"lines[0]["a b"]"#,
        ];
        assert_eq!(
            got.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>(),
            want
        );
    }

    #[test]
    fn the_walk_stops_at_the_hundredth_warning() {
        let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":0")).collect();
        let got = paths(&format!("{{{}}}", keys.join(",")), SelectionPolicy::Read);
        assert_eq!(got.len(), MAX_WARNINGS);
        assert_eq!(got[99].1, "k99");
    }

    #[test]
    fn times_between_ten_and_eleven_digits_look_like_seconds() {
        for (time, warned) in [
            ("999999999", false),
            ("1000000000", true),
            ("99999999999", true),
            ("100000000000", false),
        ] {
            let got = paths(&format!(r#"{{"now":{time}}}"#), SelectionPolicy::Read);
            assert_eq!(got.len(), usize::from(warned), "{time}");
        }
    }

    #[test]
    fn a_preview_does_not_examine_coupon_selection() {
        let text = r#"{"couponSelection":{"mode":"best","moed":1}}"#;
        assert_eq!(paths(text, SelectionPolicy::Read).len(), 1);
        assert!(paths(text, SelectionPolicy::ForceBest).is_empty());
    }
}
