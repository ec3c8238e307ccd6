//! SPEC 3 scope match, shared by promotions (SPEC 3) and coupons (SPEC 4).

use crate::request::model::{Line, Scope};

/// The scope's string lists are sorted sets and its categories are keys
/// (validation), so each test is a binary search; the cheap tests come
/// first.
pub fn scope_matches(scope: &Scope, line: &Line, shop_id: &str) -> bool {
    let has = |set: &[String], id: &str| set.binary_search_by(|s| s.as_str().cmp(id)).is_ok();
    if !scope.shop_ids.is_empty() && !has(&scope.shop_ids, shop_id) {
        return false;
    }
    if has(&scope.exclude_sku_ids, &line.sku_id) {
        return false;
    }
    let item_filter_given = !scope.sku_ids.is_empty() || !scope.category_ids.is_empty();
    !item_filter_given
        || has(&scope.sku_ids, &line.sku_id)
        || line
            .category_keys
            .iter()
            .any(|key| scope.category_keys.binary_search(key).is_ok())
}
