//! SPEC 1, 1.1 and 8: turns a parsed JSON request into the checked `Cart`,
//! or the first fault found, with its code and path.

use super::model::*;
use super::reader::{read_id, Object, Path};
use super::wire::{
    CouponKind, CouponStage, PromotionKind, RoundingMode, SelectionMode, SelfPurchasePolicy,
    SpecialPriceKind,
};
use crate::error::{Error, ErrorCode};
use crate::json::Value;
use crate::money::{Money, Ratio, Rounding};

pub const MAX_LINES: usize = 500;
pub const MAX_SHOPS: usize = 100;
pub const MAX_PROMOTIONS: usize = 100;
pub const MAX_COUPONS: usize = 200;
pub const MAX_TIERS: usize = 20;
pub const MAX_SPECIAL_PRICES: usize = 20;
pub const MAX_GIFTS: usize = 20;
pub const MAX_BENEFICIARIES: usize = 2;
pub const MAX_LINE_CATEGORIES: usize = 20;
pub const MAX_SCOPE_IDS: usize = 1000;
/// Manual picks, exclusions and locks (SPEC 1.1, 4).
pub const MAX_SELECTION_IDS: usize = 200;
const MAX_COUNT: u32 = 9999;

/// Whether `couponSelection` is read (pricing) or ignored (preview, SPEC 8).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SelectionPolicy {
    Read,
    ForceBest,
}

pub fn validate(value: &Value, policy: SelectionPolicy) -> Result<Cart, Error> {
    let root = Object::new(value, Path::ROOT)?;
    let now = root.required("now", root.time("now")?)?;
    let rounding = root
        .enumeration("rounding", |n| {
            RoundingMode::from_name(n).map(Rounding::from)
        })?
        .unwrap_or_default();
    let user = read_user(&root)?;
    let shops = read_shops(&root)?;
    let lines = read_lines(&root, &shops)?;
    let promotions = read_promotions(&root)?;
    let coupons = read_coupons(&root, &shops)?;
    let selection = match policy {
        SelectionPolicy::Read => read_selection(&root, &coupons)?,
        SelectionPolicy::ForceBest => Selection::Best(Constraints::default()),
    };
    let commission = read_commission(&root)?;
    let strict = root.boolean("strict")?.unwrap_or(false);
    let mut cart = Cart {
        now,
        rounding,
        user,
        shops,
        lines,
        promotions,
        coupons,
        selection,
        commission,
        strict,
        // Only a request that validates has warnings (SPEC 1.2): they are
        // listed in a result, and under `strict` the first is the error
        // only when there is no other.
        warnings: super::warnings::collect(value, policy),
    };
    super::categories::index(&mut cart);
    Ok(cart)
}

// Plain loops here and below: collecting an iterator of `Result`s
// allocates without knowing the length and costs more code in wasm.

/// Reads every entry of an optional array with `read`.
fn each<'a, T>(
    items: Option<&'a [Value]>,
    path: Path,
    mut read: impl FnMut(Object<'a, '_>, usize) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let items = items.unwrap_or_default();
    let mut read_items = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        read_items.push(read(Object::new(item, path.index(i))?, i)?);
    }
    Ok(read_items)
}

/// `each` over `root[key]`, a list whose objects carry a required `id`
/// unique within it (SPEC 1: shops, lines, promotions, coupons); `read`
/// gets the object and its checked id.
fn each_with_id<'a, T>(
    root: &Object<'a, '_>,
    key: &str,
    limit: usize,
    mut read: impl FnMut(Object<'a, '_>, &'a str) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let mut seen = Vec::new();
    each(root.array(key, Some(limit))?, root.child(key), |item, _| {
        let id = item.required("id", item.id("id")?)?;
        unique(&mut seen, id, || item.at("id"))?;
        read(item, id)
    })
}

/// Reads an optional array of ids (filters: may repeat, never resolved).
fn id_list(obj: &Object, key: &str, limit: usize) -> Result<Vec<String>, Error> {
    let items = obj.array(key, Some(limit))?.unwrap_or_default();
    let path = obj.child(key);
    let mut ids = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        ids.push(read_id(v, || path.index(i).render())?.to_owned());
    }
    Ok(ids)
}

/// Refuses an id already seen in the same array, at the later occurrence.
/// `seen` is kept sorted: the ids borrow the request text, and a few
/// hundred at most are searched faster than they are hashed and copied.
fn unique<'a>(
    seen: &mut Vec<&'a str>,
    id: &'a str,
    path: impl FnOnce() -> String,
) -> Result<(), Error> {
    insert_sorted(seen, id).ok_or_else(|| {
        Error::new(
            ErrorCode::DuplicateId,
            path(),
            format!("id {} appears twice", crate::json::quoted(id)),
        )
    })
}

