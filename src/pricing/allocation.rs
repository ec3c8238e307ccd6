//! SPEC 6: largest-remainder allocation (分摊) of whole fen over weights.

use crate::money::Money;

/// Splits `amount` over `weights`: each gets `floor(D × w / W)` fen, then
/// the leftover fen go one at a time to the largest fractional parts, ties
/// to the earlier entry. Shares sum to `amount` and never exceed their
/// weight when `amount <= W`; with `W = 0` nothing is allocated.
pub fn allocate(amount: Money, weights: &[Money]) -> Vec<Money> {
    let total: i128 = weights.iter().map(|w| i128::from(w.fen())).sum();
    let mut shares = vec![Money::ZERO; weights.len()];
    if total <= 0 || amount.fen() <= 0 {
        return shares;
    }
    let d = i128::from(amount.fen());
    // D ≤ 5·10^15 and w ≤ 5·10^15, so D × w < 2.5·10^31 fits in i128.
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    let mut given: i128 = 0;
    for (i, weight) in weights.iter().enumerate() {
        let product = d * i128::from(weight.fen());
        let floor = product / total;
        given += floor;
        shares[i] = Money(floor as i64);
        remainders.push((product % total, i));
    }
    let leftover = (d - given).max(0) as usize;
    // Largest remainder first; equal remainders keep request order.
    crate::sort::sort_by(&mut remainders, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take(leftover) {
        shares[i] += Money(1);
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fen(values: &[i64]) -> Vec<Money> {
        values.iter().map(|&v| Money(v)).collect()
    }

    #[test]
    fn external_references() {
        assert_eq!(
            allocate(Money(299), &fen(&[4300, 1400, 2300])),
            fen(&[161, 52, 86])
        );
        assert_eq!(
            allocate(Money(299), &fen(&[1000, 1000, 1000])),
            fen(&[100, 100, 99])
        );
        assert_eq!(allocate(Money(1003), &fen(&[500, 500])), fen(&[502, 501]));
        assert_eq!(
            allocate(Money(5), &fen(&[100, 101, 100, 100])),
            fen(&[1, 2, 1, 1])
        );
        assert_eq!(allocate(Money(5), &fen(&[30, 70])), fen(&[2, 3]));
        assert_eq!(allocate(Money(500), &fen(&[400, 4500])), fen(&[41, 459]));
        assert_eq!(allocate(Money(500), &fen(&[7900, 11900])), fen(&[199, 301]));
    }

    #[test]
    fn zero_total_weight_allocates_nothing() {
        assert_eq!(allocate(Money(5), &fen(&[0, 0])), fen(&[0, 0]));
    }
}
