#!/usr/bin/env python3
"""Writes the three benchmark carts of issue 4 (benches/typical.json,
benches/large.json, benches/extreme.json).

The carts are valid SPEC 1 pricing requests with JD-like data (shops,
12-digit sku ids, JD category ids, 满减 / 每满减 / 满赠 / 第N件X折
promotions, shop, platform and shipping coupons, a two-level commission).
Everything is deterministic: `typical` is written out by hand, `large` and
`extreme` come from a fixed-seed splitmix64 generator (no dependence on
Python's `random`), so re-running this script reproduces the files byte for
byte.

    python3 benches/make_carts.py          # rewrite the three files
    python3 benches/make_carts.py --check  # exit 1 if a file would change
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = 1764000000000  # 2025-11-24 16:00 UTC+8
DAY = 86_400_000


def yuan(fen):
    return "%d.%02d" % (fen // 100, fen % 100)


class Rng:
    """splitmix64: tiny, portable, deterministic."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def chance(self, percent):
        return self.below(100) < percent

    def pick(self, items):
        return items[self.below(len(items))]


# JD top-level and second-level category ids, with typical price bands (fen)
# and whether shoppers buy several.
CATEGORIES = [
    # (categoryIds, low, high, max quantity)
    (["1320", "1583"], 990, 8990, 4),      # 食品饮料 / 粮油调味
    (["1320", "1585"], 1590, 12900, 3),    # 食品饮料 / 休闲食品
    (["12218", "12221"], 2990, 19900, 2),  # 生鲜 / 水果
    (["1316", "1381"], 2990, 29900, 2),    # 美妆护肤 / 面部护肤
    (["1316", "16831"], 1990, 8990, 3),    # 个护清洁 / 洗发护发
    (["15248", "15250"], 1290, 6990, 4),   # 家庭清洁 / 纸品湿巾
    (["1319", "1523"], 9900, 39900, 2),    # 母婴 / 奶粉
    (["1620", "1621"], 1990, 15900, 2),    # 家居日用 / 收纳
    (["652", "828"], 9900, 59900, 1),      # 数码 / 影音娱乐
    (["670", "686"], 2990, 29900, 1),      # 电脑办公 / 外设
    (["737", "794"], 19900, 99900, 1),     # 家用电器 / 大家电 (small ones)
    (["1318", "1463"], 4990, 39900, 1),    # 运动户外 / 运动鞋
    (["1315", "1342"], 3990, 29900, 2),    # 服饰内衣 / 男装
    (["6994", "6995"], 2990, 19900, 3),    # 宠物生活 / 宠物主粮
    (["1713", "3258"], 1990, 8990, 3),     # 图书 / 文学
]

SHOP_NAMES = [
    "良品铺子旗舰店", "三只松鼠旗舰店", "小米官方旗舰店", "欧莱雅官方旗舰店",
    "维达官方旗舰店", "飞鹤官方旗舰店", "名创优品官方旗舰店", "李宁官方旗舰店",
    "美的官方旗舰店", "百草味旗舰店", "安踏官方旗舰店", "海蓝之谜官方旗舰店",
    "罗技京东自营旗舰店", "皇家宠物食品旗舰店", "当当网官方旗舰店", "苏泊尔官方旗舰店",
]

# Thresholds as JD coupons write them: whole yuan, mostly ending in 9.
NICE = [0, 19, 29, 39, 49, 59, 69, 79, 88, 99, 109, 129, 149, 159, 169, 199,
        229, 249, 269, 299, 349, 399, 449, 499, 599, 699, 799, 899, 999, 1199,
        1499, 1999, 2499, 2999, 3999, 4999, 5999, 7999, 9999]


def nice_near(fen, rng):
    """A JD-style threshold (fen) close to `fen`: within a few percent."""
    yuan_value = fen / 100
    best = min(NICE[1:], key=lambda t: abs(t - yuan_value))
    if best > yuan_value * 1.25 or best < yuan_value * 0.75:
        best = int(yuan_value) // 10 * 10 + 9
    return best * 100


