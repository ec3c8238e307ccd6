//! SPEC 9 share codes, natively: the golden vectors of
//! `tests/vectors/share/` through the JSON twins (and the typed API where
//! the input is typed), the exhaustive typo / transposition test, the
//! length budget, and a round-trip property test.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use sharecart::json::{self, Value};
use sharecart::share_code::{
    decode_share_code, decode_share_code_json, encode_share_code, encode_share_code_json, Channel,
    DecodeOptions, DecodedShare, EncodeOptions, Page, ShareFields, ISSUED_AT_EPOCH_MS as EPOCH_MS,
    MAX_TIME_MS,
};
use sharecart::ErrorCode;
use std::collections::BTreeSet;
use std::path::PathBuf;

const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY16: &str = "000102030405060708090a0b0c0d0e0f";
const HOUR_MS: u64 = 3_600_000;

// ---------------------------------------------------------------------------
// Golden vectors

/// Compact JSON text of a value, keeping member order and number text.
fn text_of(value: &Value) -> String {
    json::write(value)
}

fn str_of<'a>(vector: &'a Value, key: &str) -> &'a str {
    match vector.get(key) {
        Some(Value::String(s)) => s,
        other => panic!("vector member {key} is not a string: {other:?}"),
    }
}

struct Vector {
    name: String,
    doc: Value<'static>,
}

fn vectors() -> Vec<Vector> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/share");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors/share exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = json::parse(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .into_owned();
            Vector {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                doc,
            }
        })
        .collect()
}

fn expected_error(vector: &Value) -> Option<(String, String)> {
    vector
        .get("error")
        .map(|e| (str_of(e, "code").to_string(), str_of(e, "path").to_string()))
}

/// Runs one vector through the JSON twin (and the typed API when the input
/// is well typed); returns the error code it expects, if any.
fn run_vector(vector: &Vector) -> Option<String> {
    let doc = &vector.doc;
    let name = &vector.name;
    let op = str_of(doc, "op");
    // The same input and expected text the wasm and JS runners use.
    let text = common::share_input_text(doc);
    let outcome = match op {
        "encode" => encode_share_code_json(&text),
        "decode" => decode_share_code_json(&text),
        other => panic!("{name}: unknown op {other}"),
    };
    match expected_error(doc) {
        Some((code, path)) => {
            let err = outcome.expect_err(&format!("{name}: expected {code} at {path}"));
            assert_eq!(
                (err.code.as_str(), err.path.as_str()),
                (code.as_str(), path.as_str()),
                "{name}: {}",
                err.message
            );
            assert!(!err.message.is_empty(), "{name}: empty message");
            Some(code)
        }
        None => {
            let out = outcome.unwrap_or_else(|e| panic!("{name}: {e}"));
            let expected = common::share_expected_text(doc).expect("code or result");
            assert_eq!(out, expected, "{name}");
            if doc.get("text").is_none() {
                run_typed(vector, &out);
            }
            None
        }
    }
}

/// The typed API agrees with the JSON twin on a successful vector.
fn run_typed(vector: &Vector, json_out: &str) {
    let doc = &vector.doc;
    let options_text = doc
        .get("options")
        .map(text_of)
        .unwrap_or_else(|| "{}".into());
    if str_of(doc, "op") == "encode" {
        let fields: ShareFields =
            serde_json::from_str(&text_of(doc.get("fields").unwrap())).unwrap();
        let options: EncodeOptions = serde_json::from_str(&options_text).unwrap();
        let code = encode_share_code(&fields, &options).unwrap();
        assert_eq!(
            format!("{{\"code\":\"{code}\"}}"),
            json_out,
            "{}",
            vector.name
        );
    } else {
        let options: DecodeOptions = serde_json::from_str(&options_text).unwrap();
        let decoded = decode_share_code(str_of(doc, "input"), &options).unwrap();
        assert_eq!(
            serde_json::to_string(&decoded).unwrap(),
            json_out,
            "{}",
            vector.name
        );
    }
}

