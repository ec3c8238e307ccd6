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

/// The share-code vectors (SPEC 9), named `share/NNN-....json`.
fn share_vector_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/share");
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("tests/vectors/share exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&p).expect("readable share vector");
            (format!("share/{name}"), text)
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
    for (name, text) in share_vector_files() {
        let vector = sharecart::json::parse(&text).expect("share vector parses");
        for member in ["fields", "input", "options"] {
            if let Some(value) = vector.get(member) {
                check(value, &name);
            }
        }
    }
}

/// The sections of SPEC.md (spec 2), as its headings number them.
const SPEC_SECTIONS: [&str; 16] = [
    "0", "1", "1.1", "1.2", "2", "3", "4", "5", "6", "7", "7a", "8", "9", "10", "11", "12",
];

/// The sections named by a description that starts "SPEC <section>" or
/// "SPEC <section>, <section>, ...", or `None` when it does not start so.
fn sections_pinned(description: &str) -> Option<Vec<&str>> {
    let mut rest = description.strip_prefix("SPEC ")?;
    let mut sections = Vec::new();
    loop {
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(rest.len());
        let (section, after) = rest.split_at(end);
        if section.is_empty() {
            return None;
        }
        sections.push(section);
        match after.strip_prefix(", ") {
            Some(next) if next.starts_with(|c: char| c.is_ascii_digit()) => rest = next,
            _ => return Some(sections),
        }
    }
}

#[test]
fn sections_pinned_reads_one_or_several_sections() {
    assert_eq!(sections_pinned("SPEC 4: best mode"), Some(vec!["4"]));
    assert_eq!(
        sections_pinned("SPEC 1, 7a: the example"),
        Some(vec!["1", "7a"])
    );
    assert_eq!(
        sections_pinned("SPEC 1.1 (spec 2): limits"),
        Some(vec!["1.1"])
    );
    assert_eq!(sections_pinned("SPEC 6 reference through"), Some(vec!["6"]));
    assert_eq!(
        sections_pinned("SPEC 4, 5, 6: shipping"),
        Some(vec!["4", "5", "6"])
    );
    assert_eq!(sections_pinned("SPEC section 1"), Some(vec!["section"]));
    assert_eq!(sections_pinned("SPEC : nothing"), None);
    assert_eq!(sections_pinned("Unit prices: SPEC 2"), None);
}

/// Every vector says which rule it pins: its description starts with
/// "SPEC <section>" (several allowed, "SPEC 4, 6: ...") naming sections
/// that exist, so a reader can find the rule and a vector that pins
/// nothing stands out (issue 13).
#[test]
fn every_vector_description_names_its_spec_section() {
    let files: Vec<(String, String)> = pricing_vector_files()
        .into_iter()
        .chain(share_vector_files())
        .collect();
    assert!(files.len() >= 300, "only {} vectors", files.len());
    let offenders: Vec<String> = files
        .iter()
        .filter_map(|(name, text)| {
            let vector = sharecart::json::parse(text).expect("vector parses");
            let description = vector
                .get("description")
                .and_then(|value| value.as_str())
                .unwrap_or("");
            let unknown: Vec<&str> = match sections_pinned(description) {
                None => return Some(format!("{name}: does not start with \"SPEC <section>\"")),
                Some(sections) => sections
                    .into_iter()
                    .filter(|section| !SPEC_SECTIONS.contains(section))
                    .collect(),
            };
            (!unknown.is_empty()).then(|| format!("{name}: no SPEC section {}", unknown.join(", ")))
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "{} vectors do not name the SPEC section they pin:\n{}",
        offenders.len(),
        offenders.join("\n")
    );
}
