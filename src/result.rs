//! SPEC 7 and 7a: the result types. Field order here is the wire order;
//! amounts are 2-decimal strings, absent fields are omitted.

use serde::{Deserialize, Serialize};

/// Declarations for TypeScript come from these types (wasm builds only).
macro_rules! wire {
    ($item:item) => {
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[serde(rename_all = "camelCase")]
        $item
    };
}

wire! {
/// `engine`: which build and which spec produced a result.
pub struct EngineInfo {
    pub version: String,
    pub spec: u32,
}
}

wire! {
/// What `priceCart` returns.
pub struct PricingResult {
    pub engine: EngineInfo,
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

wire! {
/// One line: an unselected line carries only `id` and `status`.
pub struct LineResult {
    pub id: String,
    /// `"priced"` or `"unselected"`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none", flatten)]
    pub priced: Option<PricedLine>,
}
}

wire! {
pub struct PricedLine {
    pub unit_prices: Vec<UnitPrice>,
    pub list_amount: String,
    pub price_reduction: String,
    pub base_amount: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_reason: Option<String>,
    pub promotion_discount: String,
    pub coupon_discount: String,
    pub coupon_allocations: Vec<CouponAllocation>,
    pub paid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commission: Option<LineCommission>,
}
}

wire! {
pub struct UnitPrice {
    /// `flashSale`, `newUser`, `plus`, `member` or `list`.
    pub kind: String,
    pub price: String,
    pub quantity: u32,
}
}

wire! {
pub struct CouponAllocation {
    pub coupon_id: String,
    pub amount: String,
}
}

wire! {
pub struct LineCommission {
    pub base: String,
    pub gross: String,
    pub platform_fee: String,
    /// One amount per beneficiary, in request order.
    pub beneficiaries: Vec<String>,
    pub operator: String,
}
}

wire! {
pub struct ShopResult {
    pub id: String,
    pub goods_amount: String,
    pub shipping_fee: String,
    pub shipping_discount: String,
    pub paid: String,
}
}

wire! {
pub struct PromotionResult {
    pub id: String,
    pub line_ids: Vec<String>,
    pub discount: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_tier: Option<NextTier>,
    pub gifts: Vec<GiftResult>,
}
}

wire! {
/// 凑单 hint: what to add to reach the next tier.
pub struct NextTier {
    pub shortfall: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off: Option<String>,
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
    /// `applied`, `usable` or `unusable`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortfall: Option<String>,
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
    pub list_amount: String,
    pub price_reduction: String,
    pub promotion_discount: String,
    pub coupon_discount: String,
    pub shipping_fee: String,
    pub shipping_discount: String,
    pub payable: String,
    pub savings: String,
}
}

wire! {
pub struct CommissionTotals {
    pub base: String,
    pub gross: String,
    pub platform_fee: String,
    pub beneficiaries: Vec<Earning>,
    pub operator: String,
    pub self_purchase: bool,
}
}

wire! {
/// A beneficiary's earnings.
pub struct Earning {
    pub id: String,
    pub role: String,
    pub amount: String,
}
}

wire! {
/// What `previewShareCard` returns (SPEC 7, 分享赚).
pub struct SharePreview {
    pub engine: EngineInfo,
    pub sku_id: String,
    pub quantity: u32,
    pub list_amount: String,
    pub final_amount: String,
    pub savings: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_id: Option<String>,
    pub coupon_ids: Vec<String>,
    pub shipping_payable: String,
    pub earnings: Vec<Earning>,
}
}
