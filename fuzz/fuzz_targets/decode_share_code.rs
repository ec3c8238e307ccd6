//! Fuzzes the share-code decoder (SPEC 9): arbitrary UTF-8 goes to
//! `decode_share_code` with options chosen from the first bytes, and to
//! `decode_share_code_json` both wrapped as `{"input": ..., "options": ...}`
//! and as raw JSON text. Besides "never panics" it checks two properties:
//! a decoded code re-encodes to fields that decode the same, and a raw
//! unsigned code that decodes is exactly what the encoder writes for its
//! fields (codes are canonical).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sharecart::share_code::{
    decode_share_code, decode_share_code_json, encode_share_code, DecodeOptions, EncodeOptions,
};

const KEYS: [&str; 4] = [
    "000102030405060708090a0b0c0d0e0f",
    "6b6579206f6620746865207368617265636172742073657276657220666f722074657374732121",
    "not hex at all",
    "0001",
];

fn options_from(selector: &[u8]) -> DecodeOptions {
    let byte = |i: usize| selector.get(i).copied().unwrap_or(0);
    let key = match byte(0) % 6 {
        k @ 0..=3 => Some(KEYS[usize::from(k)].to_string()),
        _ => None,
    };
    let time = |b: u8| -> Option<u64> {
        match b % 5 {
            0 => None,
            1 => Some(1_764_000_000_000),
            2 => Some(u64::from(b) * 3_600_000),
            3 => Some(9_007_199_254_740_991),
            _ => Some(u64::MAX),
        }
    };
    DecodeOptions {
        key,
        require_signature: match byte(1) % 3 {
            0 => None,
            1 => Some(true),
            _ => Some(false),
        },
        now: time(byte(2)),
        max_age_ms: time(byte(3)),
    }
}

fuzz_target!(|data: &[u8]| {
    let (selector, rest) = data.split_at(data.len().min(4));
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let options = options_from(selector);

    // The JSON twin, with the text as raw JSON and wrapped as the input.
    let _ = decode_share_code_json(text);
    let wrapped = serde_json::json!({ "input": text, "options": options });
    let via_json = decode_share_code_json(&wrapped.to_string());

    let typed = decode_share_code(text, &options);
    assert_eq!(
        via_json.is_ok(),
        typed.is_ok(),
        "the twins disagree on {text:?}"
    );
    if let (Err(a), Err(b)) = (&via_json, &typed) {
        assert_eq!(
            (a.code, &a.path),
            (b.code, &b.path),
            "the twins disagree on {text:?}"
        );
    }
    let Ok(decoded) = typed else {
        return;
    };

    // Re-encoding the decoded fields gives a code that decodes the same.
    let key = if decoded.verified {
        options.key.clone()
    } else {
        None
    };
    let encode_options = EncodeOptions {
        key: key.clone(),
        max_length: Some(1000),
    };
    let again =
        encode_share_code(&decoded.fields, &encode_options).expect("decoded fields must encode");
    let back = decode_share_code(
        &again,
        &DecodeOptions {
            key,
            ..DecodeOptions::default()
        },
    )
    .expect("a fresh code must decode");
    assert_eq!(back.fields, decoded.fields);

    // Canonical: an unsigned raw code is exactly the encoder's output.
    if !decoded.signed && text.bytes().all(|b| b.is_ascii_alphanumeric()) {
        assert_eq!(again, text, "two codes for the same fields");
    }
    // Signed and verified: the same, tag included.
    if decoded.verified && text.bytes().all(|b| b.is_ascii_alphanumeric()) {
        assert_eq!(again, text, "two signed codes for the same fields");
    }
});
