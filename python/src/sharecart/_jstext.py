"""SPEC 0: the contract is on JSON text, so the object entry points turn a
Python value into the text that JavaScript's ``JSON.stringify`` gives for
the equivalent JS value, and a request prices the same from Python as from
the browser.

Python's ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))``
already matches ``JSON.stringify`` for dicts, lists, strings (the same
escapes), ``None``, booleans and ints; it differs on floats (``1.0`` vs
``1``, ``1e16`` vs ``10000000000000000``, ``-0.0`` vs ``0``, ``nan`` vs
``null``) and lone surrogates (written raw instead of ``\\udXXX``). The C
encoder writes the text; only when that text may hold a float (a number
token with ``.`` or an exponent) is it written again by the slower
JavaScript-faithful writer below.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, List

# What every float json.dumps writes contains: the end of a fraction
# before a delimiter or an exponent ("1.0,", "1.5e-07]"), or an exponent
# ("1e+16}"). A string can hold this too; then the slow writer writes the
# same text. Both patterns start with a literal, which `re` scans fast.
_FRACTION = re.compile(r"\.[0-9]+[,}\]e]")
_EXPONENT = re.compile(r"e[-+][0-9]+[,}\]]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_encode_string = json.encoder.encode_basestring  # type: ignore[attr-defined]


class UnserializableError(ValueError):
    """The value has no JSON text (a cycle, a set, bytes…): what makes
    ``JSON.stringify`` throw, reported by the caller as invalidJson."""


def stringify_utf8(value: Any) -> bytes:
    """``stringify(value)`` encoded as UTF-8 (the bytes the engine reads)."""
    text = _stringify(value)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _escape_lone_surrogates(text).encode("utf-8")


def stringify(value: Any) -> str:
    """The ``JSON.stringify`` text of ``value``."""
    return stringify_utf8(value).decode("utf-8")


def _stringify(value: Any) -> str:
    """The ``JSON.stringify`` text of ``value`` but for lone surrogates: dicts (str, int, bool or
    None keys, written as ``json.dumps`` writes them), lists and tuples,
    str, int (exact digits), float (JavaScript's number syntax), bool and
    None. Raises ``UnserializableError`` for anything else."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=True, default=_refuse)
    except (ValueError, TypeError, RecursionError) as error:
        raise UnserializableError(str(error) or type(error).__name__) from error
    maybe_float = (_FRACTION.search(text) or _EXPONENT.search(text) or "NaN" in text
                   or "Infinity" in text or text[0] in "-0123456789N")
    if maybe_float:
        parts: List[str] = []
        try:
            _write(value, parts, set())
        except RecursionError as error:
            raise UnserializableError("nested too deeply") from error
        text = "".join(parts)
    return text


def js_number(value: float) -> str:
    """``JSON.stringify(value)`` for a JS number (ECMAScript
    Number::toString: the shortest round-trip digits, which Python's
    ``repr`` also finds, laid out the JavaScript way); NaN and infinities
    are ``null``."""
    if not math.isfinite(value):
        return "null"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    # n of Number::toString: the value is 0.<digits> × 10^point.
    point = len(whole) + int(exponent or 0) - (len(whole + fraction) - len(digits))
    return sign + _layout(digits.rstrip("0"), point)


def _layout(digits: str, point: int) -> str:
    count = len(digits)
    if count <= point <= 21:
        return digits + "0" * (point - count)
    if 0 < point <= 21:
        return digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return "0." + "0" * -point + digits
    exponent = point - 1
    head = digits[0] + ("." + digits[1:] if count > 1 else "")
    return f"{head}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"


def _refuse(value: Any) -> Any:
    raise TypeError(f"a {type(value).__name__} has no JSON text")


def _write(value: Any, out: List[str], path: set) -> None:
    """The slow writer: like the C encoder, but numbers the JavaScript way."""
    if value is None or value is True or value is False:
        out.append("null" if value is None else "true" if value else "false")
    elif isinstance(value, str):
        out.append(_encode_string(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(js_number(value))
    elif isinstance(value, (dict, list, tuple)):
        if id(value) in path:
            raise UnserializableError("a cycle")
        path.add(id(value))
        if isinstance(value, dict):
            _write_object(value, out, path)
        else:
            out.append("[")
            for index, item in enumerate(value):
                out.append("," if index else "")
                _write(item, out, path)
            out.append("]")
        path.discard(id(value))
    else:
        raise UnserializableError(f"a {type(value).__name__} has no JSON text")


def _write_object(value: dict, out: List[str], path: set) -> None:
    out.append("{")
    for index, (key, item) in enumerate(value.items()):
        out.append("," if index else "")
        out.append(_encode_string(_key_text(key)))
        out.append(":")
        _write(item, out, path)
    out.append("}")


def _key_text(key: Any) -> str:
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int)):
        return json.dumps(key)
    if isinstance(key, float):
        return js_number(key) if math.isfinite(key) else repr(key).replace("inf", "Infinity").replace("nan", "NaN")
    raise UnserializableError(f"a {type(key).__name__} object key")


def _escape_lone_surrogates(text: str) -> str:
    """``JSON.stringify`` writes a lone surrogate as ``\\udXXX``. A Python
    str can also hold a surrogate pair as two code points, which JS reads
    as the one character they encode."""
    paired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return _SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), paired)