/// Adds `item` to the sorted `set`; `None` when it was there already.
fn insert_sorted<T: Ord>(set: &mut Vec<T>, item: T) -> Option<()> {
    match set.binary_search(&item) {
        Ok(_) => None,
        Err(at) => {
            set.insert(at, item);
            Some(())
        }
    }
}

fn read_window(obj: &Object) -> Result<Window, Error> {
    Ok(Window {
        valid_from: obj.time("validFrom")?,
        valid_to: obj.time("validTo")?,
    })
}

fn read_scope(obj: &Object) -> Result<Scope, Error> {
    let Some(scope) = obj.object("scope")? else {
        return Ok(Scope::default());
    };
    Ok(Scope {
        shop_ids: id_set(&scope, "shopIds")?,
        sku_ids: id_set(&scope, "skuIds")?,
        category_ids: id_set(&scope, "categoryIds")?,
        category_keys: Vec::new(),
        exclude_sku_ids: id_set(&scope, "excludeSkuIds")?,
        shop_keys: Vec::new(),
        sku_keys: Vec::new(),
        exclude_sku_keys: Vec::new(),
    })
}

/// A scope list: checked ids, in any order and repeats allowed; matching
/// uses their keys (`categories.rs`), sorted there.
fn id_set(scope: &Object, key: &str) -> Result<Vec<String>, Error> {
    id_list(scope, key, MAX_SCOPE_IDS)
}

fn read_user(root: &Object) -> Result<User, Error> {
    let Some(user) = root.object("user")? else {
        return Ok(User::default());
    };
    user.id("id")?;
    Ok(User {
        plus: user.boolean("plus")?.unwrap_or(false),
        new_user: user.boolean("newUser")?.unwrap_or(false),
    })
}

fn read_shops(root: &Object) -> Result<Vec<Shop>, Error> {
    each_with_id(root, "shops", MAX_SHOPS, |shop, id| {
        shop.string("name")?;
        let shipping = match shop.object("shipping")? {
            None => None,
            Some(rule) => Some(ShippingRule {
                free_threshold: rule.amount("freeThreshold")?,
                fee: rule.required("fee", rule.amount("fee")?)?,
            }),
        };
        Ok(Shop {
            id: id.to_owned(),
            shipping,
        })
    })
}

fn read_lines(root: &Object, shops: &[Shop]) -> Result<Vec<Line>, Error> {
    let mut seen_skus: Vec<(usize, &str)> = Vec::new();
    each_with_id(root, "lines", MAX_LINES, |line, id| {
        let sku_id = line.required("skuId", line.id("skuId")?)?;
        let shop_id = line.required("shopId", line.id("shopId")?)?;
        let shop = shops.iter().position(|s| s.id == shop_id).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownShop,
                line.at("shopId"),
                format!("shop {} is not in shops", crate::json::quoted(shop_id)),
            )
        })?;
        if insert_sorted(&mut seen_skus, (shop, sku_id)).is_none() {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                line.at("skuId"),
                format!(
                    "shop {} already has a line for sku {}",
                    crate::json::quoted(shop_id),
                    crate::json::quoted(sku_id)
                ),
            ));
        }
        let category_ids = id_list(&line, "categoryIds", MAX_LINE_CATEGORIES)?;
        let list_price = line.required("listPrice", line.amount("listPrice")?)?;
        let quantity = line.required("quantity", line.count("quantity", 1, MAX_COUNT)?)?;
        let selected = line.boolean("selected")?.unwrap_or(true);
        let special_prices = read_special_prices(&line)?;
        let promotion_pick = match line.raw("promotionId") {
            None => PromotionPick::Automatic,
            Some(Value::Null) => PromotionPick::OptedOut,
            Some(_) => {
                let id = line.required("promotionId", line.id("promotionId")?)?;
                PromotionPick::Chosen(id.to_owned())
            }
        };
        let commission_rate = line.ratio("commissionRate")?.unwrap_or_else(Ratio::zero);
        Ok(Line {
            id: id.to_owned(),
            sku_id: sku_id.to_owned(),
            shop,
            category_ids,
            category_keys: Vec::new(),
            sku_key: 0,
            list_price,
            quantity,
            selected,
            special_prices,
            promotion_pick,
            commission_rate,
        })
    })
}

