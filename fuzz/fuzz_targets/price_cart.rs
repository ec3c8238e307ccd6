//! Any text through the pricing and preview entry points: a result or a
//! typed error, never a panic; a result is always JSON whose totals satisfy
//! `payable = Σ lines.paid + Σ shipping net`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "identity.rs"]
mod identity;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = sharecart::preview_share_card_json(text);
    let Ok(output) = sharecart::price_cart_json(text) else { return };
    identity::check_payable(&output);
});
