//! Every input the fuzzers kept (fuzz/corpus/) replayed in `cargo test`:
//! a crash found once stays found. Pricing inputs give a result or a typed
//! error (SPEC 8), and a result satisfies the SPEC 7a identities; share-code
//! inputs decode or give a typed error, the same through both twins (SPEC 9).

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("the fuzz corpus is committed")
        .map(|entry| entry.expect("readable entry").path())
        .collect();
    files.sort();
    files
}

fn typed(error: &sharecart::Error) -> Result<(), String> {
    if error.message.is_empty() {
        Err(format!(
            "{} at {:?} has no message",
            error.code.as_str(),
            error.path
        ))
    } else {
        Ok(())
    }
}

fn replay_pricing(text: &str) -> Result<&'static str, String> {
    if let Err(error) = sharecart::preview_share_card_json(text) {
        typed(&error)?;
    }
    match sharecart::price_cart_json(text) {
        Err(error) => typed(&error).map(|()| "refused"),
        Ok(output) => {
            let result: serde_json::Value =
                serde_json::from_str(&output).map_err(|e| format!("result is not JSON: {e}"))?;
            let request: serde_json::Value =
                serde_json::from_str(text).map_err(|e| format!("priced text is not JSON: {e}"))?;
            common::invariants::check(&request, &result).map(|()| "priced")
        }
    }
}

#[test]
fn every_pricing_input_of_the_corpus_prices_or_is_refused_with_a_typed_error() {
    let files = corpus("price_cart");
    let (mut priced, mut refused, mut failures) = (0, 0, Vec::new());
    for path in &files {
        let bytes = fs::read(path).expect("readable corpus file");
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue; // the entry points take UTF-8 text; the fuzzer skips the rest too
        };
        match replay_pricing(text) {
            Ok("priced") => priced += 1,
            Ok(_) => refused += 1,
            Err(why) => failures.push(format!("{}: {why}", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!(
        "price_cart corpus: {} files, {priced} priced, {refused} refused",
        files.len()
    );
    assert!(
        priced > 0 && refused > 0,
        "the corpus exercises both outcomes"
    );
    assert!(
        sharecart::price_cart_json(r#"{"now":0}"#).is_ok(),
        "the engine still works"
    );
}

#[test]
fn every_share_code_input_of_the_corpus_decodes_alike_through_both_twins() {
    use sharecart::share_code::{decode_share_code, decode_share_code_json, DecodeOptions};
    let files = corpus("decode_share_code");
    let mut failures = Vec::new();
    for path in &files {
        let bytes = fs::read(path).expect("readable corpus file");
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let typed_outcome = decode_share_code(text, &DecodeOptions::default());
        let wrapped = serde_json::json!({ "input": text }).to_string();
        let json_outcome = decode_share_code_json(&wrapped);
        let (a, b) = (
            typed_outcome
                .as_ref()
                .map(|_| ())
                .map_err(|e| (e.code, e.path.clone())),
            json_outcome
                .as_ref()
                .map(|_| ())
                .map_err(|e| (e.code, e.path.clone())),
        );
        if a != b {
            failures.push(format!("{}: typed {a:?}, JSON {b:?}", path.display()));
        }
        let _ = decode_share_code_json(text);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("decode_share_code corpus: {} files", files.len());
}
