//! SPEC 7 and 7a: the result types. Field order here is the wire order;
//! amounts are `Money`, written as 2-decimal strings; absent fields are
//! omitted.

use crate::money::Money;
use serde::{Deserialize, Serialize};

/// Declarations for TypeScript come from these types (wasm builds only).
macro_rules! wire {
    ($item:item) => {
        wire_type!([] $item);
    };
}

use crate::vocabulary::{vocabulary, wire_type};

vocabulary!(
    /// `lines[].status`.
    LineStatus { Priced = "priced", Unselected = "unselected" }
);
vocabulary!(
    /// `lines[].unitPrices[].kind`: a special price's kind, or `list`.
    UnitPriceKind { FlashSale = "flashSale", NewUser = "newUser", Plus = "plus", Member = "member", List = "list" }
);
vocabulary!(
    /// `lines[].promotionReason` (SPEC 1, 3).
    PromotionReason { PromotionNotApplicable = "promotionNotApplicable", PromotionUnsupported = "promotionUnsupported" }
);
vocabulary!(
    /// `coupons[].status` (SPEC 4).
    CouponStatus { Applied = "applied", Usable = "usable", Unusable = "unusable" }
);
vocabulary!(
    /// `coupons[].reason` (SPEC 4), stand-alone reasons in precedence
    /// order, then the refusals of manual picks and locks.
    CouponReason {
        Unsupported = "unsupported",
        NotStarted = "notStarted",
        Expired = "expired",
        NoEligibleItems = "noEligibleItems",
        NoShippingFee = "noShippingFee",
        BelowThreshold = "belowThreshold",
        StackingConflict = "stackingConflict",
        ExclusiveConflict = "exclusiveConflict",
    }
);

vocabulary!(
    /// `warnings[].code` (SPEC 1.2); under `strict` the same code is the
    /// error's.
    WarningCode { UnknownField = "unknownField", TimeInSeconds = "timeInSeconds" }
);

pub use crate::request::wire::BeneficiaryRole;

// Field lists of the serde declarations repeat their attributes by nature;
// no function could share them, so the duplicate finder skips them.
// jscpd:ignore-start
wire! {
/// `engine`: which build and which spec produced a result.
pub struct EngineInfo {
    pub version: String,
    pub spec: u32,
}
}

impl EngineInfo {
    /// This build: the crate's version and the SPEC version it implements.
    pub fn current() -> EngineInfo {
        EngineInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            spec: 2,
        }
    }
}

wire! {
/// Promotions and coupons of kinds (or stages) this engine does not know
/// (SPEC 3, 4, 7a): a newer engine may price the cart differently.
pub struct Unsupported {
    pub promotion_ids: Vec<String>,
    pub coupon_ids: Vec<String>,
}
}

wire! {
/// A field this spec does not give to its object, or a time that looks
/// like seconds (SPEC 1.2). It changes no figure.
pub struct Warning {
    pub code: WarningCode,
    /// Written like an error's path; a key that is empty or holds a
    /// character other than an ASCII letter, digit or `_` is a JSON string
    /// in brackets (`lines[0]["a.b"]`).
    pub path: String,
    pub message: String,
}
}

wire! {
/// What `priceCart` returns.
pub struct PricingResult {
    pub engine: EngineInfo,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsupported: Option<Unsupported>,
    /// In document order, at most 100; absent when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    pub lines: Vec<LineResult>,
    pub shops: Vec<ShopResult>,
    pub promotions: Vec<PromotionResult>,
    pub coupons: Vec<CouponResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon_search: Option<CouponSearch>,
    pub totals: Totals,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commission: Option<CommissionTotals>,
}
}

/// One line: an unselected line carries only `id` and `status`. Its
/// TypeScript type is a union discriminated on `status` (src/wasm.rs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineResult {
    pub id: String,
    pub status: LineStatus,
    #[serde(default, skip_serializing_if = "Option::is_none", flatten)]
    pub priced: Option<PricedLine>,
}

wire! {
pub struct PricedLine {
    pub unit_prices: Vec<UnitPrice>,
    pub list_amount: Money,
    pub price_reduction: Money,
    pub base_amount: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_reason: Option<PromotionReason>,
    pub promotion_discount: Money,
    pub coupon_discount: Money,
    pub coupon_allocations: Vec<CouponAllocation>,
    pub paid: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commission: Option<LineCommission>,
}
}

wire! {
pub struct UnitPrice {
    pub kind: UnitPriceKind,
    pub price: Money,
    pub quantity: u32,
}
}

wire! {
pub struct CouponAllocation {
    pub coupon_id: String,
    pub amount: Money,
}
}

wire! {
pub struct LineCommission {
    pub base: Money,
    pub gross: Money,
    pub platform_fee: Money,
    /// One amount per beneficiary, in request order.
    pub beneficiaries: Vec<Money>,
    pub operator: Money,
}
}

wire! {
pub struct ShopResult {
    pub id: String,
    pub goods_amount: Money,
    pub shipping_fee: Money,
    pub shipping_discount: Money,
    pub paid: Money,
}
}

wire! {
pub struct PromotionResult {
    pub id: String,
    pub line_ids: Vec<String>,
    pub discount: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_tier: Option<NextTier>,
    pub gifts: Vec<GiftResult>,
}
}

wire! {
/// 凑单 hint: what to add to reach the next tier — an amount
/// (`shortfall`) or, for quantity tiers, a number of units.
pub struct NextTier {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortfall: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_shortfall: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_ratio: Option<String>,
}
}

wire! {
pub struct GiftResult {
    pub sku_id: String,
    pub name: String,
    pub quantity: u32,
}
}

wire! {
pub struct CouponResult {
    pub id: String,
    pub status: CouponStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<CouponReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortfall: Option<Money>,
}
}

wire! {
pub struct CouponSearch {
    pub optimal: bool,
    pub combinations_tried: u64,
}
}

wire! {
pub struct Totals {
    pub list_amount: Money,
    pub price_reduction: Money,
    pub promotion_discount: Money,
    pub coupon_discount: Money,
    pub shipping_fee: Money,
    pub shipping_discount: Money,
    pub payable: Money,
    pub savings: Money,
}
}

wire! {
pub struct CommissionTotals {
    pub base: Money,
    pub gross: Money,
    pub platform_fee: Money,
    pub beneficiaries: Vec<Earning>,
    pub operator: Money,
    pub self_purchase: bool,
}
}

wire! {
/// A beneficiary's earnings.
pub struct Earning {
    pub id: String,
    pub role: BeneficiaryRole,
    pub amount: Money,
}
}

wire! {
/// What `previewShareCard` returns (SPEC 7, 分享赚).
pub struct SharePreview {
    pub engine: EngineInfo,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsupported: Option<Unsupported>,
    /// In document order, at most 100; absent when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    pub sku_id: String,
    pub quantity: u32,
    pub list_amount: Money,
    pub final_amount: Money,
    pub savings: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_id: Option<String>,
    pub coupon_ids: Vec<String>,
    pub shipping_payable: Money,
    pub earnings: Vec<Earning>,
}
}
// jscpd:ignore-end