def off_for(threshold_fen, rng, low=5, high=15, cap=30000):
    """满X减Y with Y a round share of X (low–high %), at least 1 yuan and at
    most `cap` (JD coupons rarely exceed ¥300 off, ¥1000 for big campaigns)."""
    pct = rng.between(low, high)
    off = max(100, threshold_fen * pct // 100 // 100 * 100)
    return min(off, cap)


def window(rng):
    """A validity window around NOW; rarely expired or not started."""
    roll = rng.below(100)
    if roll < 4:
        return {"validFrom": NOW - 30 * DAY, "validTo": NOW - DAY}  # expired
    if roll < 7:
        return {"validFrom": NOW + DAY, "validTo": NOW + 8 * DAY}  # not started
    out = {}
    if rng.chance(70):
        out["validFrom"] = NOW - rng.between(1, 20) * DAY
    if rng.chance(80):
        out["validTo"] = NOW + rng.between(1, 30) * DAY
    return out


def commission(rng, buyer):
    return {
        "buyerId": buyer,
        "platformFeeRate": "0.10",
        "beneficiaries": [
            {"id": "p-%d" % rng.between(100000, 999999), "role": "sharer", "share": "0.50"},
            {"id": "p-%d" % rng.between(100000, 999999), "role": "inviter", "share": "0.10"},
        ],
        "selfPurchase": "deny",
    }


# ---------------------------------------------------------------- typical


def typical():
    """8 lines, 3 shops, 12 coupons, 3 promotions: an ordinary checkout."""
    return {
        "now": NOW,
        "rounding": "halfUp",
        "user": {"id": "u-20231106", "plus": True, "newUser": False},
        "shops": [
            {"id": "jd", "name": "京东自营", "shipping": {"freeThreshold": "99.00", "fee": "6.00"}},
            {"id": "1000009821", "name": "良品铺子旗舰店",
             "shipping": {"freeThreshold": "88.00", "fee": "8.00"}},
            {"id": "1000001582", "name": "名创优品官方旗舰店",
             "shipping": {"freeThreshold": "49.00", "fee": "5.00"}},
        ],
        "lines": [
            {"id": "L1", "skuId": "100012043978", "shopId": "jd", "categoryIds": ["1320", "1583"],
             "listPrice": "69.90", "quantity": 2,
             "specialPrices": [{"kind": "flashSale", "price": "59.90", "limit": 1,
                                "validFrom": NOW - 2 * 3_600_000, "validTo": NOW + 22 * 3_600_000}],
             "commissionRate": "0.03"},
            {"id": "L2", "skuId": "100008348542", "shopId": "jd", "categoryIds": ["1316", "16831"],
             "listPrice": "89.00", "quantity": 1,
             "specialPrices": [{"kind": "plus", "price": "79.00"}],
             "commissionRate": "0.05"},
            {"id": "L3", "skuId": "100016034372", "shopId": "jd", "categoryIds": ["15248", "15250"],
             "listPrice": "49.90", "quantity": 2, "commissionRate": "0.04"},
            {"id": "L4", "skuId": "100035246702", "shopId": "jd", "categoryIds": ["652", "828"],
             "listPrice": "199.00", "quantity": 1, "commissionRate": "0.06"},
            {"id": "L5", "skuId": "100011482103", "shopId": "1000009821",
             "categoryIds": ["1320", "1585"], "listPrice": "129.00", "quantity": 1,
             "commissionRate": "0.15"},
            {"id": "L6", "skuId": "100009177430", "shopId": "1000009821",
             "categoryIds": ["1320", "1585"], "listPrice": "35.90", "quantity": 2,
             "commissionRate": "0.15"},
            {"id": "L7", "skuId": "100020587012", "shopId": "1000009821",
             "categoryIds": ["1320", "1585"], "listPrice": "29.90", "quantity": 1,
             "specialPrices": [{"kind": "member", "price": "26.90"}]},
            {"id": "L8", "skuId": "100027719388", "shopId": "1000001582",
             "categoryIds": ["1620", "1621"], "listPrice": "39.90", "quantity": 1,
             "commissionRate": "0.10"},
        ],
        "promotions": [
            {"id": "P1", "kind": "tieredAmountOff",
             "scope": {"shopIds": ["jd"], "categoryIds": ["1320", "15248"]},
             "tiers": [{"threshold": "100", "off": "10"}, {"threshold": "200", "off": "25"},
                       {"threshold": "300", "off": "40"}]},
            {"id": "P2", "kind": "everyAmountOff", "scope": {"shopIds": ["1000009821"]},
             "every": "100", "off": "15", "maxOff": "45",
             "validFrom": NOW - 3 * DAY, "validTo": NOW + 4 * DAY},
            {"id": "P3", "kind": "gift", "scope": {"shopIds": ["jd"], "categoryIds": ["652"]},
             "threshold": "199",
             "gifts": [{"skuId": "100035246999", "name": "耳机收纳包", "quantity": 1}]},
        ],
        "coupons": [
            {"id": "C-jd-99-10", "kind": "amountOff", "stage": "shop", "shopId": "jd",
             "threshold": "99", "off": "10"},
            {"id": "C-jd-399-40", "kind": "amountOff", "stage": "shop", "shopId": "jd",
             "threshold": "399", "off": "40", "validTo": NOW + 2 * DAY},
            {"id": "C-jd-652-199-20", "kind": "amountOff", "stage": "shop", "shopId": "jd",
             "scope": {"categoryIds": ["652"]}, "threshold": "199", "off": "20"},
            {"id": "C-lp-159-20", "kind": "amountOff", "stage": "shop", "shopId": "1000009821",
             "threshold": "159", "off": "20"},
            {"id": "C-lp-0-3", "kind": "amountOff", "stage": "shop", "shopId": "1000009821",
             "off": "3"},
            {"id": "C-mc-39-5", "kind": "amountOff", "stage": "shop", "shopId": "1000001582",
             "threshold": "39", "off": "5"},
            {"id": "PL-299-30", "kind": "amountOff", "stage": "platform",
             "threshold": "299", "off": "30"},
            {"id": "PL-plus-95", "kind": "payRatio", "stage": "platform",
             "payRatio": "0.95", "maxOff": "20"},
            {"id": "PL-699-60", "kind": "amountOff", "stage": "platform",
             "threshold": "699", "off": "60", "withPromotions": False},
            {"id": "SH-order-6", "kind": "shipping", "stage": "shipping", "off": "6"},
            {"id": "SH-mc-5", "kind": "shipping", "stage": "shipping", "shopId": "1000001582",
             "threshold": "30", "off": "5"},
            {"id": "EX-new-500-80", "kind": "amountOff", "stage": "platform",
             "threshold": "500", "off": "80", "exclusive": True,
             "validFrom": NOW - DAY, "validTo": NOW + 6 * DAY},
        ],
        "couponSelection": {"mode": "best"},
        "commission": {
            "buyerId": "u-20231106",
            "platformFeeRate": "0.10",
            "beneficiaries": [{"id": "p-100", "role": "sharer", "share": "0.50"},
                              {"id": "p-7", "role": "inviter", "share": "0.10"}],
            "selfPurchase": "allow",
        },
    }


# ---------------------------------------------------------- generated carts


def make_shops(rng, count):
    shops = [{"id": "jd", "name": "京东自营", "shipping": {"freeThreshold": "99.00", "fee": "6.00"}}]
    used = {"jd"}
    while len(shops) < count:
        sid = str(rng.between(1000000001, 1000099999))
        if sid in used:
            continue
        used.add(sid)
        name = SHOP_NAMES[(len(shops) - 1) % len(SHOP_NAMES)]
        if len(shops) > len(SHOP_NAMES):
            name = name.replace("店", "店%d" % (len(shops) // len(SHOP_NAMES) + 1), 1)
        shop = {"id": sid, "name": name}
        roll = rng.below(10)
        if roll < 7:
            shop["shipping"] = {"freeThreshold": yuan(rng.pick([4900, 5900, 8800, 9900, 12900])),
                                "fee": yuan(rng.pick([500, 600, 800, 1000]))}
        elif roll < 9:
            shop["shipping"] = {"fee": yuan(rng.pick([0, 500, 800]))}  # always charged
        shops.append(shop)  # else: ships free
    return shops


def make_lines(rng, shops, line_counts):
    """Lines per shop; returns (lines, per-shop base subtotals in fen)."""
    lines = []
    subtotal = {}
    used_skus = set()
    n = 0
    for shop, count in zip(shops, line_counts):
        home = rng.below(len(CATEGORIES))  # a shop sells mostly one category
        for _ in range(count):
            n += 1
            cats, lo, hi, max_q = CATEGORIES[home if rng.chance(70) else rng.below(len(CATEGORIES))]
            price = rng.between(lo // 10, hi // 10) * 10  # whole jiao
            if rng.chance(60):
                price = price // 100 * 100 + 90  # ¥xx.90
            qty = rng.between(1, max_q)
            while True:
                sku = str(rng.between(100000000000, 100099999999))
                if sku not in used_skus:
                    used_skus.add(sku)
                    break
            line = {"id": "L%d" % n, "skuId": sku, "shopId": shop["id"], "categoryIds": list(cats),
                    "listPrice": yuan(price), "quantity": qty}
            base = price * qty
            if rng.chance(25):
                kind = rng.pick(["flashSale", "plus", "member", "newUser"])
                special = price * rng.between(75, 95) // 100 // 10 * 10
                sp = {"kind": kind, "price": yuan(special)}
                if kind == "flashSale":
                    sp["limit"] = rng.between(1, 2)
                    sp["validFrom"] = NOW - rng.between(1, 6) * 3_600_000
                    sp["validTo"] = NOW + rng.between(1, 20) * 3_600_000
                line["specialPrices"] = [sp]
                if kind in ("plus", "member"):
                    base = special * qty
                elif kind == "flashSale":
                    units = min(sp["limit"], qty)
                    base = special * units + price * (qty - units)
            if rng.chance(4):
                line["selected"] = False
                base = 0
            if rng.chance(5):
                line["promotionId"] = None  # the buyer opted out
            if rng.chance(80):
                line["commissionRate"] = rng.pick(["0.02", "0.03", "0.05", "0.08", "0.10", "0.15", "0.20"])
            lines.append(line)
            subtotal[shop["id"]] = subtotal.get(shop["id"], 0) + base
    return lines, subtotal


SHOP_PROMOTION_KINDS = ["tieredAmountOff", "gift", "everyAmountOff", "tieredPayRatio",
                        "tieredAmountOff", "nthItemPayRatio"]


def shop_promotion(rng, pid, shop, amount, index):
    """A shop-wide promotion suited to the shop's subtotal; kinds rotate so
    every cart holds each kind."""
    kind = SHOP_PROMOTION_KINDS[index % len(SHOP_PROMOTION_KINDS)]
    scope = {"shopIds": [shop["id"]]}
    p = {"id": pid, "kind": kind, "scope": scope}
    if kind == "tieredAmountOff":
        t1 = nice_near(max(amount * 6 // 10, 4900), rng)
        t2 = max(t1 + 5000, nice_near(amount * 11 // 10, rng))
        p["tiers"] = [{"threshold": yuan(t1), "off": yuan(off_for(t1, rng, 5, 10))},
                      {"threshold": yuan(t2), "off": yuan(off_for(t2, rng, 10, 15))}]
    elif kind == "everyAmountOff":
        every = rng.pick([9900, 10000, 19900, 20000, 29900])
        p["every"] = yuan(every)
        p["off"] = yuan(off_for(every, rng, 5, 15))
        if rng.chance(60):
            p["maxOff"] = yuan(off_for(every, rng, 5, 15) * 3)
    elif kind == "tieredPayRatio":
        p["tiers"] = [{"minQuantity": 2, "payRatio": "0.95"}, {"minQuantity": 3, "payRatio": "0.9"}]
    elif kind == "nthItemPayRatio":
        p["n"] = 2
        p["payRatio"] = rng.pick(["0.5", "0.7", "0.8"])
    else:
        p["threshold"] = yuan(nice_near(amount * 9 // 10, rng))
        p["gifts"] = [{"skuId": str(rng.between(100100000000, 100199999999)), "name": "店铺赠品",
                       "quantity": 1}]
    if rng.chance(30):
        p.update(window(rng))
    return p


def shop_coupons(rng, shop, amount, count, ids, exclusive_left):
    """`count` coupons of one shop, thresholds around its subtotal."""
    out = []
    factors = [0, 45, 80, 95, 102, 110, 130]
    for k in range(count):
        f = factors[(k * 2 + rng.below(3)) % len(factors)] if count > 1 else rng.pick([45, 80, 95])
        c = {"id": "sc-%s-%d" % (shop["id"], k + 1), "kind": "amountOff", "stage": "shop",
             "shopId": shop["id"]}
        if f == 0 or amount == 0:
            c["off"] = yuan(rng.pick([300, 500, 1000]))  # 无门槛
        else:
            t = nice_near(amount * f // 100, rng)
            c["threshold"] = yuan(t)
            c["off"] = yuan(off_for(t, rng))
        if rng.chance(15):
            c["scope"] = {"categoryIds": [rng.pick(CATEGORIES)[0][0]]}
        if rng.chance(15):
            c["withPromotions"] = False
        if exclusive_left[0] > 0 and rng.chance(8):
            c["exclusive"] = True
            exclusive_left[0] -= 1
        c.update(window(rng) if rng.chance(40) else {})
        ids.add(c["id"])
        out.append(c)
    return out


def platform_coupons(rng, total, count, exclusive):
    """Platform coupons: amount-off near the order total, category coupons,
    a capped and an uncapped pay ratio (PLUS 95折 / 98折 大额券)."""
    out = []
    for k in range(count):
        c = {"id": "pc-%d" % (k + 1), "kind": "amountOff", "stage": "platform"}
        shape = k % 6
        if shape == 0:
            c["kind"] = "payRatio"
            c["payRatio"] = "0.98"  # uncapped
            c["threshold"] = yuan(nice_near(total * 9 // 10, rng))
        elif shape == 1:
            c["kind"] = "payRatio"
            c["payRatio"] = rng.pick(["0.9", "0.95", "0.85"])
            c["maxOff"] = yuan(rng.pick([1000, 2000, 5000]))
        elif shape == 2:
            t = nice_near(total * rng.between(85, 105) // 100, rng)
            c["threshold"] = yuan(t)
            c["off"] = yuan(off_for(t, rng, 3, 8, cap=100000))
        elif shape == 3:
            c["scope"] = {"categoryIds": [rng.pick(CATEGORIES)[0][0]]}
            t = rng.pick([9900, 19900, 29900])
            c["threshold"] = yuan(t)
            c["off"] = yuan(off_for(t, rng, 8, 15))
        elif shape == 4:
            t = nice_near(total * rng.between(40, 70) // 100, rng)
            c["threshold"] = yuan(t)
            c["off"] = yuan(off_for(t, rng, 2, 5))
            c["withPromotions"] = False
        else:
            t = nice_near(total * rng.between(95, 125) // 100, rng)
            c["threshold"] = yuan(t)
            c["off"] = yuan(off_for(t, rng, 5, 10, cap=100000))
        if k >= count - exclusive:
            c["exclusive"] = True
            c["kind"] = "amountOff"
            c.pop("payRatio", None)
            c.pop("maxOff", None)
            t = nice_near(total * rng.between(70, 110) // 100, rng)
            c["threshold"] = yuan(t)
            c["off"] = yuan(off_for(t, rng, 6, 12, cap=100000))
        if rng.chance(30):
            c.update(window(rng))
        out.append(c)
    return out


def shipping_coupons(rng, shops, count, order_wide):
    out = []
    charged = [s for s in shops if "shipping" in s]
    for k in range(count):
        c = {"id": "fc-%d" % (k + 1), "kind": "shipping", "stage": "shipping"}
        if k >= order_wide:
            c["shopId"] = rng.pick(charged)["id"]
        c["off"] = yuan(rng.pick([500, 600, 800, 1000, 1500]))
        if rng.chance(50):
            c["threshold"] = yuan(rng.pick([1900, 2900, 3900, 4900]))
        out.append(c)
    return out


def generated(seed, n_shops, n_lines, n_promos, n_shop_coupons_by_shop, n_foreign, n_platform,
              n_platform_exclusive, n_shop_exclusive, n_shipping, n_shipping_order):
    rng = Rng(seed)
    shops = make_shops(rng, n_shops)
    # Line counts: at least one line per shop, the rest spread unevenly.
    counts = [1] * n_shops
    for _ in range(n_lines - n_shops):
        counts[rng.below(n_shops)] += 1
    lines, subtotal = make_lines(rng, shops, counts)
    total = sum(subtotal.values())

    promotions = []
    # Cross-shop category campaigns first (they win assignment by order).
    promotions.append({"id": "P-food-every", "kind": "everyAmountOff",
                       "scope": {"categoryIds": ["1320"]}, "every": "200", "off": "30",
                       "maxOff": "150"})
    promotions.append({"id": "P-clean-2nd", "kind": "nthItemPayRatio",
                       "scope": {"categoryIds": ["15248"]}, "n": 2, "payRatio": "0.5"})
    promo_shops = [shops[i] for i in sorted(set(rng.below(n_shops) for _ in range(n_promos * 2)))]
    for index, shop in enumerate(promo_shops[: n_promos - 2]):
        promotions.append(shop_promotion(rng, "P-%s" % shop["id"], shop, subtotal.get(shop["id"], 0),
                                         index))

    coupons = []
    ids = set()
    exclusive_left = [n_shop_exclusive]
    for shop, count in zip(shops, n_shop_coupons_by_shop(rng, n_shops)):
        coupons += shop_coupons(rng, shop, subtotal.get(shop["id"], 0), count, ids, exclusive_left)
    for k in range(n_foreign):  # wallet coupons of shops not in this cart
        coupons.append({"id": "sc-elsewhere-%d" % (k + 1), "kind": "amountOff", "stage": "shop",
                        "shopId": str(1000100000 + k), "threshold": "99", "off": "10"})
    coupons += platform_coupons(rng, total, n_platform, n_platform_exclusive)
    coupons += shipping_coupons(rng, shops, n_shipping, n_shipping_order)

    return {
        "now": NOW,
        "rounding": "halfUp",
        "user": {"id": "u-%d" % rng.between(10000000, 99999999), "plus": True, "newUser": False},
        "shops": shops,
        "lines": lines,
        "promotions": promotions,
        "coupons": coupons,
        "couponSelection": {"mode": "best"},
        "commission": commission(rng, "u-buyer"),
    }


def large():
    """40 lines, 10 shops, 60 coupons: a big cart and a full wallet."""
    def per_shop(rng, n):
        return [4] * n  # 40 shop coupons, ≈4 per shop
    cart = generated(seed=20251111, n_shops=10, n_lines=40, n_promos=6,
                     n_shop_coupons_by_shop=per_shop, n_foreign=2, n_platform=10,
                     n_platform_exclusive=2, n_shop_exclusive=2, n_shipping=8, n_shipping_order=3)
    assert len(cart["coupons"]) == 60, len(cart["coupons"])
    return cart


def extreme():
    """500 lines, 100 shops, 200 coupons: every SPEC 1.1 limit but promotions."""
    def per_shop(rng, n):
        return [1 + (k % 2) for k in range(n)]  # 150 shop coupons, 1–2 per shop
    cart = generated(seed=20250618, n_shops=100, n_lines=500, n_promos=40,
                     n_shop_coupons_by_shop=per_shop, n_foreign=0, n_platform=30,
                     n_platform_exclusive=4, n_shop_exclusive=3, n_shipping=20, n_shipping_order=6)
    assert len(cart["coupons"]) == 200, len(cart["coupons"])
    return cart


def sweep(n_lines):
    """n lines scaled like extreme (5 lines a shop, 1–2 coupons a shop, …):
    the carts of the per-call time against cart size plot (issue 16)."""
    def per_shop(rng, n):
        return [1 + (k % 2) for k in range(n)]
    scale = lambda per_500, least: max(least, round(n_lines * per_500 / 500))
    n_shipping = scale(20, 1)
    return generated(seed=20261203 + n_lines, n_shops=scale(100, 1), n_lines=n_lines,
                     n_promos=scale(40, 2), n_shop_coupons_by_shop=per_shop, n_foreign=0,
                     n_platform=scale(30, 1), n_platform_exclusive=scale(4, 0),
                     n_shop_exclusive=scale(3, 0), n_shipping=n_shipping,
                     n_shipping_order=min(n_shipping, scale(6, 1)))


SWEEP_LINES = (1, 2, 5, 10, 20, 50, 100, 200, 300, 500)


def write_sweep(directory):
    """benches/make_carts.py --sweep DIR: DIR/lines-N.json for each size."""
    os.makedirs(directory, exist_ok=True)
    for n in SWEEP_LINES:
        cart = sweep(n)
        with open(os.path.join(directory, "lines-%d.json" % n), "w", encoding="utf-8") as f:
            f.write(json.dumps(cart, ensure_ascii=False) + "\n")
    print("wrote %d sweep carts (%s lines) to %s" % (len(SWEEP_LINES), ", ".join(map(str, SWEEP_LINES)), directory))


def main():
    if sys.argv[1:2] == ["--sweep"] and len(sys.argv) == 3:
        write_sweep(sys.argv[2])
        return
    check = "--check" in sys.argv[1:]
    changed = False
    for name, build in (("typical", typical), ("large", large), ("extreme", extreme)):
        cart = build()
        text = json.dumps(cart, ensure_ascii=False, indent=1) + "\n"
        path = os.path.join(HERE, name + ".json")
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            changed = True
            if check:
                print("%s would change" % path)
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
        print("%-8s %3d lines %3d shops %3d coupons %3d promotions %7d bytes" % (
            name, len(cart["lines"]), len(cart["shops"]), len(cart["coupons"]),
            len(cart["promotions"]), len(text.encode("utf-8"))))
    if check and changed:
        sys.exit(1)


if __name__ == "__main__":
    main()
