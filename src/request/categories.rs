//! SPEC 3 scopes, SPEC 1.1 bounded work: category ids become small numbers
//! once per request, so matching a line of 20 categories against a scope of
//! 1,000 compares integers, never strings.

use super::model::{Cart, CategoryKey, Scope};
use std::collections::HashMap;

/// Gives every category id of the cart's lines a key, then writes each
/// line's keys and each scope's keys (those of its ids some line has).
pub fn index(cart: &mut Cart) {
    let mut keys: HashMap<String, CategoryKey> = HashMap::new();
    for line in &mut cart.lines {
        line.category_keys = line
            .category_ids
            .iter()
            .map(|id| {
                let next = CategoryKey::try_from(keys.len()).unwrap_or(CategoryKey::MAX);
                *keys.entry(id.clone()).or_insert(next)
            })
            .collect();
    }
    let scopes = cart
        .promotions
        .iter_mut()
        .map(|p| &mut p.scope)
        .chain(cart.coupons.iter_mut().map(|c| &mut c.scope));
    for scope in scopes {
        key_scope(scope, &keys);
    }
}

fn key_scope(scope: &mut Scope, keys: &HashMap<String, CategoryKey>) {
    scope.category_keys = scope
        .category_ids
        .iter()
        .filter_map(|id| keys.get(id).copied())
        .collect();
    crate::sort::sort(&mut scope.category_keys);
}
