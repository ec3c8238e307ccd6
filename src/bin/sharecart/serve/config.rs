//! SPEC 10 (HTTP service): `sharecart serve` options and the server's
//! share-code key (from `--share-key-file` or `SHARECART_SHARE_KEY`).

use crate::engine::MAX_REQUEST_BYTES;
use std::time::Duration;

pub struct Config {
    pub bind: String,
    pub workers: usize,
    pub body_limit: usize,
    pub deadline: Duration,
    pub key: Option<String>,
    /// Where the key came from, for the startup line (never the key).
    pub key_source: &'static str,
}

/// Reads the options; `Err` is a usage message (exit 64). It never
/// contains the key.
pub fn parse(args: &[&str]) -> Result<Config, String> {
    let mut config = Config {
        bind: "127.0.0.1:8787".into(),
        workers: crate::batch::default_jobs(),
        body_limit: 1024 * 1024,
        deadline: Duration::from_millis(2000),
        key: None,
        key_source: "none",
    };
    let mut key_file = None;
    let mut rest = args.iter();
    while let Some(&flag) = rest.next() {
        let value = *rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag {
            "--bind" => config.bind = value.into(),
            "--workers" => config.workers = number(flag, value, 1, 1024)?,
            "--body-limit" => config.body_limit = number(flag, value, 1, MAX_REQUEST_BYTES)?,
            "--deadline-ms" => {
                config.deadline = Duration::from_millis(number(flag, value, 1, 3_600_000)? as u64)
            }
            "--share-key-file" => key_file = Some(value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    load_key(&mut config, key_file)?;
    Ok(config)
}

fn number(flag: &str, value: &str, min: usize, max: usize) -> Result<usize, String> {
    value
        .parse::<usize>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| format!("{flag} takes an integer from {min} to {max}"))
}

/// The file wins over the environment; either must hold 16–64 bytes of hex.
fn load_key(config: &mut Config, key_file: Option<&str>) -> Result<(), String> {
    let (text, source) = match key_file {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => (text, "--share-key-file"),
            Err(e) => return Err(format!("cannot read --share-key-file: {e}")),
        },
        None => match std::env::var("SHARECART_SHARE_KEY") {
            Ok(text) if !text.trim().is_empty() => (text, "SHARECART_SHARE_KEY"),
            _ => return Ok(()),
        },
    };
    let key = text.trim().to_string();
    let hex = key.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex || key.len() % 2 != 0 || !(32..=128).contains(&key.len()) {
        return Err(format!(
            "the share key from {source} must be 16 to 64 bytes written as hex (32 to 128 hex digits)"
        ));
    }
    // The library is the judge of keys: a trial encode must accept it.
    let trial = format!(
        r#"{{"fields":{{"page":"home","promoterId":"1","channel":"qr","issuedAt":1764000000000}},"options":{{"key":"{key}","maxLength":64}}}}"#
    );
    if sharecart::encode_share_code_json(&trial).is_err() {
        return Err(format!(
            "the share key from {source} is not accepted by the engine"
        ));
    }
    config.key = Some(key);
    config.key_source = source;
    Ok(())
}
