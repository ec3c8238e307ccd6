//! Random carts for property tests: a seeded generator (proptest supplies
//! the seed) that writes pricing requests as JSON, with amounts and
//! thresholds clustered so that coupon thresholds land near the boundaries.

use serde_json::{json, Value};

/// SplitMix64: small, deterministic, good enough to spread test cases.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.range(1, 100) <= percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

pub fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

fn ratio(rng: &mut Rng) -> String {
    let basis = *rng.pick(&[
        5000, 7000, 8000, 8500, 8800, 9000, 9500, 9999, 3333, 10000, 0,
    ]);
    format!("{}.{:04}", basis / 10000, basis % 10000)
}

/// Shape of the generated wallets.
#[derive(Clone, Copy)]
pub struct Shape {
    pub max_shops: u64,
    pub max_lines: u64,
    pub max_promotions: u64,
    pub max_coupons: u64,
}

pub const SMALL: Shape = Shape {
    max_shops: 3,
    max_lines: 5,
    max_promotions: 2,
    max_coupons: 8,
};

const NOW: u64 = 1_764_000_000_000;

fn window(rng: &mut Rng) -> (Option<u64>, Option<u64>) {
    match rng.range(0, 9) {
        0 => (Some(NOW + 1), None),
        1 => (None, Some(NOW)),
        2 => (Some(NOW), Some(NOW + 1)),
        _ => (None, None),
    }
}

fn put_window(object: &mut Value, rng: &mut Rng) {
    let (from, to) = window(rng);
    if let Some(from) = from {
        object["validFrom"] = json!(from);
    }
    if let Some(to) = to {
        object["validTo"] = json!(to);
    }
}

/// A random valid pricing request.
pub fn random_cart(seed: u64, shape: Shape) -> Value {
    let mut rng = Rng::new(seed);
    let shop_count = rng.range(1, shape.max_shops);
    let shops: Vec<Value> = (0..shop_count)
        .map(|s| {
            let mut shop = json!({ "id": format!("S{s}") });
            if rng.chance(70) {
                let mut shipping = json!({ "fee": yuan(rng.range(0, 12) * 100) });
                if rng.chance(70) {
                    shipping["freeThreshold"] = json!(yuan(rng.range(50, 150) * 100));
                }
                shop["shipping"] = shipping;
            }
            shop
        })
        .collect();
    let line_count = rng.range(1, shape.max_lines);
    let mut line_prices = Vec::new();
    let lines: Vec<Value> = (0..line_count)
        .map(|i| {
            let price = rng.range(1, 200) * 100 + rng.range(0, 99) * rng.range(0, 1);
            line_prices.push(price);
            let mut line = json!({
                "id": format!("L{i}"),
                "skuId": format!("{}", 1000 + i),
                "shopId": format!("S{}", rng.range(0, shop_count - 1)),
                "categoryIds": [format!("c{}", rng.range(1, 3))],
                "listPrice": yuan(price),
                "quantity": rng.range(1, 4),
            });
            if rng.chance(10) {
                line["selected"] = json!(false);
            }
            if rng.chance(30) {
                let mut special = json!({
                    "kind": *rng.pick(&["flashSale", "plus", "newUser", "member"]),
                    "price": yuan(price * rng.range(50, 99) / 100),
                });
                if rng.chance(50) {
                    special["limit"] = json!(rng.range(0, 2));
                }
                line["specialPrices"] = json!([special]);
            }
            if rng.chance(50) {
                line["commissionRate"] = json!(ratio(&mut rng));
            }
            if rng.chance(10) {
                line["promotionId"] = Value::Null;
            }
            line
        })
        .collect();
    let typical = |rng: &mut Rng| -> u64 {
        let base = *rng.pick(&line_prices);
        (base * rng.range(1, 3)).saturating_sub(rng.range(0, 2))
    };
    let promotions: Vec<Value> = (0..rng.range(0, shape.max_promotions))
        .map(|p| {
            let mut promotion = match rng.range(0, 4) {
                0 => json!({"kind": "tieredAmountOff", "tiers": [
                    {"threshold": yuan(10000), "off": yuan(1000)},
                    {"threshold": yuan(20000), "off": yuan(2500)}]}),
                1 => json!({"kind": "everyAmountOff", "every": yuan(5000), "off": yuan(500), "maxOff": yuan(3000)}),
                2 => json!({"kind": "tieredPayRatio", "tiers": [
                    {"minQuantity": 2, "payRatio": "0.9"}, {"minQuantity": 4, "payRatio": "0.8"}]}),
                3 => json!({"kind": "nthItemPayRatio", "n": 2, "payRatio": "0.5"}),
                _ => json!({"kind": "gift", "threshold": yuan(9900),
                    "gifts": [{"skuId": "g1", "name": "赠品", "quantity": 1}]}),
            };
            promotion["id"] = json!(format!("P{p}"));
            if rng.chance(50) {
                promotion["scope"] = json!({"categoryIds": [format!("c{}", rng.range(1, 3))]});
            }
            put_window(&mut promotion, &mut rng);
            promotion
        })
        .collect();
    let coupons: Vec<Value> = (0..rng.range(0, shape.max_coupons))
        .map(|c| {
            let stage = *rng.pick(&["shop", "shop", "shop", "platform", "platform", "shipping"]);
            let mut coupon =
                json!({ "id": format!("C{}", rng.range(0, 99) * 100 + c), "stage": stage });
            if stage == "shipping" {
                coupon["kind"] = json!("shipping");
                coupon["off"] = json!(yuan(rng.range(1, 10) * 100));
                if rng.chance(50) {
                    coupon["shopId"] = json!(format!("S{}", rng.range(0, shop_count)));
                }
            } else {
                if stage == "shop" {
                    // One more than the shop count: a wallet coupon of a shop
                    // not in the cart.
                    coupon["shopId"] = json!(format!("S{}", rng.range(0, shop_count)));
                }
                if rng.chance(70) {
                    coupon["kind"] = json!("amountOff");
                    coupon["off"] = json!(yuan(rng.range(1, 40) * 100 + rng.range(0, 1) * 99));
                } else {
                    coupon["kind"] = json!("payRatio");
                    coupon["payRatio"] = json!(ratio(&mut rng));
                    if rng.chance(50) {
                        coupon["maxOff"] = json!(yuan(rng.range(1, 30) * 100));
                    }
                }
            }
            if rng.chance(70) {
                coupon["threshold"] = json!(yuan(typical(&mut rng)));
            }
            if rng.chance(15) {
                coupon["exclusive"] = json!(true);
            }
            if rng.chance(20) {
                coupon["withPromotions"] = json!(false);
            }
            if rng.chance(20) {
                coupon["scope"] = json!({"categoryIds": [format!("c{}", rng.range(1, 3))]});
            }
            put_window(&mut coupon, &mut rng);
            coupon
        })
        .collect();
    let mut request = json!({
        "now": NOW,
        "rounding": *rng.pick(&["halfUp", "halfEven", "down", "up"]),
        "user": {"plus": rng.chance(50), "newUser": rng.chance(50)},
        "shops": shops,
        "lines": lines,
        "promotions": promotions,
        "coupons": coupons,
    });
    if rng.chance(60) {
        request["commission"] = json!({
            "buyerId": *rng.pick(&["u1", "p1"]),
            "platformFeeRate": ratio(&mut rng),
            "beneficiaries": [
                {"id": "p1", "role": "sharer", "share": "0.5"},
                {"id": "p2", "role": "inviter", "share": *rng.pick(&["0.1", "0.5", "0"])}
            ],
            "selfPurchase": *rng.pick(&["allow", "deny"]),
        });
    }
    request
}
