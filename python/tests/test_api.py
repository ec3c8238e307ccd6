"""SPEC 0 and 10 for Python: the object entry points send the text
JavaScript's JSON.stringify would (checked against Node), the text twins
refuse what is not text, errors are typed, a fault replaces the instance,
and the engine is safe to share between threads."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading

import pytest
import wasmtime

import sharecart
from conftest import PricingVector, pricing_vectors, run_native

REQUEST = {
    "now": 1764000000000,
    "shops": [{"id": "jd", "shipping": {"freeThreshold": "99.00", "fee": "6.00"}}],
    "lines": [{"id": "L1", "skuId": "100012345678", "shopId": "jd", "listPrice": "59.90", "quantity": 2}],
}

STRINGIFY_CASES = [
    1.0, -0.0, 0.5, 1e21, 1e20, 123456789012345680000.0, 1.5e-7, 1e-6, 0.000001234, 0.1 + 0.2,
    5e-324, 1.7976931348623157e308, -2.5e-10, 1e16, 100.0, float("nan"), float("inf"), -float("inf"),
    2**53, -(2**31), 0, True, None, "", "\u0000\u001f\"\\\b\f\n\r\t\u007f\u2028\u00e9\U0001f600",
    "x:1.5,", "\ud800", "a\udc00b", {"a": [1.0, {"b": 2.5}], "": None}, [[], {}], (1, 2.0),
]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_stringify_matches_javascript():
    texts = [sharecart.stringify(v) for v in STRINGIFY_CASES]
    # Node parses each Python text back and writes it with JSON.stringify:
    # Python's text must be exactly what JS writes for the same value.
    script = "const t=JSON.parse(require('fs').readFileSync(0,'utf8'));" \
             "process.stdout.write(JSON.stringify(t.map(x=>JSON.stringify(JSON.parse(x)))))"
    node = subprocess.run(["node", "-e", script], input=json.dumps(texts), capture_output=True, text=True, check=True)
    assert json.loads(node.stdout) == texts
    assert texts[:3] == ["1", "0", "0.5"]
    assert texts[STRINGIFY_CASES.index(1e21)] == "1e+21"
    assert texts[STRINGIFY_CASES.index(1.5e-7)] == "1.5e-7"


def test_a_float_integer_prices_like_javascript():
    # JSON.stringify({quantity: 2.0}) is {"quantity":2}: a float 2.0 prices
    # like the int; json.dumps would have sent 2.0 (refused as invalidQuantity).
    request = json.loads(json.dumps(REQUEST))
    request["lines"][0]["quantity"] = 2.0
    assert sharecart.price_cart(request) == sharecart.price_cart(REQUEST)
    native = run_native(["price"], json.dumps(request).encode())
    assert json.loads(native.stderr)["error"]["code"] == "invalidQuantity"


def test_text_twins_refuse_what_is_not_text(engine):
    for call in (engine.price_cart_json, engine.preview_share_card_json,
                 engine.encode_share_code_json, engine.decode_share_code_json):
        with pytest.raises(sharecart.SharecartError) as raised:
            call(b"{}")
        assert (raised.value.code, raised.value.path) == ("invalidType", "")
        with pytest.raises(sharecart.SharecartError) as raised:
            call('{"now":"\ud800"}')
        assert (raised.value.code, raised.value.path) == ("invalidJson", "")


def test_a_lone_surrogate_in_an_object_is_what_javascript_sends(engine):
    request = json.loads(json.dumps(REQUEST))
    request["lines"][0]["id"] = "\ud800"
    text = sharecart.stringify(request)
    assert '"id":"\\ud800"' in text
    native = json.loads(run_native(["price"], text.encode()).stderr)["error"]
    with pytest.raises(sharecart.SharecartError) as raised:
        engine.price_cart(request)
    assert (raised.value.code, raised.value.path, raised.value.message) == (native["code"], native["path"], native["message"])


@pytest.mark.parametrize("value", [{"a": {1, 2}}, {"a": b"x"}, {"a": object()}, {(1, 2): 1}])
def test_what_json_cannot_hold_is_invalid_json(engine, value):
    with pytest.raises(sharecart.SharecartError) as raised:
        engine.price_cart(value)
    assert (raised.value.code, raised.value.path) == ("invalidJson", "")


def test_a_cycle_is_invalid_json(engine):
    request = dict(REQUEST)
    request["self"] = request
    with pytest.raises(sharecart.SharecartError) as raised:
        engine.price_cart(request)
    assert (raised.value.code, raised.value.path) == ("invalidJson", "")


def test_errors_are_typed_and_the_engine_goes_on(engine):
    bad = json.loads(json.dumps(REQUEST))
    bad["lines"][0]["listPrice"] = "5."
    with pytest.raises(sharecart.SharecartError) as raised:
        engine.price_cart(bad)
    assert (raised.value.code, raised.value.path) == ("invalidAmount", "lines[0].listPrice")
    assert isinstance(raised.value.message, str) and raised.value.message
    assert engine.price_cart(REQUEST)["totals"]["payable"] == "119.80"


def test_module_level_functions():
    assert sharecart.price_cart(REQUEST)["totals"]["payable"] == "119.80"
    text = sharecart.price_cart_json(sharecart.stringify(REQUEST))
    assert json.loads(text)["totals"]["payable"] == "119.80"
    preview = sharecart.preview_share_card(REQUEST)
    assert sharecart.preview_share_card_json(sharecart.stringify(REQUEST)) == sharecart.stringify(preview)
    fields = {"page": "item", "targetId": "100012345678", "promoterId": "1234567890",
              "channel": "group", "issuedAt": 1764000000000}
    code = sharecart.encode_share_code(fields, {"key": "000102030405060708090a0b0c0d0e0f"})
    decoded = sharecart.decode_share_code(code, {"key": "000102030405060708090a0b0c0d0e0f"})
    assert decoded == {"fields": fields, "signed": True, "verified": True}
    assert sharecart.engine_info()["spec"] >= 1


def test_threads_share_one_engine(engine):
    want = engine.price_cart_json(sharecart.stringify(REQUEST))
    results = []

    def work():
        for _ in range(25):
            results.append(engine.price_cart_json(sharecart.stringify(REQUEST)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [want] * 100


TRAPPING_MODULE = """
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; Reads a little of stdin, then traps: an engine bug, as the host sees it.
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 8))
    (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 32)))
    unreachable))
"""


def test_a_trap_is_an_engine_fault_and_the_instance_is_replaced(tmp_path):
    path = tmp_path / "trap.wasm"
    path.write_bytes(wasmtime.wat2wasm(TRAPPING_MODULE))
    with sharecart.Engine(str(path)) as broken:
        for attempt in (1, 2):
            with pytest.raises(sharecart.SharecartError) as raised:
                broken.price_cart(REQUEST)
            assert (raised.value.code, raised.value.path) == ("engineFault", "")
            assert broken.sessions_started == attempt
        with pytest.raises(sharecart.SharecartError) as raised:
            broken.encode_share_code({})
        assert raised.value.code == "engineFault"


def test_the_docstring_example_runs():
    import doctest

    outcome = doctest.testmod(sharecart)
    assert outcome.attempted >= 3 and outcome.failed == 0
