//! The wire format of a share code (docs/share-code.md): the frame every
//! version shares (alphabet, check, first character) and the version-1
//! layout (mixed-radix packing of the fields, optional HMAC tag).

use super::big::Big;
use super::{Channel, Page};
use crate::error::{Error, ErrorCode};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The path every decoding fault of the code itself points at.
pub(crate) const INPUT_PATH: &str = "input";

/// The check prime: the whole code, read as a base-62 number, is a
/// multiple of it. The largest prime below 62² = 3844.
pub(crate) const CHECK_PRIME: u32 = 3833;
/// Characters of the check, at the end of every code.
pub(crate) const CHECK_CHARS: usize = 2;
/// Frame bounds, for every version: a first character, at least one body
/// character and the check; never more than 128 characters.
pub(crate) const MIN_CODE_CHARS: usize = 4;
pub(crate) const MAX_CODE_CHARS: usize = 128;

/// Version written by this encoder.
pub(crate) const VERSION: u8 = super::SHARE_CODE_VERSION;
/// Bytes of the HMAC-SHA-256 output kept in a version-1 tag (40 bits).
pub(crate) const TAG_BYTES: usize = 5;
/// Base-62 characters of a version-1 tag (62^7 > 2^40).
pub(crate) const TAG_CHARS: usize = 7;
/// What the HMAC covers, before the code's first character and body.
pub(crate) const MAC_DOMAIN: &[u8] = b"sharecart share code\n";

/// 2020-01-01T00:00:00Z in epoch milliseconds: hour 0 of `issuedAt`.
pub(crate) const EPOCH_MS: u64 = 1_577_836_800_000;
pub(crate) const HOUR_MS: u64 = 3_600_000;
/// The largest time a JavaScript number holds exactly (2^53 − 1).
pub(crate) const MAX_TIME_MS: u64 = 9_007_199_254_740_991;
/// The largest hour a version-1 code may carry.
pub(crate) const MAX_HOUR: u64 = (MAX_TIME_MS - EPOCH_MS) / HOUR_MS;

/// Header radix: page (5) × channel (5) × presence of groupId, campaignId,
/// couponId (2 × 2 × 2).
const HEADER_RADIX: u64 = 200;
/// Radix of an id's digit count (1..=20 digits, stored minus one).
const DIGITS_RADIX: u64 = 20;
const MAX_ID_DIGITS: u32 = 20;

/// The fields as numbers, after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Packed {
    pub page: Page,
    pub channel: Channel,
    pub target: Option<u128>,
    pub promoter: u128,
    pub group: Option<u128>,
    pub campaign: Option<u128>,
    pub coupon: Option<u128>,
    pub hour: u64,
}

/// A code that passed the frame and layout checks (not yet the signature).
pub(crate) struct Parsed {
    pub packed: Packed,
    /// The characters the tag covers (first character and body), when signed.
    pub signed_part: Option<(String, [u8; TAG_BYTES])>,
}

fn digit_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'Z' => Some(c - b'A' + 10),
        b'a'..=b'z' => Some(c - b'a' + 36),
        _ => None,
    }
}

fn digit_char(d: u8) -> char {
    match d {
        0..=9 => char::from(b'0' + d),
        10..=35 => char::from(b'A' + d - 10),
        36..=61 => char::from(b'a' + d - 36),
        _ => '?',
    }
}

fn push_digits(out: &mut String, digits: &[u8]) {
    out.extend(digits.iter().map(|&d| digit_char(d)));
}

/// The code's prefix read as a base-62 number, modulo the check prime.
fn residue(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0u32, |acc, &d| (acc * 62 + u32::from(d)) % CHECK_PRIME)
}

/// The two check digits that make `prefix ‖ check` a multiple of the prime.
fn check_digits(prefix: &[u8]) -> [u8; CHECK_CHARS] {
    let shifted = (residue(prefix) * (62 * 62)) % CHECK_PRIME;
    let value = (CHECK_PRIME - shifted) % CHECK_PRIME;
    [(value / 62) as u8, (value % 62) as u8]
}

/// Number of decimal digits of an id (1 for 0).
fn id_digits(id: u128) -> u32 {
    let mut digits = 1;
    let mut rest = id / 10;
    while rest > 0 {
        digits += 1;
        rest /= 10;
    }
    digits
}

fn pow10(exp: u32) -> u64 {
    10u64.saturating_pow(exp)
}

/// Smallest id with `digits` digits (0 for one digit).
fn id_floor(digits: u32) -> u128 {
    if digits <= 1 {
        0
    } else {
        u128::from(pow10(digits - 1))
    }
}

