//! SPEC 3 scopes, SPEC 1.1 bounded work: the ids scopes name (shops, skus,
//! categories) become small numbers once per request, so matching a line
//! against a scope of 1,000 ids per list compares integers, never strings.

use super::model::{Cart, CategoryKey, Scope, SkuKey};
use std::collections::HashMap;

/// The number the next new id of `keys` gets.
fn next_key(keys: &HashMap<String, u32>) -> u32 {
    u32::try_from(keys.len()).unwrap_or(u32::MAX)
}

/// Gives every category and sku id of the cart's lines a key, then writes
/// each line's keys and each scope's keys (of its ids some line or shop
/// has).
pub fn index(cart: &mut Cart) {
    let mut categories: HashMap<String, CategoryKey> = HashMap::new();
    let mut skus: HashMap<String, SkuKey> = HashMap::new();
    for line in &mut cart.lines {
        line.category_keys = line
            .category_ids
            .iter()
            .map(|id| {
                let next = next_key(&categories);
                *categories.entry(id.clone()).or_insert(next)
            })
            .collect();
        let next = next_key(&skus);
        line.sku_key = *skus.entry(line.sku_id.clone()).or_insert(next);
    }
    let shops: HashMap<&str, usize> = cart
        .shops
        .iter()
        .enumerate()
        .map(|(i, shop)| (shop.id.as_str(), i))
        .collect();
    let keys = Keys {
        shops: &shops,
        skus: &skus,
        categories: &categories,
    };
    let scopes = cart
        .promotions
        .iter_mut()
        .map(|p| &mut p.scope)
        .chain(cart.coupons.iter_mut().map(|c| &mut c.scope));
    for scope in scopes {
        keys.key_scope(scope);
    }
}

struct Keys<'a> {
    shops: &'a HashMap<&'a str, usize>,
    skus: &'a HashMap<String, SkuKey>,
    categories: &'a HashMap<String, CategoryKey>,
}

impl Keys<'_> {
    fn key_scope(&self, scope: &mut Scope) {
        scope.shop_keys = known(&scope.shop_ids, |id| self.shops.get(id));
        scope.sku_keys = known(&scope.sku_ids, |id| self.skus.get(id));
        scope.exclude_sku_keys = known(&scope.exclude_sku_ids, |id| self.skus.get(id));
        scope.category_keys = known(&scope.category_ids, |id| self.categories.get(id));
    }
}

/// The keys of those `ids` the cart has, sorted.
fn known<'k, K: Copy + Ord + 'k>(ids: &[String], key: impl Fn(&str) -> Option<&'k K>) -> Vec<K> {
    let mut keys: Vec<K> = ids.iter().filter_map(|id| key(id).copied()).collect();
    crate::sort::sort(&mut keys);
    keys
}