fn read_special_prices(line: &Object) -> Result<Vec<SpecialPrice>, Error> {
    each(
        line.array("specialPrices", Some(MAX_SPECIAL_PRICES))?,
        line.child("specialPrices"),
        |special, _| {
            let kind = special.required(
                "kind",
                special.enumeration("kind", |n| {
                    SpecialPriceKind::from_name(n).map(SpecialKind::from)
                })?,
            )?;
            let price = special.required("price", special.amount("price")?)?;
            let limit = special.count("limit", 0, MAX_COUNT)?;
            let window = read_window(&special)?;
            Ok(SpecialPrice {
                kind,
                price,
                limit,
                window,
            })
        },
    )
}

fn read_promotions(root: &Object) -> Result<Vec<Promotion>, Error> {
    each_with_id(root, "promotions", MAX_PROMOTIONS, |promotion, id| {
        let id = id.to_owned();
        let kind = promotion.required("kind", promotion.enum_name("kind")?)?;
        let rule = match PromotionKind::from_name(kind) {
            Some(PromotionKind::TieredAmountOff) => {
                PromotionRule::TieredAmountOff(read_amount_tiers(&promotion)?)
            }
            Some(PromotionKind::EveryAmountOff) => read_every_amount_off(&promotion)?,
            Some(PromotionKind::TieredPayRatio) => read_ratio_tiers(&promotion)?,
            Some(PromotionKind::NthItemPayRatio) => PromotionRule::NthItemPayRatio {
                n: promotion.required("n", promotion.count("n", 1, MAX_COUNT)?)?,
                pay_ratio: promotion.required("payRatio", promotion.ratio("payRatio")?)?,
            },
            Some(PromotionKind::Gift) => read_gift(&promotion)?,
            // SPEC 3 version skew: a newer server's kind; only `id` is read.
            None => {
                return Ok(Promotion {
                    id,
                    window: Window::default(),
                    scope: Scope::default(),
                    rule: PromotionRule::Unsupported,
                })
            }
        };
        Ok(Promotion {
            id,
            window: read_window(&promotion)?,
            scope: read_scope(&promotion)?,
            rule,
        })
    })
}

/// The tiers array (at `path`): present, non-empty, at most 20 entries,
/// and every entry an object, checked before any tier is read so that a
/// later non-object is reported ahead of an earlier tier's fault.
fn tier_items<'a>(promotion: &Object<'a, '_>, path: &Path) -> Result<&'a [Value<'a>], Error> {
    let items = promotion.required("tiers", promotion.array("tiers", Some(MAX_TIERS))?)?;
    if items.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidTiers,
            promotion.at("tiers"),
            "a promotion needs at least one tier",
        ));
    }
    for (k, v) in items.iter().enumerate() {
        Object::new(v, path.index(k))?;
    }
    Ok(items)
}

fn not_increasing(path: String) -> Error {
    Error::new(
        ErrorCode::InvalidTiers,
        path,
        "tier thresholds must be strictly increasing",
    )
}

fn read_amount_tiers(promotion: &Object) -> Result<Vec<AmountTier>, Error> {
    let path = promotion.child("tiers");
    let items = tier_items(promotion, &path)?;
    let mut tiers: Vec<AmountTier> = Vec::with_capacity(items.len());
    for (k, item) in items.iter().enumerate() {
        let tier = Object::new(item, path.index(k))?;
        let threshold = tier.required("threshold", tier.amount("threshold")?)?;
        let off = tier.required("off", tier.amount("off")?)?;
        if tiers.last().is_some_and(|prev| prev.threshold >= threshold) {
            return Err(not_increasing(tier.at("threshold")));
        }
        tiers.push(AmountTier { threshold, off });
    }
    Ok(tiers)
}

