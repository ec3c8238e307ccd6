//! The checked request: what validation (SPEC 1, 1.1, 8) produces and the
//! pricing pipeline consumes. Amounts are `Money`, references are resolved
//! to indices, and every default of SPEC 1 is filled in.

use super::wire::{CouponStage, RoundingMode, SpecialPriceKind};
use crate::money::{Money, Ratio, Rounding};
use crate::result::Warning;

#[derive(Debug, Clone)]
pub struct Cart {
    pub now: u64,
    pub rounding: Rounding,
    pub user: User,
    pub shops: Vec<Shop>,
    pub lines: Vec<Line>,
    pub promotions: Vec<Promotion>,
    pub coupons: Vec<Coupon>,
    pub selection: Selection,
    pub commission: Option<CommissionPolicy>,
    /// `strict: true`: the first warning is the error (SPEC 1.2).
    pub strict: bool,
    /// SPEC 1.2, in document order, at most 100.
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct User {
    pub plus: bool,
    pub new_user: bool,
}

#[derive(Debug, Clone)]
pub struct Shop {
    pub id: String,
    pub shipping: Option<ShippingRule>,
}

#[derive(Debug, Clone, Copy)]
pub struct ShippingRule {
    /// `None`: the fee is always charged.
    pub free_threshold: Option<Money>,
    pub fee: Money,
}

/// Half-open validity window `valid_from <= now < valid_to`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Window {
    pub valid_from: Option<u64>,
    pub valid_to: Option<u64>,
}

impl Window {
    pub fn not_started(&self, now: u64) -> bool {
        self.valid_from.is_some_and(|from| now < from)
    }

    pub fn expired(&self, now: u64) -> bool {
        self.valid_to.is_some_and(|to| now >= to)
    }

    pub fn contains(&self, now: u64) -> bool {
        !self.not_started(now) && !self.expired(now)
    }
}

#[derive(Debug, Clone)]
pub struct Line {
    pub id: String,
    pub sku_id: String,
    pub shop: usize,
    pub category_ids: Vec<String>,
    /// `category_ids` as the cart's category keys (see `categories.rs`).
    pub category_keys: Vec<CategoryKey>,
    /// `sku_id` as the cart's sku key (see `categories.rs`).
    pub sku_key: SkuKey,
    pub list_price: Money,
    pub quantity: u32,
    pub selected: bool,
    pub special_prices: Vec<SpecialPrice>,
    pub promotion_pick: PromotionPick,
    pub commission_rate: Ratio,
}

