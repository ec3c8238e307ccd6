//! SPEC 7 and 7a: the result types. Field order here is the wire order;
//! amounts are `Money`, written as 2-decimal strings; absent fields are
//! omitted.

use crate::json::{ObjectWriter, WriteJson};
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

// The direct JSON writer (src/json.rs): members in the declaration order
// above under the same camelCase names, with the same omissions, so the
// text is byte for byte serde_json's (checked by the tests below).
impl WriteJson for EngineInfo {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("version", &self.version)
            .member("spec", &self.spec)
            .end();
    }
}

impl WriteJson for Unsupported {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("promotionIds", &self.promotion_ids)
            .member("couponIds", &self.coupon_ids)
            .end();
    }
}

impl WriteJson for Warning {
    fn write_json(&self, out: &mut String) {
        let Warning {
            code,
            path,
            message,
        } = self;
        crate::json::write_fault(out, code, path, message);
    }
}

/// What a result and a share-card preview both start with (SPEC 6, 8).
fn open_with_head<'o>(
    out: &'o mut String,
    engine: &EngineInfo,
    unsupported: &Option<Unsupported>,
    warnings: &[Warning],
) -> ObjectWriter<'o> {
    let mut writer = ObjectWriter::new(out);
    writer
        .member("engine", engine)
        .optional("unsupported", unsupported)
        .nonempty("warnings", warnings);
    writer
}

/// The split a line's commission and the commission totals share (SPEC 7).
fn open_with_split<'o, B: WriteJson>(
    out: &'o mut String,
    figures: [&Money; 3],
    beneficiaries: &[B],
    operator: &Money,
) -> ObjectWriter<'o> {
    let [base, gross, platform_fee] = figures;
    let mut writer = ObjectWriter::new(out);
    writer
        .member("base", base)
        .member("gross", gross)
        .member("platformFee", platform_fee)
        .member("beneficiaries", beneficiaries)
        .member("operator", operator);
    writer
}

/// Bytes per line, shop, promotion and coupon of a typical result, so a
/// result's buffer is allocated once: a guess high enough for most carts
/// (a low one only costs a reallocation).
const LINE_BYTES: usize = 440;
const ENTRY_BYTES: usize = 120;

impl WriteJson for PricingResult {
    fn write_json(&self, out: &mut String) {
        open_with_head(out, &self.engine, &self.unsupported, &self.warnings)
            .member("lines", &self.lines)
            .member("shops", &self.shops)
            .member("promotions", &self.promotions)
            .member("coupons", &self.coupons)
            .optional("couponSearch", &self.coupon_search)
            .member("totals", &self.totals)
            .optional("commission", &self.commission)
            .end();
    }

    fn size_hint(&self) -> usize {
        600 + LINE_BYTES * self.lines.len()
            + ENTRY_BYTES
                * (self.shops.len()
                    + self.promotions.len()
                    + self.coupons.len()
                    + self.warnings.len())
    }
}

impl WriteJson for LineResult {
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.member("id", &self.id).member("status", &self.status);
        // `#[serde(flatten)]`: the priced figures sit in the line's object.
        if let Some(priced) = &self.priced {
            priced.write_members(&mut object);
        }
        object.end();
    }
}

impl PricedLine {
    fn write_members(&self, object: &mut ObjectWriter) {
        object
            .member("unitPrices", &self.unit_prices)
            .member("listAmount", &self.list_amount)
            .member("priceReduction", &self.price_reduction)
            .member("baseAmount", &self.base_amount)
            .optional("promotionId", &self.promotion_id)
            .optional("promotionReason", &self.promotion_reason)
            .member("promotionDiscount", &self.promotion_discount)
            .member("couponDiscount", &self.coupon_discount)
            .member("couponAllocations", &self.coupon_allocations)
            .member("paid", &self.paid)
            .optional("commission", &self.commission);
    }
}

impl WriteJson for PricedLine {
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        self.write_members(&mut object);
        object.end();
    }
}

impl WriteJson for UnitPrice {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("kind", &self.kind)
            .member("price", &self.price)
            .member("quantity", &self.quantity)
            .end();
    }
}

impl WriteJson for CouponAllocation {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("couponId", &self.coupon_id)
            .member("amount", &self.amount)
            .end();
    }
}

impl WriteJson for LineCommission {
    fn write_json(&self, out: &mut String) {
        let figures = [&self.base, &self.gross, &self.platform_fee];
        open_with_split(out, figures, &self.beneficiaries, &self.operator).end();
    }
}

