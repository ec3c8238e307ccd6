"""SPEC 10 (WASI): shared helpers for the Python package's tests — the
golden vectors (tests/vectors/, format in tests/vectors/README.md) and the
native CLI they are compared with, byte for byte."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional

import pytest

import sharecart

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"


class Run(NamedTuple):
    status: int
    stdout: bytes
    stderr: bytes


def native_cli() -> Path:
    path = Path(os.environ.get("SHARECART_CLI", ROOT / "target" / "release" / "sharecart"))
    if not path.is_absolute():
        path = ROOT / path
    if not path.exists():
        raise RuntimeError(f"the native CLI is not built: {path} (cargo build --release --bin sharecart)")
    return path


def run_native(args: List[str], data: bytes) -> Run:
    out = subprocess.run([str(native_cli()), *args], input=data, capture_output=True, check=False)
    return Run(out.returncode, out.stdout, out.stderr)


class PricingVector(NamedTuple):
    name: str
    vector: Dict[str, Any]
    text: str  # what the engine reads: requestText, or JSON.stringify(request)
    entry: str


def pricing_vectors() -> List[PricingVector]:
    vectors = []
    for path in sorted(VECTORS.glob("*.json")):
        vector = json.loads(path.read_text("utf-8"))
        text = vector.get("requestText")
        if text is None:
            text = sharecart.stringify(vector["request"])
        vectors.append(PricingVector(path.name, vector, text, vector.get("entry", "price")))
    return vectors


class ShareVector(NamedTuple):
    name: str
    vector: Dict[str, Any]
    text: str
    expected: Optional[str]  # the output text, when the vector expects one


def share_vectors() -> List[ShareVector]:
    """As tests/js/vectors.mjs loadShareVectors builds them."""
    vectors = []
    for path in sorted((VECTORS / "share").glob("*.json")):
        vector = json.loads(path.read_text("utf-8"))
        first = "fields" if vector["op"] == "encode" else "input"
        text = vector.get("text")
        if text is None:
            envelope = {k: vector[k] for k in (first, "options") if k in vector}
            text = sharecart.stringify(envelope)
        expected = (sharecart.stringify({"code": vector["code"]}) if "code" in vector
                    else sharecart.stringify(vector["result"]) if "result" in vector else None)
        vectors.append(ShareVector(f"share/{path.name}", vector, text, expected))
    return vectors


def comparable(value: Any, parent: str = "") -> Any:
    """The result without engine.version and couponSearch.combinationsTried
    (informative, SPEC 4), as tests/js/vectors.mjs compares."""
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, dict):
        return {k: comparable(v, k) for k, v in value.items()
                if not (parent == "engine" and k == "version")
                and not (parent == "couponSearch" and k == "combinationsTried")}
    return value


@pytest.fixture(scope="session")
def engine():
    with sharecart.Engine() as shared:
        yield shared
