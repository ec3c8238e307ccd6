"""sharecart for Python (SPEC 10, WASI): cart pricing, coupon stacking,
commission previews and share codes, computed by the very same compiled
engine as the mini-program, the web page and the native server — the WASI
build of the sharecart CLI, run in-process with wasmtime.

    >>> import sharecart
    >>> result = sharecart.price_cart({
    ...     "now": 1764000000000,
    ...     "shops": [{"id": "jd"}],
    ...     "lines": [{"id": "L1", "skuId": "100012345678", "shopId": "jd",
    ...                "listPrice": "59.90", "quantity": 2}],
    ... })
    >>> result["totals"]["payable"]
    '119.80'

Amounts are decimal strings, never floats. Errors raise SharecartError
with ``code``, ``path`` and ``message``. The module-level functions share
one ``Engine`` (created on first use); create your own ``Engine`` to
control its lifetime, e.g. one per Spark partition.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, Mapping, Optional, Sequence, List

from ._engine import Engine, SharecartError
from ._jstext import stringify

__all__ = [
    "Engine", "SharecartError", "price_cart", "price_cart_json", "preview_share_card",
    "preview_share_card_json", "price_cart_json_batch", "encode_share_code", "encode_share_code_json",
    "decode_share_code", "decode_share_code_json", "engine_info", "stringify",
]

_default: Optional[Engine] = None
_default_lock = threading.Lock()


def default_engine() -> Engine:
    """The process-wide engine the module-level functions use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Engine()
        return _default


def price_cart(request: Mapping[str, Any]) -> Dict[str, Any]:
    """Prices a cart (SPEC 1–7a); see ``Engine.price_cart``."""
    return default_engine().price_cart(request)


def price_cart_json(text: str) -> str:
    """``price_cart`` on JSON text; see ``Engine.price_cart_json``."""
    return default_engine().price_cart_json(text)


def preview_share_card(request: Mapping[str, Any]) -> Dict[str, Any]:
    """The share-card preview; see ``Engine.preview_share_card``."""
    return default_engine().preview_share_card(request)


def preview_share_card_json(text: str) -> str:
    """The preview on JSON text; see ``Engine.preview_share_card_json``."""
    return default_engine().preview_share_card_json(text)


def price_cart_json_batch(texts: Sequence[str]) -> List[str]:
    """Many request texts in one run; see ``Engine.price_cart_json_batch``."""
    return default_engine().price_cart_json_batch(texts)


def encode_share_code(fields: Mapping[str, Any], options: Optional[Mapping[str, Any]] = None) -> str:
    """A share code (SPEC 9); see ``Engine.encode_share_code``."""
    return default_engine().encode_share_code(fields, options)


def encode_share_code_json(text: str) -> str:
    """``share encode`` on text; see ``Engine.encode_share_code_json``."""
    return default_engine().encode_share_code_json(text)


def decode_share_code(input: str, options: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """Decodes a share code; see ``Engine.decode_share_code``."""
    return default_engine().decode_share_code(input, options)


def decode_share_code_json(text: str) -> str:
    """``share decode`` on text; see ``Engine.decode_share_code_json``."""
    return default_engine().decode_share_code_json(text)


def engine_info() -> Dict[str, Any]:
    """``{"version", "spec"}`` of the engine."""
    return default_engine().engine_info()
