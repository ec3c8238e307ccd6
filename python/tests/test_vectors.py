"""SPEC 10 (WASI): the Python package on every golden vector — the text
twins byte-identical to the native CLI's stdout (errors: the same code,
path and message), the object entry points equal to it, both as the
vector expects; share codes, info and the batch likewise."""

from __future__ import annotations

import json

import pytest

import sharecart
from conftest import comparable, pricing_vectors, run_native, share_vectors

PRICING = pricing_vectors()
SHARE = share_vectors()
SPEC_EXAMPLE = next(v.text for v in PRICING if v.name.startswith("price-001"))


def outcome(call, *args):
    """(text, None) or (None, error) of an engine call."""
    try:
        return call(*args), None
    except sharecart.SharecartError as error:
        return None, error


def assert_same_as_native(native, text, error):
    if native.status == 0:
        assert error is None, f"native printed a result, Python raised {error}"
        assert (text + "\n").encode("utf-8") == native.stdout
    else:
        assert native.status == 2, native
        assert text is None, "native failed, Python returned a result"
        want = json.loads(native.stderr)["error"]
        assert (error.code, error.path, error.message) == (want["code"], want["path"], want["message"])


@pytest.mark.parametrize("v", PRICING, ids=[v.name for v in PRICING])
def test_pricing_vector(engine, v):
    twin = engine.preview_share_card_json if v.entry == "preview" else engine.price_cart_json
    native = run_native([v.entry], v.text.encode("utf-8"))
    text, error = outcome(twin, v.text)
    assert_same_as_native(native, text, error)
    if "result" in v.vector:
        assert comparable(json.loads(text)) == comparable(v.vector["result"])
        assert sharecart.stringify(v.vector["result"]).startswith("{")
    else:
        assert (error.code, error.path) == (v.vector["error"]["code"], v.vector["error"]["path"])
    if "request" in v.vector:
        objects = engine.preview_share_card if v.entry == "preview" else engine.price_cart
        result, object_error = outcome(objects, v.vector["request"])
        if text is not None:
            assert sharecart.stringify(result) == text
        else:
            assert (object_error.code, object_error.path, object_error.message) == (error.code, error.path, error.message)


@pytest.mark.parametrize("v", SHARE, ids=[v.name for v in SHARE])
def test_share_vector(engine, v):
    op = v.vector["op"]
    twin = engine.encode_share_code_json if op == "encode" else engine.decode_share_code_json
    native = run_native(["share", op], v.text.encode("utf-8"))
    text, error = outcome(twin, v.text)
    assert_same_as_native(native, text, error)
    if v.expected is not None:
        assert text == v.expected
    else:
        assert (error.code, error.path) == (v.vector["error"]["code"], v.vector["error"]["path"])
    if "text" not in v.vector:
        first = "fields" if op == "encode" else "input"
        call = engine.encode_share_code if op == "encode" else engine.decode_share_code
        value, object_error = outcome(call, v.vector.get(first), v.vector.get("options"))
        if text is not None:
            want = json.loads(text)
            assert value == (want["code"] if op == "encode" else want)
        else:
            assert (object_error.code, object_error.path) == (error.code, error.path)


def test_engine_info_is_the_native_one(engine):
    native = run_native(["info"], b"")
    assert native.status == 0
    assert sharecart.stringify(engine.engine_info()).encode() + b"\n" == native.stdout
    assert sharecart.engine_info() == engine.engine_info()


@pytest.mark.parametrize("entry", ["price", "preview"])
def test_batch_is_the_native_batch(engine, entry):
    texts = [v.text for v in PRICING] + ["", '{"now":', "{\n}", json.dumps(json.loads(SPEC_EXAMPLE), indent=1)]
    batch = engine.price_cart_json_batch if entry == "price" else engine.preview_share_card_json_batch
    got = batch(texts)
    one_line = [t for t in texts if "\n" not in t]
    native = run_native([entry, "--ndjson"], "".join(t + "\n" for t in one_line).encode("utf-8"))
    assert native.status == 0
    native_lines = iter(native.stdout.decode("utf-8").split("\n"))
    for text, line in zip(texts, got):
        if "\n" not in text:
            assert line == next(native_lines)
        else:  # a line cannot hold it: the one-request command's output line
            one = run_native([entry], text.encode("utf-8"))
            assert (line + "\n").encode("utf-8") == (one.stdout if one.status == 0 else one.stderr)
    assert next(native_lines) == "" and next(native_lines, None) is None


def test_a_multi_line_text_prices_as_natively(engine):
    text = json.dumps(json.loads(SPEC_EXAMPLE), indent=2, ensure_ascii=False)
    native = run_native(["price"], text.encode("utf-8"))
    assert native.status == 0
    assert (engine.price_cart_json(text) + "\n").encode("utf-8") == native.stdout


def test_one_long_lived_instance_serves_every_vector(engine):
    # Every pricing and preview call above and here went to the one
    # instance of each entry point: errors do not replace it.
    for v in PRICING:
        outcome(engine.price_cart_json, v.text)
    assert engine.sessions_started == 2
