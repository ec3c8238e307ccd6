//! SPEC 9: share codes (分享码). A share code says who shared what, where:
//! a short string of `[0-9A-Za-z]` with a check that catches every single
//! typo and every swap of two adjacent characters, optionally signed with an
//! HMAC-SHA-256 tag. The format is written down in `docs/share-code.md`.
//!
//! Two faces, one validation path: the typed [`encode_share_code`] /
//! [`decode_share_code`], and the JSON text twins
//! [`encode_share_code_json`] / [`decode_share_code_json`] used by the CLI
//! and the wasm facade, which read with [`crate::json::parse`] and then call
//! the typed functions.

mod big;
mod codec;
mod extract;
mod text;

pub use text::{decode_share_code_json, encode_share_code_json};

use crate::error::{Error, ErrorCode};
use crate::json::{ObjectWriter, WriteJson};
use crate::vocabulary::vocabulary;
use serde::{Deserialize, Serialize};

/// The share-code format version this crate writes (it reads version 1).
pub const SHARE_CODE_VERSION: u8 = 1;
/// `maxLength` when the encode options give none: a mini-program `scene`
/// holds at most 32 characters.
pub const DEFAULT_MAX_LENGTH: u32 = 32;
/// The earliest `issuedAt`: 2020-01-01T00:00:00Z in epoch milliseconds.
pub const ISSUED_AT_EPOCH_MS: u64 = codec::EPOCH_MS;
/// The largest time accepted anywhere in share codes (`issuedAt`, `now`,
/// `maxAgeMs`): 2^53 − 1, the largest integer a JavaScript number holds.
pub const MAX_TIME_MS: u64 = codec::MAX_TIME_MS;

vocabulary!(
    /// The mini-program page a share code opens; its number in the code is
    /// its place in `ALL`.
    Page {
        /// A product (sku) page; `targetId` is the sku id.
        Item = "item",
        /// A shop page; `targetId` is the shop id.
        Shop = "shop",
        /// An activity (活动) page; `targetId` is the activity id.
        Activity = "activity",
        /// An invitation to become a promoter; `targetId` is the invite's id.
        Invite = "invite",
        /// The home page; it has no `targetId`.
        Home = "home",
    }
);

vocabulary!(
    /// Where the code was shared; its number in the code is its place in
    /// `ALL`.
    Channel {
        /// A WeChat group chat.
        Group = "group",
        /// WeChat Moments (朋友圈).
        Moments = "moments",
        /// A one-to-one chat.
        Private = "private",
        /// A share poster (海报).
        Poster = "poster",
        /// A mini-program code / QR code.
        Qr = "qr",
    }
);

/// What a share code carries (SPEC 9). Decimal ids are strings of 1–20
/// ASCII digits without leading zeros (`"0"` included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ShareFields {
    /// The page the code opens.
    pub page: Page,
    /// The sku / shop / activity / invite id; required except for `home`,
    /// where it must be absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    /// The promoter who shared.
    pub promoter_id: String,
    /// The WeChat group the code was shared into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// Where it was shared.
    pub channel: Channel,
    /// The campaign the share belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_id: Option<String>,
    /// A coupon handed out with the share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon_id: Option<String>,
    /// Epoch milliseconds, at or after 2020-01-01T00:00Z and at most
    /// 2^53 − 1; the code keeps the hour (decoding floors to the hour).
    pub issued_at: u64,
}

/// Options of [`encode_share_code`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EncodeOptions {
    /// Server key as hex (16–64 bytes, i.e. 32–128 hex digits, either
    /// case). With a key the code is signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Longest acceptable code (default 32); a longer one is `tooLong`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
}

