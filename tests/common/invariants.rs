//! SPEC 7a identities every priced result satisfies, shared by the random
//! carts (`properties`) and the fuzz corpus replay (`fuzz_corpus`).

use serde_json::Value;
use sharecart::Money;

/// An amount of a result in fen; a result never writes anything else.
pub fn fen(value: &Value) -> i64 {
    value
        .as_str()
        .and_then(Money::from_result_text)
        .map(Money::fen)
        .unwrap_or_else(|| panic!("an amount written as results write it, got {value}"))
}

fn list(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

fn same(what: &str, left: i64, right: i64) -> Result<(), String> {
    if left == right {
        Ok(())
    } else {
        Err(format!("{what}: {left} ≠ {right}"))
    }
}

/// Checks the identities of SPEC 7a between a request and its result.
pub fn check(request: &Value, result: &Value) -> Result<(), String> {
    let priced: Vec<&Value> = list(&result["lines"])
        .iter()
        .filter(|l| l["status"] == "priced")
        .collect();
    check_totals(result, &priced)?;
    for line in &priced {
        check_line(line)?;
    }
    check_coupons(request, result, &priced)?;
    if let Some(commission) = result.get("commission") {
        check_commission(commission, &priced)?;
    }
    same(
        "one result line per request line",
        list(&result["lines"]).len() as i64,
        list(&request["lines"]).len() as i64,
    )?;
    same(
        "one result coupon per request coupon",
        list(&result["coupons"]).len() as i64,
        list(&request["coupons"]).len() as i64,
    )
}

fn check_totals(result: &Value, priced: &[&Value]) -> Result<(), String> {
    let (totals, shops) = (&result["totals"], list(&result["shops"]));
    let payable = fen(&totals["payable"]);
    let shipping_net: i64 = shops
        .iter()
        .map(|s| fen(&s["shippingFee"]) - fen(&s["shippingDiscount"]))
        .sum();
    let paid: i64 = priced.iter().map(|l| fen(&l["paid"])).sum();
    same(
        "payable = Σ paid + Σ net shipping",
        payable,
        paid + shipping_net,
    )?;
    same(
        "savings = list + shipping fee − payable",
        fen(&totals["savings"]),
        fen(&totals["listAmount"]) + fen(&totals["shippingFee"]) - payable,
    )?;
    let promotions: i64 = list(&result["promotions"])
        .iter()
        .map(|p| fen(&p["discount"]))
        .sum();
    same(
        "promotion discount",
        fen(&totals["promotionDiscount"]),
        promotions,
    )?;
    let shipping: i64 = shops.iter().map(|s| fen(&s["shippingDiscount"])).sum();
    same(
        "shipping discount",
        fen(&totals["shippingDiscount"]),
        shipping,
    )?;
    match shops
        .iter()
        .find(|s| fen(&s["shippingDiscount"]) > fen(&s["shippingFee"]))
    {
        Some(shop) => Err(format!("shipping discount above the fee: {shop}")),
        None => Ok(()),
    }
}

fn check_line(line: &Value) -> Result<(), String> {
    if fen(&line["paid"]) < 0 {
        return Err(format!("negative paid: {line}"));
    }
    let allocations: i64 = list(&line["couponAllocations"])
        .iter()
        .map(|a| fen(&a["amount"]))
        .sum();
    same(
        "allocations = coupon discount",
        allocations,
        fen(&line["couponDiscount"]),
    )?;
    same(
        "paid = base − promotion − coupon",
        fen(&line["paid"]),
        fen(&line["baseAmount"]) - fen(&line["promotionDiscount"]) - fen(&line["couponDiscount"]),
    )?;
    same(
        "base = list − price reduction",
        fen(&line["baseAmount"]),
        fen(&line["listAmount"]) - fen(&line["priceReduction"]),
    )?;
    match line.get("commission") {
        Some(c) => {
            let parts = fen(&c["platformFee"])
                + fen(&c["operator"])
                + list(&c["beneficiaries"]).iter().map(fen).sum::<i64>();
            if fen(&c["operator"]) < 0 {
                return Err(format!("negative operator share: {line}"));
            }
            same("line commission parts = gross", parts, fen(&c["gross"]))
        }
        None => Ok(()),
    }
}

fn check_coupons(request: &Value, result: &Value, priced: &[&Value]) -> Result<(), String> {
    let goods_coupons: Vec<&Value> = list(&request["coupons"])
        .iter()
        .filter(|c| c["stage"] != "shipping")
        .map(|c| &c["id"])
        .collect();
    let applied_goods: i64 = list(&result["coupons"])
        .iter()
        .filter(|c| c["status"] == "applied" && goods_coupons.contains(&&c["id"]))
        .map(|c| fen(&c["discount"]))
        .sum();
    let on_lines: i64 = priced.iter().map(|l| fen(&l["couponDiscount"])).sum();
    same(
        "coupon discount = applied goods coupons",
        fen(&result["totals"]["couponDiscount"]),
        applied_goods,
    )?;
    same(
        "coupon discount = Σ lines",
        fen(&result["totals"]["couponDiscount"]),
        on_lines,
    )
}

fn check_commission(commission: &Value, priced: &[&Value]) -> Result<(), String> {
    let parts = fen(&commission["platformFee"])
        + fen(&commission["operator"])
        + list(&commission["beneficiaries"])
            .iter()
            .map(|b| fen(&b["amount"]))
            .sum::<i64>();
    same("commission parts = gross", parts, fen(&commission["gross"]))?;
    let paid: i64 = priced.iter().map(|l| fen(&l["paid"])).sum();
    same("commission base = Σ paid", fen(&commission["base"]), paid)
}
