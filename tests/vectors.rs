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
