//! SPEC 5: shipping fees (运费), per shop with at least one selected line.

use crate::money::Money;
use crate::request::model::Cart;

/// Per shop: goods after promotions, before coupons.
pub fn goods_by_shop(cart: &Cart, after_promotion: &[Money]) -> Vec<Money> {
    let mut goods = vec![Money::ZERO; cart.shops.len()];
    for (line, &amount) in cart.lines.iter().zip(after_promotion) {
        if line.selected {
            if let Some(total) = goods.get_mut(line.shop) {
                *total += amount;
            }
        }
    }
    goods
}

/// Per shop: the fee, 0 when free or when the shop has no selected line.
pub fn fees(cart: &Cart, goods: &[Money]) -> Vec<Money> {
    cart.shops
        .iter()
        .enumerate()
        .map(|(s, shop)| {
            let has_lines = cart.lines.iter().any(|l| l.selected && l.shop == s);
            match (&shop.shipping, has_lines) {
                (Some(rule), true) => {
                    let free = rule
                        .free_threshold
                        .is_some_and(|threshold| goods.get(s).is_some_and(|g| *g >= threshold));
                    if free {
                        Money::ZERO
                    } else {
                        rule.fee
                    }
                }
                _ => Money::ZERO,
            }
        })
        .collect()
}