/// Options of [`decode_share_code`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DecodeOptions {
    /// Server key as hex (16–64 bytes). With a key a signed code's tag is
    /// verified (`badSignature` on mismatch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Refuse codes that carry no tag (`unsignedCode`). It asks for a tag
    /// to be present; only a key verifies it (see `verified`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_signature: Option<bool>,
    /// The current time, epoch milliseconds (needed with `maxAgeMs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<u64>,
    /// Oldest acceptable code: `now − issuedAt > maxAgeMs` is `expired`,
    /// with `issuedAt` as decoded (floored to the hour).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age_ms: Option<u64>,
}

/// What [`decode_share_code`] returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DecodedShare {
    /// The fields, `issuedAt` floored to the hour.
    pub fields: ShareFields,
    /// The code carries a tag.
    pub signed: bool,
    /// A key was given and the tag matched it.
    pub verified: bool,
}

// Written directly (src/json.rs), members in declaration order and with
// the derives' omissions: the same bytes as serde_json.
impl WriteJson for ShareFields {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("page", &self.page)
            .optional("targetId", &self.target_id)
            .member("promoterId", &self.promoter_id)
            .optional("groupId", &self.group_id)
            .member("channel", &self.channel)
            .optional("campaignId", &self.campaign_id)
            .optional("couponId", &self.coupon_id)
            .member("issuedAt", &self.issued_at)
            .end();
    }
}

impl WriteJson for DecodedShare {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .member("fields", &self.fields)
            .member("signed", &self.signed)
            .member("verified", &self.verified)
            .end();
    }

    fn size_hint(&self) -> usize {
        256
    }
}

pub(super) fn invalid_field(path: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidField, path, message)
}

/// A decimal id: 1–20 ASCII digits, no leading zero (except `"0"`).
fn parse_id(value: &str, path: &str, name: &str) -> Result<u128, Error> {
    let bytes = value.as_bytes();
    let ok = !bytes.is_empty()
        && bytes.len() <= 20
        && bytes.iter().all(u8::is_ascii_digit)
        && !(bytes.len() > 1 && bytes.first() == Some(&b'0'));
    let parsed = if ok { value.parse::<u128>().ok() } else { None };
    parsed.ok_or_else(|| {
        invalid_field(
            path,
            format!(
                "{name} must be a decimal id: a string of 1 to 20 digits without leading zeros"
            ),
        )
    })
}

fn parse_optional_id(
    value: &Option<String>,
    path: &str,
    name: &str,
) -> Result<Option<u128>, Error> {
    value
        .as_deref()
        .map(|v| parse_id(v, path, name))
        .transpose()
}

/// Validates the fields (in SPEC order) into the numbers the code packs.
pub(super) fn pack_fields(fields: &ShareFields) -> Result<codec::Packed, Error> {
    let target = match (&fields.target_id, fields.page) {
        (Some(_), Page::Home) => {
            return Err(invalid_field(
                "fields.targetId",
                "the home page has no targetId; leave it out",
            ))
        }
        (None, Page::Home) => None,
        (None, page) => {
            return Err(invalid_field(
                "fields.targetId",
                format!("targetId is required for the {} page", page.as_str()),
            ))
        }
        (Some(id), _) => Some(parse_id(id, "fields.targetId", "targetId")?),
    };
    let promoter = parse_id(&fields.promoter_id, "fields.promoterId", "promoterId")?;
    let group = parse_optional_id(&fields.group_id, "fields.groupId", "groupId")?;
    let campaign = parse_optional_id(&fields.campaign_id, "fields.campaignId", "campaignId")?;
    let coupon = parse_optional_id(&fields.coupon_id, "fields.couponId", "couponId")?;
    if fields.issued_at < codec::EPOCH_MS || fields.issued_at > codec::MAX_TIME_MS {
        return Err(invalid_field(
            "fields.issuedAt",
            "issuedAt must be epoch milliseconds from 2020-01-01T00:00Z (1577836800000) to 2^53 − 1",
        ));
    }
    let hour = (fields.issued_at - codec::EPOCH_MS) / codec::HOUR_MS;
    Ok(codec::Packed {
        page: fields.page,
        channel: fields.channel,
        target,
        promoter,
        group,
        campaign,
        coupon,
        hour,
    })
}

