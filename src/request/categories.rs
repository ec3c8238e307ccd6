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

/// Numbers `ids`: each id's key is the rank of its text among the distinct
/// ids. Scopes only ask whether a line's key is among theirs, so any
/// numbering that gives equal ids one key and different ids different keys
/// will do, and the rank comes out of one sort. Returns each id's key, in
/// the order of `ids`, and the table of distinct ids.
///
/// Sorting, not inserting into a sorted list: the lines' category ids are
/// up to 10,000 (SPEC 1.1), and inserting that many would move entries
/// quadratically often.
fn number<'c>(ids: &[&'c str]) -> (Vec<u32>, Table<'c>) {
    let mut by_id: Vec<(&'c str, usize)> = ids.iter().copied().zip(0..).collect();
    sort_by(&mut by_id, |a, b| a.0.cmp(b.0));
    let mut keys = vec![0u32; ids.len()];
    let mut entries: Vec<(&'c str, u32)> = Vec::new();
    for (id, at) in by_id {
        if entries.last().map(|&(last, _)| last) != Some(id) {
            entries.push((id, u32::try_from(entries.len()).unwrap_or(u32::MAX)));
        }
        if let (Some(slot), Some(&(_, key))) = (keys.get_mut(at), entries.last()) {
            *slot = key;
        }
    }
    (keys, Table { entries })
}

/// The shops' table: shop ids are unique (validation) and a line names
/// its shop by position, so each id's key is its position.
fn positions<'c>(ids: &[&'c str]) -> Table<'c> {
    let mut entries: Vec<(&'c str, u32)> = ids
        .iter()
        .copied()
        .zip((0..).map(|at: usize| u32::try_from(at).unwrap_or(u32::MAX)))
        .collect();
    sort_by(&mut entries, |a, b| a.0.cmp(b.0));
    Table { entries }
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
    let shop_ids: Vec<&str> = cart.shops.iter().map(|shop| shop.id.as_str()).collect();
    let (category_keys, categories) = number(&category_ids);
    let (sku_keys, skus) = number(&sku_ids);
    let shops = positions(&shop_ids);
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

    /// Keys by rank: the number of distinct ids that sort before each.
    fn by_rank(ids: &[&str]) -> Vec<u32> {
        let mut distinct: Vec<&str> = ids.to_vec();
        distinct.sort();
        distinct.dedup();
        ids.iter()
            .map(|id| distinct.iter().position(|d| d == id).unwrap() as u32)
            .collect()
    }

    #[test]
    fn keys_are_ranks_of_the_distinct_ids() {
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
            assert_eq!(keys, by_rank(ids));
            for (id, key) in ids.iter().zip(&keys) {
                assert_eq!(table.get(id), Some(*key));
            }
            assert_eq!(table.get("absent"), None);
        }
        assert_eq!(number(&["b", "a", "b", "c", "a"]).0, [1, 0, 1, 2, 0]);
    }

    #[test]
    fn shop_keys_are_positions() {
        let table = positions(&["s2", "s0", "s1"]);
        assert_eq!(
            ["s0", "s1", "s2", "s3"].map(|id| table.get(id)),
            [Some(1), Some(2), Some(0), None]
        );
    }
}