/// What the buyer said about a line's promotion (SPEC 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromotionPick {
    /// Field absent: the first matching promotion in request order.
    Automatic,
    /// `null`: no promotion for this line.
    OptedOut,
    /// A promotion id, honoured when it exists, is valid and matches.
    Chosen(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SpecialKind {
    // Declaration order is the tie order of SPEC 2.
    FlashSale,
    NewUser,
    Plus,
    Member,
}

impl From<SpecialPriceKind> for SpecialKind {
    fn from(kind: SpecialPriceKind) -> SpecialKind {
        match kind {
            SpecialPriceKind::FlashSale => SpecialKind::FlashSale,
            SpecialPriceKind::NewUser => SpecialKind::NewUser,
            SpecialPriceKind::Plus => SpecialKind::Plus,
            SpecialPriceKind::Member => SpecialKind::Member,
        }
    }
}

impl From<RoundingMode> for Rounding {
    fn from(mode: RoundingMode) -> Rounding {
        match mode {
            RoundingMode::HalfUp => Rounding::HalfUp,
            RoundingMode::HalfEven => Rounding::HalfEven,
            RoundingMode::Down => Rounding::Down,
            RoundingMode::Up => Rounding::Up,
        }
    }
}

impl From<CouponStage> for Stage {
    fn from(stage: CouponStage) -> Stage {
        match stage {
            CouponStage::Shop => Stage::Shop,
            CouponStage::Platform => Stage::Platform,
            CouponStage::Shipping => Stage::Shipping,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SpecialPrice {
    pub kind: SpecialKind,
    pub price: Money,
    /// `None`: no limit.
    pub limit: Option<u32>,
    pub window: Window,
}

/// SPEC 3 scope; an empty list counts as not given. Each list is sorted
/// and without repeats (a set), for binary search.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub shop_ids: Vec<String>,
    pub sku_ids: Vec<String>,
    pub category_ids: Vec<String>,
    /// The keys of those `category_ids` that some line of the cart has,
    /// sorted; the others can match no line.
    pub category_keys: Vec<CategoryKey>,
    pub exclude_sku_ids: Vec<String>,
    /// The lists as keys of the cart's shops and skus, sorted; ids no line
    /// has can match no line.
    pub shop_keys: Vec<usize>,
    pub sku_keys: Vec<SkuKey>,
    pub exclude_sku_keys: Vec<SkuKey>,
}

/// A category id of the cart's lines as a small number: scopes compare
/// numbers, so a check costs no string comparison (SPEC 1.1 bounded work).
pub type CategoryKey = u32;

/// A sku id of the cart's lines as a small number, for the same reason.
pub type SkuKey = u32;

#[derive(Debug, Clone)]
pub struct Promotion {
    pub id: String,
    pub window: Window,
    pub scope: Scope,
    pub rule: PromotionRule,
}

#[derive(Debug, Clone)]
pub enum PromotionRule {
    TieredAmountOff(Vec<AmountTier>),
    EveryAmountOff {
        every: Money,
        off: Money,
        max_off: Option<Money>,
    },
    TieredPayRatio {
        by: TierMeasure,
        tiers: Vec<RatioTier>,
    },
    NthItemPayRatio {
        n: u32,
        pay_ratio: Ratio,
    },
    Gift {
        threshold: Money,
        gifts: Vec<Gift>,
    },
    /// A kind this engine does not know (SPEC 3 version skew): no line
    /// joins it.
    Unsupported,
}

#[derive(Debug, Clone, Copy)]
pub struct AmountTier {
    pub threshold: Money,
    pub off: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierMeasure {
    Quantity,
    Amount,
}

#[derive(Debug, Clone)]
pub struct RatioTier {
    /// Fen for `Amount` tiers, units for `Quantity` tiers.
    pub threshold: i64,
    pub pay_ratio: Ratio,
}

#[derive(Debug, Clone)]
pub struct Gift {
    pub sku_id: String,
    pub name: String,
    pub quantity: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Shop,
    Platform,
    Shipping,
}

#[derive(Debug, Clone)]
pub enum CouponRule {
    AmountOff(Money),
    PayRatio {
        pay_ratio: Ratio,
        max_off: Option<Money>,
    },
    Shipping(Money),
    /// A kind or stage this engine does not know (SPEC 4 version skew):
    /// `unusable`, reason `unsupported`, never applied, in no slot.
    Unsupported,
}

#[derive(Debug, Clone)]
pub struct Coupon {
    pub id: String,
    pub rule: CouponRule,
    pub stage: Stage,
    /// The coupon's `shopId` as written, if any.
    pub shop_id: Option<String>,
    /// That shop's index, when it is in the cart.
    pub shop: Option<usize>,
    pub threshold: Money,
    pub window: Window,
    pub scope: Scope,
    pub with_promotions: bool,
    pub exclusive: bool,
}

impl Coupon {
    /// A coupon of a kind or stage this engine does not know.
    pub fn unsupported(id: String) -> Coupon {
        Coupon {
            id,
            rule: CouponRule::Unsupported,
            // Never read: every evaluation stops at `unsupported` first.
            stage: Stage::Platform,
            shop_id: None,
            shop: None,
            threshold: Money::ZERO,
            window: Window::default(),
            scope: Scope::default(),
            with_promotions: true,
            exclusive: false,
        }
    }

    pub fn is_supported(&self) -> bool {
        !matches!(self.rule, CouponRule::Unsupported)
    }
}

#[derive(Debug, Clone)]
pub enum Selection {
    /// Best mode, with the buyer's constraints (empty in plain best mode).
    Best(Constraints),
    /// Coupon indices in the buyer's order.
    Manual(Vec<usize>),
}

/// SPEC 4 best mode with the buyer's constraints: coupons the pick must
/// not contain, and coupons it must keep, judged in `lock` order.
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub exclude: Vec<usize>,
    pub lock: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct CommissionPolicy {
    pub buyer_id: Option<String>,
    pub platform_fee_rate: Ratio,
    pub beneficiaries: Vec<Beneficiary>,
    pub deny_self_purchase: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Sharer,
    Inviter,
}

impl Role {
    /// The result's spelling of the role.
    pub fn wire(self) -> crate::request::wire::BeneficiaryRole {
        match self {
            Role::Sharer => crate::request::wire::BeneficiaryRole::Sharer,
            Role::Inviter => crate::request::wire::BeneficiaryRole::Inviter,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Beneficiary {
    pub id: String,
    pub role: Role,
    pub share: Ratio,
}
