//! Stable sorting for the wasm builds, with one copy of the sorting code for
//! every element type (natively, `sort_by` is the standard library's).
//!
//! `slice::sort_by` is monomorphised per element type and comparator, and
//! each copy of the standard library's driftsort/quicksort with its
//! sorting networks costs 3–6 KB of wasm: the engine's nine sort calls
//! were 35 KB, a sixth of the optimised module (issue 16). Here the merge
//! sort runs once, on positions, through a `dyn` comparator; each call
//! site adds only a small permutation loop. The engine's lists are short
//! (at most SPEC 1.1's 500 lines), so the indirection costs little.

use std::cmp::Ordering;

/// Lists up to this long are insertion-sorted in place.
const SHORT: usize = 16;

/// Sorts `items` stably by `compare`, like `slice::sort_by`: the compact
/// sort on wasm, where bytes count; the standard library's elsewhere, where
/// its speed does (6 % of the extreme cart natively) and size does not.
pub fn sort_by<T>(items: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    compact_sort_by(items, compare);
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_by(compare);
}

/// The stable sort of the wasm builds (tested natively below).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn compact_sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() <= SHORT {
        // Most of the engine's lists (a combination's coupons, a shop's
        // options) are this short: an insertion sort, no allocation.
        for i in 1..items.len() {
            let mut j = i;
            while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
                items.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` stably by `key`, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably in their natural order, like `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Positions `0..len` in the stable order `compare` gives them: a
/// bottom-up merge sort with one scratch buffer.
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut scratch = vec![0usize; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            for slot in &mut scratch[start..end] {
                // Equal elements take the left run first: the sort is stable.
                let take_left = right >= end
                    || (left < middle && compare(order[left], order[right]) != Ordering::Greater);
                if take_left {
                    *slot = order[left];
                    left += 1;
                } else {
                    *slot = order[right];
                    right += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut scratch);
        width *= 2;
    }
    order
}

/// Rearranges `items` so that position `k` holds what was at `order[k]`,
/// following each cycle of the permutation once.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no dependency.
    fn numbers(seed: u64, len: usize, modulo: u64) -> Vec<u64> {
        let mut state = seed;
        (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) % modulo
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        for len in [0, 1, 2, 3, 7, 8, 9, 31, 64, 100, 500, 1000] {
            for (seed, modulo) in [(1, 3), (2, 50), (3, 1_000_000)] {
                // (value, original position): equal values must keep their order.
                let mut mine: Vec<(u64, usize)> =
                    numbers(seed, len, modulo).into_iter().zip(0..).collect();
                let mut want = mine.clone();
                want.sort_by_key(|a| std::cmp::Reverse(a.0));
                compact_sort_by(&mut mine, |a, b| b.0.cmp(&a.0));
                assert_eq!(mine, want, "len {len}, seed {seed}");
            }
        }
    }

    #[test]
    fn sorts_already_sorted_reversed_and_keyed_input() {
        let mut up: Vec<u32> = (0..100).collect();
        compact_sort_by(&mut up, u32::cmp);
        assert_eq!(up, (0..100).collect::<Vec<_>>());
        let mut down: Vec<u32> = (0..100).rev().collect();
        compact_sort_by(&mut down, u32::cmp);
        assert_eq!(down, (0..100).collect::<Vec<_>>());
        let mut words = vec!["pear", "fig", "apple", "kiwi", "banana"];
        compact_sort_by(&mut words, |a, b| a.len().cmp(&b.len()));
        assert_eq!(words, ["fig", "pear", "kiwi", "apple", "banana"]);
    }
}