/// An id (at most 20 digits) in decimal, as two u64 halves: `u128`'s own
/// `Display` is 1.2 KB of .wasm that nothing else needs (issue 16).
fn decimal(id: u128) -> String {
    const TEN_TO_19: u128 = 10_000_000_000_000_000_000;
    let (high, low) = ((id / TEN_TO_19) as u64, (id % TEN_TO_19) as u64);
    if high == 0 {
        low.to_string()
    } else {
        format!("{high}{low:019}")
    }
}

fn unpack_fields(p: &codec::Packed) -> ShareFields {
    let text = |id: Option<u128>| id.map(decimal);
    ShareFields {
        page: p.page,
        target_id: text(p.target),
        promoter_id: decimal(p.promoter),
        group_id: text(p.group),
        channel: p.channel,
        campaign_id: text(p.campaign),
        coupon_id: text(p.coupon),
        issued_at: codec::EPOCH_MS + p.hour * codec::HOUR_MS,
    }
}

/// A hex key of 16–64 bytes (`invalidKey` at `options.key`).
pub(super) fn parse_key(key: &str) -> Result<Vec<u8>, Error> {
    let bytes = key.as_bytes();
    let fail = || {
        Error::new(
            ErrorCode::InvalidKey,
            "options.key",
            "key must be 16 to 64 bytes written as hex (32 to 128 hex digits)",
        )
    };
    if bytes.len() % 2 != 0 || bytes.len() < 32 || bytes.len() > 128 {
        return Err(fail());
    }
    bytes
        .chunks(2)
        .map(|pair| {
            let text = std::str::from_utf8(pair).ok().ok_or_else(fail)?;
            if !pair.iter().all(u8::is_ascii_hexdigit) {
                return Err(fail());
            }
            u8::from_str_radix(text, 16).map_err(|_| fail())
        })
        .collect()
}

pub(super) fn check_time(value: Option<u64>, path: &str, name: &str) -> Result<(), Error> {
    match value {
        Some(v) if v > codec::MAX_TIME_MS => Err(invalid_field(
            path,
            format!("{name} must be an integer from 0 to 2^53 − 1"),
        )),
        _ => Ok(()),
    }
}

/// Encode options after their checks (each made once per call).
pub(super) struct CheckedEncodeOptions {
    pub(super) key: Option<Vec<u8>>,
    pub(super) max_length: u32,
}

/// Decode options after their checks (each made once per call).
pub(super) struct CheckedDecodeOptions {
    key: Option<Vec<u8>>,
    require_signature: bool,
    now: Option<u64>,
    expiry: Option<(u64, u64)>,
}

fn check_decode_options(options: &DecodeOptions) -> Result<CheckedDecodeOptions, Error> {
    let key = options.key.as_deref().map(parse_key).transpose()?;
    check_time(options.now, "options.now", "now")?;
    check_time(options.max_age_ms, "options.maxAgeMs", "maxAgeMs")?;
    combine_decode_options(
        key,
        options.require_signature,
        options.now,
        options.max_age_ms,
    )
}

/// The checks between options, once each is valid on its own.
pub(super) fn combine_decode_options(
    key: Option<Vec<u8>>,
    require_signature: Option<bool>,
    now: Option<u64>,
    max_age_ms: Option<u64>,
) -> Result<CheckedDecodeOptions, Error> {
    let expiry = match (now, max_age_ms) {
        (_, None) => None,
        (Some(now), Some(max_age)) => Some((now, max_age)),
        (None, Some(_)) => {
            return Err(invalid_field(
                "options.now",
                "maxAgeMs needs now (the current time in epoch milliseconds)",
            ))
        }
    };
    let require_signature = require_signature.unwrap_or(false);
    if require_signature && key.is_none() {
        // A signature that cannot be verified is not a signature (SPEC 9).
        return Err(Error::new(
            ErrorCode::InvalidKey,
            "options.key",
            "requireSignature needs the key to verify the signature with",
        ));
    }
    Ok(CheckedDecodeOptions {
        key,
        require_signature,
        now,
        expiry,
    })
}

