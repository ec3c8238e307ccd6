//! SPEC 1.1 (spec 2): the 4 MiB request-text limit is checked before the
//! text is parsed, on the library's text entry points; large objects are
//! read in linear time.

#![cfg(not(target_arch = "wasm32"))]

use sharecart::{ErrorCode, MAX_REQUEST_BYTES};

fn padded(document: &str, total: usize) -> String {
    format!("{document}{}", " ".repeat(total - document.len()))
}

#[test]
fn a_text_of_exactly_four_mebibytes_is_priced() {
    assert_eq!(MAX_REQUEST_BYTES, 4_194_304);
    let text = padded(r#"{"now":0}"#, MAX_REQUEST_BYTES);
    let result = sharecart::price_cart_json(&text).expect("within the limit");
    assert!(result.contains(r#""payable":"0.00""#), "{result}");
}

#[test]
fn one_byte_more_is_limit_exceeded_at_the_root() {
    let text = padded(r#"{"now":0}"#, MAX_REQUEST_BYTES + 1);
    for error in [
        sharecart::price_cart_json(&text).unwrap_err(),
        sharecart::preview_share_card_json(&text).unwrap_err(),
    ] {
        assert_eq!(
            (error.code, error.path.as_str()),
            (ErrorCode::LimitExceeded, "")
        );
    }
    // Checked before parsing: over-long text that is not JSON gets the same.
    let junk = "x".repeat(MAX_REQUEST_BYTES + 1);
    let error = sharecart::price_cart_json(&junk).unwrap_err();
    assert_eq!(
        (error.code, error.path.as_str()),
        (ErrorCode::LimitExceeded, "")
    );
}

#[test]
fn an_object_of_100000_keys_is_read_and_its_repeat_found() {
    let members: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":0")).collect();
    let extra = format!(r#"{{"now":0,"x":{{{}}}}}"#, members.join(","));
    let result = sharecart::price_cart_json(&extra).expect("unknown field, priced");
    assert!(result.contains(r#""payable":"0.00""#));
    let repeated = format!(r#"{{"now":0,"x":{{{},"k99999":1}}}}"#, members.join(","));
    let error = sharecart::price_cart_json(&repeated).unwrap_err();
    assert_eq!(
        (error.code, error.path.as_str()),
        (ErrorCode::InvalidJson, "")
    );
}
