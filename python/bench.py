"""SPEC 10 (WASI): what one call costs from Python, on benches/typical.json
(a JD-like cart of 3 shops; docs/performance.md).

    python python/bench.py            # the installed package
    make bench-python

Prints µs per call for each way of calling: the text twin and the object
entry point on the long-lived instance, the batch (per cart), and a fresh
instance per call (what the package avoids). Figures, not assertions.
"""

from __future__ import annotations

import json
import time
from io import BytesIO
from pathlib import Path
from typing import Callable

import sharecart

ROOT = Path(__file__).resolve().parents[1]


def per_call(label: str, call: Callable[[], object], count: int, per: int = 1) -> None:
    call()
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(count):
            call()
        best = min(best, (time.perf_counter() - started) / (count * per))
    print(f"{label:<44} {best * 1e6:8.1f} µs")


def main() -> None:
    started = time.perf_counter()
    engine = sharecart.Engine()
    print(f"{'compile the module (once per process)':<44} {(time.perf_counter() - started) * 1e3:8.1f} ms")
    request = json.loads((ROOT / "benches" / "typical.json").read_text("utf-8"))
    text = sharecart.stringify(request)
    started = time.perf_counter()
    engine.price_cart_json(text)
    print(f"{'first call (starts the instance)':<44} {(time.perf_counter() - started) * 1e3:8.1f} ms")
    per_call("price_cart_json (long-lived instance)", lambda: engine.price_cart_json(text), 300)
    per_call("price_cart (dict in, dict out)", lambda: engine.price_cart(request), 300)
    per_call("stringify alone (dict to JSON text)", lambda: sharecart.stringify(request), 300)
    per_call("price_cart_json_batch, per cart (1,000)", lambda: engine.price_cart_json_batch([text] * 1000), 1, 1000)
    command = engine._command  # the compiled module, run on a fresh instance

    def fresh() -> None:
        command.run([b"sharecart", b"price"], BytesIO(text.encode()), lambda b: None, lambda b: None)

    per_call("fresh instance per call (for comparison)", fresh, 50)
    engine.close()


if __name__ == "__main__":
    main()