/// SPEC 9: a code whose issue hour starts more than one hour after `now`
/// was minted with a clock ahead (or forged to outlive `maxAgeMs`).
fn check_not_in_future(issued_at: u64, now: u64) -> Result<(), Error> {
    const HOUR_MS: u64 = 3_600_000;
    if issued_at > now.saturating_add(HOUR_MS) {
        return Err(Error::new(
            ErrorCode::IssuedInFuture,
            codec::INPUT_PATH,
            format!(
                "the code's issue hour starts {} ms after now, more than one hour",
                issued_at - now
            ),
        ));
    }
    Ok(())
}

/// Writes the share code for `fields` (SPEC 9): signed when `options.key`
/// is given, `tooLong` when longer than `options.maxLength` (default 32).
pub fn encode_share_code(fields: &ShareFields, options: &EncodeOptions) -> Result<String, Error> {
    let packed = pack_fields(fields)?;
    let options = CheckedEncodeOptions {
        key: options.key.as_deref().map(parse_key).transpose()?,
        max_length: options.max_length.unwrap_or(DEFAULT_MAX_LENGTH),
    };
    encode_packed(&packed, &options)
}

pub(super) fn encode_packed(
    packed: &codec::Packed,
    options: &CheckedEncodeOptions,
) -> Result<String, Error> {
    let code = codec::encode(packed, options.key.as_deref())?;
    let length = code.len();
    let max_length = options.max_length;
    if u64::try_from(length).unwrap_or(u64::MAX) > u64::from(max_length) {
        return Err(Error::new(
            ErrorCode::TooLong,
            "",
            format!("the code would be {length} characters, more than maxLength {max_length}; no field is dropped"),
        ));
    }
    Ok(code)
}

/// Reads a share code from a raw code, a URL-encoded `scene`, or a query
/// string / path with `s=CODE` (SPEC 9). Options are checked first, then
/// the code: frame and check, version, fields, signature, age.
pub fn decode_share_code(input: &str, options: &DecodeOptions) -> Result<DecodedShare, Error> {
    decode_checked(input, &check_decode_options(options)?)
}

pub(super) fn decode_checked(
    input: &str,
    options: &CheckedDecodeOptions,
) -> Result<DecodedShare, Error> {
    let code = extract::extract(input)?;
    let parsed = codec::parse(&code)?;
    let fields = unpack_fields(&parsed.packed);
    let signed = parsed.signed_part.is_some();
    let verified = match (&options.key, &parsed.signed_part) {
        (Some(key), Some((part, tag))) => {
            if !codec::verify(key, part, tag)? {
                return Err(Error::new(
                    ErrorCode::BadSignature,
                    codec::INPUT_PATH,
                    "the code's signature does not match the key",
                ));
            }
            true
        }
        _ => false,
    };
    if options.require_signature && !signed {
        return Err(Error::new(
            ErrorCode::UnsignedCode,
            codec::INPUT_PATH,
            "a signed code is required and this code carries no signature",
        ));
    }
    if let Some(now) = options.now {
        check_not_in_future(fields.issued_at, now)?;
    }
    if let Some((now, max_age)) = options.expiry {
        let age = i128::from(now) - i128::from(fields.issued_at);
        if age > i128::from(max_age) {
            return Err(Error::new(
                ErrorCode::Expired,
                codec::INPUT_PATH,
                format!("the code was issued {age} ms before now, more than maxAgeMs {max_age}"),
            ));
        }
    }
    Ok(DecodedShare {
        fields,
        signed,
        verified,
    })
}
