//! Every golden vector under tests/vectors/, natively.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fs;
use std::path::Path;

fn pricing_vector_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).expect("readable vector"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_pricing_vector_passes_natively() {
    let files = pricing_vector_files();
    assert!(files.len() >= 80, "only {} vectors", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|(name, text)| common::run_native(name, text).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?` with at most 15 significant digits
/// (or an integer up to 2^53):
/// the numbers `JSON.stringify` writes back exactly as read.
fn spelled_as_javascript_would(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !whole.is_empty()
        && all_digits(whole)
        && all_digits(fraction)
        && (whole == "0" || !whole.starts_with('0'))
        && !fraction.ends_with('0')
        && (digits.contains('.') != fraction.is_empty())
        && text != "-0"
        && (whole.len() + fraction.len() <= 15
            || fraction.is_empty() && whole.parse::<u64>().is_ok_and(|n| n <= 1 << 53))
}

/// JS runners rebuild the request text with `JSON.stringify`; that is the
/// same text only when every number is written as JS writes it. A number
/// like `1.0` or `1e3` belongs in `requestText`.
#[test]
fn request_members_survive_a_javascript_round_trip() {
    use sharecart::json::Value;
    fn check(value: &Value, name: &str) {
        match value {
            Value::Number(text) => assert!(
                spelled_as_javascript_would(text),
                "{name}: number {text} must go in requestText"
            ),
            Value::Array(items) => items.iter().for_each(|v| check(v, name)),
            Value::Object(members) => members.iter().for_each(|(_, v)| check(v, name)),
            _ => {}
        }
    }
    for (name, text) in pricing_vector_files() {
        let vector = sharecart::json::parse(&text).expect("vector parses");
        if let Some(request) = vector.get("request") {
            check(request, &name);
        }
    }
    let share_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/share");
    for entry in fs::read_dir(share_dir).expect("share vectors") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = fs::read_to_string(&path).unwrap();
            let vector = sharecart::json::parse(&text).unwrap();
            for member in ["fields", "input", "options"] {
                if let Some(value) = vector.get(member) {
                    check(value, &path.display().to_string());
                }
            }
        }
    }
}