fn push_id(n: &mut Big, id: u128) {
    let digits = id_digits(id);
    // n = n · radix(digits) + offset, radix = 10 for one digit, else 9·10^(d−1).
    if digits <= 1 {
        n.mul_small(10);
    } else {
        n.mul_small(9);
        n.mul_small(pow10(digits - 1));
    }
    n.add_u128(id - id_floor(digits));
    n.mul_small(DIGITS_RADIX);
    n.add_u128(u128::from(digits - 1));
}

fn pop_id(n: &mut Big) -> u128 {
    let digits = n.divmod_small(DIGITS_RADIX) as u32 + 1;
    let offset = if digits <= 1 {
        u128::from(n.divmod_small(10))
    } else {
        let low = n.divmod_small(pow10(digits - 1));
        let high = n.divmod_small(9);
        u128::from(high) * u128::from(pow10(digits - 1)) + u128::from(low)
    };
    id_floor(digits.min(MAX_ID_DIGITS)) + offset
}

/// A page's or channel's number in the header: its place in `ALL`.
fn place<T: PartialEq, const N: usize>(all: &[T; N], value: &T) -> u64 {
    let index = all.iter().position(|v| v == value).unwrap_or(0);
    u64::try_from(index).unwrap_or(0)
}

/// The value numbered `index` in the header (`index` < 5 by construction).
fn at_place<T: Copy, const N: usize>(all: &[T; N], index: u64, fallback: T) -> T {
    usize::try_from(index)
        .ok()
        .and_then(|i| all.get(i))
        .copied()
        .unwrap_or(fallback)
}

fn header(p: &Packed) -> u64 {
    let flags = u64::from(p.group.is_some())
        + 2 * u64::from(p.campaign.is_some())
        + 4 * u64::from(p.coupon.is_some());
    place(&Page::ALL, &p.page) + 5 * (place(&Channel::ALL, &p.channel) + 5 * flags)
}

/// The ids in layout order (targetId only when the page has one).
fn ids(p: &Packed) -> Vec<u128> {
    [p.target, Some(p.promoter), p.group, p.campaign, p.coupon]
        .into_iter()
        .flatten()
        .collect()
}

fn pack(p: &Packed) -> Big {
    let mut n = Big::from_u64(p.hour);
    for id in ids(p).into_iter().rev() {
        push_id(&mut n, id);
    }
    n.mul_small(HEADER_RADIX);
    n.add_u128(u128::from(header(p)));
    n
}

fn malformed(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::Malformed, INPUT_PATH, message)
}

fn unpack(mut n: Big) -> Result<Packed, Error> {
    let h = n.divmod_small(HEADER_RADIX);
    let page = at_place(&Page::ALL, h % 5, Page::Item);
    let channel = at_place(&Channel::ALL, (h / 5) % 5, Channel::Group);
    let flags = h / 25;
    let target = if page == Page::Home {
        None
    } else {
        Some(pop_id(&mut n))
    };
    let promoter = pop_id(&mut n);
    let group = (flags & 1 != 0).then(|| pop_id(&mut n));
    let campaign = (flags & 2 != 0).then(|| pop_id(&mut n));
    let coupon = (flags & 4 != 0).then(|| pop_id(&mut n));
    let hour = match n.to_u64() {
        Some(hour) if hour <= MAX_HOUR => hour,
        _ => {
            return Err(malformed(
                "the code's issue hour is past 2^53 − 1 ms; no encoder writes it",
            ))
        }
    };
    Ok(Packed {
        page,
        channel,
        target,
        promoter,
        group,
        campaign,
        coupon,
        hour,
    })
}

/// The HMAC-SHA-256 of the signed part, truncated to its first 40 bits.
fn mac_for(key: &[u8], signed_part: &str) -> Result<Hmac<Sha256>, Error> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).map_err(|_| {
        Error::new(
            ErrorCode::InvalidKey,
            "options.key",
            "the key cannot be used for HMAC",
        )
    })?;
    mac.update(MAC_DOMAIN);
    mac.update(signed_part.as_bytes());
    Ok(mac)
}

/// Writes the version-1 code for validated fields, signed when a key is given.
pub(crate) fn encode(p: &Packed, key: Option<&[u8]>) -> Result<String, Error> {
    let signed = key.is_some();
    let mut digits: Vec<u8> = vec![2 * VERSION + u8::from(signed)];
    digits.extend(pack(p).to_base62());
    if let Some(key) = key {
        let mut prefix = String::new();
        push_digits(&mut prefix, &digits);
        let full = mac_for(key, &prefix)?.finalize().into_bytes();
        let tag = full
            .iter()
            .take(TAG_BYTES)
            .fold(0u128, |acc, &b| (acc << 8) | u128::from(b));
        let mut tag_big = Big::default();
        tag_big.add_u128(tag);
        let tag_digits = tag_big.to_base62();
        // Fixed width: left-pad with zeros to TAG_CHARS.
        digits.resize(digits.len() + TAG_CHARS.saturating_sub(tag_digits.len()), 0);
        digits.extend(tag_digits);
    }
    let check = check_digits(&digits);
    digits.extend(check);
    let mut out = String::with_capacity(digits.len());
    push_digits(&mut out, &digits);
    Ok(out)
}