impl WriteJson for ShopResult {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("id", &self.id)
            .member("goodsAmount", &self.goods_amount)
            .member("shippingFee", &self.shipping_fee)
            .member("shippingDiscount", &self.shipping_discount)
            .member("paid", &self.paid)
            .end();
    }
}

impl WriteJson for PromotionResult {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("id", &self.id)
            .member("lineIds", &self.line_ids)
            .member("discount", &self.discount)
            .optional("nextTier", &self.next_tier)
            .member("gifts", &self.gifts)
            .end();
    }
}

impl WriteJson for NextTier {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .optional("shortfall", &self.shortfall)
            .optional("quantityShortfall", &self.quantity_shortfall)
            .optional("off", &self.off)
            .optional("payRatio", &self.pay_ratio)
            .end();
    }
}

impl WriteJson for GiftResult {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("skuId", &self.sku_id)
            .member("name", &self.name)
            .member("quantity", &self.quantity)
            .end();
    }
}

impl WriteJson for CouponResult {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("id", &self.id)
            .member("status", &self.status)
            .optional("discount", &self.discount)
            .optional("reason", &self.reason)
            .optional("shortfall", &self.shortfall)
            .end();
    }
}

impl WriteJson for CouponSearch {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("optimal", &self.optimal)
            .member("combinationsTried", &self.combinations_tried)
            .end();
    }
}

impl WriteJson for Totals {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("listAmount", &self.list_amount)
            .member("priceReduction", &self.price_reduction)
            .member("promotionDiscount", &self.promotion_discount)
            .member("couponDiscount", &self.coupon_discount)
            .member("shippingFee", &self.shipping_fee)
            .member("shippingDiscount", &self.shipping_discount)
            .member("payable", &self.payable)
            .member("savings", &self.savings)
            .end();
    }
}

impl WriteJson for CommissionTotals {
    fn write_json(&self, out: &mut String) {
        let figures = [&self.base, &self.gross, &self.platform_fee];
        open_with_split(out, figures, &self.beneficiaries, &self.operator)
            .member("selfPurchase", &self.self_purchase)
            .end();
    }
}

impl WriteJson for Earning {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("id", &self.id)
            .member("role", &self.role)
            .member("amount", &self.amount)
            .end();
    }
}

impl WriteJson for SharePreview {
    fn write_json(&self, out: &mut String) {
        open_with_head(out, &self.engine, &self.unsupported, &self.warnings)
            .member("skuId", &self.sku_id)
            .member("quantity", &self.quantity)
            .member("listAmount", &self.list_amount)
            .member("finalAmount", &self.final_amount)
            .member("savings", &self.savings)
            .optional("promotionId", &self.promotion_id)
            .member("couponIds", &self.coupon_ids)
            .member("shippingPayable", &self.shipping_payable)
            .member("earnings", &self.earnings)
            .end();
    }

