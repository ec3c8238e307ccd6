//! SPEC 7, share-card preview (分享赚): the one line's 券后价 and earnings,
//! read off the full pricing result so every figure matches `priceCart`.

use crate::error::{Error, ErrorCode};
use crate::money::Money;
use crate::pricing::{price, PricingOptions};
use crate::request::model::Cart;
use crate::result::{CouponStatus, PricingResult, SharePreview};

/// Checks the preview's one-line rule (SPEC 7) on a validated cart.
pub fn check_one_selected_line(cart: &Cart) -> Result<(), Error> {
    match cart.lines.as_slice() {
        [line] if line.selected => Ok(()),
        _ => Err(Error::new(
            ErrorCode::InvalidPreview,
            "lines",
            "a share-card preview takes exactly one line, selected",
        )),
    }
}

pub fn preview(cart: &Cart, options: &PricingOptions) -> Result<SharePreview, Error> {
    check_one_selected_line(cart)?;
    let result = price(cart, options);
    from_result(cart, result)
}

fn from_result(cart: &Cart, result: PricingResult) -> Result<SharePreview, Error> {
    let fail = || {
        Error::new(
            ErrorCode::InvalidPreview,
            "lines",
            "the line was not priced",
        )
    };
    let line = cart.lines.first().ok_or_else(fail)?;
    let priced = result
        .lines
        .into_iter()
        .next()
        .and_then(|l| l.priced)
        .ok_or_else(fail)?;
    let list_amount = priced.list_amount;
    let final_amount = priced.paid;
    let shipping_payable: Money = result
        .shops
        .iter()
        .map(|s| s.shipping_fee - s.shipping_discount)
        .sum();
    Ok(SharePreview {
        engine: result.engine,
        unsupported: result.unsupported,
        warnings: result.warnings,
        sku_id: line.sku_id.clone(),
        quantity: line.quantity,
        list_amount: priced.list_amount,
        final_amount: priced.paid,
        savings: list_amount - final_amount,
        promotion_id: priced.promotion_id,
        coupon_ids: result
            .coupons
            .into_iter()
            .filter(|c| c.status == CouponStatus::Applied)
            .map(|c| c.id)
            .collect(),
        shipping_payable,
        earnings: result
            .commission
            .map(|c| c.beneficiaries)
            .unwrap_or_default(),
    })
}