/// Reads a code: frame (length, alphabet, check, version), then the
/// version-1 layout. The signature is not verified here.
pub(crate) fn parse(code: &str) -> Result<Parsed, Error> {
    let digits = checked_digits(code)?;
    let body_and_first = digits
        .get(..digits.len().saturating_sub(CHECK_CHARS))
        .unwrap_or_default();
    let Some((&first, body)) = body_and_first.split_first() else {
        return Err(malformed("the code is too short"));
    };
    let version = first / 2;
    let signed = first % 2 == 1;
    if version != VERSION {
        return Err(Error::new(
            ErrorCode::UnsupportedVersion,
            INPUT_PATH,
            format!("share code version {version} is not supported; this decoder reads version {VERSION}"),
        ));
    }
    let (payload, tag) = if signed {
        match body.len().checked_sub(TAG_CHARS) {
            Some(split) if split > 0 => body.split_at(split),
            _ => {
                return Err(malformed(
                    "a signed code is too short to hold its fields and tag",
                ))
            }
        }
    } else {
        (body, &[][..])
    };
    if payload.len() > 1 && payload.first() == Some(&0) {
        return Err(malformed(
            "the code's fields start with a zero digit; no encoder writes it",
        ));
    }
    let packed = unpack(Big::from_base62(payload))?;
    let signed_part = if signed {
        let mut part = String::new();
        push_digits(&mut part, &[first]);
        push_digits(&mut part, payload);
        Some((part, tag_bytes(tag)?))
    } else {
        None
    };
    Ok(Parsed {
        packed,
        signed_part,
    })
}

/// The code's base-62 digits, once its length, alphabet and check hold.
fn checked_digits(code: &str) -> Result<Vec<u8>, Error> {
    let bytes = code.as_bytes();
    if bytes.len() < MIN_CODE_CHARS || bytes.len() > MAX_CODE_CHARS {
        return Err(malformed(format!(
            "a share code has {MIN_CODE_CHARS} to {MAX_CODE_CHARS} characters; this one has {}",
            code.chars().count()
        )));
    }
    let digits: Vec<u8> = bytes
        .iter()
        .map(|&b| digit_value(b))
        .collect::<Option<_>>()
        .ok_or_else(|| malformed("a share code uses only the characters 0-9, A-Z and a-z"))?;
    let Some((_, check)) = digits.split_last_chunk::<CHECK_CHARS>() else {
        return Err(malformed("the code is too short"));
    };
    let check_value = u32::from(check[0]) * 62 + u32::from(check[1]);
    if residue(&digits) != 0 || check_value >= CHECK_PRIME {
        return Err(Error::new(
            ErrorCode::BadCheck,
            INPUT_PATH,
            "the check characters do not match: the code has a typo or two swapped characters",
        ));
    }
    Ok(digits)
}

/// A tag's base-62 digits as the bytes of the truncated HMAC.
fn tag_bytes(tag: &[u8]) -> Result<[u8; TAG_BYTES], Error> {
    let value = Big::from_base62(tag)
        .to_u64()
        .filter(|&v| v < (1u64 << (8 * TAG_BYTES)))
        .ok_or_else(|| malformed("the code's tag is out of range; no encoder writes it"))?;
    let mut bytes = [0u8; TAG_BYTES];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = (value >> (8 * (TAG_BYTES - 1 - i))) as u8;
    }
    Ok(bytes)
}

/// Constant-time comparison of a tag against the HMAC of the signed part.
pub(crate) fn verify(key: &[u8], signed_part: &str, tag: &[u8; TAG_BYTES]) -> Result<bool, Error> {
    Ok(mac_for(key, signed_part)?
        .verify_truncated_left(tag)
        .is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_id_round_trips() {
        for id in [
            0u128,
            9,
            10,
            99_999_999_999_999_999_999,
            10_000_000_000_000_000_000,
        ] {
            let mut n = Big::from_u64(5);
            push_id(&mut n, id);
            assert_eq!(pop_id(&mut n), id);
            assert_eq!(n.to_u64(), Some(5));
        }
    }

    #[test]
    fn check_digits_make_a_multiple_of_the_prime() {
        let prefix = [3u8, 61, 0, 17, 42];
        let mut all = prefix.to_vec();
        all.extend(check_digits(&prefix));
        assert_eq!(residue(&all), 0);
    }
}
