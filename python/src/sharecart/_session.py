"""SPEC 10 (batch NDJSON over WASI): one long-lived instance of the module
running ``sharecart price --ndjson`` (or ``preview --ndjson``) on a worker
thread, fed one request line at a time.

The command reads stdin to the end, so a reused instance cannot be a plain
``price`` run. The batch mode reads a line, prices it and writes its line
before it asks for more input when nothing else is buffered; the worker's
``fd_read`` blocks until the next request arrives. Each call is then two
thread hand-offs and the pricing, with no instantiation and a warm heap.
If the module asks for input before it has answered (a batch mode that
buffers), the session ends the input so the answer still comes, and is
not reused.
"""

from __future__ import annotations

import threading
from typing import List, Optional

from ._wasi import Command, EngineTrap


class SessionBroken(Exception):
    """The session's instance stopped (a trap, or it exited); the caller
    replaces the session."""


class Session:
    """``price --ndjson`` or ``preview --ndjson`` kept running."""

    def __init__(self, command: Command, entry: str) -> None:
        self._command = command
        self._entry = entry
        self._lock = threading.Condition()
        self._input = bytearray()
        self._output = bytearray()
        self._errors = bytearray()
        # A request was handed over and its answer line is not written yet.
        self._answer_pending = False
        self._closing = False
        self._finished = False
        self._failure: Optional[str] = None
        self.reusable = True
        self._thread = threading.Thread(target=self._main, name=f"sharecart-{entry}", daemon=True)
        self._thread.start()

    def call(self, line: bytes) -> bytes:
        """Sends one request line (no ``\\n`` in it) and returns the answer
        line without its ``\\n``. Raises SessionBroken if the instance
        stopped instead of answering."""
        with self._lock:
            if self._finished or self._closing:
                raise SessionBroken(self._failure or "the session has ended")
            self._input += line
            self._input += b"\n"
            self._answer_pending = True
            self._lock.notify_all()
            while b"\n" not in self._output and not self._finished:
                self._lock.wait()
            if b"\n" not in self._output:
                raise SessionBroken(self._failure or "the engine stopped without answering")
            answer, _, rest = bytes(self._output).partition(b"\n")
            self._output = bytearray(rest)
            return answer

    def close(self) -> None:
        """Ends the input; the instance exits and the worker thread ends."""
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        self._thread.join()

    # ---- the worker side (called from fd_read / fd_write) -------------

    def read(self, size: int) -> bytes:
        with self._lock:
            while not self._input and not self._closing:
                if self._answer_pending:
                    # It wants more input before answering: it would wait
                    # for ever, so end the input and stop reusing it.
                    self.reusable = False
                    return b""
                self._lock.wait()
            chunk = bytes(self._input[:size])
            del self._input[:size]
            return chunk

    def _write_out(self, data: bytes) -> None:
        with self._lock:
            self._output += data
            if b"\n" in data:
                self._answer_pending = False
                self._lock.notify_all()

    def _write_err(self, data: bytes) -> None:
        with self._lock:
            self._errors += data

    def _main(self) -> None:
        failure: Optional[str] = None
        try:
            code = self._command.run([b"sharecart", self._entry.encode(), b"--ndjson"],
                                     self, self._write_out, self._write_err)
            if code != 0:
                failure = f"the engine exited with code {code}: {self._errors.decode('utf-8', 'replace').strip()}"
        except EngineTrap as trap:
            failure = f"the engine trapped: {trap}"
        except BaseException as error:  # a bug in the host: report, never hang the caller
            failure = f"the engine host failed: {error!r}"
        with self._lock:
            self._failure = failure
            self._finished = True
            self._lock.notify_all()


def run_batch(command: Command, entry: str, lines: List[bytes]) -> List[bytes]:
    """One fresh ``--ndjson`` run over all lines (none may hold ``\\n``):
    their answer lines, in order."""
    from io import BytesIO

    out: List[bytes] = []
    err: List[bytes] = []
    stdin = BytesIO(b"".join(line + b"\n" for line in lines))
    code = command.run([b"sharecart", entry.encode(), b"--ndjson"], stdin, out.append, err.append)
    answers = b"".join(out).split(b"\n")
    if code != 0 or len(answers) != len(lines) + 1 or answers[-1] != b"":
        raise EngineTrap(f"the batch run exited with code {code} after {len(answers) - 1} of "
                         f"{len(lines)} lines: {b''.join(err).decode('utf-8', 'replace').strip()}")
    return answers[:-1]
