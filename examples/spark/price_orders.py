"""SPEC 10 (WASI, batch): re-prices stored carts on Spark with the very
engine the shoppers' phones ran — the sharecart Python package, i.e. the
WASI build of the CLI under wasmtime — and writes, per order, what the
buyer pays and the commission split, to Parquet.

What it is for: daily commission settlement (re-price yesterday's orders
from their stored carts and pay promoters exactly what the share card
promised), and coupon-campaign simulation (``--add-coupon``: what would
this coupon have cost over last week's carts?).

    spark-submit price_orders.py INPUT OUTPUT [--add-coupon JSON] [--partitions N]

INPUT is Parquet with columns ``order_id`` (string) and ``cart`` (the
pricing request as JSON text, SPEC 1). OUTPUT gets ``order_id``,
``payable``, ``commission_gross``, ``commission_platform_fee``,
``commission_operator``, ``beneficiaries`` (id, role, amount) as exact
decimals, and ``error_code`` / ``error_path`` for carts the engine
refuses (then the amounts are null). With ``--add-coupon``, each cart's
wallet gets the coupon first and ``payable_without_coupon`` tells what the
order cost without it.

Each partition runs one engine instance over its rows in batches (the
CLI's ``--ndjson`` mode inside wasmtime); no native code and no Rust
toolchain is needed on the executors, only the wheel.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import Any, Dict, Iterator, List, Optional

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.types import ArrayType, DecimalType, StringType, StructField, StructType

MONEY = DecimalType(18, 2)
OUTPUT_SCHEMA = StructType([
    StructField("order_id", StringType(), False),
    StructField("payable", MONEY, True),
    StructField("commission_gross", MONEY, True),
    StructField("commission_platform_fee", MONEY, True),
    StructField("commission_operator", MONEY, True),
    StructField("beneficiaries", ArrayType(StructType([
        StructField("id", StringType(), False),
        StructField("role", StringType(), False),
        StructField("amount", MONEY, False),
    ])), True),
    StructField("error_code", StringType(), True),
    StructField("error_path", StringType(), True),
    StructField("payable_without_coupon", MONEY, True),
])


def money(text: Optional[str]) -> Optional[Decimal]:
    """An engine amount ("625.20") as an exact decimal; never a float."""
    return None if text is None else Decimal(text)


def row_of(order_id: str, answer: str) -> Dict[str, Any]:
    """One output row from one engine answer line (result or error)."""
    parsed = json.loads(answer)
    row: Dict[str, Any] = {"order_id": order_id, "payable": None, "commission_gross": None,
                           "commission_platform_fee": None, "commission_operator": None,
                           "beneficiaries": None, "error_code": None, "error_path": None,
                           "payable_without_coupon": None}
    if "error" in parsed:
        row["error_code"] = parsed["error"]["code"]
        row["error_path"] = parsed["error"]["path"]
        return row
    row["payable"] = money(parsed["totals"]["payable"])
    commission = parsed.get("commission")
    if commission is not None:
        row["commission_gross"] = money(commission["gross"])
        row["commission_platform_fee"] = money(commission["platformFee"])
        row["commission_operator"] = money(commission["operator"])
        row["beneficiaries"] = [{"id": b["id"], "role": b["role"], "amount": money(b["amount"])}
                                for b in commission["beneficiaries"]]
    return row


def with_coupon(cart_text: str, coupon: Dict[str, Any]) -> str:
    """The cart with one more coupon in the wallet (a cart the engine will
    refuse anyway is passed through unchanged, to report its error)."""
    import sharecart

    try:
        cart = json.loads(cart_text)
    except ValueError:
        return cart_text
    if not isinstance(cart, dict):
        return cart_text
    coupons = cart.get("coupons")
    cart["coupons"] = (coupons if isinstance(coupons, list) else []) + [coupon]
    return sharecart.stringify(cart)


def price_partition(batches: Iterator[pd.DataFrame], coupon: Optional[Dict[str, Any]]) -> Iterator[pd.DataFrame]:
    """mapInPandas body: one engine for the whole partition."""
    import sharecart

    with sharecart.Engine() as engine:
        for batch in batches:
            carts: List[str] = batch["cart"].tolist()
            priced = carts if coupon is None else [with_coupon(c, coupon) for c in carts]
            rows = [row_of(o, a) for o, a in zip(batch["order_id"], engine.price_cart_json_batch(priced))]
            if coupon is not None:
                for row, answer in zip(rows, engine.price_cart_json_batch(carts)):
                    row["payable_without_coupon"] = row_of("", answer)["payable"]
            yield pd.DataFrame(rows, columns=OUTPUT_SCHEMA.fieldNames())


def run(spark: SparkSession, source: str, target: str, coupon: Optional[Dict[str, Any]] = None,
        partitions: Optional[int] = None) -> None:
    orders = spark.read.parquet(source)
    if partitions:
        orders = orders.repartition(partitions)
    priced = orders.mapInPandas(lambda batches: price_partition(batches, coupon), OUTPUT_SCHEMA)
    priced.write.mode("overwrite").parquet(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="Parquet: order_id, cart (JSON text)")
    parser.add_argument("output", help="Parquet directory to write")
    parser.add_argument("--add-coupon", help="a coupon (JSON, SPEC 4) added to every cart's wallet")
    parser.add_argument("--partitions", type=int, help="repartition the input first")
    args = parser.parse_args()
    spark = SparkSession.builder.appName("sharecart-price-orders").getOrCreate()
    try:
        coupon = json.loads(args.add_coupon) if args.add_coupon else None
        run(spark, args.input, args.output, coupon, args.partitions)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
