//! SPEC 3 scope match, shared by promotions (SPEC 3) and coupons (SPEC 4).

use crate::request::model::{Line, Scope};

/// The scope's lists hold the cart's keys, sorted (`request/categories.rs`),
/// so each test is a binary search over integers; the cheap tests come
/// first. A list that is given but names nothing in the cart still counts
/// as given.
pub fn scope_matches(scope: &Scope, line: &Line) -> bool {
    if !scope.shop_ids.is_empty() && scope.shop_keys.binary_search(&line.shop).is_err() {
        return false;
    }
    if scope.exclude_sku_keys.binary_search(&line.sku_key).is_ok() {
        return false;
    }
    let item_filter_given = !scope.sku_ids.is_empty() || !scope.category_ids.is_empty();
    !item_filter_given
        || scope.sku_keys.binary_search(&line.sku_key).is_ok()
        || line
            .category_keys
            .iter()
            .any(|key| scope.category_keys.binary_search(key).is_ok())
}
