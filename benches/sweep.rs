//! Native per-call time of `price_cart_json` on carts given by path (issue
//! 16): the native series of the per-call time against cart size plot and
//! the native column of the browser benchmark (`scripts/bench-wasm.mjs`
//! runs it in the same `make bench` as the wasm measurements).
//!
//!     cargo bench --bench sweep -- benches/typical.json target/bench/sweep/lines-*.json
//!
//! For each file: a warm-up of 0.2 s, then samples of one call each for
//! `SHARECART_SWEEP_SECONDS` (default 1) and at least 30 calls; prints one
//! JSON line per file: `{"file", "calls", "medianNs", "p95Ns"}`.
//! `SHARECART_SWEEP_CALLS=N` makes exactly N timed calls instead (a fixed
//! amount of work, for comparing two builds by their whole run time).

use std::time::{Duration, Instant};

fn measure(text: &str, seconds: f64, calls: Option<usize>) -> (usize, u128, u128) {
    let warm_end =
        Instant::now() + Duration::from_secs_f64(if calls.is_some() { 0.0 } else { 0.2 });
    while Instant::now() < warm_end {
        std::hint::black_box(sharecart::price_cart_json(std::hint::black_box(text)).is_ok());
    }
    let end = Instant::now() + Duration::from_secs_f64(seconds);
    let mut samples = Vec::new();
    let more = |n: usize| match calls {
        Some(calls) => n < calls,
        None => n < 30 || (Instant::now() < end && n < 200_000),
    };
    while more(samples.len()) {
        let start = Instant::now();
        std::hint::black_box(sharecart::price_cart_json(std::hint::black_box(text)).is_ok());
        samples.push(start.elapsed().as_nanos());
    }
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    (samples.len(), at(0.5), at(0.95))
}

fn main() {
    let seconds = std::env::var("SHARECART_SWEEP_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let calls = std::env::var("SHARECART_SWEEP_CALLS")
        .ok()
        .and_then(|s| s.parse().ok());
    // `cargo test --benches` runs this with no file: nothing to do.
    for file in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        if let Err(error) = sharecart::price_cart_json(&text) {
            panic!("{file} does not price: {error:?}");
        }
        let (calls, median, p95) = measure(&text, seconds, calls);
        println!(r#"{{"file":{file:?},"calls":{calls},"medianNs":{median},"p95Ns":{p95}}}"#);
    }
}
