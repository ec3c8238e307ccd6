"""SPEC 10 (WASI): a minimal ``wasi_snapshot_preview1`` host for the
sharecart command module, with stdin, stdout and stderr in memory.

wasmtime's own WASI context wants stdin as a file on disk; the engine only
needs arguments, three streams, an exit code and entropy for hash-map
seeds, so this host implements those few calls itself over Python byte
buffers. Any other import traps when called (the caller reports an
``engineFault``), so a future module that needs more is caught by tests
rather than silently mis-served.
"""

from __future__ import annotations

import ctypes
import os
import struct
import threading
import time
from typing import Callable, List, Optional, Protocol

import wasmtime

WASI = "wasi_snapshot_preview1"
_SUCCESS = 0
_BADF = 8
_INVAL = 28

_I32 = wasmtime.ValType.i32()
_I64 = wasmtime.ValType.i64()


class StdinSource(Protocol):
    """What the module's stdin reads from: ``read(n)`` returns at most
    ``n`` bytes, ``b""`` at the end of input; it may block."""

    def read(self, size: int) -> bytes: ...


class ProcessExit(Exception):
    """Raised inside ``proc_exit`` to unwind the module with its code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class EngineTrap(Exception):
    """The module trapped (out of memory, a bug, an unsupported import)."""


class _Run:
    """The streams and memory of one ``_start`` call."""

    def __init__(self, store: wasmtime.Store, memory: wasmtime.Memory, args: List[bytes],
                 stdin: StdinSource, stdout: Callable[[bytes], None],
                 stderr: Callable[[bytes], None]) -> None:
        self.store = store
        self.memory = memory
        self.args = args
        self.stdin = stdin
        self.sinks = {1: stdout, 2: stderr}

    def base(self) -> int:
        # Looked up on every call: memory.grow may move the buffer.
        return ctypes.cast(self.memory.data_ptr(self.store), ctypes.c_void_p).value or 0

    def check(self, address: int, size: int) -> None:
        if address < 0 or size < 0 or address + size > self.memory.data_len(self.store):
            raise EngineTrap("the module passed an address outside its memory")

    def write(self, address: int, data: bytes) -> None:
        self.check(address, len(data))
        ctypes.memmove(self.base() + address, data, len(data))

    def read(self, address: int, size: int) -> bytes:
        self.check(address, size)
        return ctypes.string_at(self.base() + address, size)

    def iovecs(self, address: int, count: int) -> List[tuple]:
        raw = self.read(address, 8 * count)
        return [struct.unpack_from("<II", raw, 8 * i) for i in range(count)]


class Command:
    """A compiled WASI command module; ``run`` instantiates it afresh and
    calls ``_start`` with the given arguments and streams."""

    def __init__(self, engine: wasmtime.Engine, module: wasmtime.Module) -> None:
        self._engine = engine
        # Host calls arrive on the thread that called _start, and a thread
        # runs one instance at a time: the run is found per thread, so a
        # session's worker and one-shot runs share this compiled command.
        self._local = threading.local()
        linker = wasmtime.Linker(engine)
        self._define(linker, module)
        linker.define_unknown_imports_as_traps(module)
        self._pre = linker.instantiate_pre(module)

    def run(self, args: List[bytes], stdin: StdinSource, stdout: Callable[[bytes], None],
            stderr: Callable[[bytes], None]) -> int:
        """Runs the module to completion; returns its exit code. A trap
        raises ``EngineTrap``. One run at a time per thread."""
        store = wasmtime.Store(self._engine)
        try:
            instance = self._pre.instantiate(store)
            exports = instance.exports(store)
            memory, start = exports["memory"], exports["_start"]
        except (wasmtime.WasmtimeError, KeyError) as error:
            raise EngineTrap(f"cannot instantiate the module: {error}") from error
        if not isinstance(memory, wasmtime.Memory) or not isinstance(start, wasmtime.Func):
            raise EngineTrap("the module does not export memory and _start")
        if getattr(self._local, "run", None) is not None:
            raise EngineTrap("a run is already in progress on this thread")
        self._local.run = _Run(store, memory, args, stdin, stdout, stderr)
        try:
            start(store)
            return 0
        except ProcessExit as exit_:
            return exit_.code
        except (wasmtime.WasmtimeError, wasmtime.Trap) as error:
            # A ProcessExit raised in a host call may come back wrapped.
            if isinstance(error.__context__, ProcessExit):
                return error.__context__.code
            raise EngineTrap(str(error).splitlines()[0] if str(error) else "trap") from error
        finally:
            self._local.run = None

    # ---- the host functions -------------------------------------------

    def _run(self) -> _Run:
        run = getattr(self._local, "run", None)
        if run is None:
            raise EngineTrap("a WASI call outside a run")
        return run

    def _define(self, linker: wasmtime.Linker, module: wasmtime.Module) -> None:
        table = {
            "args_sizes_get": ([_I32, _I32], [_I32], self._args_sizes_get),
            "args_get": ([_I32, _I32], [_I32], self._args_get),
            "environ_sizes_get": ([_I32, _I32], [_I32], self._environ_sizes_get),
            "environ_get": ([_I32, _I32], [_I32], lambda environ, buffer: _SUCCESS),
            "fd_read": ([_I32, _I32, _I32, _I32], [_I32], self._fd_read),
            "fd_write": ([_I32, _I32, _I32, _I32], [_I32], self._fd_write),
            "proc_exit": ([_I32], [], self._proc_exit),
            "random_get": ([_I32, _I32], [_I32], self._random_get),
            "sched_yield": ([], [_I32], lambda: _SUCCESS),
            "clock_time_get": ([_I32, _I64, _I32], [_I32], self._clock_time_get),
        }
        for item in module.imports:
            if item.module == WASI and item.name in table:
                params, results, func = table[item.name]
                linker.define_func(WASI, item.name, wasmtime.FuncType(params, results), func)

    def _args_sizes_get(self, count_at: int, size_at: int) -> int:
        run = self._run()
        run.write(count_at, struct.pack("<I", len(run.args)))
        run.write(size_at, struct.pack("<I", sum(len(a) + 1 for a in run.args)))
        return _SUCCESS

    def _args_get(self, pointers_at: int, buffer_at: int) -> int:
        run = self._run()
        for index, arg in enumerate(run.args):
            run.write(pointers_at + 4 * index, struct.pack("<I", buffer_at))
            run.write(buffer_at, arg + b"\0")
            buffer_at += len(arg) + 1
        return _SUCCESS

    def _environ_sizes_get(self, count_at: int, size_at: int) -> int:
        run = self._run()
        run.write(count_at, b"\0\0\0\0")
        run.write(size_at, b"\0\0\0\0")
        return _SUCCESS

    def _fd_read(self, fd: int, iovs_at: int, iovs_len: int, nread_at: int) -> int:
        run = self._run()
        if fd != 0:
            return _BADF
        total = 0
        for address, size in run.iovecs(iovs_at, iovs_len):
            if size == 0:
                continue
            data = run.stdin.read(size)
            run.write(address, data)
            total += len(data)
            # Return what is there rather than block for more.
            break
        run.write(nread_at, struct.pack("<I", total))
        return _SUCCESS

    def _fd_write(self, fd: int, iovs_at: int, iovs_len: int, written_at: int) -> int:
        run = self._run()
        sink = run.sinks.get(fd)
        if sink is None:
            return _BADF
        total = 0
        for address, size in run.iovecs(iovs_at, iovs_len):
            sink(run.read(address, size))
            total += size
        run.write(written_at, struct.pack("<I", total))
        return _SUCCESS

    def _proc_exit(self, code: int) -> None:
        raise ProcessExit(code)

    def _random_get(self, buffer_at: int, size: int) -> int:
        # Seeds for Rust's hash maps; the engine's output never depends on them.
        self._run().write(buffer_at, os.urandom(size))
        return _SUCCESS

    def _clock_time_get(self, clock_id: int, precision: int, time_at: int) -> int:
        if clock_id not in (0, 1):
            return _INVAL
        now = time.time_ns() if clock_id == 0 else time.monotonic_ns()
        self._run().write(time_at, struct.pack("<Q", now))
        return _SUCCESS
