"""SPEC 10 (batch on Spark): runs examples/spark/price_orders.py in
local[2] over 10,000 generated orders and checks every output row against
the native CLI's batch output (``sharecart price --ndjson``) for the same
carts; then a coupon-campaign run over 1,000 of them. Prints the job's
carts per second (a figure, not an assertion)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List

import pandas as pd
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import make_orders  # noqa: E402
import price_orders  # noqa: E402

COUNT = 10_000
COUPON = {"id": "CAMPAIGN-20", "kind": "amountOff", "stage": "platform", "threshold": "199", "off": "20"}


def native_batch(carts: List[str]) -> List[str]:
    cli = Path(os.environ.get("SHARECART_CLI", ROOT / "target" / "release" / "sharecart"))
    cli = cli if cli.is_absolute() else ROOT / cli
    out = subprocess.run([str(cli), "price", "--ndjson"], input="".join(c + "\n" for c in carts).encode(),
                         capture_output=True, check=True)
    lines = out.stdout.decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == len(carts) + 1
    return lines[:-1]


def plain(row: Dict[str, Any]) -> Dict[str, Any]:
    """A Parquet row as plain Python values (pandas gives arrays, NaN)."""
    out = {}
    for key, value in row.items():
        if key == "beneficiaries":
            value = None if value is None else [dict(b) for b in value]
        elif value is not None and not isinstance(value, str) and pd.isna(value):
            value = None
        out[key] = value
    return out


def read_rows(path: Path) -> Dict[str, Dict[str, Any]]:
    frame = pd.read_parquet(path)
    frame = frame.astype(object).where(frame.notna(), None)
    return {row["order_id"]: plain(row) for row in frame.to_dict("records")}


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    # Ship the package as a cluster job would (docs/server.md): the wheel,
    # as a .zip (what --py-files / addPyFile put on the executors' path).
    wheels = sorted((ROOT / "pkg" / "python").glob("sharecart-*.whl"))
    assert wheels, "build the wheel first: make python"
    shipped = tmp_path_factory.mktemp("py-files") / "sharecart.zip"
    shutil.copyfile(wheels[-1], shipped)

    session = (SparkSession.builder.master("local[2]").appName("sharecart-test")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.addPyFile(str(shipped))
    session.sparkContext.addPyFile(str(HERE / "price_orders.py"))
    yield session
    session.stop()


@pytest.fixture(scope="module")
def orders(tmp_path_factory):
    path = tmp_path_factory.mktemp("orders") / "orders.parquet"
    make_orders.write(str(path), COUNT)
    return path, make_orders.orders(COUNT)


def test_executors_run_the_shipped_wheel(spark):
    files = spark.sparkContext.parallelize(range(4), 2).map(lambda _: __import__("sharecart").__file__).collect()
    assert all("sharecart.zip" in f for f in files), files


def test_every_order_matches_the_native_batch(spark, orders, tmp_path):
    source, rows = orders
    for attempt in ("cold", "warm"):  # warm: JVM and Python workers running
        target = tmp_path / f"priced-{attempt}"
        started = time.perf_counter()
        price_orders.run(spark, str(source), str(target), partitions=4)
        seconds = time.perf_counter() - started
        print(f"\nspark local[2], {attempt}: {COUNT} carts in {seconds:.2f} s = {COUNT / seconds:.0f} carts/s")
    got = read_rows(target)
    want = {order_id: price_orders.row_of(order_id, line)
            for (order_id, _), line in zip(rows, native_batch([cart for _, cart in rows]))}
    assert len(got) == COUNT
    mismatched = [order_id for order_id in want if got.get(order_id) != want[order_id]]
    assert not mismatched, f"{len(mismatched)} rows differ, e.g. {mismatched[0]}: {got.get(mismatched[0])} != {want[mismatched[0]]}"
    errors = [row for row in want.values() if row["error_code"]]
    assert {row["error_code"] for row in errors} == {"invalidAmount", "invalidJson"}
    assert sum(1 for row in want.values() if row["beneficiaries"]) > COUNT // 2


def test_coupon_campaign_simulation(spark, orders, tmp_path):
    source, rows = orders
    rows = rows[:1000]
    subset = tmp_path / "subset.parquet"
    pd.DataFrame(rows, columns=["order_id", "cart"]).to_parquet(subset, index=False)
    target = tmp_path / "campaign"
    price_orders.run(spark, str(subset), str(target), coupon=COUPON, partitions=2)
    got = read_rows(target)
    carts = [cart for _, cart in rows]
    with_coupon = native_batch([price_orders.with_coupon(cart, COUPON) for cart in carts])
    without = native_batch(carts)
    for (order_id, _), line, base in zip(rows, with_coupon, without):
        want = price_orders.row_of(order_id, line)
        want["payable_without_coupon"] = price_orders.row_of("", base)["payable"]
        assert got[order_id] == want, order_id
    saved = sum(r["payable_without_coupon"] - r["payable"] for r in got.values() if r["payable"] is not None)
    print(f"\ncampaign {COUPON['id']} over {len(rows)} carts: buyers save {saved} CNY")
    assert saved > 0
