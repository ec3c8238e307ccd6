//! The JSON text twins of the share-code functions (CLI and wasm facade).
//! Input is read with the project's one reader ([`crate::json::parse`]),
//! each member is type-checked from the [`Value`] (a wrong type is the
//! field's own error), then the typed functions' own checks run once each, so
//! both faces share one validation path. `null` means absent; unknown keys are ignored.

use super::codec::Packed;
use super::{
    check_time, combine_decode_options, decode_checked, encode_packed, invalid_field, pack_fields,
    parse_key, Channel, CheckedDecodeOptions, CheckedEncodeOptions, Page, ShareFields,
    DEFAULT_MAX_LENGTH,
};
use crate::error::{Error, ErrorCode};
use crate::json::{self, Value};

fn root_object(text: &str) -> Result<Value<'_>, Error> {
    let doc = json::parse(text)?;
    match doc {
        Value::Object(_) => Ok(doc),
        other => Err(Error::new(
            ErrorCode::InvalidType,
            "",
            format!("expected a JSON object, got {}", other.type_name()),
        )),
    }
}

/// An optional member that must be an object (`invalidField` otherwise).
fn object_member<'a>(
    parent: &'a Value<'a>,
    key: &str,
    path: &str,
) -> Result<Option<&'a Value<'a>>, Error> {
    match parent.get_present(key) {
        None => Ok(None),
        Some(v @ Value::Object(_)) => Ok(Some(v)),
        Some(other) => Err(invalid_field(
            path,
            format!("{key} must be an object, got {}", other.type_name()),
        )),
    }
}

fn string_member(parent: &Value, key: &str, path: &str) -> Result<Option<String>, Error> {
    match parent.get_present(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(invalid_field(
            path,
            format!("{key} must be a string, got {}", other.type_name()),
        )),
    }
}

/// A JSON integer written as plain digits (no sign, fraction or exponent)
/// that fits a `u64`.
fn plain_u64(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    if bytes.is_empty()
        || !bytes.iter().all(u8::is_ascii_digit)
        || (bytes.len() > 1 && bytes.first() == Some(&b'0'))
    {
        return None;
    }
    text.parse::<u64>().ok()
}

fn integer_member(parent: &Value, key: &str, path: &str, what: &str) -> Result<Option<u64>, Error> {
    match parent.get_present(key) {
        None => Ok(None),
        Some(Value::Number(n)) => plain_u64(n)
            .map(Some)
            .ok_or_else(|| invalid_field(path, format!("{key} must be {what}"))),
        Some(other) => Err(invalid_field(
            path,
            format!("{key} must be {what}, got {}", other.type_name()),
        )),
    }
}

/// The fields, checked and packed, so a fault in them wins over one in the
/// options (the order the typed API reports them in).
fn fields_from_value(doc: &Value) -> Result<Packed, Error> {
    let fields = object_member(doc, "fields", "fields")?
        .ok_or_else(|| invalid_field("fields", "fields is required (an object)"))?;
    let page_name = string_member(fields, "page", "fields.page")?;
    let page = page_name
        .as_deref()
        .and_then(Page::from_name)
        .ok_or_else(|| {
            invalid_field(
                "fields.page",
                "page must be one of item, shop, activity, invite, home",
            )
        })?;
    let target_id = string_member(fields, "targetId", "fields.targetId")?;
    let promoter_id = string_member(fields, "promoterId", "fields.promoterId")?
        .ok_or_else(|| invalid_field("fields.promoterId", "promoterId is required"))?;
    let group_id = string_member(fields, "groupId", "fields.groupId")?;
    let channel_name = string_member(fields, "channel", "fields.channel")?;
    let channel = channel_name
        .as_deref()
        .and_then(Channel::from_name)
        .ok_or_else(|| {
            invalid_field(
                "fields.channel",
                "channel must be one of group, moments, private, poster, qr",
            )
        })?;
    let campaign_id = string_member(fields, "campaignId", "fields.campaignId")?;
    let coupon_id = string_member(fields, "couponId", "fields.couponId")?;
    let issued_at = integer_member(
        fields,
        "issuedAt",
        "fields.issuedAt",
        "an integer number of epoch milliseconds",
    )?
    .ok_or_else(|| {
        invalid_field(
            "fields.issuedAt",
            "issuedAt is required (epoch milliseconds)",
        )
    })?;
    pack_fields(&ShareFields {
        page,
        target_id,
        promoter_id,
        group_id,
        channel,
        campaign_id,
        coupon_id,
        issued_at,
    })
}

