//! The request as typed Rust structs (SPEC 1), for the Rust API and the
//! TypeScript declarations. They carry values as the wire writes them
//! (amounts and ratios as strings); checking happens in one place only:
//! `price_cart` turns the struct into JSON and runs the same validation as
//! every other entry point, so a struct and its JSON text always price the
//! same.

use crate::json::Value;
use serde::Deserialize;

/// Request types all have defaults (absent fields), for the Rust API.
macro_rules! wire {
    ($item:item) => {
        wire_type!([Default] $item);
    };
}

use crate::vocabulary::{vocabulary, wire_type};

vocabulary!(RoundingMode {
    HalfUp = "halfUp",
    HalfEven = "halfEven",
    Down = "down",
    Up = "up",
});
vocabulary!(SpecialPriceKind {
    FlashSale = "flashSale",
    NewUser = "newUser",
    Plus = "plus",
    Member = "member",
});
vocabulary!(PromotionKind {
    TieredAmountOff = "tieredAmountOff",
    EveryAmountOff = "everyAmountOff",
    TieredPayRatio = "tieredPayRatio",
    NthItemPayRatio = "nthItemPayRatio",
    Gift = "gift",
});
vocabulary!(CouponKind {
    AmountOff = "amountOff",
    PayRatio = "payRatio",
    Shipping = "shipping",
});
vocabulary!(CouponStage {
    Shop = "shop",
    Platform = "platform",
    Shipping = "shipping",
});
vocabulary!(SelectionMode { Best = "best", Manual = "manual" });
vocabulary!(BeneficiaryRole { Sharer = "sharer", Inviter = "inviter" });
vocabulary!(SelfPurchasePolicy { Allow = "allow", Deny = "deny" });

// Field lists of the serde declarations repeat their attributes by nature;
// no function could share them, so the duplicate finder skips them.
// jscpd:ignore-start
wire! {
/// A pricing request (SPEC 1).
pub struct PricingRequest {
    /// Epoch milliseconds.
    pub now: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<RoundingMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<UserInput>,
    #[serde(default)]
    pub shops: Vec<ShopInput>,
    #[serde(default)]
    pub lines: Vec<LineInput>,
    #[serde(default)]
    pub promotions: Vec<PromotionInput>,
    #[serde(default)]
    pub coupons: Vec<CouponInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon_selection: Option<CouponSelectionInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commission: Option<CommissionInput>,
    /// `true`: the first warning is the error (SPEC 1.2). Servers that
    /// accept requests from clients should set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
}
}

wire! {
pub struct UserInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plus: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_user: Option<bool>,
}
}

wire! {
pub struct ShopInput {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<ShippingInput>,
}
}

wire! {
pub struct ShippingInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_threshold: Option<String>,
    pub fee: String,
}
}

wire! {
pub struct LineInput {
    pub id: String,
    pub sku_id: String,
    pub shop_id: String,
    /// Display name (SPEC 1): not validated, not echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category_ids: Vec<String>,
    pub list_price: String,
    pub quantity: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_prices: Vec<SpecialPriceInput>,
    /// Absent: automatic; `Some(None)` (JSON `null`): no promotion;
    /// `Some(Some(id))`: the buyer's pick.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present_or_null"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub promotion_id: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commission_rate: Option<String>,
}
}

/// Reads a present field, `null` included, as `Some`.
fn present_or_null<'de, D>(deserializer: D) -> Result<Option<Option<String>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    Option::<String>::deserialize(deserializer).map(Some)
}

wire! {
pub struct SpecialPriceInput {
    pub kind: Option<SpecialPriceKind>,
    pub price: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<u64>,
}
}

wire! {
pub struct ScopeInput {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shop_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sku_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_sku_ids: Vec<String>,
}
}

wire! {
/// A promotion (SPEC 3); which fields apply depends on `kind`.
pub struct PromotionInput {
    pub id: String,
    pub kind: Option<PromotionKind>,
    /// Display name (SPEC 1): not validated, not echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ScopeInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<TierInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_off: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_ratio: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gifts: Vec<GiftInput>,
}
}

wire! {
/// A tier: `threshold` + `off` (满减), or `minQuantity` / `minAmount` +
/// `payRatio` (满件折 / 满额折).
pub struct TierInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_quantity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_ratio: Option<String>,
}
}

wire! {
pub struct GiftInput {
    pub sku_id: String,
    pub name: String,
    pub quantity: u32,
}
}

wire! {
/// A coupon (SPEC 4).
pub struct CouponInput {
    pub id: String,
    pub kind: Option<CouponKind>,
    pub stage: Option<CouponStage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop_id: Option<String>,
    /// Display name (SPEC 1): not validated, not echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_ratio: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_off: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ScopeInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_promotions: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusive: Option<bool>,
}
}

wire! {
pub struct CouponSelectionInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<SelectionMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
    /// Best mode: coupons the buyer dropped from the pick (SPEC 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude: Option<Vec<String>>,
    /// Best mode: coupons the buyer keeps, judged in this order (SPEC 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<Vec<String>>,
}
}

wire! {
/// Two-level commission (SPEC 7).
pub struct CommissionInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_fee_rate: Option<String>,
    #[serde(default)]
    pub beneficiaries: Vec<BeneficiaryInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_purchase: Option<SelfPurchasePolicy>,
}
}

wire! {
pub struct BeneficiaryInput {
    pub id: String,
    pub role: Option<BeneficiaryRole>,
    pub share: String,
}
}
// jscpd:ignore-end

impl PricingRequest {
    /// The request as the JSON value the validator reads: the text serde
    /// writes, fields in declaration order, which is the document order
    /// of its warnings (SPEC 1.2).
    pub fn to_json_value(&self) -> Value<'static> {
        crate::json::parse(&crate::json::to_text(self))
            .map(Value::into_owned)
            .unwrap_or(Value::Null)
    }
}
