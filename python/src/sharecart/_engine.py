"""SPEC 10 (WASI): the sharecart engine for Python, running the WASI build
of the CLI (``sharecart.wasi.wasm``) in-process with wasmtime.

Pricing and previews go to a long-lived instance per entry point (the
CLI's ``--ndjson`` batch mode on a worker thread, see ``_session``);
share codes, ``engine_info`` and request texts that contain a newline
(which a batch line cannot hold) run on a fresh instance of the module,
compiled once per process.
"""

from __future__ import annotations

import functools
import json
import threading
import weakref
from importlib import resources
from io import BytesIO
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import wasmtime

from ._jstext import UnserializableError, stringify_utf8
from ._session import Session, SessionBroken, run_batch
from ._wasi import Command, EngineTrap

WASM_NAME = "sharecart.wasi.wasm"
_ERROR_PREFIX = b'{"error":'


class SharecartError(Exception):
    """A typed engine error (SPEC 8): ``code`` (e.g. ``"invalidAmount"``),
    ``path`` (e.g. ``"lines[0].listPrice"``, ``""`` for the whole input)
    and a human ``message``. ``engineFault`` means the engine itself
    failed; the next call runs on a fresh instance."""

    def __init__(self, code: str, path: str, message: str) -> None:
        super().__init__(f"{code} at {path!r}: {message}")
        self.code = code
        self.path = path
        self.message = message


@functools.lru_cache(maxsize=None)
def _compiled(path: Optional[str]) -> Command:
    """The module compiled once per process and path (compiling takes a
    few hundred milliseconds; instantiating it, well under one)."""
    engine = wasmtime.Engine()
    if path is None:
        data = resources.files("sharecart").joinpath(WASM_NAME).read_bytes()
    else:
        with open(path, "rb") as file:
            data = file.read()
    return Command(engine, wasmtime.Module(engine, data))


def _close_sessions(sessions: Dict[str, Session]) -> None:
    for entry in list(sessions):
        sessions.pop(entry).close()


def _fault(message: str) -> SharecartError:
    return SharecartError("engineFault", "", message)


def _error_from_json(text: bytes) -> SharecartError:
    try:
        error = json.loads(text)["error"]
        return SharecartError(error["code"], error["path"], error["message"])
    except (ValueError, KeyError, TypeError):
        return _fault(f"unreadable error output: {text[:200]!r}")


def _answer(line: bytes) -> str:
    """A batch answer line: the result text, or the error it reports."""
    if line.startswith(_ERROR_PREFIX):
        raise _error_from_json(line)
    return line.decode("utf-8")