#[test]
fn golden_vectors() {
    let all = vectors();
    assert!(all.len() >= 40, "only {} share vectors", all.len());
    let mut codes_seen = BTreeSet::new();
    let (mut encodes, mut decodes) = (0, 0);
    for vector in &all {
        if str_of(&vector.doc, "op") == "encode" {
            encodes += 1;
        } else {
            decodes += 1;
        }
        if let Some(code) = run_vector(vector) {
            codes_seen.insert(code);
        }
    }
    for code in [
        ErrorCode::InvalidField,
        ErrorCode::TooLong,
        ErrorCode::InvalidKey,
        ErrorCode::Malformed,
        ErrorCode::BadCheck,
        ErrorCode::UnsupportedVersion,
        ErrorCode::BadSignature,
        ErrorCode::UnsignedCode,
        ErrorCode::Expired,
    ] {
        assert!(
            codes_seen.contains(code.as_str()),
            "no vector for {}",
            code.as_str()
        );
    }
    assert!(
        encodes >= 20 && decodes >= 20,
        "{encodes} encode, {decodes} decode vectors"
    );
}

// ---------------------------------------------------------------------------
// Typos and transpositions

fn fields(
    page: Page,
    target: Option<&str>,
    promoter: &str,
    channel: Channel,
    issued_at: u64,
) -> ShareFields {
    ShareFields {
        page,
        target_id: target.map(String::from),
        promoter_id: promoter.into(),
        group_id: None,
        channel,
        campaign_id: None,
        coupon_id: None,
        issued_at,
    }
}

fn budget_fields() -> ShareFields {
    fields(
        Page::Item,
        Some("100012345678"),
        "1234567890",
        Channel::Group,
        1_764_000_000_000,
    )
}

