//! sharecart: cart pricing, coupon stacking, commission previews and share
//! codes — one pure Rust core for the WeChat mini-program, the web and the
//! server. The contract is SPEC.md; this crate's docs say where it was
//! silent (`docs/decisions.md`).
//!
//! ```
//! let result = sharecart::price_cart_json(
//!     r#"{"now":0,"shops":[{"id":"s"}],"lines":[{"id":"L1","skuId":"1","shopId":"s","listPrice":"9.90","quantity":2}]}"#,
//! ).unwrap();
//! assert!(result.contains(r#""payable":"19.80""#));
//! ```

#![warn(missing_docs)]
// A panic in wasm kills the instance for every later call (SPEC 10).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod money;
mod preview;
mod pricing;
mod sort;
mod vocabulary;
// The wire types of SPEC 1 (request), 7a (result) and 8 (error) are public
// through the re-exports below; their fields are documented by those SPEC
// sections (and in TypeScript by the generated declarations), not yet field
// by field here.
#[allow(missing_docs)]
mod error;
#[allow(missing_docs)]
mod request;
#[allow(missing_docs)]
mod result;
/// Share codes (SPEC 9): encode, decode, verify; also re-exported at the root.
pub mod share_code;

/// The JSON reader every target shares (SPEC 0). Public only for the test
/// suites (`tests/common`); not part of the API and not covered by semver.
#[doc(hidden)]
pub mod json;

pub use error::{Error, ErrorCode};
pub use money::Money;
pub use pricing::PricingOptions;
pub use request::wire::*;
pub use result::*;

use request::SelectionPolicy;

/// `{version, spec}` of this build.
pub fn engine_info() -> EngineInfo {
    EngineInfo::current()
}

/// `engine_info()` as compact JSON text, as the CLI prints it.
pub fn engine_info_json() -> String {
    json::text_of(&engine_info())
}

/// Prices a cart (SPEC 1–7a).
pub fn price_cart(request: &PricingRequest) -> Result<PricingResult, Error> {
    price_cart_with(request, &PricingOptions::default())
}

/// `price_cart` with explicit options (a lower search budget, in tests).
pub fn price_cart_with(
    request: &PricingRequest,
    options: &PricingOptions,
) -> Result<PricingResult, Error> {
    price_value(&request.to_json_value(), options)
}

/// The share-card preview (SPEC 7, 分享赚).
pub fn preview_share_card(request: &PricingRequest) -> Result<SharePreview, Error> {
    preview_value(&request.to_json_value(), &PricingOptions::default())
}

/// Text in, text out: the contract as SPEC 0 defines it, used by the CLI
/// and the wasm package. The output is compact JSON.
pub fn price_cart_json(text: &str) -> Result<String, Error> {
    price_cart_json_with(text, &PricingOptions::default())
}

/// `price_cart_json` with explicit options (a lower search budget, in tests).
pub fn price_cart_json_with(text: &str, options: &PricingOptions) -> Result<String, Error> {
    let result = price_value(&read_request(text)?, options)?;
    Ok(json::text_of(&result))
}

/// `preview_share_card` on JSON text, compact JSON out (SPEC 0, 7).
pub fn preview_share_card_json(text: &str) -> Result<String, Error> {
    let preview = preview_value(&read_request(text)?, &PricingOptions::default())?;
    Ok(json::text_of(&preview))
}

/// SPEC 1.1: the longest request text an entry point accepts, in bytes of
/// UTF-8 (4 MiB).
pub const MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;

/// The request text parsed, after the size check: an over-long text is
/// refused before a byte of it is parsed (SPEC 1.1).
fn read_request(text: &str) -> Result<json::Value<'_>, Error> {
    if text.len() > MAX_REQUEST_BYTES {
        return Err(Error::request_too_long());
    }
    json::parse(text)
}

pub use share_code::{
    decode_share_code, decode_share_code_json, encode_share_code, encode_share_code_json, Channel,
    DecodeOptions, DecodedShare, EncodeOptions, Page, ShareFields,
};

// `strict` (SPEC 1.2) is applied last, once the request is otherwise
// valid: a request with a fault gets that fault, whatever its warnings.

fn price_value(value: &json::Value, options: &PricingOptions) -> Result<PricingResult, Error> {
    let cart = request::validate(value, SelectionPolicy::Read)?;
    request::strict_error(cart.strict, &cart.warnings)?;
    Ok(pricing::price(&cart, options))
}

fn preview_value(value: &json::Value, options: &PricingOptions) -> Result<SharePreview, Error> {
    let cart = request::validate(value, SelectionPolicy::ForceBest)?;
    preview::check_one_selected_line(&cart)?;
    request::strict_error(cart.strict, &cart.warnings)?;
    preview::preview(&cart, options)
}

/// The JavaScript facade; public only so wasm tests can call it.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;