fn read_ratio_tiers(promotion: &Object) -> Result<PromotionRule, Error> {
    let mut by: Option<TierMeasure> = None;
    let path = promotion.child("tiers");
    let items = tier_items(promotion, &path)?;
    let mut tiers: Vec<RatioTier> = Vec::with_capacity(items.len());
    for (k, item) in items.iter().enumerate() {
        let tier = Object::new(item, path.index(k))?;
        let (measure, key, threshold) = match (tier.get("minQuantity"), tier.get("minAmount")) {
            (Some(_), None) => (
                TierMeasure::Quantity,
                "minQuantity",
                i64::from(tier.required("minQuantity", tier.count("minQuantity", 1, MAX_COUNT)?)?),
            ),
            (None, Some(_)) => (
                TierMeasure::Amount,
                "minAmount",
                tier.required("minAmount", tier.amount("minAmount")?)?.fen(),
            ),
            _ => {
                return Err(Error::new(
                    ErrorCode::InvalidTiers,
                    tier.path.render(),
                    "a tier has exactly one of minQuantity and minAmount",
                ))
            }
        };
        if by.is_some_and(|b| b != measure) {
            return Err(Error::new(
                ErrorCode::InvalidTiers,
                tier.path.render(),
                "all tiers use the same measure, minQuantity or minAmount",
            ));
        }
        by = Some(measure);
        let pay_ratio = tier.required("payRatio", tier.ratio("payRatio")?)?;
        if tiers.last().is_some_and(|prev| prev.threshold >= threshold) {
            return Err(not_increasing(tier.at(key)));
        }
        tiers.push(RatioTier {
            threshold,
            pay_ratio,
        });
    }
    Ok(PromotionRule::TieredPayRatio {
        by: by.unwrap_or(TierMeasure::Amount),
        tiers,
    })
}

fn read_every_amount_off(promotion: &Object) -> Result<PromotionRule, Error> {
    let every = promotion.required("every", promotion.amount("every")?)?;
    if every == Money::ZERO {
        return Err(Error::new(
            ErrorCode::InvalidAmount,
            promotion.at("every"),
            "every must be above 0",
        ));
    }
    Ok(PromotionRule::EveryAmountOff {
        every,
        off: promotion.required("off", promotion.amount("off")?)?,
        max_off: promotion.amount("maxOff")?,
    })
}

fn read_gift(promotion: &Object) -> Result<PromotionRule, Error> {
    let threshold = promotion.required("threshold", promotion.amount("threshold")?)?;
    let items = promotion.required("gifts", promotion.array("gifts", Some(MAX_GIFTS))?)?;
    let gifts = each(Some(items), promotion.child("gifts"), |gift, _| {
        Ok(Gift {
            sku_id: gift.required("skuId", gift.id("skuId")?)?.to_owned(),
            name: gift.required("name", gift.string("name")?)?.to_string(),
            quantity: gift.required("quantity", gift.count("quantity", 1, MAX_COUNT)?)?,
        })
    })?;
    Ok(PromotionRule::Gift { threshold, gifts })
}

fn read_coupons(root: &Object, shops: &[Shop]) -> Result<Vec<Coupon>, Error> {
    each_with_id(root, "coupons", MAX_COUPONS, |coupon, id| {
        let id = id.to_owned();
        // SPEC 4 version skew: an unknown kind (or stage) is a newer
        // server's coupon; only `id` is read. A missing or non-string
        // kind or stage is still an error.
        let kind_name = coupon.required("kind", coupon.enum_name("kind")?)?;
        let Some(kind) = CouponKind::from_name(kind_name) else {
            return Ok(Coupon::unsupported(id));
        };
        let stage_name = coupon.required("stage", coupon.enum_name("stage")?)?;
        let Some(stage) = CouponStage::from_name(stage_name).map(Stage::from) else {
            return Ok(Coupon::unsupported(id));
        };
        let rule = match kind {
            CouponKind::AmountOff => {
                CouponRule::AmountOff(coupon.required("off", coupon.amount("off")?)?)
            }
            CouponKind::PayRatio => CouponRule::PayRatio {
                pay_ratio: coupon.required("payRatio", coupon.ratio("payRatio")?)?,
                max_off: coupon.amount("maxOff")?,
            },
            CouponKind::Shipping => {
                CouponRule::Shipping(coupon.required("off", coupon.amount("off")?)?)
            }
        };
        if (kind == CouponKind::Shipping) != (stage == Stage::Shipping) {
            return Err(Error::new(
                ErrorCode::InvalidCoupon,
                coupon.at("stage"),
                "kind shipping goes with stage shipping, and only with it",
            ));
        }
        let shop_id = coupon.id("shopId")?;
        match (stage, &shop_id) {
            (Stage::Shop, None) => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    coupon.at("shopId"),
                    "a shop coupon needs shopId",
                ))
            }
            (Stage::Platform, Some(_)) => {
                return Err(Error::new(
                    ErrorCode::InvalidCoupon,
                    coupon.at("shopId"),
                    "a platform coupon has no shopId",
                ))
            }
            _ => {}
        }
        let shop = shop_id
            .as_ref()
            .and_then(|sid| shops.iter().position(|s| s.id == *sid));
        Ok(Coupon {
            id,
            rule,
            stage,
            shop_id: shop_id.map(str::to_owned),
            shop,
            threshold: coupon.amount("threshold")?.unwrap_or(Money::ZERO),
            window: read_window(&coupon)?,
            scope: read_scope(&coupon)?,
            with_promotions: coupon.boolean("withPromotions")?.unwrap_or(true),
            exclusive: coupon.boolean("exclusive")?.unwrap_or(false),
        })
    })
}

