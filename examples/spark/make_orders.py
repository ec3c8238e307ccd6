"""SPEC 1 (test data for the batch example, SPEC 10): writes N stored
orders — ``order_id`` and ``cart``, the pricing request as compact JSON
text — to Parquet, deterministically (the fixed-seed generator of
benches/make_carts.py, small JD-like carts of 1–4 shops and 1–8 lines).
About 1 % are carts the engine refuses (a bad amount, a truncated text),
so the error path is exercised too.

    python examples/spark/make_orders.py OUT.parquet [N]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benches"))
import make_carts  # noqa: E402  (the shared deterministic generator)


def cart(index: int) -> dict:
    rng = make_carts.Rng(0x5EED0000 + index)
    shops = rng.between(1, 4)
    lines = rng.between(shops, min(8, shops + 4))
    shipping = rng.between(0, 2)

    def per_shop(r, n):
        return [r.between(0, 3) for _ in range(n)]

    return make_carts.generated(
        seed=0xC0FFEE + index, n_shops=shops, n_lines=lines, n_promos=rng.between(2, 2 + shops),
        n_shop_coupons_by_shop=per_shop, n_foreign=rng.between(0, 1), n_platform=rng.between(0, 4),
        n_platform_exclusive=0, n_shop_exclusive=rng.between(0, 1), n_shipping=shipping,
        n_shipping_order=shipping)


def orders(count: int) -> List[Tuple[str, str]]:
    out = []
    for index in range(count):
        text = json.dumps(cart(index), ensure_ascii=False, separators=(",", ":"))
        if index % 101 == 50:
            text = text.replace('"listPrice":"', '"listPrice":"-', 1)  # invalidAmount
        if index % 211 == 100:
            text = text[: len(text) // 2]  # a truncated record: invalidJson
        out.append(("O%08d" % index, text))
    return out


def write(path: str, count: int) -> None:
    import pandas as pd

    frame = pd.DataFrame(orders(count), columns=["order_id", "cart"])
    frame.to_parquet(path, index=False)


if __name__ == "__main__":
    write(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
