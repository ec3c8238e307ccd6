//! SPEC 1.1 "Bounded work": time of every hostile request (the JSON reader,
//! the scopes and the coupon search) natively, and the
//! requests written to `target/hostile/` for `scripts/bench-hostile.mjs`,
//! which replays them in wasm (Node) and reports time and memory.
//!
//!     cargo bench --bench hostile      (make bench runs both)

#[path = "../tests/common/hostile.rs"]
#[allow(dead_code)] // the expected payables are for the tests
mod hostile;

use std::path::Path;
use std::time::Instant;

const RUNS: usize = 5;

fn median_ms(text: &str) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let outcome = sharecart::price_cart_json(text);
            let elapsed = start.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(outcome).ok();
            elapsed
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/hostile");
    std::fs::create_dir_all(&dir).expect("target/hostile");
    let mut report = Vec::new();
    println!("hostile requests, native, median of {RUNS} calls");
    for case in hostile::cases() {
        let ms = median_ms(&case.text);
        println!("{:24} {:>9} B {:>9.2} ms", case.name, case.text.len(), ms);
        std::fs::write(dir.join(format!("{}.json", case.name)), &case.text).expect("write case");
        report.push(format!("\"{}\":{ms:.3}", case.name));
    }
    println!("adversarial coupon searches, native, median of {RUNS} calls");
    for case in hostile::search_cases() {
        let ms = median_ms(&case.text);
        println!("{:36} {:>9} B {:>9.2} ms", case.name, case.text.len(), ms);
        std::fs::write(dir.join(format!("{}.json", case.name)), &case.text).expect("write case");
        report.push(format!("\"{}\":{ms:.3}", case.name));
    }
    let native = format!("{{{}}}\n", report.join(","));
    std::fs::write(dir.join("native.json"), native).expect("write native.json");
}
