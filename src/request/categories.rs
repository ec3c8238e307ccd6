//! SPEC 3 scopes, SPEC 1.1 bounded work: the ids scopes name (shops, skus,
//! categories) become small numbers once per request, so matching a line
//! against a scope of 1,000 ids per list compares integers, never strings.

use super::model::{Cart, Scope};
use crate::sort::sort_by;

/// Ids and their keys, sorted by id, the ids borrowed from the cart:
/// searching them costs less than hashing each and copying it into a map.
struct Table<'c> {
    entries: Vec<(&'c str, u32)>,
}

impl Table<'_> {
    fn get(&self, id: &str) -> Option<u32> {
        self.entries
            .binary_search_by(|(known, _)| (*known).cmp(id))
            .ok()
            .and_then(|at| self.entries.get(at))
            .map(|&(_, key)| key)
    }
}

/// Numbers `ids`: equal ids get one key, keys counted from 0 in the order
/// ids are first seen. Returns each id's key, in the order of `ids`, and
/// the table of distinct ids.
///
/// Sorting, not inserting into a sorted list: the lines' category ids are
/// up to 10,000 (SPEC 1.1), and inserting that many would move entries
/// quadratically often.
fn number<'c>(ids: &[&'c str]) -> (Vec<u32>, Table<'c>) {
    let position = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
    let id = |at: u32| usize::try_from(at).ok().and_then(|at| ids.get(at)).copied();
    // Every position, by id; the stable sort keeps the first occurrence of
    // an id first among its repeats.
    let mut by_id: Vec<u32> = (0..ids.len()).map(position).collect();
    sort_by(&mut by_id, |&a, &b| id(a).cmp(&id(b)));
    // Each position's first occurrence, which comes no later than itself.
    let mut keys = vec![0u32; ids.len()];
    let mut leader = 0u32;
    for (k, &at) in by_id.iter().enumerate() {
        let starts_group = k == 0 || by_id.get(k - 1).map(|&p| id(p)) != Some(id(at));
        if starts_group {
            leader = at;
        }
        if let Some(slot) = usize::try_from(at).ok().and_then(|at| keys.get_mut(at)) {
            *slot = leader;
        }
    }
    // In order of position, a first occurrence takes the next key and a
    // repeat its first occurrence's key, already written over its position.
    let mut next = 0u32;
    for at in 0..keys.len() {
        let first = keys.get(at).copied().unwrap_or(0);
        let key = if first == position(at) {
            next += 1;
            next - 1
        } else {
            usize::try_from(first)
                .ok()
                .and_then(|f| keys.get(f))
                .copied()
                .unwrap_or(u32::MAX)
        };
        if let Some(slot) = keys.get_mut(at) {
            *slot = key;
        }
    }
    let mut entries: Vec<(&'c str, u32)> = Vec::new();
    for &at in &by_id {
        let (Some(text), Some(&key)) = (id(at), usize::try_from(at).ok().and_then(|a| keys.get(a)))
        else {
            continue;
        };
        if entries.last().map(|&(last, _)| last) != Some(text) {
            entries.push((text, key));
        }
    }
    (keys, Table { entries })
}

/// Gives every category and sku id of the cart's lines a key, then writes
/// each line's keys and each scope's keys (of its ids some line or shop
/// has).
pub fn index(cart: &mut Cart) {
    let category_ids: Vec<&str> = cart
        .lines
        .iter()
        .flat_map(|line| line.category_ids.iter().map(String::as_str))
        .collect();
    let sku_ids: Vec<&str> = cart.lines.iter().map(|line| line.sku_id.as_str()).collect();
    // Shop ids are unique (validation), so each one's key is its position.
    let shop_ids: Vec<&str> = cart.shops.iter().map(|shop| shop.id.as_str()).collect();
    let (category_keys, categories) = number(&category_ids);
    let (sku_keys, skus) = number(&sku_ids);
    let (_, shops) = number(&shop_ids);
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
    // The tables borrow the lines' ids: the lines get their keys after.
    let mut category_keys = category_keys.into_iter();
    for (line, sku_key) in cart.lines.iter_mut().zip(sku_keys) {
        line.category_keys = category_keys
            .by_ref()
            .take(line.category_ids.len())
            .collect();
        line.sku_key = sku_key;
    }
}

struct Keys<'a, 'c> {
    shops: &'a Table<'c>,
    skus: &'a Table<'c>,
    categories: &'a Table<'c>,
}

impl Keys<'_, '_> {
    fn key_scope(&self, scope: &mut Scope) {
        scope.shop_keys = known(&scope.shop_ids, |id| {
            self.shops.get(id).and_then(|k| usize::try_from(k).ok())
        });
        scope.sku_keys = known(&scope.sku_ids, |id| self.skus.get(id));
        scope.exclude_sku_keys = known(&scope.exclude_sku_ids, |id| self.skus.get(id));
        scope.category_keys = known(&scope.category_ids, |id| self.categories.get(id));
    }
}

/// The keys of those `ids` the cart has, sorted.
fn known<K: Copy + Ord>(ids: &[String], key: impl Fn(&str) -> Option<K>) -> Vec<K> {
    let mut keys: Vec<K> = ids.iter().filter_map(|id| key(id)).collect();
    crate::sort::sort(&mut keys);
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Keys as a map gives them: the next number for each new id.
    fn by_map(ids: &[&str]) -> Vec<u32> {
        let mut seen: HashMap<&str, u32> = HashMap::new();
        ids.iter()
            .map(|id| {
                let next = seen.len() as u32;
                *seen.entry(id).or_insert(next)
            })
            .collect()
    }

    #[test]
    fn keys_follow_first_occurrence() {
        let owned: Vec<String> = (0..300u32)
            .map(|i| format!("c{}", (i * 7919 + 13) % 97))
            .collect();
        let cases: [Vec<&str>; 4] = [
            vec![],
            vec!["b", "a", "b", "c", "a"],
            vec!["x"; 5],
            owned.iter().map(String::as_str).collect(),
        ];
        for ids in &cases {
            let (keys, table) = number(ids);
            assert_eq!(keys, by_map(ids));
            for (id, key) in ids.iter().zip(&keys) {
                assert_eq!(table.get(id), Some(*key));
            }
            assert_eq!(table.get("absent"), None);
        }
    }
}