def _text_bytes(text: Any) -> bytes:
    """SPEC 10: a text twin refuses a non-string (invalidType) and a string
    that is not well-formed Unicode (invalidJson), both at ``""``."""
    if not isinstance(text, str):
        raise SharecartError("invalidType", "", f"expected a JSON text (str), got {type(text).__name__}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise SharecartError("invalidJson", "", "the text holds a lone surrogate") from None


def _object_bytes(value: Any) -> bytes:
    """SPEC 0: what ``JSON.stringify`` makes of the value; what it cannot
    write is invalidJson at ``""``."""
    try:
        return stringify_utf8(value)
    except UnserializableError as error:
        raise SharecartError("invalidJson", "", f"the input cannot be written as JSON: {error}") from None


class Engine:
    """One sharecart engine: compiled module, plus one long-lived instance
    each for pricing and previews, started on first use. Thread-safe (calls
    are serialised); ``close()`` (or ``with Engine() as engine:``) stops
    the instances. ``wasm_path`` selects another build of the module."""

    def __init__(self, wasm_path: Optional[str] = None) -> None:
        self._command = _compiled(wasm_path)
        self._lock = threading.Lock()
        self._sessions: Dict[str, Session] = {}
        self._info: Optional[str] = None
        # An engine dropped without close() still stops its worker threads.
        weakref.finalize(self, _close_sessions, self._sessions)
        self.sessions_started = 0
        """How many long-lived instances this engine has started (one per
        entry point, more only after a fault): for tests and monitoring."""

    # ---- pricing ------------------------------------------------------

    def price_cart(self, request: Mapping[str, Any]) -> Dict[str, Any]:
        """Prices a cart (SPEC 1–7a): the result as a dict, amounts as
        strings such as ``"59.90"``. Raises SharecartError."""
        return json.loads(self._priced("price", _object_bytes(request)))

    def price_cart_json(self, text: str) -> str:
        """``price_cart`` on JSON text: the result's compact JSON text,
        byte for byte what ``sharecart price`` prints (without the
        newline)."""
        return self._priced("price", _text_bytes(text))

    def preview_share_card(self, request: Mapping[str, Any]) -> Dict[str, Any]:
        """The share-card preview (SPEC 7, 分享赚) of a one-line request."""
        return json.loads(self._priced("preview", _object_bytes(request)))

    def preview_share_card_json(self, text: str) -> str:
        """``preview_share_card`` on JSON text, as ``sharecart preview``
        prints it (without the newline)."""
        return self._priced("preview", _text_bytes(text))

    def price_cart_json_batch(self, texts: Sequence[str]) -> List[str]:
        """Prices many request texts in one run of ``price --ndjson`` on a
        fresh instance (the fastest way over a dataset): one output text
        per input, the result or ``{"error":{"code","path","message"}}``,
        each exactly the line the native ``sharecart price --ndjson``
        writes for it."""
        return self._batch("price", texts)

    def preview_share_card_json_batch(self, texts: Sequence[str]) -> List[str]:
        """``price_cart_json_batch`` for previews (``preview --ndjson``)."""
        return self._batch("preview", texts)

    # ---- share codes and info -----------------------------------------

    def encode_share_code(self, fields: Mapping[str, Any], options: Optional[Mapping[str, Any]] = None) -> str:
        """A share code for ``fields`` (SPEC 9); ``options`` may hold
        ``key`` (hex, signs the code) and ``maxLength``."""
        envelope: Dict[str, Any] = {"fields": fields}
        if options is not None:
            envelope["options"] = options
        return json.loads(self._once([b"share", b"encode"], _object_bytes(envelope)))["code"]

    def encode_share_code_json(self, text: str) -> str:
        """``sharecart share encode`` on ``{"fields", "options"?}`` text:
        ``{"code": "..."}`` text."""
        return self._once([b"share", b"encode"], _text_bytes(text))

    def decode_share_code(self, input: str, options: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        """Decodes a share code (or a text holding one): ``{"fields",
        "signed", "verified"}``. ``options``: ``key``, ``requireSignature``,
        ``now``, ``maxAgeMs``."""
        envelope: Dict[str, Any] = {"input": input}
        if options is not None:
            envelope["options"] = options
        return json.loads(self._once([b"share", b"decode"], _object_bytes(envelope)))

    def decode_share_code_json(self, text: str) -> str:
        """``sharecart share decode`` on ``{"input", "options"?}`` text."""
        return self._once([b"share", b"decode"], _text_bytes(text))

    def engine_info(self) -> Dict[str, Any]:
        """``{"version", "spec"}`` of the module."""
        if self._info is None:
            self._info = self._once([b"info"], b"")
        return json.loads(self._info)

    # ---- lifecycle ----------------------------------------------------

    def close(self) -> None:
        """Stops the long-lived instances (a later call starts them again)."""
        with self._lock:
            _close_sessions(self._sessions)

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- plumbing -----------------------------------------------------

    def _priced(self, entry: str, data: bytes) -> str:
        if b"\n" in data:
            # A batch line cannot hold it: one run of the one-request command.
            return self._once([entry.encode()], data)
        with self._lock:
            session = self._sessions.get(entry)
            if session is None:
                session = self._sessions[entry] = Session(self._command, entry)
                self.sessions_started += 1
            try:
                line = session.call(data)
            except SessionBroken as broken:
                del self._sessions[entry]
                raise _fault(str(broken)) from None
            if not session.reusable:
                del self._sessions[entry]
                session.close()
        return _answer(line)

    def _once(self, args: List[bytes], data: bytes) -> str:
        code, stdout, stderr = self._run_once(args, data)
        if code == 0 and stdout.endswith(b"\n"):
            return stdout[:-1].decode("utf-8")
        if code == 2:
            raise _error_from_json(stderr)
        raise _fault(f"the engine exited with code {code}: {stderr.decode('utf-8', 'replace').strip()}")

    def _run_once(self, args: List[bytes], data: bytes) -> Tuple[int, bytes, bytes]:
        """One run of the command on a fresh instance: (exit, stdout, stderr)."""
        out: List[bytes] = []
        err: List[bytes] = []
        with self._lock:
            try:
                code = self._command.run([b"sharecart", *args], BytesIO(data), out.append, err.append)
            except EngineTrap as trap:
                raise _fault(f"the engine trapped: {trap}") from None
        return code, b"".join(out), b"".join(err)

    def _batch(self, entry: str, texts: Sequence[str]) -> List[str]:
        encoded = [_text_bytes(text) for text in texts]
        simple = [i for i, data in enumerate(encoded) if b"\n" not in data]
        answers: List[str] = [""] * len(encoded)
        with self._lock:
            try:
                lines = run_batch(self._command, entry, [encoded[i] for i in simple])
            except EngineTrap as trap:
                raise _fault(str(trap)) from None
        for index, line in zip(simple, lines):
            answers[index] = line.decode("utf-8")
        for index in set(range(len(encoded))) - set(simple):
            answers[index] = self._batch_line_of(entry, encoded[index])
        return answers

    def _batch_line_of(self, entry: str, data: bytes) -> str:
        """The batch output line for a request text holding a newline: the
        one-request command's stdout or stderr line (SPEC 10: the same)."""
        code, stdout, stderr = self._run_once([entry.encode()], data)
        output = stdout if code == 0 else stderr if code == 2 else b""
        if not output.endswith(b"\n"):
            raise _fault(f"the engine exited with code {code}: {stderr.decode('utf-8', 'replace').strip()}")
        return output[:-1].decode("utf-8")