/// The key, parsed from hex.
fn key_member(options: &Value) -> Result<Option<Vec<u8>>, Error> {
    match options.get_present("key") {
        None => Ok(None),
        Some(Value::String(s)) => parse_key(s).map(Some),
        Some(other) => Err(Error::new(
            ErrorCode::InvalidKey,
            "options.key",
            format!("key must be a hex string, got {}", other.type_name()),
        )),
    }
}

fn encode_options_from_value(doc: &Value) -> Result<CheckedEncodeOptions, Error> {
    let Some(options) = object_member(doc, "options", "options")? else {
        return Ok(CheckedEncodeOptions {
            key: None,
            max_length: DEFAULT_MAX_LENGTH,
        });
    };
    let key = key_member(options)?;
    let max_length = integer_member(
        options,
        "maxLength",
        "options.maxLength",
        "an integer from 0 to 4294967295",
    )?
    .map(|v| {
        u32::try_from(v).map_err(|_| {
            invalid_field(
                "options.maxLength",
                "maxLength must be an integer from 0 to 4294967295",
            )
        })
    })
    .transpose()?;
    Ok(CheckedEncodeOptions {
        key,
        max_length: max_length.unwrap_or(DEFAULT_MAX_LENGTH),
    })
}

fn decode_options_from_value(doc: &Value) -> Result<CheckedDecodeOptions, Error> {
    let Some(options) = object_member(doc, "options", "options")? else {
        return combine_decode_options(None, None, None, None);
    };
    let key = key_member(options)?;
    let require_signature = match options.get_present("requireSignature") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => {
            return Err(invalid_field(
                "options.requireSignature",
                format!(
                    "requireSignature must be a boolean, got {}",
                    other.type_name()
                ),
            ))
        }
    };
    let time = "an integer number of milliseconds from 0 to 2^53 − 1";
    let now = integer_member(options, "now", "options.now", time)?;
    check_time(now, "options.now", "now")?;
    let max_age_ms = integer_member(options, "maxAgeMs", "options.maxAgeMs", time)?;
    check_time(max_age_ms, "options.maxAgeMs", "maxAgeMs")?;
    combine_decode_options(key, require_signature, now, max_age_ms)
}

/// `{"fields": {...}, "options": {...}?}` → `{"code": "..."}` (SPEC 10,
/// `sharecart share encode`).
pub fn encode_share_code_json(text: &str) -> Result<String, Error> {
    let doc = root_object(text)?;
    let fields = fields_from_value(&doc)?;
    let options = encode_options_from_value(&doc)?;
    let code = encode_packed(&fields, &options)?;
    let mut out = String::with_capacity(code.len() + 12);
    json::ObjectWriter::new(&mut out)
        .member("code", &code)
        .end();
    Ok(out)
}

/// `{"input": "...", "options": {...}?}` → `{"fields": {...}, "signed":
/// bool, "verified": bool}` (SPEC 10, `sharecart share decode`).
pub fn decode_share_code_json(text: &str) -> Result<String, Error> {
    let doc = root_object(text)?;
    let input = string_member(&doc, "input", "input")?.ok_or_else(|| {
        invalid_field(
            "input",
            "input is required (the code, scene or link to decode)",
        )
    })?;
    let options = decode_options_from_value(&doc)?;
    let decoded = decode_checked(&input, &options)?;
    Ok(json::text_of(&decoded))
}
