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

/// One adversarial coupon-search request and what it must come to.
#[allow(dead_code)] // the bench reads only the name and the text
pub struct SearchCase {
    pub name: &'static str,
    pub text: String,
    /// The exact payable (worked out in the generator's comment).
    pub payable: &'static str,
    pub optimal: bool,
    /// The applied coupons, sorted, when the pick is proven optimal.
    pub applied: Vec<String>,
}

fn coupon_search_request(shops: &[String], lines: &[String], coupons: &[String]) -> String {
    format!(
        r#"{{"now":0,"shops":[{}],"lines":[{}],"coupons":[{}]}}"#,
        shops.join(","),
        lines.join(","),
        coupons.join(",")
    )
}

/// 99 shops (fee 10.00 each), `lines_per_shop` lines of 100.00 / n per
/// shop, two shop coupons of 7.77 per shop (equal value, same lines), one
/// uncapped 0.95 platform coupon and an order-wide shipping coupon with a
/// threshold of 0.01: 3^99 × 4 combinations. Every shop coupon nets
/// 7.77 − 0.05 × 7.77 > 0, so the pick is the smaller id of each pair,
/// the platform and the shipping coupon: goods 9,900.00 − 769.23 =
/// 9,130.77, platform 9,130.77 − round(8,674.2315) = 456.54, shipping
/// 990.00 − 10.00: payable 8,674.23 + 980.00 = 9,654.23.
fn equal_ties_thresholded_shipping(lines_per_shop: usize) -> String {
    let shops: Vec<String> = (0..99)
        .map(|s| format!(r#"{{"id":"s{s}","shipping":{{"fee":"10.00"}}}}"#))
        .collect();
    let price = 10_000 / lines_per_shop;
    let lines: Vec<String> = (0..99)
        .flat_map(|s| {
            (0..lines_per_shop).map(move |l| {
                format!(
                    r#"{{"id":"L{s}_{l}","skuId":"{l}","shopId":"s{s}","listPrice":"{}.{:02}","quantity":1}}"#,
                    price / 100,
                    price % 100
                )
            })
        })
        .collect();
    let mut coupons: Vec<String> = (0..99)
        .flat_map(|s| {
            ["a", "b"].map(|p| {
                format!(r#"{{"id":"{p}{s}","kind":"amountOff","stage":"shop","shopId":"s{s}","off":"7.77"}}"#)
            })
        })
        .collect();
    coupons.push(r#"{"id":"P","kind":"payRatio","stage":"platform","payRatio":"0.95"}"#.into());
    coupons.push(
        r#"{"id":"H","kind":"shipping","stage":"shipping","threshold":"0.01","off":"10.00"}"#
            .into(),
    );
    coupon_search_request(&shops, &lines, &coupons)
}

/// 100 shops of one 100.00 line, a 10.00 shop coupon each, and 100
/// platform coupons `Pk` (threshold 10,000.00 − 10.00·k, off 5.00 + k fen,
/// or `big_off` for P50): with j shop coupons the platform amount is
/// 10,000.00 − 10.00·j, so `Pk` allows at most k shop coupons: saving
/// 10.00·k + its off. Without `big_off` the best is P99's 990.00 + 5.99 =
/// 995.99 < 1,000.00 for the 100 shop coupons alone: payable 9,000.00.
/// With P50 off 600.00: 500.00 + 600.00 = 1,100.00, payable 8,900.00, and
/// C(100, 50) subsets of shops tie on it (the tie rule then wants the
/// smallest sorted ids, which no bound on savings separates: the search
/// settles them by the ids themselves).
fn near_threshold_platforms(big_off: bool) -> String {
    let shops: Vec<String> = (0..100).map(|s| format!(r#"{{"id":"s{s}"}}"#)).collect();
    let lines: Vec<String> = (0..100)
        .map(|s| {
            format!(
                r#"{{"id":"L{s}","skuId":"{s}","shopId":"s{s}","listPrice":"100.00","quantity":1}}"#
            )
        })
        .collect();
    let mut coupons: Vec<String> = (0..100)
        .map(|s| {
            format!(
                r#"{{"id":"c{s}","kind":"amountOff","stage":"shop","shopId":"s{s}","off":"10.00"}}"#
            )
        })
        .collect();
    coupons.extend((0..100).map(|k| {
        let threshold = 1_000_000 - 1_000 * k;
        let off = if big_off && k == 50 { 60_000 } else { 500 + k };
        format!(
            r#"{{"id":"P{k}","kind":"amountOff","stage":"platform","threshold":"{}.{:02}","off":"{}.{:02}"}}"#,
            threshold / 100,
            threshold % 100,
            off / 100,
            off % 100
        )
    }));
    coupon_search_request(&shops, &lines, &coupons)
}

/// 3 shops (fee 10.00 each) of 160 lines of 6.25, 30 shop coupons each
/// (off 100.00, 102.00, … 158.00), 15 platform coupons `Pj` (j = 16 … 30,
/// off 1,000.00, threshold 2,699.99 − 2.00·j) and an order-wide shipping
/// coupon `H` (off 10.00, threshold 1,600.00): 31³ × 16 × 2 = 953,312
/// combinations, within the exactness bound. `Pj` allows shop coupons
/// worth at most 300.01 + 2.00·j, and sums of whole even yuan never fill
/// it to the fen, so no bound on savings cuts the search short; `H` may
/// fail (3,000.00 − 3 × 158.00 − 1,000.00 = 1,526.00 < 1,600.00), so its
/// threshold is checked at the leaves. Best: P30 with three coupons worth
/// 360.00 (two reach at most 316.00) and H (goods 3,000.00 − 360.00 −
/// 1,000.00 = 1,640.00 >= 1,600.00): saving 1,370.00 (without a platform
/// coupon: 474.00 + 10.00), payable 3,030.00 − 1,370.00 = 1,660.00. Many
/// triples sum to 360.00; the smallest sorted ids are H, P30, s0c00
/// (100.00), s1c01 (102.00), s2c29 (158.00).
fn three_shops_thirty_each() -> String {
    let shops: Vec<String> = (0..3)
        .map(|s| format!(r#"{{"id":"s{s}","shipping":{{"fee":"10.00"}}}}"#))
        .collect();
    let lines: Vec<String> = (0..3)
        .flat_map(|s| {
            (0..160).map(move |l| {
                format!(r#"{{"id":"L{s}_{l}","skuId":"{l}","shopId":"s{s}","listPrice":"6.25","quantity":1}}"#)
            })
        })
        .collect();
    let mut coupons: Vec<String> = (0..3)
        .flat_map(|s| {
            (0..30).map(move |k| {
                format!(
                    r#"{{"id":"s{s}c{k:02}","kind":"amountOff","stage":"shop","shopId":"s{s}","off":"{}.00"}}"#,
                    100 + 2 * k
                )
            })
        })
        .collect();
    coupons.extend((16..31).map(|j| {
        let threshold = 269_999 - 200 * j;
        format!(
            r#"{{"id":"P{j:02}","kind":"amountOff","stage":"platform","off":"1000.00","threshold":"{}.{:02}"}}"#,
            threshold / 100,
            threshold % 100
        )
    }));
    coupons.push(
        r#"{"id":"H","kind":"shipping","stage":"shipping","off":"10.00","threshold":"1600.00"}"#
            .into(),
    );
    coupon_search_request(&shops, &lines, &coupons)
}

/// 18 shops of one 100.00 line, a 10.00 shop coupon each, `P` (off
/// 600.00, threshold 1,710.00: at most 9 shop coupons) and `Q` (off 0.01):
/// 2^18 × 3 = 786,432 combinations, within the exactness bound, of which
/// C(18, 9) = 48,620 tie on the best saving 90.00 + 600.00 = 690.00
/// (payable 1,800.00 − 690.00 = 1,110.00); the smallest sorted ids are
/// P and the first nine of c0 … c17 in code-point order: c0, c1, c10 … c16.
fn ties_within_bound() -> String {
    let shops: Vec<String> = (0..18).map(|s| format!(r#"{{"id":"s{s}"}}"#)).collect();
    let lines: Vec<String> = (0..18)
        .map(|s| {
            format!(
                r#"{{"id":"L{s}","skuId":"{s}","shopId":"s{s}","listPrice":"100.00","quantity":1}}"#
            )
        })
        .collect();
    let mut coupons: Vec<String> = (0..18)
        .map(|s| {
            format!(
                r#"{{"id":"c{s}","kind":"amountOff","stage":"shop","shopId":"s{s}","off":"10.00"}}"#
            )
        })
        .collect();
    coupons.push(
        r#"{"id":"P","kind":"amountOff","stage":"platform","threshold":"1710.00","off":"600.00"}"#
            .into(),
    );
    coupons.push(r#"{"id":"Q","kind":"amountOff","stage":"platform","off":"0.01"}"#.into());
    coupon_search_request(&shops, &lines, &coupons)
}

/// 100 shops of one 500.00 line, shop coupon `ck` of (2k + 2).00 in shop
/// k (2.00 … 200.00) and `P` (off 20,000.00, threshold 48,999.99: shop
/// coupons worth at most 1,000.01). Sums of even yuan never fill that to
/// the fen, so every bound on savings stays a fen above the best and
/// nothing cuts the 2^100 subsets but the threshold: the budget ends the
/// search (`optimal: false`). Its first leaf already fills 1,000.00
/// (200 + 198 + 196 + 194 + 192 + 20), the most possible: saving
/// 1,000.00 plus 20,000.00 (the coupons alone give 10,100.00), payable
/// 50,000.00 − 21,000.00 = 29,000.00.
fn subset_sum_platform() -> String {
    let shops: Vec<String> = (0..100).map(|s| format!(r#"{{"id":"s{s}"}}"#)).collect();
    let lines: Vec<String> = (0..100)
        .map(|s| {
            format!(
                r#"{{"id":"L{s}","skuId":"{s}","shopId":"s{s}","listPrice":"500.00","quantity":1}}"#
            )
        })
        .collect();
    let mut coupons: Vec<String> = (0..100)
        .map(|s| {
            format!(
                r#"{{"id":"c{s}","kind":"amountOff","stage":"shop","shopId":"s{s}","off":"{}.00"}}"#,
                2 * s + 2
            )
        })
        .collect();
    coupons.push(
        r#"{"id":"P","kind":"amountOff","stage":"platform","threshold":"48999.99","off":"20000.00"}"#
            .into(),
    );
    coupon_search_request(&shops, &lines, &coupons)
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

/// The smaller id of each shop's pair, the platform and the shipping coupon.
fn equal_ties_pick() -> Vec<String> {
    let mut ids: Vec<String> = (0..99).map(|s| format!("a{s}")).collect();
    ids.push("P".into());
    ids.push("H".into());
    sorted(ids)
}

/// The adversarial coupon-search shapes of SPEC 1.1 "Bounded work".
pub fn search_cases() -> Vec<SearchCase> {
    vec![
        SearchCase {
            name: "search-equal-ties-99-shops",
            text: equal_ties_thresholded_shipping(1),
            payable: "9654.23",
            optimal: true,
            applied: equal_ties_pick(),
        },
        SearchCase {
            name: "search-equal-ties-99-shops-5-lines",
            text: equal_ties_thresholded_shipping(5),
            payable: "9654.23",
            optimal: true,
            applied: equal_ties_pick(),
        },
        SearchCase {
            name: "search-near-threshold-platforms",
            text: near_threshold_platforms(false),
            payable: "9000.00",
            optimal: true,
            applied: sorted((0..100).map(|s| format!("c{s}")).collect()),
        },
        SearchCase {
            name: "search-near-threshold-ties",
            text: near_threshold_platforms(true),
            payable: "8900.00",
            optimal: true,
            // The 50 smallest of c0 … c99 in code-point order: c0 … c5
            // and c10 … c53 (c0, c1, c10 … c19, c2, c20 … c29, …, c5,
            // c50 … c53).
            applied: sorted(
                (0..6)
                    .chain(10..54)
                    .map(|s| format!("c{s}"))
                    .chain(["P50".to_string()])
                    .collect(),
            ),
        },
        SearchCase {
            name: "search-3-shops-953312",
            text: three_shops_thirty_each(),
            payable: "1660.00",
            optimal: true,
            applied: sorted(vec![
                "H".into(),
                "P30".into(),
                "s0c00".into(),
                "s1c01".into(),
                "s2c29".into(),
            ]),
        },
        SearchCase {
            name: "search-subset-sum-100-shops",
            text: subset_sum_platform(),
            payable: "29000.00",
            optimal: false,
            applied: Vec::new(),
        },
        SearchCase {
            name: "search-ties-786432",
            text: ties_within_bound(),
            payable: "1110.00",
            optimal: true,
            applied: sorted(
                [
                    "P", "c0", "c1", "c10", "c11", "c12", "c13", "c14", "c15", "c16",
                ]
                .map(String::from)
                .to_vec(),
            ),
        },
    ]
}
