//! Issue 4 benchmarks: `price_cart_json` (text in, text out — the call the
//! CLI and the wasm package make) on the three carts kept next to this file.
//!
//!     cargo bench --bench pricing              # all three, about a minute
//!     cargo bench --bench pricing -- typical   # one cart
//!
//! The carts are written by `benches/make_carts.py` (deterministic). Before
//! timing, each cart is priced once and checked: it must price, and
//! `typical` and `large` must come back with `couponSearch.optimal: true`
//! (the target for `large` is "< 2 ms with optimal true").
//!
//! After criterion's own report, a table of the **median** per call is
//! printed from criterion's `new/estimates.json` files;
//! `scripts/bench-wasm.mjs` reads the same files to compute wasm/native
//! ratios, and `docs/performance.md` records the figures.

use criterion::{black_box, Criterion};
use std::path::PathBuf;
use std::time::Duration;

struct Cart {
    name: &'static str,
    text: &'static str,
    /// The native median target, in microseconds.
    target_us: f64,
    must_be_optimal: bool,
}

const CARTS: [Cart; 3] = [
    Cart {
        name: "typical",
        text: include_str!("typical.json"),
        target_us: 50.0,
        must_be_optimal: true,
    },
    Cart {
        name: "large",
        text: include_str!("large.json"),
        target_us: 2_000.0,
        must_be_optimal: true,
    },
    Cart {
        name: "extreme",
        text: include_str!("extreme.json"),
        target_us: 50_000.0,
        must_be_optimal: false,
    },
];

/// `"couponSearch":{"optimal":…,"combinationsTried":…}` of a result text.
fn search_summary(result: &str) -> (bool, u64) {
    let tail = result
        .split("\"couponSearch\":")
        .nth(1)
        .expect("best mode reports couponSearch");
    let optimal = tail.starts_with("{\"optimal\":true");
    let tried = tail
        .split("\"combinationsTried\":")
        .nth(1)
        .and_then(|t| t.split(|ch: char| !ch.is_ascii_digit()).next())
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    (optimal, tried)
}

fn check_carts() -> Vec<(bool, u64)> {
    CARTS
        .iter()
        .map(|cart| {
            let result = sharecart::price_cart_json(cart.text)
                .unwrap_or_else(|e| panic!("benches/{}.json does not price: {e:?}", cart.name));
            let (optimal, tried) = search_summary(&result);
            assert!(
                optimal || !cart.must_be_optimal,
                "benches/{}.json: couponSearch.optimal is false",
                cart.name
            );
            (optimal, tried)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("price_cart_json");
    for cart in &CARTS {
        if cart.name == "extreme" {
            group.sample_size(20);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(3));
        } else {
            group.sample_size(50);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(3));
        }
        group.bench_function(cart.name, |b| {
            b.iter(|| sharecart::price_cart_json(black_box(cart.text)))
        });
    }
    group.finish();
}

/// Where criterion writes its reports (its own rule: `CRITERION_HOME`, else
/// `$CARGO_TARGET_DIR/criterion`, else next to this executable's target dir).
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    // target/<profile>/deps/pricing-<hash>
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("criterion")))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// The median point estimate (ns) of one benchmark, if criterion wrote it.
fn median_ns(name: &str) -> Option<f64> {
    let path = criterion_home()
        .join("price_cart_json")
        .join(name)
        .join("new")
        .join("estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let tail = text.split("\"median\":").nth(1)?;
    let tail = tail.split("\"point_estimate\":").nth(1)?;
    let number: String = tail
        .chars()
        .take_while(|ch| ch.is_ascii_digit() || matches!(ch, '.' | 'e' | 'E' | '-' | '+'))
        .collect();
    number.parse().ok()
}

fn print_medians(search: &[(bool, u64)]) {
    println!();
    println!("price_cart_json, native, median per call (criterion)");
    println!(
        "{:<8} {:>12} {:>12} {:>8}  {:<8} combinationsTried",
        "cart", "median", "target", "met", "optimal"
    );
    for (cart, (optimal, tried)) in CARTS.iter().zip(search) {
        let (median, met) = match median_ns(cart.name) {
            Some(ns) => (
                format!("{:.1} µs", ns / 1_000.0),
                if ns / 1_000.0 < cart.target_us {
                    "yes"
                } else {
                    "NO"
                },
            ),
            None => ("—".to_string(), "—"),
        };
        println!(
            "{:<8} {:>12} {:>12} {:>8}  {:<8} {}",
            cart.name,
            median,
            format!("< {} µs", cart.target_us),
            met,
            optimal,
            tried
        );
    }
}

fn main() {
    let search = check_carts();
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
    // `cargo test --benches` runs this binary in test mode: no estimates.
    if std::env::args().any(|a| a == "--bench") {
        print_medians(&search);
    }
}