    fn size_hint(&self) -> usize {
        400 + ENTRY_BYTES * (self.warnings.len() + self.earnings.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorCode};
    use crate::json::text_of;

    /// Text that needs every kind of escape, and some that needs none.
    const ODD: &str = "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{1}\u{1f}\u{7f}中😀/";

    fn m(fen: i64) -> Money {
        Money(fen)
    }

    fn same<T: WriteJson + serde::Serialize>(value: &T) {
        let serde = serde_json::to_string(value).unwrap();
        assert_eq!(text_of(value), serde);
    }

    fn priced(full: bool) -> PricedLine {
        PricedLine {
            unit_prices: vec![
                UnitPrice {
                    kind: UnitPriceKind::FlashSale,
                    price: m(5990),
                    quantity: 2,
                },
                UnitPrice {
                    kind: UnitPriceKind::List,
                    price: m(0),
                    quantity: u32::MAX,
                },
            ],
            list_amount: m(1),
            price_reduction: m(-5),
            base_amount: m(i64::MAX),
            promotion_id: full.then(|| ODD.to_string()),
            promotion_reason: full.then_some(PromotionReason::PromotionUnsupported),
            promotion_discount: m(i64::MIN),
            coupon_discount: m(10),
            coupon_allocations: vec![CouponAllocation {
                coupon_id: "c1".into(),
                amount: m(100),
            }],
            paid: m(99),
            commission: full.then(|| LineCommission {
                base: m(1),
                gross: m(2),
                platform_fee: m(3),
                beneficiaries: vec![m(4), m(5)],
                operator: m(6),
            }),
        }
    }

    fn result(full: bool) -> PricingResult {
        PricingResult {
            engine: EngineInfo::current(),
            unsupported: full.then(|| Unsupported {
                promotion_ids: vec![ODD.into(), String::new()],
                coupon_ids: vec![],
            }),
            warnings: if full {
                vec![Warning {
                    code: WarningCode::UnknownField,
                    path: "lines[0][\"a.b\"]".into(),
                    message: ODD.into(),
                }]
            } else {
                vec![]
            },
            lines: vec![
                LineResult {
                    id: "L1".into(),
                    status: LineStatus::Priced,
                    priced: Some(priced(full)),
                },
                LineResult {
                    id: ODD.into(),
                    status: LineStatus::Unselected,
                    priced: None,
                },
            ],
            shops: vec![ShopResult {
                id: "s".into(),
                goods_amount: m(1),
                shipping_fee: m(2),
                shipping_discount: m(3),
                paid: m(4),
            }],
            promotions: vec![
                PromotionResult {
                    id: "p".into(),
                    line_ids: vec!["L1".into()],
                    discount: m(7),
                    next_tier: full.then(|| NextTier {
                        shortfall: Some(m(8)),
                        quantity_shortfall: Some(-3),
                        off: Some(m(9)),
                        pay_ratio: Some("0.85".into()),
                    }),
                    gifts: vec![GiftResult {
                        sku_id: "g".into(),
                        name: ODD.into(),
                        quantity: 1,
                    }],
                },
                PromotionResult {
                    id: "q".into(),
                    line_ids: vec![],
                    discount: m(0),
                    next_tier: Some(NextTier {
                        shortfall: None,
                        quantity_shortfall: Some(2),
                        off: None,
                        pay_ratio: None,
                    }),
                    gifts: vec![],
                },
            ],
            coupons: vec![
                CouponResult {
                    id: "c1".into(),
                    status: CouponStatus::Applied,
                    discount: Some(m(100)),
                    reason: None,
                    shortfall: None,
                },
                CouponResult {
                    id: "c2".into(),
                    status: CouponStatus::Unusable,
                    discount: None,
                    reason: Some(CouponReason::BelowThreshold),
                    shortfall: Some(m(1)),
                },
            ],
            coupon_search: full.then_some(CouponSearch {
                optimal: false,
                combinations_tried: u64::MAX,
            }),
            totals: Totals {
                list_amount: m(1),
                price_reduction: m(2),
                promotion_discount: m(3),
                coupon_discount: m(4),
                shipping_fee: m(5),
                shipping_discount: m(6),
                payable: m(7),
                savings: m(8),
            },
            commission: full.then(|| CommissionTotals {
                base: m(1),
                gross: m(2),
                platform_fee: m(3),
                beneficiaries: vec![Earning {
                    id: "b".into(),
                    role: BeneficiaryRole::Inviter,
                    amount: m(4),
                }],
                operator: m(5),
                self_purchase: true,
            }),
        }
    }

    #[test]
    fn the_direct_writer_writes_what_serde_json_writes() {
        for full in [false, true] {
            same(&result(full));
            same(&priced(full));
            same(&SharePreview {
                engine: EngineInfo::current(),
                unsupported: result(full).unsupported,
                warnings: result(full).warnings,
                sku_id: ODD.into(),
                quantity: 3,
                list_amount: m(1),
                final_amount: m(2),
                savings: m(3),
                promotion_id: full.then(|| "p".into()),
                coupon_ids: vec!["c1".into()],
                shipping_payable: m(0),
                earnings: result(true)
                    .commission
                    .map(|c| c.beneficiaries)
                    .unwrap_or_default(),
            });
        }
        let error = Error::new(ErrorCode::InvalidAmount, "lines[0].listPrice", ODD);
        same(&error);
        #[derive(serde::Serialize)]
        struct Wrapper<'a> {
            error: &'a Error,
        }
        let wrapped = serde_json::to_string(&Wrapper { error: &error }).unwrap();
        assert_eq!(error.to_json(), wrapped);
    }

    #[test]
    fn control_characters_are_escaped_as_serde_json_escapes_them() {
        for c in (0u32..0x80).chain([0x2028, 0x2029, 0xfeff]) {
            let text: String = char::from_u32(c).into_iter().collect();
            assert_eq!(
                text_of(text.as_str()),
                serde_json::to_string(&text).unwrap(),
                "{c}"
            );
        }
    }
}
