//! SPEC 1.1 "Bounded work": request texts an attacker would send, each
//! within every limit (at most 4 MiB). Shared by `tests/hostile_input.rs`
//! (exact outcomes natively), `tests/wasm.rs` (the same in Node and
//! Chromium, with the wasm memory after each) and `benches/hostile.rs` (time, and the files the wasm
//! bench script replays).

use sharecart::MAX_REQUEST_BYTES;

/// One hostile request: its name and its text.
pub struct Case {
    pub name: &'static str,
    pub text: String,
}

/// `{"now":0,"x":[item,item,…]}` as long as 4 MiB allows.
fn filled_array(item: &str) -> String {
    let (head, tail) = (r#"{"now":0,"x":["#, "]}");
    let room = MAX_REQUEST_BYTES - head.len() - tail.len();
    let count = (room + 1) / (item.len() + 1);
    let mut text = String::with_capacity(MAX_REQUEST_BYTES);
    text.push_str(head);
    for i in 0..count {
        if i > 0 {
            text.push(',');
        }
        text.push_str(item);
    }
    text.push_str(tail);
    text
}

/// One string of escapes filling 4 MiB.
fn escaped_string(escape: &str) -> String {
    let (head, tail) = (r#"{"now":0,"x":""#, r#""}"#);
    let count = (MAX_REQUEST_BYTES - head.len() - tail.len()) / escape.len();
    format!("{head}{}{tail}", escape.repeat(count))
}

fn many_keys(count: usize) -> String {
    let members: Vec<String> = (0..count).map(|i| format!("\"k{i}\":0")).collect();
    format!(r#"{{"now":0,"x":{{{}}}}}"#, members.join(","))
}

fn id_list(prefix: &str, count: usize) -> String {
    let ids: Vec<String> = (0..count).map(|i| format!("\"{prefix}{i}\"")).collect();
    format!("[{}]", ids.join(","))
}

/// 500 lines of 20 categories each (10,000 distinct); promotions and
/// coupons whose four scope lists hold 1,000 ids each, as many as fit in
/// 4 MiB. Every scope names the shop and the 1,000 categories of the 50
/// unselected lines, so each selected line is checked against every list
/// and matches none: the full cost of a scope check, nothing applied.
fn maximal_scopes() -> String {
    let categories = |line: usize| {
        let ids: Vec<String> = (0..20).map(|j| format!("\"c{line}_{j}\"")).collect();
        format!("[{}]", ids.join(","))
    };
    let lines: Vec<String> = (0..500)
        .map(|i| {
            let selected = i < 450;
            format!(r#"{{"id":"L{i}","skuId":"{i}","shopId":"s","listPrice":"10.00","quantity":1,"selected":{selected},"categoryIds":{}}}"#, categories(i))
        })
        .collect();
    let unselected_categories: Vec<String> = (450..500)
        .flat_map(|i| (0..20).map(move |j| format!("\"c{i}_{j}\"")))
        .collect();
    let mut shops: Vec<String> = (1..1000).map(|i| format!("\"shop{i}\"")).collect();
    shops.push("\"s\"".to_string());
    let scope = format!(
        r#"{{"shopIds":[{}],"skuIds":{},"categoryIds":[{}],"excludeSkuIds":{}}}"#,
        shops.join(","),
        id_list("sku", 1000),
        unselected_categories.join(","),
        id_list("x", 1000)
    );
    let head = format!(
        r#"{{"now":0,"shops":[{{"id":"s"}}],"lines":[{}],"#,
        lines.join(",")
    );
    let promotion = |i: usize| {
        format!(
            r#"{{"id":"P{i}","kind":"everyAmountOff","every":"10.00","off":"1.00","scope":{scope}}}"#
        )
    };
    let coupon = |i: usize| {
        format!(
            r#"{{"id":"C{i}","kind":"amountOff","stage":"platform","off":"1.00","scope":{scope}}}"#
        )
    };
    let room = MAX_REQUEST_BYTES - head.len() - 64;
    let each = promotion(0).len() + 1;
    let scopes = (room / each).min(300);
    let promotions: Vec<String> = (0..scopes.min(100)).map(promotion).collect();
    let coupons: Vec<String> = (0..scopes.saturating_sub(100)).map(coupon).collect();
    format!(
        r#"{head}"promotions":[{}],"coupons":[{}]}}"#,
        promotions.join(","),
        coupons.join(",")
    )
}

/// The payable each case must come to: an unknown member `x` changes no
/// figure; the scopes match no selected line, so the 450 selected lines ×
/// ¥10.00 pay in full.
pub fn expected_payable(name: &str) -> &'static str {
    match name {
        "maximal-scopes" => "4500.00",
        _ => "0.00",
    }
}

/// The paths of the warnings each case lists (SPEC 1.2): the unknown
/// member `x` is one (its content is not examined); the maximal scopes
/// have none.
pub fn expected_warnings(name: &str) -> Vec<String> {
    match name {
        "maximal-scopes" => Vec::new(),
        _ => vec!["x".to_string()],
    }
}

/// Every hostile request shape of the JSON reader and the scopes.
pub const NAMES: [&str; 9] = [
    "keys-100000",
    "empty-objects-4mib",
    "zeros-4mib",
    "empty-strings-4mib",
    "empty-arrays-4mib",
    "unicode-escapes-4mib",
    "short-escapes-4mib",
    "surrogate-pairs-4mib",
    "maximal-scopes",
];

/// The request text of the case named `name` (`NAMES`).
pub fn text(name: &str) -> String {
    match name {
        "keys-100000" => many_keys(100_000),
        "empty-objects-4mib" => filled_array("{}"),
        "zeros-4mib" => filled_array("0"),
        "empty-strings-4mib" => filled_array("\"\""),
        "empty-arrays-4mib" => filled_array("[]"),
        "unicode-escapes-4mib" => escaped_string("\\u00e9"),
        "short-escapes-4mib" => escaped_string("\\n"),
        "surrogate-pairs-4mib" => escaped_string("\\ud83d\\ude00"),
        "maximal-scopes" => maximal_scopes(),
        _ => String::new(),
    }
}

/// The cases one at a time, so only one 4 MiB text is alive at once.
pub fn cases() -> impl Iterator<Item = Case> {
    NAMES.into_iter().map(|name| Case {
        name,
        text: text(name),
    })
}