fn read_selection(root: &Object, coupons: &[Coupon]) -> Result<Selection, Error> {
    let Some(selection) = root.object("couponSelection")? else {
        return Ok(Selection::Best(Constraints::default()));
    };
    let mode = selection.enumeration("mode", SelectionMode::from_name)?;
    if mode != Some(SelectionMode::Manual) {
        // `exclude` is read whole before `lock`, so an id in both lists is
        // found at its entry in `lock` (SPEC 4).
        let exclude = coupon_list(&selection, "exclude", coupons, &[])?.unwrap_or_default();
        let lock = coupon_list(&selection, "lock", coupons, &exclude)?.unwrap_or_default();
        return Ok(Selection::Best(Constraints { exclude, lock }));
    }
    let ids = selection.required("ids", coupon_list(&selection, "ids", coupons, &[])?)?;
    Ok(Selection::Manual(ids))
}

/// An optional list of coupon ids (manual picks, exclusions, locks): at
/// most 200 entries, checked before any entry is read; each an id naming a
/// coupon, not repeated in the list nor found in `taken` (`duplicateId`).
fn coupon_list(
    selection: &Object,
    key: &str,
    coupons: &[Coupon],
    taken: &[usize],
) -> Result<Option<Vec<usize>>, Error> {
    let Some(ids) = selection.array(key, Some(MAX_SELECTION_IDS))? else {
        return Ok(None);
    };
    let path = selection.child(key);
    let mut seen = Vec::new();
    let mut list = Vec::with_capacity(ids.len());
    for (k, value) in ids.iter().enumerate() {
        let id = read_id(value, || path.index(k).render())?;
        let coupon = coupons.iter().position(|c| c.id == id).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownCoupon,
                path.index(k).render(),
                format!("coupon {} is not in coupons", crate::json::quoted(id)),
            )
        })?;
        unique(&mut seen, id, || path.index(k).render())?;
        if taken.contains(&coupon) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                path.index(k).render(),
                format!(
                    "coupon {} is both excluded and locked",
                    crate::json::quoted(id)
                ),
            ));
        }
        list.push(coupon);
    }
    Ok(Some(list))
}

fn read_commission(root: &Object) -> Result<Option<CommissionPolicy>, Error> {
    let Some(commission) = root.object("commission")? else {
        return Ok(None);
    };
    let buyer_id = commission.id("buyerId")?.map(str::to_owned);
    let platform_fee_rate = commission
        .ratio("platformFeeRate")?
        .unwrap_or_else(Ratio::zero);
    let deny_self_purchase = commission
        .enumeration("selfPurchase", |p| {
            SelfPurchasePolicy::from_name(p).map(|p| p == SelfPurchasePolicy::Deny)
        })?
        .unwrap_or(false);
    let items = commission.array("beneficiaries", None)?;
    if items.is_some_and(|b| b.len() > MAX_BENEFICIARIES) {
        return Err(Error::new(
            ErrorCode::TooManyLevels,
            commission.at("beneficiaries"),
            "at most two levels (sharer and inviter) may earn a commission",
        ));
    }
    let beneficiaries = each(items, commission.child("beneficiaries"), |b, k| {
        let id = b.required("id", b.id("id")?)?.to_owned();
        let role = b.required(
            "role",
            b.enumeration("role", |r| match (r, k) {
                ("sharer", 0) => Some(Role::Sharer),
                ("inviter", 1) => Some(Role::Inviter),
                _ => None,
            })?,
        )?;
        let share = b.required("share", b.ratio("share")?)?;
        Ok(Beneficiary { id, role, share })
    })?;
    let total: u32 = beneficiaries.iter().map(|b| b.share.basis).sum();
    if total > Ratio::ONE_BASIS {
        return Err(Error::new(
            ErrorCode::InvalidRatio,
            commission.at("beneficiaries"),
            "beneficiary shares sum to more than 1",
        ));
    }
    Ok(Some(CommissionPolicy {
        buyer_id,
        platform_fee_rate,
        beneficiaries,
        deny_self_purchase,
    }))
}
