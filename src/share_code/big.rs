//! A small unsigned big integer: just what the mixed-radix packing of a
//! share code needs (multiply by, add, divide by small numbers; base 62).
//! Every operation is total: no panics, no indexing by input-derived values.

/// Little-endian 64-bit limbs; the value is `Σ limbs[i] · 2^(64·i)`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Big {
    limbs: Vec<u64>,
}

const LOW64: u128 = u64::MAX as u128;

impl Big {
    pub(crate) fn from_u64(value: u64) -> Big {
        let mut big = Big { limbs: vec![value] };
        big.trim();
        big
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.limbs.iter().all(|&limb| limb == 0)
    }

    /// `self = self · factor`.
    pub(crate) fn mul_small(&mut self, factor: u64) {
        let mut carry: u128 = 0;
        for limb in self.limbs.iter_mut() {
            let product = u128::from(*limb) * u128::from(factor) + carry;
            *limb = (product & LOW64) as u64;
            carry = product >> 64;
        }
        if carry != 0 {
            self.limbs.push(carry as u64);
        }
        self.trim();
    }

    /// `self = self + addend`.
    pub(crate) fn add_u128(&mut self, addend: u128) {
        let mut carry = addend;
        for limb in self.limbs.iter_mut() {
            if carry == 0 {
                break;
            }
            let sum = u128::from(*limb) + (carry & LOW64);
            *limb = (sum & LOW64) as u64;
            carry = (carry >> 64) + (sum >> 64);
        }
        while carry != 0 {
            self.limbs.push((carry & LOW64) as u64);
            carry >>= 64;
        }
    }

    /// `self = self / divisor`, returning `self % divisor`. A zero divisor
    /// leaves the value alone and returns 0 (callers only pass constants).
    pub(crate) fn divmod_small(&mut self, divisor: u64) -> u64 {
        if divisor == 0 {
            return 0;
        }
        let divisor = u128::from(divisor);
        let mut rem: u128 = 0;
        for limb in self.limbs.iter_mut().rev() {
            let current = (rem << 64) | u128::from(*limb);
            *limb = (current / divisor) as u64;
            rem = current % divisor;
        }
        self.trim();
        rem as u64
    }

    /// The value, when it fits in a `u64`.
    pub(crate) fn to_u64(&self) -> Option<u64> {
        let mut trimmed = self.clone();
        trimmed.trim();
        match trimmed.limbs.as_slice() {
            [] => Some(0),
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Reads base-62 digit values (each `0..62`), most significant first.
    pub(crate) fn from_base62(digits: &[u8]) -> Big {
        let mut big = Big::default();
        for &digit in digits {
            big.mul_small(62);
            big.add_u128(u128::from(digit));
        }
        big
    }

    /// Base-62 digit values, most significant first, without leading zeros
    /// (zero is the single digit 0).
    pub(crate) fn to_base62(&self) -> Vec<u8> {
        let mut rest = self.clone();
        let mut digits = Vec::new();
        loop {
            digits.push(rest.divmod_small(62) as u8);
            if rest.is_zero() {
                break;
            }
        }
        digits.reverse();
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_base62() {
        let mut n = Big::from_u64(123_456_789);
        n.mul_small(u64::MAX);
        n.add_u128(u128::MAX);
        let digits = n.to_base62();
        assert_eq!(Big::from_base62(&digits), n);
        assert_eq!(Big::default().to_base62(), vec![0]);
    }

    #[test]
    fn divides_back_what_was_multiplied() {
        let mut n = Big::from_u64(7);
        n.mul_small(9);
        n.mul_small(10_000_000_000_000_000_000);
        n.add_u128(89_999_999_999_999_999_999);
        assert_eq!(
            n.divmod_small(10_000_000_000_000_000_000),
            9_999_999_999_999_999_999
        );
        assert_eq!(n.divmod_small(9), 8);
        assert_eq!(n.to_u64(), Some(7));
    }
}