fn sample_codes() -> Vec<String> {
    let mut codes = Vec::new();
    let loose = EncodeOptions {
        key: None,
        max_length: Some(128),
    };
    let signed = EncodeOptions {
        key: Some(KEY16.into()),
        max_length: Some(128),
    };
    let max20 = "99999999999999999999".to_string();
    let full = ShareFields {
        group_id: Some(max20.clone()),
        campaign_id: Some("77".into()),
        coupon_id: Some(max20.clone()),
        ..fields(Page::Invite, Some(&max20), &max20, Channel::Qr, MAX_TIME_MS)
    };
    let home = fields(Page::Home, None, "0", Channel::Group, EPOCH_MS);
    let group = ShareFields {
        group_id: Some("2000000001".into()),
        ..budget_fields()
    };
    for f in [budget_fields(), full, home, group] {
        codes.push(encode_share_code(&f, &loose).unwrap());
        codes.push(encode_share_code(&f, &signed).unwrap());
    }
    // Plus every code the vectors hold.
    for vector in vectors() {
        if let Some(Value::String(code)) = vector.doc.get("code") {
            codes.push(code.to_string());
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

/// Every mutation is rejected with `badCheck`: the check is verified before
/// anything else is read (the version included), and the substitutions stay
/// inside the alphabet, so the frame's length and alphabet still pass.
#[test]
fn every_typo_and_adjacent_swap_is_caught() {
    let codes = sample_codes();
    let (mut substitutions, mut swaps) = (0usize, 0usize);
    let options = DecodeOptions::default();
    for code in &codes {
        assert!(decode_share_code(code, &options).is_ok(), "{code}");
        let bytes = code.as_bytes();
        for i in 0..bytes.len() {
            for &c in ALPHABET {
                if c == bytes[i] {
                    continue;
                }
                let mut mutated = bytes.to_vec();
                mutated[i] = c;
                let mutated = String::from_utf8(mutated).unwrap();
                let err = decode_share_code(&mutated, &options).expect_err(&mutated);
                assert_eq!(err.code, ErrorCode::BadCheck, "{code} -> {mutated}: {err}");
                substitutions += 1;
            }
            if i + 1 < bytes.len() && bytes[i] != bytes[i + 1] {
                let mut mutated = bytes.to_vec();
                mutated.swap(i, i + 1);
                let mutated = String::from_utf8(mutated).unwrap();
                let err = decode_share_code(&mutated, &options).expect_err(&mutated);
                assert_eq!(err.code, ErrorCode::BadCheck, "{code} -> {mutated}: {err}");
                swaps += 1;
            }
        }
    }
    assert!(codes.len() >= 20, "{} codes", codes.len());
    assert!(
        substitutions > 30_000 && swaps > 500,
        "{substitutions} substitutions, {swaps} swaps"
    );
}

// ---------------------------------------------------------------------------
// Length budget (SPEC 9)

fn len_of(f: &ShareFields, key: Option<&str>) -> usize {
    let options = EncodeOptions {
        key: key.map(String::from),
        max_length: Some(128),
    };
    encode_share_code(f, &options).unwrap().len()
}

#[test]
fn budget_lengths_are_exact() {
    let issued = 1_764_000_000_000; // 2025-11-24T16:00Z
    let budget = budget_fields();
    let worst = fields(
        Page::Item,
        Some("999999999999"),
        "9999999999",
        Channel::Qr,
        issued,
    );
    let with_group = |f: &ShareFields, g: &str| ShareFields {
        group_id: Some(g.into()),
        ..f.clone()
    };
    // Item + 12-digit sku + 10-digit promoter + channel + hour.
    assert_eq!(len_of(&budget, None), 21);
    assert_eq!(len_of(&worst, None), 21);
    assert_eq!(len_of(&budget, Some(KEY16)), 28);
    assert_eq!(len_of(&worst, Some(KEY16)), 28);
    // The same plus a 10-digit group id.
    assert_eq!(len_of(&with_group(&budget, "2000000001"), None), 27);
    assert_eq!(len_of(&with_group(&worst, "9999999999"), None), 27);
    assert_eq!(len_of(&with_group(&budget, "2000000001"), Some(KEY16)), 34);
    // The default maxLength refuses the signed group case.
    let err = encode_share_code(
        &with_group(&budget, "2000000001"),
        &EncodeOptions {
            key: Some(KEY16.into()),
            max_length: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::TooLong);

    // The length depends only on which fields are present, each id's digit
    // count and the hour. Where it grows (docs/share-code.md):
    let at = |f: &ShareFields, ms: u64| ShareFields {
        issued_at: ms,
        ..f.clone()
    };
    let budget_steps = [
        (2_595_906_000_000 - HOUR_MS, 21), // 2052-04-05T04:00Z
        (2_595_906_000_000, 22),           // 2052-04-05T05:00Z
        (64_698_213_600_000, 23),          // 4020-03-15T22:00Z
        (MAX_TIME_MS, 24),
    ];
    for (ms, len) in budget_steps {
        assert_eq!(len_of(&at(&worst, ms), None), len, "budget at {ms}");
        assert_eq!(
            len_of(&at(&worst, ms), Some(KEY16)),
            len + 7,
            "signed budget at {ms}"
        );
    }
    let group_worst = with_group(&worst, "9999999999");
    let group_steps = [
        (1_899_093_600_000 - HOUR_MS, 27), // 2030-03-07T05:00Z
        (1_899_093_600_000, 28),           // 2030-03-07T06:00Z
        (21_495_902_400_000, 29),          // 2651-03-07T04:00Z
        (MAX_TIME_MS, 30),
    ];
    for (ms, len) in group_steps {
        assert_eq!(
            len_of(&at(&group_worst, ms), None),
            len,
            "group budget at {ms}"
        );
    }
    // So the budget (24 / 32 / 32) holds for every valid issuedAt.
    assert!(len_of(&at(&worst, MAX_TIME_MS), None) <= 24);
    assert!(len_of(&at(&worst, MAX_TIME_MS), Some(KEY16)) <= 32);
    assert!(len_of(&at(&group_worst, MAX_TIME_MS), None) <= 32);
    // Shortest and longest codes.
    assert_eq!(
        len_of(
            &fields(Page::Home, None, "0", Channel::Group, EPOCH_MS),
            None
        ),
        4
    );
    let max20 = "99999999999999999999";
    let longest = ShareFields {
        group_id: Some(max20.into()),
        campaign_id: Some(max20.into()),
        coupon_id: Some(max20.into()),
        ..fields(Page::Item, Some(max20), max20, Channel::Qr, MAX_TIME_MS)
    };
    assert_eq!(len_of(&longest, None), 69);
    assert_eq!(len_of(&longest, Some(KEY16)), 76);
}

// ---------------------------------------------------------------------------
// Round trip

mod round_trip {
    use super::*;
    use proptest::prelude::*;

    fn decimal_id() -> impl Strategy<Value = String> {
        (1u32..=20, any::<u128>()).prop_map(|(digits, raw)| {
            let low = if digits == 1 {
                0
            } else {
                10u128.pow(digits - 1)
            };
            let high = 10u128.pow(digits);
            (low + raw % (high - low)).to_string()
        })
    }

    fn share_fields() -> impl Strategy<Value = ShareFields> {
        (
            prop::sample::select(Page::ALL.to_vec()),
            decimal_id(),
            decimal_id(),
            prop::option::of(decimal_id()),
            prop::sample::select(Channel::ALL.to_vec()),
            prop::option::of(decimal_id()),
            prop::option::of(decimal_id()),
            prop_oneof![
                EPOCH_MS..=MAX_TIME_MS,
                EPOCH_MS..EPOCH_MS + 100 * 365 * 24 * HOUR_MS,
            ],
        )
            .prop_map(
                |(page, target, promoter, group, channel, campaign, coupon, issued_at)| {
                    ShareFields {
                        page,
                        target_id: (page != Page::Home).then_some(target),
                        promoter_id: promoter,
                        group_id: group,
                        channel,
                        campaign_id: campaign,
                        coupon_id: coupon,
                        issued_at,
                    }
                },
            )
    }

    fn hex_key() -> impl Strategy<Value = String> {
        prop::collection::vec(any::<u8>(), 16..=64)
            .prop_map(|bytes| bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    fn floored(f: &ShareFields) -> ShareFields {
        ShareFields {
            issued_at: EPOCH_MS + (f.issued_at - EPOCH_MS) / HOUR_MS * HOUR_MS,
            ..f.clone()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn unsigned_round_trip(f in share_fields()) {
            let code = encode_share_code(&f, &EncodeOptions { key: None, max_length: Some(128) }).unwrap();
            prop_assert!(code.bytes().all(|b| b.is_ascii_alphanumeric()));
            let decoded = decode_share_code(&code, &DecodeOptions::default()).unwrap();
            prop_assert_eq!(decoded, DecodedShare { fields: floored(&f), signed: false, verified: false });
            // Re-encoding the decoded fields gives the same code.
            let again = encode_share_code(&floored(&f), &EncodeOptions { key: None, max_length: Some(128) }).unwrap();
            prop_assert_eq!(again, code);
        }

        #[test]
        fn signed_round_trip(f in share_fields(), key in hex_key(), other in hex_key()) {
            let options = EncodeOptions { key: Some(key.clone()), max_length: Some(128) };
            let code = encode_share_code(&f, &options).unwrap();
            let with_key = DecodeOptions { key: Some(key.clone()), require_signature: Some(true), ..DecodeOptions::default() };
            let decoded = decode_share_code(&code, &with_key).unwrap();
            prop_assert_eq!(decoded, DecodedShare { fields: floored(&f), signed: true, verified: true });
            let without_key = decode_share_code(&code, &DecodeOptions::default()).unwrap();
            prop_assert_eq!(without_key, DecodedShare { fields: floored(&f), signed: true, verified: false });
            if other != key {
                let wrong = DecodeOptions { key: Some(other), ..DecodeOptions::default() };
                let err = decode_share_code(&code, &wrong).unwrap_err();
                prop_assert_eq!(err.code, ErrorCode::BadSignature);
            }
        }

        #[test]
        fn json_twins_round_trip(f in share_fields()) {
            let text = serde_json::json!({ "fields": f, "options": { "maxLength": 128 } }).to_string();
            let encoded: serde_json::Value = serde_json::from_str(&encode_share_code_json(&text).unwrap()).unwrap();
            let code = encoded["code"].as_str().unwrap().to_string();
            let decoded = decode_share_code_json(&serde_json::json!({ "input": code }).to_string()).unwrap();
            let expected = serde_json::to_string(&DecodedShare { fields: floored(&f), signed: false, verified: false }).unwrap();
            prop_assert_eq!(decoded, expected);
        }

        #[test]
        fn decoder_never_panics(input in "\\PC{0,80}", selector in any::<u8>()) {
            let options = DecodeOptions {
                key: (selector & 1 == 1).then(|| KEY16.to_string()),
                require_signature: Some(selector & 2 == 2),
                now: Some(1_764_000_000_000),
                max_age_ms: (selector & 4 == 4).then_some(86_400_000),
            };
            let _ = decode_share_code(&input, &options);
            let _ = decode_share_code_json(&input);
        }
    }
}
